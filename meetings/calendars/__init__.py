"""Calendars that clients can subscribe to and trust.

Each event keeps one SEQUENCE for every feed that carries it, raised only when its time, place or
status changes (`services.publish`, through which every feed passes); feeds answer with an ETag and
Last-Modified (`feeds.serve`); each delegation and each user has a secret feed address, signed,
renewable and revocable from the home page (`views`, `api`).
"""

from flask import Flask


def init_app(app: Flask) -> None:
    """Wire calendars into the app: the secret feeds and their addresses (pages, API), the home page's section."""
    from meetings.calendars import api, models, views  # noqa: F401
    from meetings.hooks import hooks_of

    app.register_blueprint(views.bp)
    api.routes.register(app)
    hooks_of(app).add_delegation_section("calendars/_delegation.html")
