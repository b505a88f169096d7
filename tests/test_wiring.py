"""Explicit wiring: every app gets its own registrations, each exactly once."""

from meetings.hooks import hooks_of


def test_each_app_has_its_own_hooks_and_no_doubles(app, db_app):
    mine, other = hooks_of(app), hooks_of(db_app)
    assert mine is not other
    assert [item.endpoint for item in mine.nav_items] == [
        "debate.show_list",
        "publication.speakers_list",
        "floor.list_meetings",
        "side_events.list_events",
        "roundtables.list_roundtables",
        "registration.overview",
        "bilaterals.show_grid",
        "report.index",
    ]
    assert mine.nav_items == other.nav_items
    for hooks in (mine, other):
        for registry in (
            hooks.nav_items,
            hooks.delegation_sections,
            hooks.lineup_sources,
            hooks.floor_listeners,
            hooks.rules_listeners,
            hooks.agenda_sources,
            hooks.floor_runners,
        ):
            assert registry, "a registry is empty"
            assert len(registry) == len(set(registry)), "something is registered twice"


def test_api_routes_and_their_documents_are_per_app(app, db_app):
    for flask_app in (app, db_app):
        docs = flask_app.extensions["meetings.api"].docs
        endpoints = [f"api.{doc.endpoint}" for doc in docs]
        assert len(endpoints) == len(set(endpoints))
        rules = {rule.endpoint for rule in flask_app.url_map.iter_rules() if rule.endpoint.startswith("api.")}
        assert rules == set(endpoints)
    assert app.extensions["meetings.api"].blueprint is not db_app.extensions["meetings.api"].blueprint


def test_commands_are_added_by_the_features(app):
    assert {"init-db", "demo", "create-user", "verify-draw"} <= set(app.cli.commands)
