"""The list of speakers as it stands: loaded from the database, ordered and timed by the rules."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import joinedload

from meetings.debate import rules
from meetings.debate.models import Change, ChangeKind, DebateState, Draw, Inscription, Quota
from meetings.debate.refs import inscription_id, source_ref
from meetings.delegations.models import Delegation, DelegationKind, RegionalGroup
from meetings.extensions import db
from meetings.floor.services import actual_durations
from meetings.programme.models import BlockKind, CommissionSession, MeetingBlock


@dataclass
class Row:
    slot: int | None  # None for the waiting lists
    inscription: Inscription
    lot: int | None
    limit_s: int
    block: MeetingBlock | None = None
    starts_at: datetime | None = None
    overflow: bool = False  # projected to end after its meeting's planned end (only in the last meeting)

    @property
    def delegation(self) -> Delegation:
        return self.inscription.delegation


@dataclass
class DebateList:
    cs: CommissionSession
    draw: Draw | None
    quotas: dict[str, int]
    quotas_by_hand: bool
    released: int
    rows: list[Row]
    waiting: dict[str, list[Row]] = field(default_factory=dict)

    def rows_in(self, block: MeetingBlock) -> list[Row]:
        return [r for r in self.rows if r.block is not None and r.block.id == block.id]

    def row_of(self, inscription_id: int) -> Row | None:
        return next((r for r in self.rows if r.inscription.id == inscription_id), None)

    def overflow_in(self, block: MeetingBlock) -> list[Row]:
        """The speakers projected past the meeting's planned end (the last meeting takes what is left)."""
        return [r for r in self.rows_in(block) if r.overflow]


def current_draw(cs: CommissionSession) -> Draw | None:
    """The draw that is not voided (committed, and perhaps performed), if any."""
    return db.session.scalar(select(Draw).where(Draw.commission_session_id == cs.id, Draw.voided_at.is_(None)))


def member_state_counts() -> dict[str, int]:
    """Member States per regional group, every group named (a group without Member States counts 0)."""
    rows = db.session.execute(
        select(RegionalGroup.code, func.count(Delegation.id))
        .outerjoin(
            Delegation,
            and_(Delegation.regional_group_id == RegionalGroup.id, Delegation.kind == DelegationKind.member_state),
        )
        .group_by(RegionalGroup.code)
    )
    return {code: n for code, n in rows}


def quotas_of(cs: CommissionSession) -> tuple[dict[str, int], bool]:
    """The quotas in force and whether the secretariat set them by hand."""
    stored = db.session.execute(
        select(RegionalGroup.code, Quota.slots)
        .join(Quota, Quota.regional_group_id == RegionalGroup.id)
        .where(Quota.commission_session_id == cs.id)
    ).all()
    if stored:
        return dict(stored), True
    return rules.largest_remainder(cs.rules.gd_slot_count, member_state_counts()), False


def active_inscriptions(cs: CommissionSession) -> list[Inscription]:
    return list(
        db.session.scalars(
            select(Inscription)
            .where(Inscription.commission_session_id == cs.id, Inscription.withdrawn_at.is_(None))
            .options(joinedload(Inscription.delegation).joinedload(Delegation.regional_group))
            .order_by(Inscription.created_at, Inscription.id)
        )
    )


def _entry(i: Inscription, lots: dict[str, int], late_seq: int) -> rules.Entry:
    category = "group" if i.on_behalf_of_group else i.delegation.kind.value
    group = i.delegation.regional_group.code if i.delegation.regional_group else None
    lot = None if i.late else lots.get(i.delegation.code)  # a late inscription took no part in the draw
    return rules.Entry(i.id, i.delegation.code, category, i.level.value, group, lot, lot is None, late_seq)


def moves_of(cs: CommissionSession) -> list[tuple[str, int, int | None]]:
    changes = db.session.execute(
        select(Change.kind, Change.inscription_id, Change.other_inscription_id)
        .where(Change.commission_session_id == cs.id, Change.kind.in_([ChangeKind.swapped, ChangeKind.absent]))
        .order_by(Change.id)
    )
    return [("swap" if k == ChangeKind.swapped else "absent", a, b) for k, a, b in changes]


def debate_blocks(cs: CommissionSession) -> list[MeetingBlock]:
    # A cancelled meeting keeps its record but takes no speakers: they move on to the next meetings.
    return [b for b in cs.blocks if b.kind == BlockKind.general_debate and not b.is_cancelled]


def recorded_durations(cs: CommissionSession, ids: list[int] | None = None) -> dict[int, int]:
    """Seconds actually spoken on the floor, by inscription id: of `ids`, or of every inscription of the session."""
    if ids is None:
        ids = db.session.scalars(select(Inscription.id).where(Inscription.commission_session_id == cs.id)).all()
    spoken = actual_durations([source_ref(i) for i in ids])
    return {inscription_id(ref): seconds for ref, seconds in spoken.items()}


def build_list(cs: CommissionSession, actual: dict[int, int] | None = None) -> DebateList:
    """Order and time the whole list. `actual` maps inscription ids to recorded speaking seconds;
    by default, what the floor has recorded."""
    inscriptions = active_inscriptions(cs)
    if actual is None:  # only the speakers on the list have a time to project
        actual = recorded_durations(cs, [i.id for i in inscriptions])
    draw = current_draw(cs)
    lots = {k: int(v) for k, v in (draw.result or {}).items()} if draw is not None and draw.performed else {}
    by_id = {i.id: i for i in inscriptions}
    entries = [_entry(i, lots, seq) for seq, i in enumerate(inscriptions)]
    quotas, by_hand = quotas_of(cs)
    state = db.session.scalar(select(DebateState).where(DebateState.commission_session_id == cs.id))
    released = state is not None and state.unused_quota_released_at is not None
    ordering = rules.order_speakers(entries, quotas, cs.rules.gd_ngo_max, released, moves_of(cs))

    def limit(i: Inscription) -> int:
        return cs.rules.gd_limit_group_s if i.on_behalf_of_group else cs.rules.gd_limit_national_s

    rows = [
        Row(n, by_id[e.id], e.lot if not e.late else None, limit(by_id[e.id]))
        for n, e in enumerate(ordering.speakers, start=1)
    ]
    blocks = debate_blocks(cs)
    block_by_id = {b.id: b for b in blocks}
    plain = [rules.Block(b.id, b.starts_at, b.ends_at, b.open_ended) for b in blocks]
    projected = rules.project_times([(r.inscription.id, r.limit_s) for r in rows], plain, cs.rules.changeover_s, actual)
    for row, p in zip(rows, projected, strict=True):
        row.block = block_by_id.get(p.block_id) if p.block_id else None
        row.starts_at, row.overflow = p.starts_at, p.overflow
    waiting = {
        code: [Row(None, by_id[e.id], e.lot if not e.late else None, limit(by_id[e.id])) for e in lst]
        for code, lst in ordering.waiting.items()
        if lst
    }
    return DebateList(cs, draw, quotas, by_hand, ordering.released, rows, waiting)


def refresh_projection(cs: CommissionSession) -> DebateList:
    """Store each speaker's projected start; raise its calendar SEQUENCE when the time moved."""
    listing = build_list(cs)
    placed = {r.inscription.id: r.starts_at for r in listing.rows}
    for i in [r.inscription for r in listing.rows] + [r.inscription for rows in listing.waiting.values() for r in rows]:
        new = placed.get(i.id)
        if new != i.projected_at:
            if i.projected_at is not None or new is not None:
                i.ical_sequence += 1
            i.projected_at = new
    db.session.flush()
    return listing
