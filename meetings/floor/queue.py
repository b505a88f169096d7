"""Floor requests in a roundtable: raised nameplates, queued in order of arrival."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from meetings.audit import services as audit
from meetings.auth.actors import Actor
from meetings.delegations.models import Delegation
from meetings.delegations.services import delegation_by_code
from meetings.extensions import db
from meetings.floor import permissions
from meetings.floor.models import Floor, FloorRequest, RequestStatus, Turn, TurnRole
from meetings.floor.services import _append, _changed, _locked_floor, ensure_may_drive, floor_of, log
from meetings.hooks import hooks_of
from meetings.i18n.words import _
from meetings.programme.models import BlockKind, CommissionSession, MeetingBlock
from meetings.refusal import Refusal, require
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


def requesting_delegation(actor: Actor, code: str | None) -> tuple[Delegation, bool]:
    """For whom a request is made, and whether it was raised in the room (added by the chair).

    A delegation user asks for its own delegation only; the chair names the delegation.
    """
    if permissions.can_drive(actor):
        delegation = delegation_by_code((code or "").strip().upper()) if code else None
        if delegation is None:
            raise Refusal(_("Name the delegation that raised its nameplate (its code, e.g. AUT)."),
                          {"delegation": [_("Unknown delegation code.")]})  # fmt: skip
        return delegation, True
    own = getattr(actor, "delegation", None)
    require(own is not None, _("Only a delegation can ask for the floor."))
    require(not code or code.strip().upper() == own.code, _("You can ask for the floor for your own delegation only."))
    return own, False


def request_floor(block: MeetingBlock, actor: Actor, code: str | None = None, speaker_name: str = "",
                  now: datetime | None = None, *, remote: bool = False, connection_link: str = "") -> FloorRequest:  # fmt: skip
    """Queue a delegation's request; one open request per delegation and roundtable."""
    delegation, raised_in_room = requesting_delegation(actor, code)
    require(
        permissions.can_request_for(actor, delegation), _("You can ask for the floor for your own delegation only.")
    )
    if block.kind != BlockKind.roundtable:
        raise Refusal(_("The floor is requested in a roundtable; in the general debate the speakers list decides."))
    floor = _locked_floor(block)
    if open_request_of(block, delegation) is not None:
        raise Refusal(_("%(delegation)s has already asked for the floor in this roundtable; it is in the queue.",
                        delegation=delegation.shown_name), status=409)  # fmt: skip
    req = FloorRequest(floor=floor, delegation=delegation, speaker_name=(speaker_name or "").strip()[:200],
                       raised_in_room=raised_in_room, requested_at=now or utcnow(), status=RequestStatus.open,
                       remote=remote, connection_link=(connection_link or "").strip() if remote else "")  # fmt: skip
    db.session.add(req)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        raise Refusal(_("%(delegation)s has already asked for the floor in this roundtable.",
                        delegation=delegation.shown_name), status=409) from None  # fmt: skip
    _changed(floor, req.requested_at)
    log(actor, "request_made", block, req, f"request for the floor of {delegation.name}", delegation=delegation,
        after={"status": "open", "raised_in_room": raised_in_room, "speaker_name": req.speaker_name,
               "remote": remote})  # fmt: skip
    return req


def _open(block: MeetingBlock, request_id: int) -> FloorRequest:
    floor = _locked_floor(block)
    req = db.session.get(FloorRequest, request_id, populate_existing=True)
    if req is None or req.floor_id != floor.id:
        raise Refusal(_("There is no such request for the floor in this meeting."), status=404)
    if req.status != RequestStatus.open:
        raise Refusal(_already(req.status), status=409)
    return req


def _already(status: RequestStatus) -> str:
    """Why a request that is no longer open cannot be decided again."""
    if status == RequestStatus.granted:
        return _("This request was already granted; nothing was done.")
    if status == RequestStatus.dropped:
        return _("This request was already dropped; nothing was done.")
    return _("This request was already withdrawn; nothing was done.")


def grant_request(block: MeetingBlock, actor: Actor, request_id: int) -> Turn:
    """The chair gives the floor: the delegation joins the list with the floor-speaker limit."""
    ensure_may_drive(actor, block)
    delegation = request_by_id(block, request_id).delegation
    for check in hooks_of().grant_checks:
        if reason := check(block, delegation):
            raise Refusal(reason, status=409)
    req = _open(block, request_id)
    turn = _append(
        block,
        req.delegation,
        req.speaker_name or req.delegation.name,
        TurnRole.rt_floor,
        remote=req.remote,
        connection_link=req.connection_link,
    )
    req.status, req.decided_at, req.turn_id = RequestStatus.granted, utcnow(), turn.id
    db.session.flush()
    _log_decision(actor, block, req, after={"status": "granted", "position": turn.position, "limit_s": turn.limit_s})
    return turn


def _log_decision(actor: Actor, block: MeetingBlock, req: FloorRequest, after: dict, reason: str = "") -> None:
    log(actor, f"request_{req.status.value}", block, req, f"request for the floor of {req.delegation.name}",
        delegation=req.delegation, before={"status": "open"}, after=after, reason=reason)  # fmt: skip


def drop_request(block: MeetingBlock, actor: Actor, request_id: int, reason: str = "") -> FloorRequest:
    ensure_may_drive(actor, block)
    return _close(block, actor, request_id, RequestStatus.dropped, reason)


def withdraw_request(block: MeetingBlock, actor: Actor, request_id: int) -> FloorRequest:
    require(permissions.can_withdraw_request(actor, request_by_id(block, request_id)),
            _("Only the delegation that asked for the floor can withdraw its request."))  # fmt: skip
    return _close(block, actor, request_id, RequestStatus.withdrawn)


def _close(block: MeetingBlock, actor: Actor, request_id: int, status: RequestStatus, reason: str = "") -> FloorRequest:
    req = _open(block, request_id)
    req.status, req.decided_at = status, utcnow()
    _changed(req.floor, req.decided_at)
    _log_decision(actor, block, req, after={"status": status.value}, reason=reason)
    return req


def request_by_id(block: MeetingBlock, request_id: int) -> FloorRequest:
    floor = floor_of(block)
    req = db.session.get(FloorRequest, request_id)
    if floor is None or req is None or req.floor_id != floor.id:
        raise Refusal(_("There is no such request for the floor in this meeting."), status=404)
    return req


# --- where a delegation stands ----------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """One of a delegation's requests for the floor as its home page shows it."""

    request: FloorRequest
    block: MeetingBlock
    position: int | None  # its number in the queue while it is open
    reason: str  # why the chair dropped it, as the record says

    @property
    def words(self) -> str:
        status = self.request.status
        if status == RequestStatus.open:
            return _("In the queue as number %(position)d.", position=self.position)
        if status == RequestStatus.granted:
            return _("Granted: the delegation is on the list of speakers.")
        if status == RequestStatus.dropped:
            return _("Dropped by the Chair.")
        return _("Withdrawn by the delegation.")


def requests_of(cs: CommissionSession, delegation: Delegation) -> list[Standing]:
    """A delegation's requests for the floor in this session, latest first, with where each stands."""
    mine = list(db.session.scalars(
        select(FloorRequest).join(Floor, FloorRequest.floor_id == Floor.id)
        .join(MeetingBlock, Floor.block_id == MeetingBlock.id)
        .where(MeetingBlock.commission_session_id == cs.id, FloorRequest.delegation_id == delegation.id)
        .options(joinedload(FloorRequest.floor).joinedload(Floor.block))
        .order_by(FloorRequest.requested_at.desc(), FloorRequest.id.desc())
    ))  # fmt: skip
    out = []
    for req in mine:
        position = reason = None
        if req.status == RequestStatus.open:
            ahead = [r.id for r in open_requests(req.floor.block)]
            position = ahead.index(req.id) + 1 if req.id in ahead else None
        elif req.status == RequestStatus.dropped:
            dropped = [e for e in audit.history_of(FloorRequest.__tablename__, req.id) if e.action == "request_dropped"]
            reason = dropped[-1].reason if dropped else ""
        out.append(Standing(req, req.floor.block, position, reason or ""))
    return out
