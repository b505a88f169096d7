"""The panel and the summary of a roundtable as JSON, through the same services and forms as the pages.

Registered by the roundtables' init_app (`routes.register(app)`); nothing registers by import.
"""

from flask import jsonify

from meetings.api import ApiRoutes, api_user, validated
from meetings.api.schemas import BOOL, INSTANT, INT, STR, arr, maybe, obj
from meetings.programme.services import require_commission_session
from meetings.roundtables import panel, permissions
from meetings.roundtables.models import Panelist, Roundtable
from meetings.roundtables.nominations import roundtable_for
from meetings.roundtables.panel_forms import PanelistsForm, ReopenForm, SummaryForm
from meetings.timeutil import to_local

routes = ApiRoutes()

ROUNDTABLE_NAMED = obj(id=INT, number=INT, topic=STR)
PANEL = obj(roundtable=ROUNDTABLE_NAMED, limit_s=INT, seen=maybe(STR),
            ngo=obj(max=INT, panelists=INT, panelists_max=maybe(INT), floor=INT, floor_max=maybe(INT)),
            panelists=arr(obj(position=INT, name=STR, title=STR, remote=BOOL,
                              delegation=obj(code=STR, name=STR, kind=STR))))  # fmt: skip
SUMMARY = obj(roundtable=ROUNDTABLE_NAMED, summary=maybe(STR), final=BOOL, final_at=maybe(INSTANT),
              updated_at=maybe(INSTANT), seen=maybe(STR))  # fmt: skip


def _iso(instant, tz: str) -> str | None:
    return to_local(instant, tz).isoformat() if instant is not None else None


def panelist_dict(p: Panelist) -> dict:
    return {"position": p.position, "name": p.name, "title": p.title, "remote": p.remote,
            "delegation": {"code": p.delegation.code, "name": p.delegation.name, "kind": p.delegation.kind.value}}  # fmt: skip


def panel_dict(cs, rt: Roundtable) -> dict:
    r = cs.rules
    panelists = panel.panelists_of(rt)
    return {
        "roundtable": {"id": rt.id, "number": rt.number, "topic": rt.topic},
        "panelists": [panelist_dict(p) for p in panelists],
        "ngo": {"panelists": sum(panel.is_ngo(p.delegation) for p in panelists),
                "floor": panel.ngo_floor_speakers(rt), "panelists_max": r.rt_ngo_panelists_max,
                "floor_max": r.rt_ngo_floor_max, "max": r.rt_ngo_max},
        "limit_s": r.rt_limit_panelist_s,
        "seen": panel.panel_seen(rt),
    }  # fmt: skip


def summary_dict(cs, rt: Roundtable, user) -> dict:
    """The summary: its text once final, or to those who write it before."""
    final = rt.summary_final_at is not None
    readable = final or permissions.can_edit_summary(user, rt)
    return {
        "roundtable": {"id": rt.id, "number": rt.number, "topic": rt.topic},
        "final": final,
        "final_at": _iso(rt.summary_final_at, cs.timezone),
        "updated_at": _iso(rt.summary_updated_at, cs.timezone) if readable else None,
        "summary": rt.summary if readable else None,
        "seen": panel.summary_seen(rt) if readable else None,
    }


def _roundtable(roundtable_id: int):
    cs = require_commission_session()
    return cs, roundtable_for(cs, roundtable_id)


@routes.route("/roundtables/<int:roundtable_id>/panelists", response=PANEL, summary="A roundtable's panelists in speaking order, "
              "with the NGO caps and counts", public=True)  # fmt: skip
def roundtable_panelists(roundtable_id: int):
    cs, rt = _roundtable(roundtable_id)
    return jsonify(panel_dict(cs, rt))


@routes.route("/roundtables/<int:roundtable_id>/panelists", ["PUT"], form=PanelistsForm,
              response=PANEL, summary="Replace the whole ordered list of panelists (the secretariat or a confirmed co-chair of this "
              "roundtable): columns of one value per panelist; refused as a whole when a row or an NGO cap says no")  # fmt: skip
def replace_roundtable_panelists(roundtable_id: int):
    cs, rt = _roundtable(roundtable_id)
    form = validated(PanelistsForm)
    rows = [panel.PanelistRow(**row) for row in form.rows]
    panel.set_panelists(cs, api_user(), rt, rows, form.seen.data or None)
    return jsonify(panel_dict(cs, rt))


@routes.route("/roundtables/<int:roundtable_id>/summary", response=SUMMARY, summary="A roundtable's summary of key points: public once "
              "final; before, to its co-chairs and the secretariat", public=True)  # fmt: skip
def roundtable_summary(roundtable_id: int):
    cs, rt = _roundtable(roundtable_id)
    return jsonify(summary_dict(cs, rt, api_user()))


@routes.route("/roundtables/<int:roundtable_id>/summary", ["PUT"], form=SummaryForm,
              response=SUMMARY, summary="Edit the summary of key points (the confirmed co-chairs of this roundtable and the "
              "secretariat; not once final)")  # fmt: skip
def edit_roundtable_summary(roundtable_id: int):
    cs, rt = _roundtable(roundtable_id)
    form = validated(SummaryForm)
    user = api_user()
    panel.edit_summary(cs, user, rt, form.summary.data or "", form.seen.data or None)
    return jsonify(summary_dict(cs, rt, user))


@routes.route("/roundtables/<int:roundtable_id>/summary/final", ["POST"], allow=permissions.can_finalize_summary,
              response=SUMMARY, summary="Mark the summary final (never an empty one); it is then no longer edited")  # fmt: skip
def finalize_roundtable_summary(roundtable_id: int):
    cs, rt = _roundtable(roundtable_id)
    user = api_user()
    panel.finalize_summary(cs, user, rt)
    return jsonify(summary_dict(cs, rt, user))


@routes.route("/roundtables/<int:roundtable_id>/summary/reopen", ["POST"], form=ReopenForm,
              allow=permissions.can_finalize_summary,
              response=SUMMARY, summary="Reopen a final summary for the co-chairs, with the reason kept on record")  # fmt: skip
def reopen_roundtable_summary(roundtable_id: int):
    cs, rt = _roundtable(roundtable_id)
    form = validated(ReopenForm)
    user = api_user()
    panel.reopen_summary(cs, user, rt, form.reason.data or "")
    return jsonify(summary_dict(cs, rt, user))
