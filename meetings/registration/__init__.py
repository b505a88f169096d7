"""Registration by segment: a delegation registers its participants (high-level segment, regular segment or
both; in person or online) with its note verbale; the secretariat approves or returns the registration; the
lists per segment and per delegation with their counts; which delegations are not registered for the
high-level segment; and, through meetings.hooks, the general debate's speakers checked against the
registered high-level participants."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Wire registration into the app: blueprint, API routes, navigation (delegations and the secretariat),
    the delegation's section of its home page, and what it answers other features through the hooks."""
    from meetings.hooks import hooks_of
    from meetings.i18n.words import _l
    from meetings.registration import api, lists, models, permissions, services, views  # noqa: F401

    app.register_blueprint(views.bp)
    api.routes.register(app)
    hooks = hooks_of(app)
    hooks.add_nav(_l("Registration"), "registration.overview", visible=permissions.can_register)
    hooks.add_delegation_section("registration/_delegation.html")
    hooks.add_speaker_choices(lists.speaker_choices)
    hooks.add_speaker_notes(lists.speaker_notes)
    hooks.add_registered_check(services.registered_for_session)
