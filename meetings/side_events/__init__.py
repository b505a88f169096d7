"""High-level and regular side events: applications, the first-come-first-served queue, the schedule."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Wire side events into the app: blueprint, API routes, navigation, delegation section,
    the scheduled events in the agenda, the high-level cap following the rules."""
    from meetings.hooks import hooks_of
    from meetings.i18n.words import _l
    from meetings.side_events import api, exports, services, views

    app.register_blueprint(views.bp)
    api.routes.register(app)
    hooks = hooks_of(app)
    hooks.add_nav(_l("Side events"), "side_events.list_events")
    hooks.add_delegation_section("side_events/_delegation.html")
    hooks.add_agenda_source(exports.side_events_in_agenda)
    hooks.add_private_agenda_source(exports.pending_side_events)
    hooks.add_rules_listener(services.follow_cap)
