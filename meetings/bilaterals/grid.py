"""The set-up of bilateral rooms: the session's grid of slots and the rooms that follow it.

The secretariat defines one grid per session (slot length, periods of the days in the session's
time zone, when booking opens, the daily cap, whether an approved high-level registration is
needed) and chooses which of the session's rooms are bilateral rooms. A change that would leave
an active booking off the grid, or in a room no longer set aside, is refused naming the booking.
"""

from datetime import date, datetime

from sqlalchemy import select

from meetings.audit import services as audit
from meetings.auth.actors import Actor
from meetings.bilaterals import permissions, rules
from meetings.bilaterals.models import BilateralBooking, BilateralGrid, BilateralPeriod, BilateralRoom, BookingState
from meetings.extensions import db
from meetings.i18n.words import _, shown
from meetings.locking import lock_commission_session
from meetings.programme import room_setup
from meetings.programme.models import CommissionSession, Room
from meetings.refusal import Refusal, require
from meetings.timeutil import local_instant, to_local


def grid_of(cs: CommissionSession) -> BilateralGrid | None:
    return db.session.scalar(select(BilateralGrid).where(BilateralGrid.commission_session_id == cs.id))


def bilateral_rooms(cs: CommissionSession) -> list[Room]:
    """The session's bilateral rooms, by name."""
    stmt = (select(Room).join(BilateralRoom, BilateralRoom.room_id == Room.id)
            .where(BilateralRoom.commission_session_id == cs.id).order_by(Room.name))  # fmt: skip
    return list(db.session.scalars(stmt))


def periods_of(grid: BilateralGrid | None) -> list[rules.Period]:
    return [rules.Period(p.day, p.starts, p.ends) for p in grid.periods] if grid is not None else []


def slots_of(grid: BilateralGrid | None) -> list[rules.Slot]:
    return rules.slots_of(periods_of(grid), grid.slot_minutes) if grid is not None else []


def instants(cs: CommissionSession, slot: rules.Slot) -> tuple[datetime, datetime]:
    """A slot's start and end as instants (UTC)."""
    return local_instant(slot.day, slot.starts, cs.timezone), local_instant(slot.day, slot.ends, cs.timezone)


def slot_of(cs: CommissionSession, starts_at: datetime, ends_at: datetime) -> rules.Slot:
    """The local slot of two instants (on the grid or not)."""
    start, end = to_local(starts_at, cs.timezone), to_local(ends_at, cs.timezone)
    return rules.Slot(start.date(), start.time().replace(tzinfo=None), end.time().replace(tzinfo=None))


def active_bookings(cs: CommissionSession) -> list[BilateralBooking]:
    stmt = select(BilateralBooking).where(
        BilateralBooking.commission_session_id == cs.id,
        BilateralBooking.state.in_((BookingState.held, BookingState.confirmed)),
    )
    return list(db.session.scalars(stmt.order_by(BilateralBooking.starts_at, BilateralBooking.room_id)))


def meeting_words(cs: CommissionSession, booking: BilateralBooking) -> str:
    """A booking as a sentence names it, in the reader's language."""
    start, end = to_local(booking.starts_at, cs.timezone), to_local(booking.ends_at, cs.timezone)
    return _("the meeting of %(booker)s with %(counterpart)s in %(room)s on %(day)s, %(start)s–%(end)s",
             booker=booking.booked_by.shown_name, counterpart=booking.counterpart_shown, room=booking.room.name,
             day=shown(start, "%A %d %B"), start=shown(start, "%H:%M"), end=shown(end, "%H:%M"))  # fmt: skip


def grid_as_record(grid: BilateralGrid | None) -> dict:
    if grid is None:
        return {}
    return {"slot_minutes": grid.slot_minutes, "periods": [p.text() for p in periods_of(grid)],
            "booking_opens": grid.booking_opens, "daily_cap": grid.daily_cap,
            "needs_high_level": grid.needs_high_level}  # fmt: skip


def _may_set_up(actor: Actor) -> None:
    require(permissions.can_set_up(actor), _("Only the secretariat sets up the bilateral rooms and their slots."))


def registration_available() -> bool:
    """Whether the registration feature (meetings.registration) answers `high_level_approved`."""
    try:
        from meetings.registration.services import high_level_approved  # noqa: F401
    except ImportError:
        return False
    return True


def set_grid(cs: CommissionSession, actor: Actor, *, slot_minutes: int, periods: list[rules.Period],
             booking_opens: datetime, daily_cap: int, needs_high_level: bool = False) -> BilateralGrid:  # fmt: skip
    """Define (or change) the session's grid. `booking_opens` is the local wall-clock time, naive.

    Refused, nothing changed, when periods overlap, do not divide into slots or fall outside the
    session, or when an active booking would no longer be a slot of the grid.
    """
    _may_set_up(actor)
    lock_commission_session(cs.id)
    problems = rules.period_problems(periods, slot_minutes, cs.first_day, cs.last_day)
    if problems:
        raise Refusal(_("The grid was not changed: %(reasons)s", reasons=" ".join(problems)), {"periods": problems},
                      status=422)  # fmt: skip
    if needs_high_level and not registration_available():
        message = _("Registration for the high-level segment is not available here, so booking cannot depend on it.")
        raise Refusal(message, {"needs_high_level": [message]}, status=422)
    new_slots = set(rules.slots_of(periods, slot_minutes))
    for booking in active_bookings(cs):
        if slot_of(cs, booking.starts_at, booking.ends_at) not in new_slots:
            message = _("The grid was not changed: %(meeting)s would no longer be a slot of it. Cancel that meeting "
                        "first, or keep its slot.", meeting=meeting_words(cs, booking))  # fmt: skip
            raise Refusal(message, {"periods": [message]}, status=409)
    grid = grid_of(cs)
    before = grid_as_record(grid) or None
    if grid is None:
        grid = BilateralGrid(commission_session_id=cs.id)
        db.session.add(grid)
    opens = local_instant(booking_opens.date(), booking_opens.time(), cs.timezone)
    grid.slot_minutes, grid.booking_opens, grid.daily_cap = slot_minutes, opens, daily_cap
    grid.needs_high_level = bool(needs_high_level)
    wanted = sorted(set(periods))
    if [(p.day, p.starts, p.ends) for p in grid.periods] != [(p.day, p.starts, p.ends) for p in wanted]:
        grid.periods.clear()
        db.session.flush()  # the old periods go before the new ones, which may start at the same times
        grid.periods.extend(BilateralPeriod(day=p.day, starts=p.starts, ends=p.ends) for p in wanted)
    db.session.flush()
    after = grid_as_record(grid)
    if before is not None:
        changed = [k for k in after if before.get(k) != after[k]]
        if not changed:
            return grid
        before, after = {k: before[k] for k in changed}, {k: after[k] for k in changed}
    audit.record(actor, "bilaterals", "bilateral_grid_set", target=grid, commission_session=cs,
                 label="Bilateral rooms: the grid of slots", before=before, after=after)  # fmt: skip
    return grid


def set_rooms(
    cs: CommissionSession, actor: Actor, room_ids: list[int], new_rooms: list[str] | None = None
) -> list[Room]:
    """Set aside these rooms of the session (and new ones, added to the session) for bilateral meetings.

    A room taken off the list must hold no active booking.
    """
    _may_set_up(actor)
    lock_commission_session(cs.id)
    known = {room.id: room for room in cs.rooms}
    unknown = [str(i) for i in room_ids if i not in known]
    if unknown:
        message = _("Choose among the session's rooms.")
        raise Refusal(message, {"room_ids": [message]}, status=422)
    chosen = {known[i] for i in room_ids}
    for name in dict.fromkeys(n.strip() for n in new_rooms or [] if n.strip()):
        existing = next((r for r in cs.rooms if r.name.lower() == name.lower()), None)
        chosen.add(existing or room_setup.add_room(cs, actor, name, None))
    rows = {row.room_id: row for row in db.session.scalars(
        select(BilateralRoom).where(BilateralRoom.commission_session_id == cs.id))}  # fmt: skip
    before = sorted(known[i].name for i in rows if i in known)
    leaving = [row for room_id, row in rows.items() if room_id not in {r.id for r in chosen}]
    for booking in active_bookings(cs):
        if any(row.room_id == booking.room_id for row in leaving):
            message = _("The rooms were not changed: %(meeting)s is booked there. Cancel that meeting first.",
                        meeting=meeting_words(cs, booking))  # fmt: skip
            raise Refusal(message, {"room_ids": [message]}, status=409)
    for row in leaving:
        db.session.delete(row)
    for room in chosen:
        if room.id not in rows:
            db.session.add(BilateralRoom(commission_session_id=cs.id, room_id=room.id))
    db.session.flush()
    after = sorted(room.name for room in chosen)
    if after != before:
        audit.record(actor, "bilaterals", "bilateral_rooms_set", kind="bilateral_room", commission_session=cs,
                     label="Bilateral rooms", before={"rooms": before}, after={"rooms": after})  # fmt: skip
    return sorted(chosen, key=lambda r: r.name)


def grid_as_dict(cs: CommissionSession, grid: BilateralGrid | None) -> dict | None:
    if grid is None:
        return None
    return {"slot_minutes": grid.slot_minutes, "periods": [p.text() for p in periods_of(grid)],
            "booking_opens": to_local(grid.booking_opens, cs.timezone).isoformat(), "daily_cap": grid.daily_cap,
            "needs_high_level": grid.needs_high_level, "timezone": cs.timezone}  # fmt: skip


def days_of(grid: BilateralGrid | None) -> list[date]:
    return sorted({p.day for p in grid.periods}) if grid is not None else []
