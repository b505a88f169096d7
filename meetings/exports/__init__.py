"""Exports: functions that return bytes (.ics, .pdf); views only send them."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Wire the exports into the app: blueprint, API routes, the meeting blocks in the agenda."""
    from meetings.exports import agenda, api, views
    from meetings.hooks import hooks_of

    app.register_blueprint(views.bp)
    api.routes.register(app)
    hooks_of(app).add_agenda_source(agenda.meeting_blocks)
