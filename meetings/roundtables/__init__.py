"""Roundtables: co-chair nominations, the co-chairs' console, panelists, the co-chairs' summary.

Two developers' parts meet here: nominations and co-chairs (`nominations`, `views`, `api`) and
the panel, the summary and the outputs (`panel`, `panel_views`, `panel_api`).
"""

from importlib import import_module
from importlib.util import find_spec

from flask import Flask


def _part(name: str):
    """A module of part B (panel, summary, outputs) when it is there; None while it is not written yet."""
    qualified = f"meetings.roundtables.{name}"
    return import_module(qualified) if find_spec(qualified) is not None else None


def init_app(app: Flask) -> None:
    """Wire roundtables into the app: blueprint (with part B's pages on it), API routes, navigation,
    the delegation's section of its home page, and the co-chairs' access to their roundtable's floor."""
    from meetings.hooks import hooks_of
    from meetings.i18n.words import _l
    from meetings.roundtables import api, models, permissions, rule_changes, views  # noqa: F401

    _part("panel_views")  # its routes go on views.bp, so before the blueprint is registered
    app.register_blueprint(views.bp)
    api.routes.register(app)
    panel_api = _part("panel_api")
    if panel_api is not None:
        panel_api.routes.register(app)
    hooks = hooks_of(app)
    hooks.add_nav(_l("Roundtables"), "roundtables.list_roundtables")
    hooks.add_delegation_section("roundtables/_delegation.html")
    hooks.add_floor_runner(permissions.is_cochair_of_block)
    hooks.add_rules_listener(rule_changes.follow_rules)
    # Part B: the panelists in order on the console's list; roundtables with their people in the agenda
    # and in the feeds of the delegations whose people are co-chairs or panelists.
    from meetings.roundtables import panel, report

    hooks.add_lineup_source(panel.panelists_on_the_floor)
    hooks.add_grant_check(panel.floor_speaker_refusal)
    hooks.add_agenda_source(report.roundtables_in_agenda)
    hooks.add_private_agenda_source(report.nominations_in_private_feed)
