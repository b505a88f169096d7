"""The decisions on bilateral rooms that someone may ask us to explain. Pure functions over plain data.

- the grid: periods of days (local time) cut into slots of one length; two periods of a day never
  overlap and each holds a whole number of slots, so that two slots of the grid are either the same
  or apart, and a start names a slot;
- which slots a booking may take, and the next free ones to offer when a slot is taken.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from meetings.i18n.words import _, shown

MAX_PERIODS = 60
_PERIOD = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})[ T]+(\d{1,2}:\d{2})\s*(?:-|–|—|to)\s*(\d{1,2}:\d{2})\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Period:
    """A stretch of one day, local time."""

    day: date
    starts: time
    ends: time

    def text(self) -> str:
        """As the form writes it: 2024-03-14 09:00-18:00."""
        return f"{self.day.isoformat()} {self.starts:%H:%M}-{self.ends:%H:%M}"

    def words(self) -> str:
        """As a sentence names it, in the reader's language."""
        return _("%(day)s, %(starts)s–%(ends)s", day=shown(self.day, "%A %d %B"), starts=shown(self.starts, "%H:%M"),
                 ends=shown(self.ends, "%H:%M"))  # fmt: skip


@dataclass(frozen=True, order=True)
class Slot:
    """One slot of the grid, local wall-clock time (the service turns it into instants)."""

    day: date
    starts: time
    ends: time

    @property
    def key(self) -> str:
        """The slot as forms and the API name it: its local start, 2024-03-14T09:30."""
        return f"{self.day.isoformat()}T{self.starts:%H:%M}"


def parse_periods(text: str | Iterable[str]) -> tuple[list[Period], list[str]]:
    """Periods from lines such as "2024-03-14 09:00-18:00"; the lines that cannot be read, in words."""
    lines = text.splitlines() if isinstance(text, str) else [line for item in text for line in str(item).splitlines()]
    periods, errors = [], []
    for line in (raw.strip() for raw in lines):
        if not line:
            continue
        match = _PERIOD.match(line)
        try:
            if match is None:
                raise ValueError(line)
            day = date.fromisoformat(match.group(1))
            starts, ends = (time.fromisoformat(t.zfill(5)) for t in match.groups()[1:])
        except ValueError:
            errors.append(_("“%(line)s” is not a day and hours such as 2024-03-14 09:00-18:00.", line=line[:60]))
            continue
        periods.append(Period(day, starts, ends))
    if len(periods) > MAX_PERIODS:
        errors.append(_("Give at most %(count)d periods.", count=MAX_PERIODS))
    return periods, errors


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def period_problems(periods: list[Period], slot_minutes: int, first_day: date, last_day: date) -> list[str]:
    """Why these periods cannot make the grid, in words; empty when they can."""
    problems = []
    if not periods:
        problems.append(_("Give at least one period, such as 2024-03-14 09:00-18:00."))
    for p in periods:
        if p.ends <= p.starts:
            problems.append(_("%(period)s ends before it starts.", period=p.words()))
        elif not first_day <= p.day <= last_day:
            problems.append(_("%(period)s is outside the session, which runs from %(first)s to %(last)s.",
                              period=p.words(), first=shown(first_day, "%d %B %Y"),
                              last=shown(last_day, "%d %B %Y")))  # fmt: skip
        elif (_minutes(p.ends) - _minutes(p.starts)) % slot_minutes:
            problems.append(_("%(period)s does not divide into slots of %(minutes)d minutes: make its length a "
                              "multiple of the slot's.", period=p.words(), minutes=slot_minutes))  # fmt: skip
    ordered = sorted(p for p in periods if p.ends > p.starts)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.day == b.day and b.starts < a.ends:
            problems.append(_("%(first)s and %(second)s overlap: a slot would be in two periods.",
                              first=a.words(), second=b.words()))  # fmt: skip
    return problems


def slots_of(periods: Iterable[Period], slot_minutes: int) -> list[Slot]:
    """Every slot of the grid, in time order."""
    step = timedelta(minutes=slot_minutes)
    out = []
    for p in sorted(periods):
        at = datetime.combine(p.day, p.starts)
        end = datetime.combine(p.day, p.ends)
        while at + step <= end:
            out.append(Slot(p.day, at.time(), (at + step).time()))
            at += step
    return out


def slot_at(slots: Iterable[Slot], day: date, starts: time) -> Slot | None:
    return next((s for s in slots if s.day == day and s.starts == starts), None)


@dataclass(frozen=True)
class Offer:
    """A free slot of a room that a refused booking is offered instead."""

    room_id: int
    slot: Slot


def next_free(slots: list[Slot], wanted: Slot, room_ids: list[int], taken: set[tuple[int, Slot]],
              busy: set[Slot], full_days: set[date], per_room: int = 3) -> dict[int, list[Offer]]:  # fmt: skip
    """The next free slots of each room from the wanted one on, at most `per_room` each.

    A slot is offered when its room is free then (`taken` holds the (room, slot) pairs that are not),
    neither party has another meeting then (`busy`), and the day is not one on which the booking
    delegation has reached its cap (`full_days`).
    """
    later = [s for s in slots if s >= wanted and s.day not in full_days and s not in busy]
    out: dict[int, list[Offer]] = {}
    for room_id in room_ids:
        free = [s for s in later if (room_id, s) not in taken]
        out[room_id] = [Offer(room_id, s) for s in free[:per_room]]
    return out


def free_seat(taken: Iterable[int], cap: int) -> int | None:
    """The lowest of the seats 1..cap that is not taken (a day's bookings of one delegation), or None."""
    used = set(taken)
    return next((seat for seat in range(1, cap + 1) if seat not in used), None)
