from flask import jsonify

from meetings.api import ApiRoutes, api_user, not_found, validated
from meetings.api.schemas import AUDIT_ENTRY, BOOL, DATE, INSTANT, INT, STR, arr, mapping, maybe, obj
from meetings.audit.services import entry_as_dict
from meetings.extensions import db
from meetings.programme import permissions, rooms, services
from meetings.programme.forms import BlockForm, CancelBlockForm, RoomForm, RulesForm, SessionForm
from meetings.programme.models import MeetingBlock
from meetings.webforms import fields_of

routes = ApiRoutes()

ROOM = obj(id=INT, name=STR, capacity=maybe(INT), projector_language=STR)
BLOCK = obj(id=INT, title=STR, kind=STR, room=STR, starts_at=INSTANT, ends_at=INSTANT, open_ended=BOOL, status=STR,
            cancelled_at=maybe(INSTANT), cancel_reason=maybe(STR))  # fmt: skip
RULES = mapping(maybe({"type": ["string", "number", "boolean"]}))  # numbers, flags, dates and local times by name
SESSION = obj(
    code=STR,
    name=STR,
    venue=STR,
    timezone=STR,
    segments=arr(obj(kind=STR, start=DATE, end=DATE)),
    rooms=arr(ROOM),
    rules=RULES,
    optional={"hl_start": DATE, "hl_end": DATE, "regular_start": DATE, "regular_end": DATE},
)
BOOKING = obj(room=STR, room_id=INT, starts_at=INSTANT, ends_at=INSTANT, held_by=STR, holder_id=INT, label=STR)

_session = services.require_commission_session
_FIRST_LAST = {"high_level": ("hl_start", "hl_end"), "regular": ("regular_start", "regular_end")}


def session_dict(cs) -> dict:
    """The session as GET /session answers it: PUT /session takes it back as it is (the segments'
    days are also given flat, as the form names them)."""
    body = services.session_as_dict(cs)
    for segment in body["segments"]:
        first, last = _FIRST_LAST.get(segment["kind"], (None, None))
        if first:
            body[first], body[last] = segment["start"], segment["end"]
    return body


@routes.route("/session", response=SESSION, summary="The Commission session: segments, rooms and rules", public=True)
def get_session():
    return jsonify(session_dict(_session()))


@routes.route(
    "/session/rules",
    ["PUT"],
    response=RULES,
    summary="Replace the session's rules",
    form=RulesForm,
    allow=permissions.can_edit_session,
)
def put_rules():
    cs = _session()
    form = validated(RulesForm)
    services.update_rules(cs, api_user(), form.data)
    return jsonify(services.session_as_dict(cs)["rules"])


@routes.route("/session/blocks", response=arr(BLOCK), summary="The meeting blocks, in order", public=True)
def list_blocks():
    cs = _session()
    return jsonify([services.block_as_dict(b, cs.timezone) for b in cs.blocks])


def _validated_block(cs) -> dict:
    form = validated(BlockForm, prepare=lambda f: services.offer_rooms(f, cs))
    return fields_of(form)


@routes.route(
    "/session/blocks",
    ["POST"],
    status=201,
    response=BLOCK,
    summary="Add a meeting block",
    form=BlockForm,
    allow=permissions.can_edit_session,
)
def create_block():
    cs = _session()
    block = services.save_block(cs, api_user(), **_validated_block(cs))
    return jsonify(services.block_as_dict(block, cs.timezone)), 201


@routes.route(
    "/session/blocks/<int:block_id>",
    ["PUT"],
    response=BLOCK,
    summary="Change a meeting block",
    form=BlockForm,
    allow=permissions.can_edit_session,
)
def update_block(block_id: int):
    cs = _session()
    block = db.session.get(MeetingBlock, block_id)
    if block is None or block.commission_session_id != cs.id:
        not_found("meeting block")
    block = services.save_block(cs, api_user(), block=block, **_validated_block(cs))
    return jsonify(services.block_as_dict(block, cs.timezone))


@routes.route(
    "/session/blocks/<int:block_id>",
    ["DELETE"],
    response=obj(deleted=INT),
    summary="Delete a meeting block that holds no record (409 naming what it holds otherwise: cancel it instead)",
    allow=permissions.can_delete_block,
)
def delete_block(block_id: int):
    services.delete_block(_session(), api_user(), block_id)
    return jsonify({"deleted": block_id})


@routes.route(
    "/session/blocks/<int:block_id>/cancel",
    ["POST"],
    response=BLOCK,
    summary="Cancel a meeting block, with the reason: kept with its records, shown as cancelled, its room freed",
    form=CancelBlockForm,
    allow=permissions.can_cancel_block,
)
def cancel_block(block_id: int):
    cs = _session()
    form = validated(CancelBlockForm)
    block = services.cancel_block(cs, api_user(), block_id, form.reason.data)
    return jsonify(services.block_as_dict(block, cs.timezone))


@routes.route(
    "/session/rooms",
    response=arr({**ROOM, "properties": {**ROOM["properties"], "bookings": arr(BOOKING)}}),
    summary="The rooms and what holds each of them, in time order",
    public=True,
)
def list_rooms():
    cs = _session()
    held = rooms.bookings(cs)
    return jsonify([
        {**services.room_as_dict(room),
         "bookings": [rooms.booking_as_dict(b, cs.timezone) for b in held if b.room_id == room.id]}
        for room in cs.rooms
    ])  # fmt: skip


@routes.route(
    "/session/rooms",
    ["POST"],
    status=201,
    response=ROOM,
    summary="Add a room: its name, seats and the language of its projector (one of ar, zh, en, fr, ru, es)",
    form=RoomForm,
    allow=permissions.can_edit_session,
)
def create_room():
    cs = _session()
    values = fields_of(validated(RoomForm))
    room = services.add_room(cs, api_user(), values["name"], values["capacity"], values["projector_language"])
    return jsonify(services.room_as_dict(room)), 201


@routes.route(
    "/session/rooms/<int:room_id>",
    ["PUT"],
    response=ROOM,
    summary="Change a room: its name, seats and the language of its projector",
    form=RoomForm,
    allow=permissions.can_edit_session,
)
def update_room(room_id: int):
    cs = _session()
    values = fields_of(validated(RoomForm))
    return jsonify(services.room_as_dict(services.update_room(cs, api_user(), room_id, **values)))


@routes.route(
    "/session",
    ["PUT"],
    response=SESSION,
    summary="Change the session's name, venue, time zone and segment dates",
    form=SessionForm,
    allow=permissions.can_edit_session,
)
def put_session():
    cs = _session()
    form = validated(SessionForm)
    services.update_details(cs, api_user(), **fields_of(form))
    return jsonify(session_dict(cs))


@routes.route(
    "/session/log",
    response=arr({**AUDIT_ENTRY, "properties": {**AUDIT_ENTRY["properties"], "by": STR, "summary": STR}}),
    summary="Who changed what in the session's set-up",
    allow=permissions.can_read_setup_log,
)
def get_log():
    """The audit log's entries about the set-up, newest first, with a sentence each."""
    return jsonify([{**entry_as_dict(e), "by": e.who, "summary": f"{e.what}: {e.record_label}"}
                    for e in services.setup_log(_session())])  # fmt: skip
