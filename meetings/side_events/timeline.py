"""The day-by-day timeline: side events as bars against the meetings, positioned in percent of the day."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from meetings.i18n.words import _, shown
from meetings.programme.models import CommissionSession
from meetings.side_events.scheduling import scheduled
from meetings.timeutil import local_instant, to_local

DAY_START, DAY_END = time(8, 0), time(22, 0)


@dataclass
class Bar:
    label: str
    detail: str
    left: float
    width: float
    css: str
    url: str = ""


@dataclass
class Lane:
    label: str
    bars: list[Bar] = field(default_factory=list)


@dataclass
class Day:
    day: date
    hours: list[tuple[str, float]]
    lanes: list[Lane]
    heading: str = ""  # the day written in the reader's language


def _bar(cs: CommissionSession, day: date, starts: datetime, ends: datetime, **kw) -> Bar:
    origin = local_instant(day, DAY_START, cs.timezone)
    span = (local_instant(day, DAY_END, cs.timezone) - origin).total_seconds()
    left = max(0.0, (starts - origin).total_seconds() / span * 100)
    right = min(100.0, (ends - origin).total_seconds() / span * 100)
    when = f"{to_local(starts, cs.timezone):%H:%M}–{to_local(ends, cs.timezone):%H:%M}"
    return Bar(detail=f"{when} {kw.pop('detail', '')}".strip(), left=round(left, 3),
               width=round(max(right - left, 0.5), 3), **kw)  # fmt: skip


def timeline_days(cs: CommissionSession) -> list[Day]:
    """The side-event days (or the session's, if none are set), each a set of lanes with bars."""
    first = cs.rules.se_period_start or cs.first_day
    last = cs.rules.se_period_end or cs.last_day
    events = scheduled(cs)
    extra = {to_local(e.starts_at, cs.timezone).date() for e in events}
    days = sorted({first + timedelta(days=n) for n in range((last - first).days + 1)} | extra)
    hours_span = DAY_END.hour - DAY_START.hour
    hours = [(f"{h:02d}:00", (h - DAY_START.hour) / hours_span * 100) for h in range(DAY_START.hour, DAY_END.hour + 1)]
    result = []
    for day in days:
        lanes: dict[str, Lane] = {}
        for b in cs.blocks:
            if to_local(b.starts_at, cs.timezone).date() == day:
                lane = lanes.setdefault(f"block:{b.room.name}", Lane(b.room.name))
                lane.bars.append(_bar(cs, day, b.starts_at, b.ends_at, label=b.title, css=f"block {b.kind.value}",
                                      detail=b.room.name))  # fmt: skip
        hl = Lane(_("High-level side events"))
        regular: dict[str, Lane] = {}
        for e in events:
            if to_local(e.starts_at, cs.timezone).date() != day:
                continue
            bar = _bar(cs, day, e.starts_at, e.ends_at, label=e.title, css=f"event {e.kind.value}",
                       detail=f"{e.organizer.shown_name} · {e.room.name if e.room else ''}", url=str(e.id))  # fmt: skip
            if e.is_high_level:
                hl.bars.append(bar)
            else:
                lane = Lane(_("Regular side events, %(room)s", room=e.room.name))
                regular.setdefault(e.room.name, lane).bars.append(bar)
        result.append(Day(day, hours, [*lanes.values(), hl, *regular.values()], shown(day, "%A %d %B %Y")))
    return result
