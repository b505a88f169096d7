"""The secretariat's actions on the schedule: set a time and room, or place accepted events automatically.

High-level side events run one at a time (they may overlap the plenary); no room holds two
things at once, side events or meetings.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from meetings.auth.actors import Actor
from meetings.extensions import db
from meetings.locking import lock_commission_session
from meetings.programme.models import CommissionSession, Room
from meetings.refusal import Refusal, require
from meetings.side_events import permissions, rules
from meetings.side_events.models import SideEvent, SideEventStatus
from meetings.side_events.services import log, queue
from meetings.timeutil import local_instant, to_local


def scheduled(cs: CommissionSession) -> list[SideEvent]:
    """Accepted events with a time, in time order: the programme."""
    stmt = select(SideEvent).where(
        SideEvent.commission_session_id == cs.id,
        SideEvent.status == SideEventStatus.accepted,
        SideEvent.starts_at.is_not(None),
    )
    return list(db.session.scalars(stmt.order_by(SideEvent.starts_at, SideEvent.id)))


def _label(event: SideEvent) -> str:
    return f"“{event.title}” ({event.organizer.name})"


def _busy_high_level(events: list[SideEvent], except_id: int | None) -> list[rules.Busy]:
    return [(_label(e), e.starts_at, e.ends_at) for e in events if e.is_high_level and e.id != except_id]


def _busy_rooms(cs: CommissionSession, events: list[SideEvent], except_id: int | None) -> dict[int, list[rules.Busy]]:
    busy: dict[int, list[rules.Busy]] = {room.id: [] for room in cs.rooms}
    for block in cs.blocks:
        busy.setdefault(block.room_id, []).append((f"the meeting “{block.title}”", block.starts_at, block.ends_at))
    for e in events:
        if e.id != except_id:
            busy.setdefault(e.room_id, []).append((_label(e), e.starts_at, e.ends_at))
    return busy


def _period(cs: CommissionSession, event: SideEvent) -> tuple[date, date]:
    if event.is_high_level and cs.rules.se_period_start and cs.rules.se_period_end:
        return cs.rules.se_period_start, cs.rules.se_period_end
    return cs.first_day, cs.last_day


def schedule(cs: CommissionSession, user: Actor, event: SideEvent, day: date, start: time, room_id: int) -> SideEvent:
    """Give an accepted event its time and room, or refuse naming what it clashes with."""
    require(permissions.can_decide(user), "Only the secretariat sets the time of a side event.")
    lock_commission_session(cs.id)
    db.session.refresh(event)
    if event.status != SideEventStatus.accepted:
        raise Refusal(f"Only an accepted side event is scheduled; this one is {event.status.value}.", status=409)
    room = db.session.get(Room, room_id)
    if room is None or room.commission_session_id != cs.id:
        raise Refusal("There is no such room.", {"room_id": ["Choose a room."]}, status=422)
    starts = local_instant(day, start, cs.timezone)
    ends = starts + timedelta(minutes=event.duration_minutes)
    first, last = _period(cs, event)
    if not rules.within_period(to_local(starts, cs.timezone), to_local(ends, cs.timezone), first, last):
        raise Refusal(f"Side events of this kind take place from {first:%d %B} to {last:%d %B %Y}.",
                      {"day": ["Outside the side-event period."]}, status=409)  # fmt: skip
    others = scheduled(cs)
    if event.is_high_level:
        other = rules.clash(starts, ends, _busy_high_level(others, event.id))
        if other:
            raise Refusal(f"High-level side events run one at a time: this would overlap {other}.",
                          {"start": ["Overlaps another high-level side event."]}, status=409)  # fmt: skip
    other = rules.clash(starts, ends, _busy_rooms(cs, others, event.id).get(room.id, []))
    if other:
        raise Refusal(f"{room.name} is taken at that time by {other}.", {"room_id": ["Room taken."]}, status=409)
    _place(cs, user, event, starts, ends, room)
    return event


def _slot(event: SideEvent, tz: str) -> dict:
    if event.starts_at is None:
        return {"starts_at": None, "ends_at": None, "room": None}
    return {"starts_at": to_local(event.starts_at, tz), "ends_at": to_local(event.ends_at, tz), "room": event.room.name}


def _place(cs: CommissionSession, user: Actor, event: SideEvent, starts: datetime, ends: datetime, room: Room) -> None:
    moved = event.starts_at is not None
    before = _slot(event, cs.timezone)
    if moved and (event.starts_at, event.ends_at, event.room_id) != (starts, ends, room.id):
        event.ical_sequence += 1
    event.starts_at, event.ends_at, event.room = starts, ends, room
    db.session.flush()
    log(event, user, "moved" if moved else "scheduled", before=before, after=_slot(event, cs.timezone))


def auto_schedule(cs: CommissionSession, user: Actor) -> tuple[list[SideEvent], list[SideEvent]]:
    """Place unscheduled accepted high-level events, in queue order, at their first free preferred time.

    Returns (placed, not placed); an event whose preferred times are all taken is left for the
    secretariat to place by hand.
    """
    require(permissions.can_decide(user), "Only the secretariat schedules side events.")
    lock_commission_session(cs.id)
    tz = ZoneInfo(cs.timezone)
    placed, unplaced = [], []
    rooms = list(cs.rooms)
    for event in queue(cs):
        if event.status != SideEventStatus.accepted or event.starts_at is not None:
            continue
        others = scheduled(cs)
        busy_rooms = _busy_rooms(cs, others, event.id)
        first, last = _period(cs, event)
        wanted = []
        for text in event.preferred_times:
            local = datetime.fromisoformat(text).replace(tzinfo=tz)
            end = local + timedelta(minutes=event.duration_minutes)
            if rules.within_period(local, end, first, last):
                wanted.append((local.astimezone(UTC), end.astimezone(UTC)))
        found = rules.first_free_placement(
            wanted, _busy_high_level(others, event.id), [(r.id, busy_rooms.get(r.id, [])) for r in rooms]
        )
        if found is None:
            unplaced.append(event)
            continue
        starts, ends, room_id = found
        _place(cs, user, event, starts, ends, db.session.get(Room, room_id))
        placed.append(event)
    return placed, unplaced
