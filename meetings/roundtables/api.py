"""Roundtables and co-chair nominations as JSON, through the same services and forms as the pages."""

from flask import jsonify, request

from meetings.api import ApiError, ApiRoutes, api_user, validated
from meetings.api.schemas import BOOL, DATE, INSTANT, INT, STR, arr, maybe, obj
from meetings.i18n.words import _
from meetings.programme.services import require_commission_session
from meetings.roundtables import nominations, permissions
from meetings.roundtables.forms import DecisionForm, NominationForm, RoundtableForm, WithdrawNominationForm
from meetings.roundtables.models import Nomination, NominationStatus, Roundtable
from meetings.timeutil import to_local

routes = ApiRoutes()

NAMED = obj(code=STR, name=STR)
ROUNDTABLE = obj(id=INT, number=INT, topic=STR, block_id=INT, meeting=STR, day=DATE, starts_at=INSTANT, ends_at=INSTANT,
                 room=STR, cancelled=BOOL, cochairs_per_roundtable=INT, groups_distinct_across=BOOL,
                 nominations_close=maybe(INSTANT), limits=obj(panelist_s=INT, floor_s=INT),
                 ngo_caps=obj(total=INT, panelists=maybe(INT), floor=maybe(INT)),
                 cochairs=arr(obj(seat=INT, name=STR, title=STR, delegation=NAMED, regional_group=maybe(NAMED))))  # fmt: skip
NOMINATION = obj(id=INT, roundtable=obj(id=INT, number=INT), delegation=NAMED, nominee_name=STR, nominee_title=STR,
                 on_behalf_of_group=maybe(STR), regional_group=maybe(STR), status=STR, seat=maybe(INT),
                 reason=maybe(STR), account=maybe(STR), submitted_at=INSTANT, decided_at=maybe(INSTANT))  # fmt: skip


def _iso(instant, tz: str) -> str | None:
    return to_local(instant, tz).isoformat() if instant is not None else None


def cochair_dict(n: Nomination) -> dict:
    group = n.delegation.regional_group
    return {"seat": n.seat, "name": n.nominee_name, "title": n.nominee_title,
            "delegation": {"code": n.delegation.code, "name": n.delegation.name},
            "regional_group": {"code": group.code, "name": group.name} if group else None}  # fmt: skip


def roundtable_dict(t: Roundtable) -> dict:
    cs, block = t.commission_session, t.block
    r, tz = cs.rules, cs.timezone
    return {
        "id": t.id, "number": t.number, "topic": t.topic, "block_id": block.id, "meeting": block.title,
        "day": to_local(block.starts_at, tz).date().isoformat(), "starts_at": _iso(block.starts_at, tz),
        "ends_at": _iso(block.ends_at, tz), "room": block.room.name, "cancelled": block.is_cancelled,
        "cochairs": [cochair_dict(n) for n in nominations.confirmed_cochairs(t)],
        "cochairs_per_roundtable": r.cochairs_per_roundtable,
        "limits": {"panelist_s": r.rt_limit_panelist_s, "floor_s": r.rt_limit_floor_s},
        "ngo_caps": {"panelists": r.rt_ngo_panelists_max, "floor": r.rt_ngo_floor_max, "total": r.rt_ngo_max},
        "groups_distinct_across": r.rt_groups_distinct_across,
        "nominations_close": _iso(r.nominations_close, tz),
    }  # fmt: skip


def nomination_dict(n: Nomination) -> dict:
    tz = n.roundtable.commission_session.timezone
    return {
        "id": n.id, "roundtable": {"id": n.roundtable_id, "number": n.roundtable.number},
        "delegation": {"code": n.delegation.code, "name": n.delegation.name},
        "nominee_name": n.nominee_name, "nominee_title": n.nominee_title,
        "on_behalf_of_group": n.on_behalf_of_group.name if n.on_behalf_of_group else None,
        "account": n.user.username if n.user else None, "status": n.status.value, "seat": n.seat,
        "regional_group": n.delegation.regional_group.name if n.confirmed_group_id else None,
        "submitted_at": _iso(n.submitted_at, tz), "decided_at": _iso(n.decided_at, tz), "reason": n.reason,
    }  # fmt: skip


@routes.route("/roundtables", response=arr(ROUNDTABLE), summary="The session's roundtables: topic, day, time, room, co-chairs, caps and limits",
              public=True)  # fmt: skip
def get_roundtables():
    cs = require_commission_session()
    return jsonify([roundtable_dict(t) for t in nominations.roundtables_of(cs)])


@routes.route(
    "/roundtables/<int:roundtable_id>",
    response=ROUNDTABLE,
    summary="One roundtable with its confirmed co-chairs",
    public=True,
)
def get_roundtable(roundtable_id: int):
    cs = require_commission_session()
    return jsonify(roundtable_dict(nominations.roundtable_for(cs, roundtable_id)))


@routes.route("/roundtables", ["POST"], status=201, form=RoundtableForm, allow=permissions.can_manage_roundtables,
              response=ROUNDTABLE, summary="Set up a roundtable (number, topic) on one of the session's roundtable meetings")  # fmt: skip
def post_roundtable():
    cs = require_commission_session()
    form = validated(RoundtableForm)
    roundtable = nominations.create_roundtable(cs, api_user(), block_id=form.block_id.data, number=form.number.data,
                                               topic=form.topic.data)  # fmt: skip
    return jsonify(roundtable_dict(roundtable)), 201


@routes.route("/roundtables/<int:roundtable_id>/nominations", ["POST"], status=201, form=NominationForm,
              allow=permissions.can_nominate, response=NOMINATION, summary="Nominate a co-chair (a delegation for itself, or on behalf of "
              "its regional group; the secretariat names the delegation), before the deadline")  # fmt: skip
def post_nomination(roundtable_id: int):
    cs = require_commission_session()
    roundtable = nominations.roundtable_for(cs, roundtable_id)
    form = validated(NominationForm)
    user = api_user()
    n = nominations.nominate(cs, user, roundtable, delegation=nominations.nominating_delegation(user, form.delegation.data),
                             nominee_name=form.nominee_name.data, nominee_title=form.nominee_title.data or "",
                             on_behalf_of_group=form.on_behalf_of_group.data, account=form.account.data)  # fmt: skip
    return jsonify(nomination_dict(n)), 201


@routes.route("/nominations", response=arr(NOMINATION), summary="Co-chair nominations: the secretariat's all, a delegation's its own; "
              "?status=pending|confirmed|declined|withdrawn", allow=permissions.can_nominate)  # fmt: skip
def get_nominations():
    cs = require_commission_session()
    user = api_user()
    status = request.args.get("status") or None
    if status is not None and status not in NominationStatus.__members__:
        raise ApiError(_("Unknown status '%(status)s'.", status=status), 422, {"status": [_("Unknown status.")]})
    delegation = None if permissions.can_see_nominations(user) else user.delegation
    found = nominations.nominations_of(cs, NominationStatus(status) if status else None, delegation)
    return jsonify([nomination_dict(n) for n in found])


@routes.route("/nominations/<int:nomination_id>", response=NOMINATION, summary="One nomination (its delegation's users and the secretariat)",
              allow=permissions.can_nominate)  # fmt: skip
def get_nomination(nomination_id: int):
    cs = require_commission_session()
    return jsonify(nomination_dict(nominations.nomination_for(cs, nomination_id, api_user())))


@routes.route("/nominations/<int:nomination_id>/confirm", ["POST"], allow=permissions.can_decide_nominations,
              response=NOMINATION, summary="Confirm a nominee as co-chair (refused, naming the co-chair it clashes with, when it would "
              "break the rules)")  # fmt: skip
def post_nomination_confirm(nomination_id: int):
    cs = require_commission_session()
    n = nominations.confirm(cs, api_user(), nominations.nomination_for(cs, nomination_id, api_user()))
    return jsonify(nomination_dict(n))


@routes.route("/nominations/<int:nomination_id>/decline", ["POST"], form=DecisionForm,
              allow=permissions.can_decide_nominations, response=NOMINATION, summary="Decline a nomination, with the reason")  # fmt: skip
def post_nomination_decline(nomination_id: int):
    cs = require_commission_session()
    form = validated(DecisionForm)
    n = nominations.decline(cs, api_user(), nominations.nomination_for(cs, nomination_id, api_user()),
                            form.reason.data or "")  # fmt: skip
    return jsonify(nomination_dict(n))


@routes.route("/nominations/<int:nomination_id>/withdraw", ["POST"], form=WithdrawNominationForm,
              allow=permissions.can_nominate, response=NOMINATION, summary="Withdraw a nomination (the nominating delegation, or the "
              "secretariat for it); a confirmed co-chair's seat is free again")  # fmt: skip
def post_nomination_withdraw(nomination_id: int):
    cs = require_commission_session()
    form = validated(WithdrawNominationForm)
    n = nominations.withdraw(cs, api_user(), nominations.nomination_for(cs, nomination_id, api_user()),
                             form.reason.data or "")  # fmt: skip
    return jsonify(nomination_dict(n))
