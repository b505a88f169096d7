"""The Commission's session: segments, days, rooms, meeting blocks and its rules."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Wire the session's programme into the app: blueprint, API routes."""
    from meetings.programme import api, views

    app.register_blueprint(views.bp)
    api.routes.register(app)
