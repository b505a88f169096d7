"""The general debate: inscriptions, quotas, the drawing of lots, the order and projected times."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Wire the general debate into the app: blueprint, API routes, navigation, delegation section,
    speaking slots in the agenda, the list as a floor's lineup, what it hears of the floor, verify-draw."""
    from meetings.debate import api, cli, documents, on_the_floor, permissions, views
    from meetings.hooks import hooks_of
    from meetings.i18n.words import _l

    app.register_blueprint(views.bp)
    api.routes.register(app)
    hooks = hooks_of(app)
    hooks.add_nav(_l("General debate"), "debate.show_list", permissions.can_see_working_list)
    # Everyone else reads the latest published version of the list.
    hooks.add_nav(_l("General debate"), "publication.speakers_list", permissions.reads_published_list)
    hooks.add_delegation_section("debate/_delegation_section.html")
    hooks.add_agenda_source(documents.speaking_slots)
    hooks.add_lineup_source(on_the_floor.debate_lineup)
    hooks.add_floor_listener(on_the_floor.heard_on_the_floor)
    app.cli.add_command(cli.verify_draw_command)
