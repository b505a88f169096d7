"""The secretariat's actions on the schedule: set a time and room, or place accepted events automatically.

High-level side events run one at a time (they may overlap the plenary): that rule is decided
here. No room holds two things at once, side events or meetings: rooms are booked through the
one room service, meetings.programme.rooms, which refuses a clash naming it. Side events take
place within the day's hours of the rules (se_day_starts to se_day_ends) and their period.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from meetings.auth.actors import Actor
from meetings.extensions import db
from meetings.i18n.words import _, shown
from meetings.locking import lock_commission_session
from meetings.programme import rooms
from meetings.programme import rules as programme_rules
from meetings.programme.models import CommissionSession, HolderKind, Room
from meetings.refusal import Refusal, require
from meetings.side_events import permissions, rules
from meetings.side_events.models import SideEvent, SideEventStatus
from meetings.side_events.services import log, queue, shown_label
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
    """The other high-level events' times, each named as a refusal shows it to the reader."""
    return [(shown_label(e), e.starts_at, e.ends_at) for e in events if e.is_high_level and e.id != except_id]


def _holder(event: SideEvent) -> rooms.Holder:
    return rooms.Holder(HolderKind.side_event, event.id, _label(event))


def _within_hours(cs: CommissionSession, starts: datetime, ends: datetime) -> bool:
    r = cs.rules
    return programme_rules.within_hours(
        to_local(starts, cs.timezone), to_local(ends, cs.timezone), r.se_day_starts, r.se_day_ends
    )


def _period(cs: CommissionSession, event: SideEvent) -> tuple[date, date]:
    if event.is_high_level and cs.rules.se_period_start and cs.rules.se_period_end:
        return cs.rules.se_period_start, cs.rules.se_period_end
    return cs.first_day, cs.last_day


def schedule(cs: CommissionSession, user: Actor, event: SideEvent, day: date, start: time, room_id: int) -> SideEvent:
    """Give an accepted event its time and room, or refuse naming what it clashes with."""
    require(permissions.can_decide(user), _("Only the secretariat sets the time of a side event."))
    lock_commission_session(cs.id)
    db.session.refresh(event)
    if event.status != SideEventStatus.accepted:
        raise Refusal(_not_accepted(event.status), status=409)
    room = db.session.get(Room, room_id)
    if room is None or room.commission_session_id != cs.id:
        raise Refusal(_("There is no such room."), {"room_id": [_("Choose a room.")]}, status=422)
    starts = local_instant(day, start, cs.timezone)
    ends = starts + timedelta(minutes=event.duration_minutes)
    first, last = _period(cs, event)
    if not rules.within_period(to_local(starts, cs.timezone), to_local(ends, cs.timezone), first, last):
        raise Refusal(_("Side events of this kind take place from %(first)s to %(last)s.",
                        first=shown(first, "%d %B"), last=shown(last, "%d %B %Y")),
                      {"day": [_("Outside the side-event period.")]}, status=409)  # fmt: skip
    if not _within_hours(cs, starts, ends):
        r = cs.rules
        raise Refusal(_("Side events take place between %(opens)s and %(closes)s (%(zone)s); %(start)s to %(end)s "
                        "is outside those hours.", opens=shown(r.se_day_starts, "%H:%M"),
                        closes=shown(r.se_day_ends, "%H:%M"), zone=cs.timezone,
                        start=shown(to_local(starts, cs.timezone), "%H:%M"),
                        end=shown(to_local(ends, cs.timezone), "%H:%M")),
                      {"start": [_("Outside the day's hours for side events.")]}, status=409)  # fmt: skip
    others = scheduled(cs)
    if event.is_high_level:
        other = rules.clash(starts, ends, _busy_high_level(others, event.id))
        if other:
            raise Refusal(_("High-level side events run one at a time: this would overlap %(other)s.", other=other),
                          {"start": [_("Overlaps another high-level side event.")]}, status=409)  # fmt: skip
    _place(cs, user, event, starts, ends, room)
    return event


def _not_accepted(status: SideEventStatus) -> str:
    """Why an application that is not accepted gets no time, in one sentence per status."""
    return {
        SideEventStatus.draft: _("Only an accepted side event is scheduled; this one is draft."),
        SideEventStatus.waitlisted: _("Only an accepted side event is scheduled; this one is waitlisted."),
        SideEventStatus.withdrawn: _("Only an accepted side event is scheduled; this one is withdrawn."),
        SideEventStatus.rejected: _("Only an accepted side event is scheduled; this one is rejected."),
    }[status]


def _slot(event: SideEvent, tz: str) -> dict:
    if event.starts_at is None:
        return {"starts_at": None, "ends_at": None, "room": None}
    return {"starts_at": to_local(event.starts_at, tz), "ends_at": to_local(event.ends_at, tz), "room": event.room.name}


def _place(cs: CommissionSession, user: Actor, event: SideEvent, starts: datetime, ends: datetime, room: Room) -> None:
    moved = event.starts_at is not None
    before = _slot(event, cs.timezone)
    rooms.book(cs, user, _holder(event), room, starts, ends)  # refused, naming the clash, if the room is taken
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
    require(permissions.can_decide(user), _("Only the secretariat schedules side events."))
    lock_commission_session(cs.id)
    tz = ZoneInfo(cs.timezone)
    placed, unplaced = [], []
    all_rooms = list(cs.rooms)
    for event in queue(cs):
        if event.status != SideEventStatus.accepted or event.starts_at is not None:
            continue
        others = scheduled(cs)
        busy_rooms = rooms.busy(cs, except_holder=(HolderKind.side_event, event.id))
        first, last = _period(cs, event)
        wanted = []
        for text in event.preferred_times:
            local = datetime.fromisoformat(text).replace(tzinfo=tz)
            end = local + timedelta(minutes=event.duration_minutes)
            if rules.within_period(local, end, first, last) and _within_hours(cs, local, end):
                wanted.append((local.astimezone(UTC), end.astimezone(UTC)))
        found = rules.first_free_placement(
            wanted, _busy_high_level(others, event.id), [(r.id, busy_rooms.get(r.id, [])) for r in all_rooms]
        )
        if found is None:
            unplaced.append(event)
            continue
        starts, ends, room_id = found
        _place(cs, user, event, starts, ends, db.session.get(Room, room_id))
        placed.append(event)
    return placed, unplaced
