"""The floor through the JSON API: the same services as the console."""

from flask import jsonify, request

from meetings.api import ApiError, ApiRoutes, api_user, validated
from meetings.api.schemas import BOOL, INSTANT, INT, STR, arr, mapping, maybe, obj
from meetings.extensions import db
from meetings.floor import interventions, permissions, queue, screen, services, state
from meetings.floor.forms import ActionForm, DropForm, LimitForm, PointOfOrderForm, ReplyForm, RequestForm, TurnForm
from meetings.floor.models import TurnRole
from meetings.i18n.words import _
from meetings.programme.models import MeetingBlock
from meetings.programme.services import require_commission_session
from meetings.timeutil import utcnow

routes = ApiRoutes()

TURN = obj(id=INT, delegation=STR, delegation_code=maybe(STR), shown_delegation=STR, speaker=STR, title=STR, role=STR,
           role_label=STR, reply_number=maybe(INT), point_of_order=BOOL, times_interrupted=INT, limit_s=INT,
           source_ref=maybe(STR), status=STR, started_at=maybe(INSTANT), ended_at=maybe(INSTANT),
           duration_s=maybe(INT), overrun_s=maybe(INT), times_absent=INT, remote=BOOL)  # fmt: skip
SCREEN = obj(etag=STR, version=INT, block_id=maybe(INT), block=STR, room=STR, phase=STR, current=maybe(TURN),
             held=maybe(TURN), next=arr(TURN), elapsed_ms=INT)  # fmt: skip
CONSOLE = {**SCREEN, "properties": {**SCREEN["properties"], "connection_links": mapping(STR), "requests": arr(obj(
    id=INT, delegation=STR, delegation_code=STR, requested_at=INSTANT, raised_in_room=BOOL, remote=BOOL,
    connection_link=maybe(STR)))}}  # fmt: skip
REQUEST = obj(id=INT, status=STR, optional={"delegation_code": STR, "remote": BOOL})


def _block(block_id: int) -> MeetingBlock:
    cs = require_commission_session()
    block = db.session.get(MeetingBlock, block_id)
    if block is None or block.commission_session_id != cs.id or block.kind not in services.FLOOR_KINDS:
        raise ApiError(_("No such meeting with a floor."), 404)
    return block


def _console(block: MeetingBlock) -> dict:
    out = state.with_time(state.snapshot(services.floor_of(block), block, upcoming=None), utcnow())
    out["requests"] = [
        {"id": r.id, "delegation": r.delegation.name, "delegation_code": r.delegation.code,
         "requested_at": r.requested_at.isoformat(), "raised_in_room": r.raised_in_room, "remote": r.remote,
         "connection_link": r.connection_link}
        for r in queue.open_requests(block)
    ]  # fmt: skip
    out["connection_links"] = {str(k): v for k, v in state.connection_links(services.floor_of(block)).items()}
    return out


@routes.route(
    "/floor/blocks/<int:block_id>",
    response=CONSOLE,
    summary="The floor of a meeting: timer, list, queue",
    allow=permissions.can_drive,
)
def get_floor(block_id: int):
    return jsonify(_console(_block(block_id)))


@routes.route("/floor/blocks/<int:block_id>/actions", ["POST"], form=ActionForm, allow=permissions.can_drive,
           response=CONSOLE, summary="A chair's action (start, pause, resume, end, next, absent) with the version seen")  # fmt: skip
def post_action(block_id: int):
    block = _block(block_id)
    form = validated(ActionForm)
    services.act(block, api_user(), form.action.data, form.version.data, form.turn_id.data)
    return jsonify(_console(block))


@routes.route("/floor/blocks/<int:block_id>/turns", ["POST"], status=201, form=TurnForm, allow=permissions.can_drive,
           response=TURN, summary="Add a speaker at the end of the list")  # fmt: skip
def post_turn(block_id: int):
    block = _block(block_id)
    form = validated(TurnForm)
    turn = services.add_turn(block, api_user(), services.named_delegation(form.delegation.data),
                             form.speaker_name.data, TurnRole(form.role.data), form.speaker_title.data or "",
                             form.limit_s.data)  # fmt: skip
    return jsonify(state.turn_dict(turn)), 201


@routes.route("/floor/blocks/<int:block_id>/turns/<int:turn_id>/limit", ["POST"], form=LimitForm, allow=permissions.can_drive,
           response=TURN, summary="Set another time limit for one speaker")  # fmt: skip
def post_limit(block_id: int, turn_id: int):
    form = validated(LimitForm)
    return jsonify(state.turn_dict(services.set_limit(_block(block_id), api_user(), turn_id, form.limit_s.data)))


@routes.route("/floor/blocks/<int:block_id>/lineup", ["POST"], allow=permissions.can_drive,
           response=obj(added=INT), summary="Load the speakers from the registered lineup sources (the speakers list)")  # fmt: skip
def post_lineup(block_id: int):
    return jsonify({"added": services.load_lineup(_block(block_id), api_user())})


@routes.route("/floor/rooms/<int:room_id>/state", response=SCREEN, summary="What a room's projector shows (ETag, 304)", public=True,
           conditional=True)  # fmt: skip
def get_room_state(room_id: int):
    return screen.room_state_response(room_id, request.headers.get("If-None-Match"))


@routes.route("/floor/blocks/<int:block_id>/requests", ["POST"], status=201, form=RequestForm,
           response=REQUEST, summary="Ask for the floor in a roundtable (a delegation for itself; the chair for a raised nameplate)")  # fmt: skip
def post_request(block_id: int):
    block = _block(block_id)
    form = validated(RequestForm)
    req = queue.request_floor(block, api_user(), form.delegation.data, form.speaker_name.data or "",
                              remote=bool(form.remote.data), connection_link=form.connection_link.data or "")  # fmt: skip
    return jsonify({"id": req.id, "delegation_code": req.delegation.code, "status": req.status.value,
                    "remote": req.remote}), 201  # fmt: skip


@routes.route("/floor/blocks/<int:block_id>/requests/<int:request_id>/withdraw", ["POST"],
           response=REQUEST, summary="Withdraw a request for the floor")  # fmt: skip
def post_withdraw(block_id: int, request_id: int):
    req = queue.withdraw_request(_block(block_id), api_user(), request_id)
    return jsonify({"id": req.id, "status": req.status.value})


@routes.route("/floor/blocks/<int:block_id>/requests/<int:request_id>/grant", ["POST"], allow=permissions.can_drive,
           response=TURN, summary="Give the floor to a request: the delegation joins the list")  # fmt: skip
def post_grant(block_id: int, request_id: int):
    return jsonify(state.turn_dict(queue.grant_request(_block(block_id), api_user(), request_id)))


@routes.route("/floor/blocks/<int:block_id>/requests/<int:request_id>/drop", ["POST"], allow=permissions.can_drive,
           form=DropForm, response=REQUEST, summary="Drop a request for the floor, with the reason the delegation reads")  # fmt: skip
def post_drop(block_id: int, request_id: int):
    form = validated(DropForm)
    req = queue.drop_request(_block(block_id), api_user(), request_id, (form.reason.data or "").strip())
    return jsonify({"id": req.id, "status": req.status.value})


@routes.route("/floor/blocks/<int:block_id>/points-of-order", ["POST"], status=201, form=PointOfOrderForm,
           allow=permissions.can_drive,
           response=CONSOLE, summary="A point of order: the delegation has the floor at once; a speech in progress is held with its "
                   "time and resumes when the point of order ends (action 'end')")  # fmt: skip
def post_point_of_order(block_id: int):
    block = _block(block_id)
    form = validated(PointOfOrderForm)
    interventions.point_of_order(block, api_user(), services.named_delegation(form.delegation.data),
                                 form.speaker_name.data or "", form.version.data)  # fmt: skip
    return jsonify(_console(block)), 201


@routes.route("/floor/blocks/<int:block_id>/replies", ["POST"], status=201, form=ReplyForm,
           response=TURN, summary="Ask for a right of reply, heard at the end of the meeting (a delegation for itself; the chair "
                   "names the delegation); the first and second replies have their own limits")  # fmt: skip
def post_reply(block_id: int):
    block = _block(block_id)
    form = validated(ReplyForm)
    turn = interventions.request_reply(block, api_user(), form.delegation.data, form.speaker_name.data or "")
    return jsonify(state.turn_dict(turn)), 201


@routes.route(
    "/floor/blocks/<int:block_id>/replies",
    response=arr(TURN),
    summary="The rights of reply of a meeting (a delegation sees its own)",
)
def get_replies(block_id: int):
    block, user = _block(block_id), api_user()
    floor = services.floor_of(block)
    turns = [t for t in (floor.turns if floor else []) if t.is_reply]
    # Whoever may withdraw a reply may see it: the chair all of them, a delegation its own.
    return jsonify([state.turn_dict(t) for t in turns if permissions.can_withdraw_reply(user, t)])


@routes.route("/floor/blocks/<int:block_id>/replies/<int:turn_id>/withdraw", ["POST"],
           response=obj(id=INT, status=STR), summary="Withdraw a right of reply not yet heard (the delegation's later replies move up a number)")  # fmt: skip
def post_withdraw_reply(block_id: int, turn_id: int):
    interventions.withdraw_reply(_block(block_id), api_user(), turn_id)
    return jsonify({"id": turn_id, "status": "withdrawn"})


@routes.route("/floor/blocks/<int:block_id>/record", response=arr(TURN), summary="The record of the speeches: limit, actual, overrun",
           allow=permissions.can_read_record)  # fmt: skip
def get_record(block_id: int):
    return jsonify([state.turn_dict(t) for t in state.record(services.floor_of(_block(block_id)))])
