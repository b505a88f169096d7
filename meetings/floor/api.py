"""The floor through the JSON API: the same services as the console."""

from flask import jsonify, request

from meetings.api import api_route, api_user, not_found, validated
from meetings.auth.models import Role
from meetings.delegations.services import delegation_by_code
from meetings.extensions import db
from meetings.floor import access, queue, screen, services, state
from meetings.floor.forms import ActionForm, LimitForm, RequestForm, TurnForm
from meetings.floor.models import TurnRole
from meetings.programme.models import MeetingBlock
from meetings.programme.services import require_commission_session
from meetings.refusal import Refusal
from meetings.timeutil import utcnow

CHAIR = (Role.secretariat, Role.chair)


def _block(block_id: int) -> MeetingBlock:
    cs = require_commission_session()
    block = db.session.get(MeetingBlock, block_id)
    if block is None or block.commission_session_id != cs.id or block.kind not in services.FLOOR_KINDS:
        not_found("meeting with a floor")
    return block


def _console(block: MeetingBlock) -> dict:
    out = state.with_time(state.snapshot(services.floor_of(block), block, upcoming=None), utcnow())
    out["requests"] = [
        {"id": r.id, "delegation": r.delegation.name, "delegation_code": r.delegation.code,
         "requested_at": r.requested_at.isoformat(), "raised_in_room": r.raised_in_room}
        for r in queue.open_requests(block)
    ]  # fmt: skip
    return out


@api_route("/floor/blocks/<int:block_id>", summary="The floor of a meeting: timer, list, queue", roles=CHAIR)
def get_floor(block_id: int):
    return jsonify(_console(_block(block_id)))


@api_route("/floor/blocks/<int:block_id>/actions", ["POST"], form=ActionForm, roles=CHAIR,
           summary="A chair's action (start, pause, resume, end, next, absent) with the version seen")  # fmt: skip
def post_action(block_id: int):
    block = _block(block_id)
    form = validated(ActionForm)
    services.act(block, form.action.data, form.version.data, form.turn_id.data, actor=api_user())
    return jsonify(_console(block))


@api_route("/floor/blocks/<int:block_id>/turns", ["POST"], form=TurnForm, roles=CHAIR,
           summary="Add a speaker at the end of the list")  # fmt: skip
def post_turn(block_id: int):
    block = _block(block_id)
    form = validated(TurnForm)
    code = (form.delegation.data or "").strip().upper()
    delegation = delegation_by_code(code) if code else None
    if code and delegation is None:
        raise Refusal(f"There is no delegation with the code '{code}'.", {"delegation": ["Unknown code."]}, 422)
    turn = services.add_turn(block, delegation, form.speaker_name.data, TurnRole(form.role.data),
                             form.speaker_title.data or "", form.limit_s.data)  # fmt: skip
    return jsonify(state.turn_dict(turn)), 201


@api_route("/floor/blocks/<int:block_id>/turns/<int:turn_id>/limit", ["POST"], form=LimitForm, roles=CHAIR,
           summary="Set another time limit for one speaker")  # fmt: skip
def post_limit(block_id: int, turn_id: int):
    form = validated(LimitForm)
    return jsonify(state.turn_dict(services.set_limit(_block(block_id), turn_id, form.limit_s.data)))


@api_route("/floor/blocks/<int:block_id>/lineup", ["POST"], roles=CHAIR,
           summary="Load the speakers from the registered lineup sources (the speakers list)")  # fmt: skip
def post_lineup(block_id: int):
    return jsonify({"added": services.load_lineup(_block(block_id))})


@api_route("/floor/rooms/<int:room_id>/state", summary="What a room's projector shows (ETag, 304)", public=True)
def get_room_state(room_id: int):
    return screen.room_state_response(room_id, request.headers.get("If-None-Match"))


@api_route("/floor/blocks/<int:block_id>/requests", ["POST"], form=RequestForm,
           summary="Ask for the floor in a roundtable (a delegation for itself; the chair for a raised nameplate)")  # fmt: skip
def post_request(block_id: int):
    block = _block(block_id)
    form = validated(RequestForm)
    delegation, in_room = access.requesting_delegation(api_user(), form.delegation.data)
    req = queue.request_floor(block, delegation, form.speaker_name.data or "", in_room)
    return jsonify({"id": req.id, "delegation_code": delegation.code, "status": req.status.value}), 201


@api_route("/floor/blocks/<int:block_id>/requests/<int:request_id>/withdraw", ["POST"],
           summary="Withdraw a request for the floor")  # fmt: skip
def post_withdraw(block_id: int, request_id: int):
    block = _block(block_id)
    access.ensure_may_withdraw(api_user(), queue.request_by_id(block, request_id))
    req = queue.withdraw_request(block, request_id)
    return jsonify({"id": req.id, "status": req.status.value})


@api_route("/floor/blocks/<int:block_id>/requests/<int:request_id>/grant", ["POST"], roles=CHAIR,
           summary="Give the floor to a request: the delegation joins the list")  # fmt: skip
def post_grant(block_id: int, request_id: int):
    return jsonify(state.turn_dict(queue.grant_request(_block(block_id), request_id)))


@api_route("/floor/blocks/<int:block_id>/requests/<int:request_id>/drop", ["POST"], roles=CHAIR,
           summary="Drop a request for the floor")  # fmt: skip
def post_drop(block_id: int, request_id: int):
    req = queue.drop_request(_block(block_id), request_id)
    return jsonify({"id": req.id, "status": req.status.value})


@api_route("/floor/blocks/<int:block_id>/record", summary="The record of the speeches: limit, actual, overrun",
           roles=CHAIR)  # fmt: skip
def get_record(block_id: int):
    return jsonify([state.turn_dict(t) for t in state.record(services.floor_of(_block(block_id)))])
