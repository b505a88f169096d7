"""Publication: numbered versions of the general-debate speakers list and the side-event programme.

The secretariat publishes the working state as version n (`services.publish`, under the session's
lock). The public pages, their PDFs and the Atom feed read the published versions (`views`, `api`),
each with its change log against the version before; the calendar feeds and the schedule JSON take
the slots' and side events' times and places from them (`feeds`); a delegation's home page says
what the latest version changed for it.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    """Wire publication into the app: its pages, its API routes, the delegation home page's section."""
    from meetings.hooks import hooks_of
    from meetings.publication import api, feeds, models, views  # noqa: F401

    app.register_blueprint(views.bp)
    api.routes.register(app)
    hooks = hooks_of(app)
    hooks.add_delegation_section("publication/_delegation.html")
    hooks.add_agenda_filter(feeds.published_in_agenda)
