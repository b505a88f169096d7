"""Bilateral meeting rooms: the grid of slots, bookings with a counterpart that confirms or declines,
the grid page, door sheets and the delegations' calendars."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Wire bilateral rooms into the app: blueprint, API routes, navigation, the delegation's section of
    its home page (meetings awaiting its answer), its meetings in its calendar feed."""
    from meetings.bilaterals import api, exports, models, views  # noqa: F401
    from meetings.hooks import hooks_of
    from meetings.i18n.words import _l

    app.register_blueprint(views.bp)
    api.routes.register(app)
    hooks = hooks_of(app)
    hooks.add_nav(_l("Bilateral rooms"), "bilaterals.show_grid")
    hooks.add_delegation_section("bilaterals/_delegation.html")
    hooks.add_agenda_source(exports.bilaterals_in_agenda)
