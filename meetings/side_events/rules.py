"""The decisions on side events that someone may ask us to explain. Pure functions over plain data.

- completeness: which fields an application still lacks;
- the window: open, not yet open, closed;
- the queue: the first `cap` active applications in order of receipt hold the accepted seats;
- the schedule: within the period, one high-level event at a time, no room booked twice.
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from enum import StrEnum

from meetings.i18n.words import _, _l

# Field name -> the words a form shows; every one is needed to submit.
REQUIRED_FIELDS = {
    "title": _l("title"),
    "partners": _l("partners"),
    "format": _l("format (in person or virtual)"),
    "contact_name": _l("contact person"),
    "contact_email": _l("contact e-mail"),
    "description": _l("description"),
    "duration_minutes": _l("duration"),
    "preferred_times": _l("preferred times"),
}
PREFERRED_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M")


def missing_fields(values: dict) -> list[str]:
    """The required fields that are empty, in form order."""
    return [name for name in REQUIRED_FIELDS if values.get(name) in (None, "", [], ())]


class Window(StrEnum):
    not_yet_open = "not_yet_open"
    open = "open"
    closed = "closed"


def window_state(now: datetime, opens: datetime, closes: datetime) -> Window:
    """Open from `opens` (included) to `closes` (excluded)."""
    if now < opens:
        return Window.not_yet_open
    if now >= closes:
        return Window.closed
    return Window.open


def parse_preferred_times(text: str) -> tuple[list[datetime], list[str]]:
    """Lines (or ';'-separated items) of local wall-clock times 'YYYY-MM-DD HH:MM'; the bad ones reported."""
    found, errors = [], []
    for item in text.replace(";", "\n").splitlines():
        item = item.strip()
        if not item:
            continue
        for fmt in PREFERRED_FORMATS:
            try:
                found.append(datetime.strptime(item, fmt))
                break
            except ValueError:
                continue
        else:
            errors.append(_("'%(item)s' is not a time like 2024-03-14 13:15.", item=item[:40]))
    return found, errors


def plan_seats(active: Sequence[tuple[int, int | None]], cap: int) -> dict[int, int | None]:
    """Seats for the active high-level applications, given in queue order as (id, current seat).

    The first `cap` hold a seat (they are accepted), the others none (waitlisted). A seat held
    stays with its holder; a newcomer takes the lowest free seat. Returns id -> seat or None.
    """
    winners = {app_id for app_id, _ in active[:cap]}
    kept = {app_id: seat for app_id, seat in active if app_id in winners and seat is not None and seat <= cap}
    free = iter(sorted(set(range(1, cap + 1)) - set(kept.values())))
    plan: dict[int, int | None] = {}
    for app_id, _seat in active:
        plan[app_id] = kept.get(app_id) or (next(free) if app_id in winners else None)
    return plan


def free_slot(used: Iterable[int], cap: int) -> int | None:
    """The lowest organizer slot not in use, or None when the organizer has `cap` active applications."""
    taken = set(used)
    return next((n for n in range(1, cap + 1) if n not in taken), None)


Busy = tuple[str, datetime, datetime]  # (what, starts, ends)


def clash(start: datetime, end: datetime, busy: Iterable[Busy]) -> str | None:
    """The first busy interval that overlaps [start, end), by name; touching ends do not clash."""
    for label, b_start, b_end in busy:
        if start < b_end and b_start < end:
            return label
    return None


def within_period(start_local: datetime, end_local: datetime, first: date | None, last: date | None) -> bool:
    """Starts and ends on days of the period (local dates)."""
    if first is None or last is None:
        return True
    return first <= start_local.date() and (end_local - timedelta(microseconds=1)).date() <= last


def first_free_placement(
    preferred: Sequence[tuple[datetime, datetime]],
    one_at_a_time: Sequence[Busy],
    rooms: Sequence[tuple[int, Sequence[Busy]]],
) -> tuple[datetime, datetime, int] | None:
    """The first preferred (start, end) that clashes with no high-level event, in the first free room."""
    for start, end in preferred:
        if clash(start, end, one_at_a_time):
            continue
        for room_id, busy in rooms:
            if not clash(start, end, busy):
                return start, end, room_id
    return None


def waiting_numbers(queue: Sequence[tuple[int, bool]]) -> dict[int, int]:
    """Each waiting application's number on the waiting list, from (id, waiting) in queue order.

    Number 1 is the next to move up when a seat is freed.
    """
    waiting = [app_id for app_id, is_waiting in queue if is_waiting]
    return {app_id: n for n, app_id in enumerate(waiting, 1)}
