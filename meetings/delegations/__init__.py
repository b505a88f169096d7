"""Regional groups, Member States, observers and the other kinds of delegation."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Wire the delegations into the app: blueprint, API routes."""
    from meetings.delegations import api, views

    app.register_blueprint(views.bp)
    api.routes.register(app)
