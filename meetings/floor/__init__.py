"""A meeting in progress: the timer, the turns, floor requests, the projector screen."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Wire the floor into the app: blueprint, API routes, navigation, delegation section."""
    from meetings.floor import api, screen, views
    from meetings.hooks import hooks_of
    from meetings.i18n.words import _l

    app.register_blueprint(views.bp)
    api.routes.register(app)
    app.wsgi_app = screen.CachedPolls(app, app.wsgi_app)
    hooks = hooks_of(app)
    hooks.add_nav(_l("Floor"), "floor.list_meetings")
    hooks.add_delegation_section("floor/_delegation.html")
