"""The session report's figures, summed from the records: the floor's turns, the list, the applications.

What counts (the same definitions the report prints beside each chart):

- a **delivered speech** of the general debate is a turn recorded as done (`floor_turn.status = done`)
  on the floor of a general-debate meeting, in the role of a national statement or a statement on behalf
  of a group; points of order and rights of reply are listed in the record but are not speeches of the
  list;
- its **allotted** time is the turn's limit, its **used** time the recorded duration;
- its regional group is the delegation's; its protocol level the inscription's the turn was loaded from;
- an **overrun** is any turn of a meeting's record over its limit (replies and points of order included);
- a meeting's **plan** is the number of speakers the list projects into it;
- a high-level **application** counts on the local day its complete application reached the server,
  under its present status.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from meetings.debate.listing import build_list
from meetings.debate.models import Inscription, Level
from meetings.debate.refs import inscription_id
from meetings.extensions import db
from meetings.floor.models import Floor, Turn, TurnRole, TurnStatus
from meetings.programme.models import BlockKind, CommissionSession, MeetingBlock
from meetings.side_events.models import SideEvent, SideEventKind, SideEventStatus
from meetings.timeutil import to_local

SPEECH_ROLES = (TurnRole.gd_national, TurnRole.gd_group)
APPLICATION_STATUSES = (SideEventStatus.accepted, SideEventStatus.waitlisted, SideEventStatus.withdrawn,
                        SideEventStatus.rejected)  # fmt: skip
NO_GROUP, NO_LEVEL = "", ""


@dataclass
class TimeUse:
    """Speaking time of one regional group or one protocol level: seconds used against seconds allotted."""

    key: str
    speeches: int = 0
    used_s: int = 0
    allotted_s: int = 0


@dataclass
class MeetingFigures:
    block: MeetingBlock
    planned: int
    delivered: int
    overruns: int
    overrun_s: int


@dataclass
class ApplicationDay:
    day: date
    counts: dict[str, int] = field(default_factory=dict)  # status value → applications received that day
    cumulative: int = 0


@dataclass
class Figures:
    by_group: list[TimeUse]
    by_level: list[TimeUse]
    meetings: list[MeetingFigures]
    applications: list[ApplicationDay]
    group_names: dict[str, object]  # group code → the group (for its shown name)

    @property
    def speeches(self) -> int:
        return sum(g.speeches for g in self.by_group)


def is_speech(turn: Turn) -> bool:
    """A speech of the list (a national statement or one on behalf of a group), not a point of order or reply."""
    return any(turn.role is role for role in SPEECH_ROLES)


def general_debate_blocks(cs: CommissionSession) -> list[MeetingBlock]:
    return sorted((b for b in cs.blocks if b.kind == BlockKind.general_debate), key=lambda b: (b.starts_at, b.id))


def records(cs: CommissionSession) -> dict[int, list[Turn]]:
    """Each general-debate meeting's record (done turns, in the order they began), by block id."""
    blocks = general_debate_blocks(cs)
    floors = {
        f.block_id: f for f in db.session.scalars(select(Floor).where(Floor.block_id.in_([b.id for b in blocks])))
    }
    out = {}
    for b in blocks:
        floor = floors.get(b.id)
        done = [t for t in (floor.turns if floor else []) if t.status == TurnStatus.done]
        out[b.id] = sorted(done, key=lambda t: (t.started_at, t.id))
    return out


def levels_of(turns: list[Turn]) -> dict[int, Level | None]:
    """The protocol level of each turn's inscription (None for a turn added by hand on the floor)."""
    ids = {t.id: inscription_id(t.source_ref) for t in turns}
    wanted = {i for i in ids.values() if i is not None}
    found = (
        {i.id: i.level for i in db.session.scalars(select(Inscription).where(Inscription.id.in_(wanted)))}
        if wanted
        else {}
    )
    return {tid: found.get(iid) for tid, iid in ids.items()}


def _use(table: dict[str, TimeUse], key: str, turn: Turn) -> None:
    use = table.setdefault(key, TimeUse(key))
    use.speeches += 1
    use.used_s += turn.duration_s or 0
    use.allotted_s += turn.limit_s


def compute(cs: CommissionSession) -> Figures:
    """Every figure of the report, from the records as they stand."""
    record = records(cs)
    speeches = [t for turns in record.values() for t in turns if is_speech(t)]
    levels = levels_of(speeches)
    by_group: dict[str, TimeUse] = {}
    by_level: dict[str, TimeUse] = {level.value: TimeUse(level.value) for level in Level}
    groups = {}
    for t in speeches:
        group = t.delegation.regional_group if t.delegation else None
        if group is not None:
            groups[group.code] = group
        _use(by_group, group.code if group else NO_GROUP, t)
        level = levels.get(t.id)
        _use(by_level, level.value if level else NO_LEVEL, t)
    listing = build_list(cs)
    meetings = []
    for block in general_debate_blocks(cs):
        turns = record[block.id]
        over = [t for t in turns if t.overrun_s]
        delivered = sum(1 for t in turns if is_speech(t))
        meetings.append(MeetingFigures(block, len(listing.rows_in(block)), delivered, len(over),
                                       sum(t.overrun_s for t in over)))  # fmt: skip
    order = sorted(by_group.values(), key=lambda u: (u.key == NO_GROUP, groups[u.key].name if u.key in groups else ""))
    return Figures(order, [u for u in by_level.values() if u.key != NO_LEVEL or u.speeches], meetings,
                   applications(cs), groups)  # fmt: skip


def applications(cs: CommissionSession) -> list[ApplicationDay]:
    """High-level applications by the local day they reached the server, over the application window
    (and any day outside it that holds one), by present status, with the running total."""
    rules = cs.rules
    events = db.session.scalars(select(SideEvent).where(
        SideEvent.commission_session_id == cs.id, SideEvent.kind == SideEventKind.high_level,
        SideEvent.submitted_at.is_not(None))).all()  # fmt: skip
    by_day: dict[date, Counter] = defaultdict(Counter)
    for e in events:
        by_day[to_local(e.submitted_at, cs.timezone).date()][e.status.value] += 1
    days = set(by_day)
    if rules is not None:
        first = to_local(rules.hl_window_opens, cs.timezone).date()
        last = to_local(rules.hl_window_closes - timedelta(microseconds=1), cs.timezone).date()
        days |= {first + timedelta(days=n) for n in range((last - first).days + 1)}
    out, running = [], 0
    for day in sorted(days):
        counts = {s.value: by_day[day][s.value] for s in APPLICATION_STATUSES}
        running += sum(by_day[day].values())
        out.append(ApplicationDay(day, counts, running))
    return out
