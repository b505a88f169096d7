"""One function per action on a bilateral booking: book, confirm, decline, cancel.

Every booking is decided under `lock_commission_session`, inside the request's one transaction,
and backed by the schema: an active booking of a room at a start is unique, a delegation takes
part in one meeting at a start (`bilateral_party`), the day's seat of the booking delegation is
unique, and the room's booking meets the room service's exclusion constraint on PostgreSQL. A
booking refused because its slot is taken names the next free slots, of that room and the others.
Services flush; the view or API commits.
"""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from meetings.audit import services as audit
from meetings.auth.actors import Actor, consequence
from meetings.bilaterals import grid as grids
from meetings.bilaterals import permissions, rules
from meetings.bilaterals.board import SlotTaken, slot_taken
from meetings.bilaterals.models import BilateralBooking, BilateralGrid, BookingParty, BookingState
from meetings.delegations.models import Delegation
from meetings.delegations.services import delegation_by_code
from meetings.extensions import db
from meetings.i18n.words import _, ngettext, shown
from meetings.locking import lock_commission_session
from meetings.programme import rooms
from meetings.programme.models import CommissionSession, HolderKind, Room
from meetings.refusal import Refusal, require
from meetings.registration.services import high_level_approved
from meetings.timeutil import to_local, utcnow

__all__ = ["SlotTaken", "book", "booking_for", "cancel", "confirm", "decline", "history", "standing_of"]


def label_of(cs: CommissionSession, booking: BilateralBooking) -> str:
    """A booking as the audit log records it (kept as written, in English)."""
    start = to_local(booking.starts_at, cs.timezone)
    return (f"Bilateral meeting of {booking.booked_by.name} with {booking.counterpart_written}, "
            f"{booking.room.name}, {start:%d %b %Y %H:%M}")  # fmt: skip


def state_of(cs: CommissionSession, booking: BilateralBooking) -> dict:
    return {"state": booking.state.value, "room": booking.room.name,
            "starts_at": to_local(booking.starts_at, cs.timezone), "counterpart": booking.counterpart_written}  # fmt: skip


def _log(cs: CommissionSession, actor: Actor, booking: BilateralBooking, action: str, before: dict | None,
         reason: str = "") -> None:  # fmt: skip
    audit.record(actor, "bilaterals", action, target=booking, commission_session=cs, label=label_of(cs, booking),
                 delegation=booking.booked_by, other_delegation=booking.counterpart, before=before,
                 after=state_of(cs, booking), reason=reason)  # fmt: skip


def booking_for(cs: CommissionSession, booking_id: int, user: Actor | None) -> BilateralBooking:
    """The booking, if this user may see it: its two delegations and the secretariat."""
    booking = db.session.get(BilateralBooking, booking_id)
    if booking is None or booking.commission_session_id != cs.id:
        raise Refusal(_("There is no such bilateral meeting."), status=404)
    require(permissions.can_see_booking(user, booking), _("This bilateral meeting is between other delegations."))
    return booking


def bookings_for(cs: CommissionSession, user: Actor) -> list[BilateralBooking]:
    """The secretariat sees every booking; a delegation those it takes part in."""
    stmt = select(BilateralBooking).where(BilateralBooking.commission_session_id == cs.id)
    if not permissions.can_set_up(user):
        own = getattr(user, "delegation_id", None)
        stmt = stmt.where((BilateralBooking.booked_by_id == own) | (BilateralBooking.counterpart_id == own))
    return list(db.session.scalars(stmt.order_by(BilateralBooking.starts_at, BilateralBooking.id)))


# --- booking ------------------------------------------------------------------------------------


def _booker(actor: Actor, delegation: Delegation | None) -> Delegation:
    require(permissions.can_book(actor), _("Only a delegation's users, or the secretariat for a delegation, book "
                                           "bilateral rooms."))  # fmt: skip
    if delegation is None:
        delegation = getattr(actor, "delegation", None)
    if delegation is None:
        message = _("Say which delegation books the meeting.")
        raise Refusal(message, {"delegation": [message]}, status=422)
    require(permissions.can_book_for(actor, delegation), _("A delegation books bilateral meetings for itself only."))
    return delegation


def _counterpart(booker: Delegation, code: str | None, organization: str) -> Delegation | None:
    code, organization = (code or "").strip(), (organization or "").strip()
    if code and organization:
        message = _("Name either the other delegation or an organization, not both.")
        raise Refusal(message, {"counterpart": [message], "organization": [message]}, status=422)
    if not code and not organization:
        message = _("Name the other delegation, or the organization you meet.")
        raise Refusal(message, {"counterpart": [message]}, status=422)
    if not code:
        return None
    other = delegation_by_code(code)
    if other is None:
        message = _("There is no delegation with the code %(code)s.", code=code[:16])
        raise Refusal(message, {"counterpart": [message]}, status=422)
    if other.id == booker.id:
        message = _("A bilateral meeting is with another delegation: %(delegation)s cannot meet itself.",
                    delegation=booker.shown_name)  # fmt: skip
        raise Refusal(message, {"counterpart": [message]}, status=422)
    return other


def _open(cs: CommissionSession, grid: BilateralGrid | None, booker: Delegation) -> BilateralGrid:
    if grid is None or not grid.periods:
        raise Refusal(_("The bilateral rooms are not set up yet: the secretariat defines their slots first."),
                      status=409)  # fmt: skip
    if utcnow() < grid.booking_opens:
        when = to_local(grid.booking_opens, cs.timezone)
        raise Refusal(_("Booking of bilateral rooms opens on %(when)s (%(zone)s time).",
                        when=shown(when, "%A %d %B %Y at %H:%M"), zone=cs.timezone), status=409)  # fmt: skip
    if grid.needs_high_level and not high_level_approved(cs, booker):
        raise Refusal(_("Only delegations whose registration for the high-level segment is approved book bilateral "
                        "rooms; that of %(delegation)s is not approved yet.", delegation=booker.shown_name),
                      status=409)  # fmt: skip
    return grid


def _room(cs: CommissionSession, room_id: int | None) -> Room:
    room = next((r for r in grids.bilateral_rooms(cs) if r.id == room_id), None)
    if room is None:
        message = _("Choose one of the bilateral rooms.")
        raise Refusal(message, {"room_id": [message]}, status=422)
    return room


def _slot(cs: CommissionSession, grid: BilateralGrid, starts: datetime | None) -> rules.Slot:
    """The slot of the grid that starts at this local time, or a refusal that says what the slots are."""
    slot = rules.slot_at(grids.slots_of(grid), starts.date(), starts.time()) if starts is not None else None
    if slot is None:
        periods = "; ".join(p.words() for p in grids.periods_of(grid))
        when = shown(starts, "%A %d %B %Y, %H:%M") if starts is not None else "—"
        message = _("There is no bilateral slot at %(when)s: the slots are %(minutes)d minutes long, %(periods)s "
                    "(%(zone)s time).", when=when, minutes=grid.slot_minutes, periods=periods,
                    zone=cs.timezone)  # fmt: skip
        raise Refusal(message, {"starts_at": [message]}, status=422)
    return slot


def _by_key(cs: CommissionSession, booker: Delegation, key: str | None) -> BilateralBooking | None:
    if not key:
        return None
    return db.session.scalar(select(BilateralBooking).where(
        BilateralBooking.commission_session_id == cs.id, BilateralBooking.booked_by_id == booker.id,
        BilateralBooking.submission_key == key))  # fmt: skip


def _day_seat(cs: CommissionSession, grid: BilateralGrid, booker: Delegation, slot: rules.Slot) -> int:
    seats = list(db.session.scalars(select(BilateralBooking.day_seat).where(
        BilateralBooking.booked_by_id == booker.id, BilateralBooking.day == slot.day,
        BilateralBooking.day_seat.is_not(None))))  # fmt: skip
    seat = rules.free_seat(seats, grid.daily_cap) if len(seats) < grid.daily_cap else None
    if seat is None:
        raise Refusal(ngettext("%(delegation)s has already booked %(num)d bilateral meeting on %(day)s; each "
                               "delegation books at most %(cap)d a day. Cancel one to book another.",
                               "%(delegation)s has already booked %(num)d bilateral meetings on %(day)s; each "
                               "delegation books at most %(cap)d a day. Cancel one to book another.",
                               len(seats), delegation=booker.shown_name, day=shown(slot.day, "%A %d %B"),
                               cap=grid.daily_cap), {"starts_at": [_("The day's bookings are used up.")]},
                      status=409)  # fmt: skip
    return seat


def book(cs: CommissionSession, actor: Actor, *, room_id: int | None, starts: datetime | None,
         counterpart: str | None = None, organization: str = "", note: str = "",
         delegation: Delegation | None = None, submission_key: str | None = None) -> BilateralBooking:  # fmt: skip
    """Book a slot of a bilateral room for a meeting with another delegation (or a named organization).

    `starts` is the slot's local start (naive). A meeting with a delegation is held until that
    delegation confirms or declines; one with an organization is confirmed at once. Refused, with
    the next free slots, when the room or either delegation is taken then.
    """
    booker = _booker(actor, delegation)
    lock_commission_session(cs.id)
    existing = _by_key(cs, booker, submission_key)
    if existing is not None:
        raise Refusal(_("This booking was already made: %(meeting)s. Nothing else was booked.",
                        meeting=grids.meeting_words(cs, existing)), status=409)  # fmt: skip
    grid = _open(cs, grids.grid_of(cs), booker)
    room = _room(cs, room_id)
    slot = _slot(cs, grid, starts)
    other = _counterpart(booker, counterpart, organization)
    seat = _day_seat(cs, grid, booker, slot)
    starts_at, ends_at = grids.instants(cs, slot)
    taken = slot_taken(cs, grid, room, slot, booker, other)
    if taken is not None:
        raise taken
    booking = BilateralBooking(
        commission_session_id=cs.id, room=room, room_id=room.id, starts_at=starts_at, ends_at=ends_at, day=slot.day,
        booked_by=booker, booked_by_id=booker.id, counterpart=other, counterpart_id=other.id if other else None,
        counterpart_name="" if other else organization.strip(), note=(note or "").strip(),
        state=BookingState.held if other else BookingState.confirmed, day_seat=seat,
        submission_key=submission_key or None, created_by_id=getattr(actor, "id", None), booked_at=utcnow(),
    )  # fmt: skip
    booking.parties = [BookingParty(delegation_id=d.id, starts_at=starts_at) for d in (booker, other) if d]
    _insert(cs, grid, booking, room, slot, booker, other)
    system = consequence(actor, f"{label_of(cs, booking)} was booked; rule: a booked bilateral slot holds its room")
    rooms.book(cs, system, rooms.Holder(HolderKind.bilateral, booking.id, f"the bilateral meeting of "
               f"{booker.name} with {booking.counterpart_written}"), room, starts_at, ends_at)  # fmt: skip
    _log(cs, actor, booking, "bilateral_booked", None)
    return booking


def _insert(cs: CommissionSession, grid: BilateralGrid, booking: BilateralBooking, room: Room, slot: rules.Slot,
            booker: Delegation, other: Delegation | None) -> None:  # fmt: skip
    """Insert under a savepoint: should a unique index see a booking committed meanwhile (only when the
    lock was bypassed), the loser gets the sentence and the free slots, not a server error."""
    try:
        with db.session.begin_nested():
            db.session.add(booking)
            db.session.flush()
    except IntegrityError as exc:
        taken = slot_taken(cs, grid, room, slot, booker, other)
        if taken is None:
            raise
        raise taken from exc


# --- the counterpart's answer and the cancellation ------------------------------------------------


def _refresh(cs: CommissionSession, booking: BilateralBooking) -> None:
    lock_commission_session(cs.id)
    db.session.refresh(booking)


def _not_active(booking: BilateralBooking) -> str:
    if booking.state == BookingState.declined:
        return _("This meeting was declined by %(counterpart)s; its slot is free again.",
                 counterpart=booking.counterpart_shown)  # fmt: skip
    return _("This meeting was cancelled; its slot is free again.")


def confirm(cs: CommissionSession, actor: Actor, booking: BilateralBooking) -> BilateralBooking:
    """The counterpart delegation (or the secretariat for it) confirms the meeting."""
    _refresh(cs, booking)
    _may_answer(actor, booking)
    if booking.state == BookingState.confirmed:
        raise Refusal(_("This meeting is already confirmed."), status=409)
    if not booking.state.active:
        raise Refusal(_not_active(booking), status=409)
    before = state_of(cs, booking)
    booking.state, booking.decided_at = BookingState.confirmed, utcnow()
    booking.ical_sequence += 1
    db.session.flush()
    _log(cs, actor, booking, "bilateral_confirmed", before)
    return booking


def _may_answer(actor: Actor, booking: BilateralBooking) -> None:
    if booking.counterpart is None:
        raise Refusal(_("This meeting is with an organization; there is nobody here to confirm or decline it."),
                      status=409)  # fmt: skip
    require(permissions.can_answer(actor, booking),
            _("Only %(counterpart)s, the other side of this meeting, confirms or declines it.",
              counterpart=booking.counterpart.shown_name))  # fmt: skip


def decline(cs: CommissionSession, actor: Actor, booking: BilateralBooking, reason: str = "") -> BilateralBooking:
    """The counterpart declines (before or after confirming); the slot is free at once."""
    _refresh(cs, booking)
    _may_answer(actor, booking)
    if not booking.state.active:
        raise Refusal(_not_active(booking), status=409)
    return _end(cs, actor, booking, BookingState.declined, "bilateral_declined", reason)


def cancel(cs: CommissionSession, actor: Actor, booking: BilateralBooking, reason: str = "") -> BilateralBooking:
    """The booking delegation (or the secretariat) cancels; the slot is free at once."""
    _refresh(cs, booking)
    if booking.counterpart is not None and permissions.can_answer(actor, booking):
        message = _("%(counterpart)s declines this meeting rather than cancelling it: use Decline.",
                    counterpart=booking.counterpart.shown_name)  # fmt: skip
    else:
        message = _("Only %(booker)s, which booked this meeting, or the secretariat cancels it.",
                    booker=booking.booked_by.shown_name)  # fmt: skip
    require(permissions.can_cancel(actor, booking), message)
    if not booking.state.active:
        raise Refusal(_not_active(booking), status=409)
    return _end(cs, actor, booking, BookingState.cancelled, "bilateral_cancelled", reason)


def _end(cs: CommissionSession, actor: Actor, booking: BilateralBooking, state: BookingState, action: str,
         reason: str) -> BilateralBooking:  # fmt: skip
    before = state_of(cs, booking)
    booking.state, booking.decided_at, booking.reason = state, utcnow(), (reason or "").strip()
    booking.day_seat = None
    booking.ical_sequence += 1
    booking.parties.clear()
    db.session.flush()
    rooms.release(cs, actor, HolderKind.bilateral, booking.id)  # the room is free at once
    _log(cs, actor, booking, action, before, booking.reason)
    return booking


def counts_by_day(cs: CommissionSession, delegation: Delegation) -> dict:
    """How many active meetings a delegation has booked, by day (for its page)."""
    rows = db.session.execute(select(BilateralBooking.day, func.count()).where(
        BilateralBooking.commission_session_id == cs.id, BilateralBooking.booked_by_id == delegation.id,
        BilateralBooking.day_seat.is_not(None)).group_by(BilateralBooking.day)).all()  # fmt: skip
    return {day: n for day, n in rows}


def history(booking: BilateralBooking) -> list:
    """The booking's own record in the audit log: who booked, confirmed, declined or cancelled, when, why."""
    return audit.history_of(BilateralBooking.__tablename__, booking.id)


def standing_of(cs: CommissionSession, delegation: Delegation) -> dict[str, list[BilateralBooking]]:
    """A delegation's bilateral meetings: those awaiting its answer first, then all the others in time order."""
    stmt = select(BilateralBooking).where(
        BilateralBooking.commission_session_id == cs.id,
        (BilateralBooking.booked_by_id == delegation.id) | (BilateralBooking.counterpart_id == delegation.id),
    )
    rows = list(db.session.scalars(stmt.order_by(BilateralBooking.starts_at, BilateralBooking.id)))
    awaiting = [b for b in rows if b.state == BookingState.held and b.counterpart_id == delegation.id]
    return {"awaiting": awaiting, "others": [b for b in rows if b not in awaiting]}
