"""Floor requests in a roundtable: raised nameplates, queued in order of arrival."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from meetings.delegations.models import Delegation
from meetings.extensions import db
from meetings.floor.models import FloorRequest, RequestStatus, Turn, TurnRole
from meetings.floor.services import _changed, _locked_floor, add_turn, floor_of
from meetings.programme.models import BlockKind, MeetingBlock
from meetings.refusal import Refusal
from meetings.timeutil import utcnow


def open_requests(block: MeetingBlock) -> list[FloorRequest]:
    floor = floor_of(block)
    if floor is None:
        return []
    stmt = (
        select(FloorRequest)
        .where(FloorRequest.floor_id == floor.id, FloorRequest.status == RequestStatus.open)
        .order_by(FloorRequest.requested_at, FloorRequest.id)
    )
    return list(db.session.scalars(stmt))


def open_request_of(block: MeetingBlock, delegation: Delegation) -> FloorRequest | None:
    return next((r for r in open_requests(block) if r.delegation_id == delegation.id), None)


def request_floor(block: MeetingBlock, delegation: Delegation, speaker_name: str = "", raised_in_room: bool = False,
                  now: datetime | None = None) -> FloorRequest:  # fmt: skip
    """Queue a delegation's request; one open request per delegation and roundtable."""
    if block.kind != BlockKind.roundtable:
        raise Refusal("The floor is requested in a roundtable; in the general debate the speakers list decides.")
    floor = _locked_floor(block)
    if open_request_of(block, delegation) is not None:
        raise Refusal(f"{delegation.name} has already asked for the floor in this roundtable; it is in the queue.",
                      status=409)  # fmt: skip
    req = FloorRequest(floor=floor, delegation=delegation, speaker_name=(speaker_name or "").strip()[:200],
                       raised_in_room=raised_in_room, requested_at=now or utcnow(), status=RequestStatus.open)  # fmt: skip
    db.session.add(req)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        raise Refusal(f"{delegation.name} has already asked for the floor in this roundtable.", status=409) from None
    _changed(floor, req.requested_at)
    return req


def _open(block: MeetingBlock, request_id: int) -> FloorRequest:
    floor = _locked_floor(block)
    req = db.session.get(FloorRequest, request_id, populate_existing=True)
    if req is None or req.floor_id != floor.id:
        raise Refusal("There is no such request for the floor in this meeting.", status=404)
    if req.status != RequestStatus.open:
        raise Refusal(f"This request was already {req.status.value}; nothing was done.", status=409)
    return req


def grant_request(block: MeetingBlock, request_id: int) -> Turn:
    """The chair gives the floor: the delegation joins the list with the floor-speaker limit."""
    req = _open(block, request_id)
    turn = add_turn(block, req.delegation, req.speaker_name or req.delegation.name, TurnRole.rt_floor)
    req.status, req.decided_at, req.turn_id = RequestStatus.granted, utcnow(), turn.id
    db.session.flush()
    return turn


def drop_request(block: MeetingBlock, request_id: int) -> FloorRequest:
    req = _open(block, request_id)
    req.status, req.decided_at = RequestStatus.dropped, utcnow()
    _changed(req.floor, req.decided_at)
    return req


def withdraw_request(block: MeetingBlock, request_id: int) -> FloorRequest:
    req = _open(block, request_id)
    req.status, req.decided_at = RequestStatus.withdrawn, utcnow()
    _changed(req.floor, req.decided_at)
    return req


def request_by_id(block: MeetingBlock, request_id: int) -> FloorRequest:
    floor = floor_of(block)
    req = db.session.get(FloorRequest, request_id)
    if floor is None or req is None or req.floor_id != floor.id:
        raise Refusal("There is no such request for the floor in this meeting.", status=404)
    return req
