"""A time zone as a calendar writes it: its rules in two lines, not every change since 1970.

A VTIMEZONE in RRULE form holds one STANDARD and one DAYLIGHT component, each with the moment
the clocks change in its first year and a yearly rule ("the last Sunday of March at 02:00").
The rules are read from the zone database (zoneinfo) around the years the calendar covers, and
checked against every change in those years; a zone whose rules changed meanwhile is written
change by change for those years instead, still correct. A zone without summer time has one
STANDARD component.
"""

import calendar as monthdays
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Change:
    """The clocks change: at `local` (wall-clock time before the change), from one offset to another."""

    local: datetime  # naive, in the offset before the change
    offset_from: timedelta
    offset_to: timedelta
    name: str  # the abbreviation after the change (CET, CEST)
    daylight: bool


def _offset(zone: ZoneInfo, instant: datetime) -> timedelta:
    return instant.astimezone(zone).utcoffset() or timedelta(0)


def _change_at(zone: ZoneInfo, before: datetime, after: datetime) -> datetime:
    """The first instant (to the second) in (before, after] with the offset of `after`."""
    wanted = _offset(zone, after)
    while after - before > timedelta(seconds=1):
        middle = before + (after - before) / 2
        middle = middle.replace(microsecond=0)
        if middle <= before:
            break
        if _offset(zone, middle) == wanted:
            after = middle
        else:
            before = middle
    return after


def changes(tz: str, first_year: int, last_year: int) -> list[Change]:
    """Every change of the zone's clocks from the start of `first_year` to the end of `last_year`."""
    zone = ZoneInfo(tz)
    found = []
    moment = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    step = timedelta(hours=6)
    while moment < end:
        following = moment + step
        before, after = _offset(zone, moment), _offset(zone, following)
        if before != after:
            at = _change_at(zone, moment, following)
            local = at.astimezone(zone)
            found.append(Change((at + before).replace(tzinfo=None), before, after, local.tzname() or tz,
                                bool(local.dst())))  # fmt: skip
        moment = following
    return found


def _weekday_rule(day: date) -> set[str]:
    """The ways a yearly rule can name this day: "2SU" (second Sunday), "-1SU" (last Sunday)."""
    weekday = DAYS[day.weekday()]
    ways = {f"{(day.day - 1) // 7 + 1}{weekday}"}
    if day.day + 7 > monthdays.monthrange(day.year, day.month)[1]:
        ways.add(f"-1{weekday}")
    return ways


def _yearly_rule(found: list[Change]) -> str | None:
    """The BYDAY that names each of these changes (one a year, same month, time and offsets), if any."""
    first = found[0]
    if any((c.local.month, c.local.time(), c.offset_from, c.offset_to) !=
           (first.local.month, first.local.time(), first.offset_from, first.offset_to) for c in found):  # fmt: skip
        return None
    common = set.intersection(*(_weekday_rule(c.local.date()) for c in found))
    if not common:
        return None
    return sorted(common, key=lambda way: way.startswith("-"))[-1]  # "last Sunday" reads as the rule meant


def _component(change: Change, rule: str | None = None):
    part = TimezoneDaylight() if change.daylight else TimezoneStandard()
    part.add("dtstart", change.local)
    if rule is not None:
        part.add("rrule", {"freq": "yearly", "bymonth": change.local.month, "byday": rule})
    part.add("tzoffsetfrom", change.offset_from)
    part.add("tzoffsetto", change.offset_to)
    part.add("tzname", change.name)
    return part


@lru_cache(maxsize=64)
def _parts(tz: str, first_year: int, last_year: int) -> tuple:
    """The STANDARD and DAYLIGHT components for a calendar whose events fall in these years."""
    # One year either side: the rule's first onset comes before the first event, and is checked after the last.
    found = changes(tz, first_year - 1, last_year + 1)
    zone = ZoneInfo(tz)
    start = datetime(first_year - 1, 1, 1)
    offset = _offset(zone, start.replace(tzinfo=UTC))
    opening = Change(start, offset, offset, start.replace(tzinfo=zone).tzname() or tz, bool(zone.dst(start)))
    if not found:
        return (_component(opening),)
    years = range(first_year - 1, last_year + 2)
    by_kind = [[c for c in found if c.daylight], [c for c in found if not c.daylight]]
    rules = []
    for kind in by_kind:
        once_a_year = kind and [c.local.year for c in kind] == list(years)
        rules.append(_yearly_rule(kind) if once_a_year else None)
    if all(rules):
        return tuple(_component(kind[0], rule) for kind, rule in zip(by_kind, rules, strict=True))
    # The rules changed in these years: the offset at their start, then each change as it happened.
    return tuple(_component(c) for c in [opening, *found])


def vtimezone(tz: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of `tz` for events from `first_year` to `last_year`."""
    zone = Timezone()
    zone.add("tzid", tz)
    for part in _parts(tz, first_year, last_year):
        zone.add_component(part)
    return zone
