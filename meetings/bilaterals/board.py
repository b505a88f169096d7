"""What the bilateral rooms hold, slot by slot: the grid page, the API's grid, and the free slots a
refused booking is offered instead.

A slot of a room is free, held (booked, awaiting the counterpart), confirmed, or taken by something
else that holds the room then (a meeting, a side event: meetings.programme.rooms).
"""

from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from sqlalchemy import select

from meetings.bilaterals import grid as grids
from meetings.bilaterals import rules
from meetings.bilaterals.models import BilateralBooking, BilateralGrid, BookingParty
from meetings.delegations.models import Delegation
from meetings.extensions import db
from meetings.i18n.words import _, pgettext, shown, shown_list
from meetings.programme import rooms as room_service
from meetings.programme.models import CommissionSession, HolderKind, Room
from meetings.refusal import Refusal
from meetings.timeutil import to_local


@dataclass
class Cell:
    room: Room
    slot: rules.Slot
    state: str  # free, held, confirmed, taken
    booking: BilateralBooking | None = None
    holder: str = ""  # what else holds the room then, in words

    @property
    def label(self) -> str:
        return slot_state_words(self.state)


def slot_state_words(state: str) -> str:
    """A slot's state in the reader's language: free, held (awaiting the counterpart), confirmed, taken."""
    return {"free": pgettext("a bilateral slot", "free"), "held": pgettext("a bilateral slot", "held"),
            "confirmed": pgettext("a bilateral slot", "confirmed"),
            "taken": pgettext("a bilateral slot", "taken")}[state]  # fmt: skip


@dataclass
class Row:
    slot: rules.Slot
    cells: list[Cell]


@dataclass
class Day:
    day: date
    rows: list[Row] = field(default_factory=list)


@dataclass
class Occupancy:
    """Who holds each (room, slot) of the grid: an active booking, or another holder's words."""

    bookings: dict[tuple[int, rules.Slot], BilateralBooking]
    others: dict[tuple[int, rules.Slot], str]

    @property
    def taken(self) -> set[tuple[int, rules.Slot]]:
        return set(self.bookings) | set(self.others)


def occupancy(cs: CommissionSession, grid: BilateralGrid | None, room_list: list[Room]) -> Occupancy:
    slots = grids.slots_of(grid)
    bookings = {(b.room_id, grids.slot_of(cs, b.starts_at, b.ends_at)): b for b in grids.active_bookings(cs)}
    others: dict[tuple[int, rules.Slot], str] = {}
    ids = {room.id for room in room_list}
    for held in room_service.bookings(cs):
        if held.room_id not in ids or held.holder_kind == HolderKind.bilateral:
            continue
        for slot in slots:
            start, end = grids.instants(cs, slot)
            if held.starts_at < end and held.ends_at > start:
                others[(held.room_id, slot)] = room_service.shown_label(held, alone=True)
    return Occupancy(bookings, others)


def board(cs: CommissionSession, grid: BilateralGrid | None, room_list: list[Room] | None = None) -> list[Day]:
    """Each day of the grid, each slot a row, each bilateral room a cell."""
    room_list = grids.bilateral_rooms(cs) if room_list is None else room_list
    held = occupancy(cs, grid, room_list)
    days = []
    for day, slots in groupby(grids.slots_of(grid), key=lambda s: s.day):
        rows = []
        for slot in slots:
            cells = []
            for room in room_list:
                booking = held.bookings.get((room.id, slot))
                if booking is not None:
                    cells.append(Cell(room, slot, booking.state.value, booking))
                elif (room.id, slot) in held.others:
                    cells.append(Cell(room, slot, "taken", holder=held.others[(room.id, slot)]))
                else:
                    cells.append(Cell(room, slot, "free"))
            rows.append(Row(slot, cells))
        days.append(Day(day, rows))
    return days


def board_as_dict(cs: CommissionSession, days: list[Day], show_parties) -> list[dict]:
    """The grid for the API: each slot of each room with its state; the parties where the reader may see them."""
    out = []
    for d in days:
        for row in d.rows:
            for cell in row.cells:
                start, end = grids.instants(cs, cell.slot)
                item = {"room_id": cell.room.id, "room": cell.room.name, "slot": cell.slot.key,
                        "starts_at": to_local(start, cs.timezone).isoformat(),
                        "ends_at": to_local(end, cs.timezone).isoformat(), "state": cell.state}  # fmt: skip
                if cell.booking is not None and show_parties(cell.booking):
                    b = cell.booking
                    item.update({"booking_id": b.id, "booked_by": b.booked_by.code,
                                 "counterpart": b.counterpart.code if b.counterpart else None,
                                 "organization": b.counterpart_name or None})  # fmt: skip
                if cell.state == "taken":
                    item["held_by"] = cell.holder
                out.append(item)
    return out


# --- a slot taken: the reason and the next free slots ---------------------------------------------


@dataclass(frozen=True)
class Offered:
    """A free slot a refused booking is offered instead."""

    room: Room
    slot: rules.Slot

    @property
    def key(self) -> str:
        return self.slot.key

    def words(self) -> str:
        return _("%(room)s, %(day)s, %(start)s–%(end)s", room=self.room.name, day=shown(self.slot.day, "%A %d %B"),
                 start=shown(self.slot.starts, "%H:%M"), end=shown(self.slot.ends, "%H:%M"))  # fmt: skip


class SlotTaken(Refusal):
    """A booking refused because its room or a delegation is taken then; `offers` are the next free slots."""

    def __init__(self, message: str, reason: str, offers: list[Offered]):
        errors = {"starts_at": [reason], "next_free": [o.words() for o in offers],
                  "next_free_keys": [f"{o.room.id}/{o.key}" for o in offers]}  # fmt: skip
        super().__init__(message, errors, status=409)
        self.offers = offers


def _busy(cs: CommissionSession, delegations: list[Delegation]) -> set[rules.Slot]:
    """The slots in which any of these delegations already has a meeting."""
    ids = [d.id for d in delegations]
    stmt = select(BilateralBooking).join(BookingParty, BookingParty.booking_id == BilateralBooking.id).where(
        BilateralBooking.commission_session_id == cs.id, BookingParty.delegation_id.in_(ids))  # fmt: skip
    return {grids.slot_of(cs, b.starts_at, b.ends_at) for b in db.session.scalars(stmt)}


def _full_days(grid: BilateralGrid, booker: Delegation) -> set[date]:
    stmt = select(BilateralBooking.day).where(BilateralBooking.booked_by_id == booker.id,
                                              BilateralBooking.day_seat.is_not(None))  # fmt: skip
    days = list(db.session.scalars(stmt))
    return {day for day in set(days) if days.count(day) >= grid.daily_cap}


def _reason(cs: CommissionSession, held: Occupancy, room: Room, slot: rules.Slot, booker: Delegation,
            other: Delegation | None) -> str | None:  # fmt: skip
    when = {"day": shown(slot.day, "%A %d %B"), "time": shown(slot.starts, "%H:%M")}
    if (room.id, slot) in held.bookings:
        return _("%(room)s is already booked on %(day)s at %(time)s.", room=room.name, **when)
    if (room.id, slot) in held.others:
        return _("%(room)s is taken on %(day)s at %(time)s by %(holder)s.", room=room.name,
                 holder=held.others[(room.id, slot)], **when)  # fmt: skip
    for delegation in (booker, other):
        if delegation is not None and slot in _busy(cs, [delegation]):
            return _("%(delegation)s already has a bilateral meeting on %(day)s at %(time)s.",
                     delegation=delegation.shown_name, **when)  # fmt: skip
    return None


def slot_taken(cs: CommissionSession, grid: BilateralGrid, room: Room, slot: rules.Slot, booker: Delegation,
               other: Delegation | None) -> SlotTaken | None:  # fmt: skip
    """The refusal of a booking whose room or delegations are taken at that slot, or None when all are free."""
    room_list = grids.bilateral_rooms(cs)
    held = occupancy(cs, grid, room_list)
    reason = _reason(cs, held, room, slot, booker, other)
    if reason is None:
        return None
    order = [room] + [r for r in room_list if r.id != room.id]
    busy = _busy(cs, [d for d in (booker, other) if d is not None])
    found = rules.next_free(grids.slots_of(grid), slot, [r.id for r in order], held.taken, busy,
                            _full_days(grid, booker))  # fmt: skip
    offers = [Offered(r, o.slot) for r in order for o in found[r.id]]
    return SlotTaken(f"{reason} {offers_sentence(cs, offers)}", reason, offers)


def offers_sentence(cs: CommissionSession, offers: list[Offered]) -> str:
    """The free slots, room by room and day by day, in one sentence."""
    if not offers:
        return _("No later slot of the bilateral rooms is free for this meeting.")
    parts = []
    for room, of_room in groupby(offers, key=lambda o: o.room):
        days = []
        for day, of_day in groupby(of_room, key=lambda o: o.slot.day):
            times = shown_list(shown(o.slot.starts, "%H:%M") for o in of_day)
            days.append(_("%(day)s at %(times)s", day=shown(day, "%A %d %B"), times=times))
        parts.append(_("%(room)s: %(days)s", room=room.name, days="; ".join(days)))
    return _("Free instead (%(zone)s time): %(offers)s.", zone=cs.timezone, offers=" · ".join(parts))
