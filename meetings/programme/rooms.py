"""Room occupancy: the one service that books the session's rooms.

Meeting blocks and scheduled side events (and later bilateral slots) each hold their room
through one row of `room_booking`. A booking that overlaps another in the same room is refused
with a sentence naming what holds the room, whichever came first: a block over a side event
or a side event over a block.

Two secretariat requests booking one room at once: the decision is taken under the session
lock (`lock_commission_session`), inside the request's transaction, so the second sees the
first. On PostgreSQL the exclusion constraint `ex_room_booking_no_overlap` backs it in the
schema: should two overlapping bookings ever reach the database together, the second fails
there, and is refused with the same sentence. On SQLite every writer runs alone
(BEGIN IMMEDIATE).

Booking is part of the change of its holder (a block saved, an event scheduled): the holder's
service writes the one audit entry of that change, so this module writes none.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from meetings.auth.actors import Actor
from meetings.extensions import db
from meetings.i18n.words import _, shown
from meetings.locking import lock_commission_session
from meetings.programme import permissions
from meetings.programme.models import CommissionSession, HolderKind, MeetingBlock, Room, RoomBooking
from meetings.refusal import Refusal, require
from meetings.timeutil import to_local

OVERLAP_CONSTRAINT = "ex_room_booking_no_overlap"

Busy = tuple[str, datetime, datetime]  # (what holds the room, from, until)


@dataclass(frozen=True)
class Holder:
    """What holds a room: its kind, its record's id and the words a refusal names it by."""

    kind: HolderKind
    id: int
    label: str


def meeting_holder(block: MeetingBlock) -> Holder:
    """The label is stored with the booking, as written (English); pages and refusals show `shown_label`."""
    return Holder(HolderKind.meeting, block.id, f"the meeting “{block.title}”")


def shown_label(booking: RoomBooking, alone: bool = False) -> str:
    """What holds the room, in the reader's language: inside a sentence, or `alone` (a table's cell).

    A meeting is named from its block; any other holder by the label its feature stored.
    """
    block = db.session.get(MeetingBlock, booking.meeting_block_id) if booking.meeting_block_id else None
    if block is not None:
        if alone:
            return _("The meeting “%(title)s”", title=block.title)
        return _("the meeting “%(title)s”", title=block.title)
    return booking.label[:1].upper() + booking.label[1:] if alone else booking.label


def booking_of(kind: HolderKind, holder_id: int) -> RoomBooking | None:
    column = getattr(RoomBooking, kind.column)
    return db.session.scalar(select(RoomBooking).where(column == holder_id))


def bookings(cs: CommissionSession, room_id: int | None = None) -> list[RoomBooking]:
    """The session's bookings in time order, of one room or of all."""
    stmt = select(RoomBooking).where(RoomBooking.commission_session_id == cs.id)
    if room_id is not None:
        stmt = stmt.where(RoomBooking.room_id == room_id)
    return list(db.session.scalars(stmt.order_by(RoomBooking.starts_at, RoomBooking.room_id, RoomBooking.id)))


def busy(cs: CommissionSession, except_holder: tuple[HolderKind, int] | None = None) -> dict[int, list[Busy]]:
    """Each room's bookings as (label, from, until), leaving out one holder's own (it may move)."""
    out: dict[int, list[Busy]] = {room.id: [] for room in cs.rooms}
    for b in bookings(cs):
        if except_holder is not None and (b.holder_kind, b.holder_id) == except_holder:
            continue
        out.setdefault(b.room_id, []).append((b.label, b.starts_at, b.ends_at))
    return out


def first_clash(room_id: int, starts_at: datetime, ends_at: datetime, except_id: int | None) -> RoomBooking | None:
    """The earliest booking of the room that overlaps [starts_at, ends_at); touching ends do not."""
    stmt = select(RoomBooking).where(
        RoomBooking.room_id == room_id, RoomBooking.starts_at < ends_at, RoomBooking.ends_at > starts_at
    )
    if except_id is not None:
        stmt = stmt.where(RoomBooking.id != except_id)
    return db.session.scalar(stmt.order_by(RoomBooking.starts_at).limit(1))


def clash_refusal(room: Room, clash: RoomBooking, tz: str) -> Refusal:
    start, end = to_local(clash.starts_at, tz), to_local(clash.ends_at, tz)
    holder = shown_label(clash)
    message = _("%(room)s is taken at that time by %(holder)s (%(start)s–%(end)s).", room=room.name, holder=holder,
                start=shown(start, "%A %d %B, %H:%M"), end=shown(end, "%H:%M"))  # fmt: skip
    return Refusal(message, {"room_id": [_("Taken at that time by %(holder)s.", holder=holder)]}, status=409)


def _overlap_violation(exc: IntegrityError) -> bool:
    diag = getattr(exc.orig, "diag", None)
    return getattr(exc.orig, "sqlstate", None) == "23P01" or (
        getattr(diag, "constraint_name", None) == OVERLAP_CONSTRAINT
    )


def book(
    cs: CommissionSession, actor: Actor, holder: Holder, room: Room, starts_at: datetime, ends_at: datetime
) -> RoomBooking:
    """Hold `room` for `holder` from `starts_at` to `ends_at` (a new booking, or its booking moved).

    Refused with 409, naming what holds the room, when it overlaps another booking of that room.
    """
    require(permissions.can_book_rooms(actor), _("Only the secretariat books rooms."))
    if room.commission_session_id != cs.id:
        raise Refusal(_("Choose one of the session's rooms."), {"room_id": [_("Unknown room.")]}, status=422)
    lock_commission_session(cs.id)
    booking = booking_of(holder.kind, holder.id)
    clash = first_clash(room.id, starts_at, ends_at, booking.id if booking is not None else None)
    if clash is not None:
        raise clash_refusal(room, clash, cs.timezone)
    db.session.flush()  # the holder's own changes, before the savepoint that guards the booking alone
    try:
        with db.session.begin_nested():
            if booking is None:
                booking = RoomBooking(commission_session_id=cs.id, holder_kind=holder.kind)
                setattr(booking, holder.kind.column, holder.id)
                db.session.add(booking)
            booking.room, booking.starts_at, booking.ends_at, booking.label = room, starts_at, ends_at, holder.label
            db.session.flush()
    except IntegrityError as exc:
        # Only when the lock was bypassed: the constraint saw a booking that committed meanwhile.
        if not _overlap_violation(exc):
            raise
        clash = first_clash(room.id, starts_at, ends_at, None)
        if clash is None:
            raise
        raise clash_refusal(room, clash, cs.timezone) from exc
    return booking


def book_blocks(cs: CommissionSession, actor: Actor) -> int:
    """Book the rooms of meeting blocks created along with the session itself (the demo, an import),
    refusing a clash as `book` does; the change that created them records them. Returns how many."""
    booked = 0
    for block in cs.blocks:
        if not block.is_cancelled and booking_of(HolderKind.meeting, block.id) is None:
            book(cs, actor, meeting_holder(block), block.room, block.starts_at, block.ends_at)
            booked += 1
    return booked


def release(cs: CommissionSession, actor: Actor, kind: HolderKind, holder_id: int) -> bool:
    """Free the room its holder held (a meeting cancelled, an event withdrawn); True if it held one.

    No permission of its own: the holder's change that frees the room was allowed by its service.
    """
    booking = booking_of(kind, holder_id)
    if booking is None or booking.commission_session_id != cs.id:
        return False
    db.session.delete(booking)
    db.session.flush()
    return True


def booking_as_dict(b: RoomBooking, tz: str) -> dict:
    return {
        "room": b.room.name,
        "room_id": b.room_id,
        "starts_at": to_local(b.starts_at, tz).isoformat(),
        "ends_at": to_local(b.ends_at, tz).isoformat(),
        "held_by": b.holder_kind.value,
        "holder_id": b.holder_id,
        "label": b.label,
    }
