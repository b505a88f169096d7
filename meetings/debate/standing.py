"""Where a delegation stands in the general debate, for its home page, its API and the withdrawal page."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from meetings.debate import levels
from meetings.debate.listing import DebateList, build_list
from meetings.debate.models import Inscription, LevelRequest, Swap
from meetings.delegations.models import Delegation
from meetings.extensions import db
from meetings.programme.models import CommissionSession, MeetingBlock


@dataclass
class Place:
    """One inscription's place: a slot (with its meeting and projected start) or a waiting list position."""

    inscription: Inscription
    drawn: bool  # the drawing of lots has fixed the order
    slot: int | None = None
    lot: int | None = None
    limit_s: int = 0
    block: MeetingBlock | None = None
    starts_at: datetime | None = None
    overflow: bool = False
    waiting_list: str | None = None  # the group's code, or "NGO"
    waiting_position: int | None = None

    @property
    def listed(self) -> bool:
        return self.slot is not None


def place_of(listing: DebateList, i: Inscription) -> Place:
    drawn = listing.draw is not None and listing.draw.performed
    row = listing.row_of(i.id)
    if row is not None:
        return Place(i, drawn, row.slot, row.lot, row.limit_s, row.block, row.starts_at, row.overflow)
    for code, rows in listing.waiting.items():
        for n, r in enumerate(rows, start=1):
            if r.inscription.id == i.id:
                return Place(i, drawn, lot=r.lot, limit_s=r.limit_s, waiting_list=code, waiting_position=n)
    return Place(i, drawn)


@dataclass
class Standing:
    delegation: Delegation
    places: list[Place] = field(default_factory=list)  # inscriptions in force
    withdrawn: list[Inscription] = field(default_factory=list)
    incoming: list[Swap] = field(default_factory=list)  # proposals it can accept or decline
    outgoing: list[Swap] = field(default_factory=list)  # its proposals waiting for the other delegation
    level_requests: list[LevelRequest] = field(default_factory=list)
    slots: dict[int, int] = field(default_factory=dict)  # inscription id → slot, to say what a swap exchanges


def standing_of(cs: CommissionSession, delegation: Delegation, listing: DebateList | None = None) -> Standing:
    listing = listing or build_list(cs)
    mine = list(
        db.session.scalars(
            select(Inscription)
            .where(Inscription.commission_session_id == cs.id, Inscription.delegation_id == delegation.id)
            .order_by(Inscription.on_behalf_of_group, Inscription.created_at, Inscription.id)
        )
    )
    ids = [i.id for i in mine]
    swaps = (
        db.session.scalars(
            select(Swap)
            .where(Swap.commission_session_id == cs.id, Swap.confirmed_at.is_(None), Swap.declined_at.is_(None),
                   Swap.first_id.in_(ids) | Swap.second_id.in_(ids))
            .order_by(Swap.proposed_at, Swap.id)
        ).all()
        if ids
        else []
    )  # fmt: skip
    return Standing(
        delegation,
        places=[place_of(listing, i) for i in mine if i.active],
        withdrawn=[i for i in mine if not i.active],
        incoming=[s for s in swaps if s.second_id in ids],
        outgoing=[s for s in swaps if s.first_id in ids],
        level_requests=levels.pending_requests(cs, delegation),
        slots=slots_of(listing),
    )


def slots_of(listing: DebateList) -> dict[int, int]:
    return {r.inscription.id: r.slot for r in listing.rows}


def place_as_dict(p: Place) -> dict:
    i = p.inscription
    return {
        "id": i.id, "speaker_name": i.speaker_name, "speaker_title": i.speaker_title, "level": i.level.value,
        "on_behalf_of_group": i.on_behalf_of_group, "group_name": i.group_name or None, "late": i.late,
        "drawn": p.drawn, "slot": p.slot, "lot": p.lot, "limit_s": p.limit_s,
        "meeting": p.block.title if p.block else None, "block_id": p.block.id if p.block else None,
        "projected_start": p.starts_at.isoformat() if p.starts_at else None, "past_planned_end": p.overflow,
        "waiting_list": p.waiting_list, "waiting_position": p.waiting_position,
    }  # fmt: skip
