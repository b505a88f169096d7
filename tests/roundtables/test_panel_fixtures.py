"""Fixtures and helpers of the panel, summary and report tests (part B); this module holds no test.

CND 67 with its two roundtables, each with confirmed co-chairs whose users run it: Roundtable 1
"Taking stock" co-chaired by Austria (user austria) and Kenya (user kenya), Roundtable 2 "The way
forward" by Brazil (user brazil). Everything is made through the services, so their rules apply.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.delegations.models import Delegation
from meetings.delegations.services import register_delegation
from meetings.floor.models import TurnRole
from meetings.programme.models import BlockKind
from meetings.roundtables import nominations
from meetings.roundtables.models import Panelist, Roundtable
from meetings.timeutil import utcnow
from tests import factories


@dataclass(frozen=True)
class Tables:
    rt1: int
    rt2: int
    block1: int
    block2: int


def _cochair(cs, rt: Roundtable, username: str, name: str, title: str) -> None:
    user = factories.user(username)
    n = nominations.nominate(cs, user, rt, delegation=user.delegation, nominee_name=name, nominee_title=title,
                             account=username)  # fmt: skip
    nominations.confirm(cs, factories.user("secretariat"), n)


@pytest.fixture
def tables(db, cs) -> Tables:
    """The two roundtables with their confirmed co-chairs; committed."""
    cs.rules.nominations_close = utcnow() + timedelta(days=7)
    secretariat = factories.user("secretariat")
    factories.delegations("IDPC", "WFAD", "DEU")
    made = []
    for number, topic, block in zip((1, 2), ("Taking stock", "The way forward"),
                                    factories.blocks_of(cs, BlockKind.roundtable), strict=True):  # fmt: skip
        made.append(nominations.create_roundtable(cs, secretariat, block_id=block.id, number=number, topic=topic))
    rt1, rt2 = made
    _cochair(cs, rt1, "austria", "Ms. Anna Gruber", "Ambassador")
    _cochair(cs, rt1, "kenya", "Mr. John Kamau", "Permanent Representative")
    _cochair(cs, rt2, "brazil", "Sr. Paulo Souza", "Ambassador")
    db.session.commit()
    return Tables(rt1.id, rt2.id, rt1.block_id, rt2.block_id)


def roundtable(db, rt_id: int) -> Roundtable:
    db.session.rollback()
    return db.session.get(Roundtable, rt_id)


def panel_of(db, rt_id: int) -> list[tuple]:
    """The panel as (position, name, title, delegation code, remote): what a refusal must leave as it was."""
    db.session.rollback()
    rows = db.session.scalars(select(Panelist).where(Panelist.roundtable_id == rt_id).order_by(Panelist.position))
    return [(p.position, p.name, p.title, p.delegation.code, p.remote) for p in rows]


def entries(db, action: str) -> list[AuditEntry]:
    db.session.rollback()
    stmt = select(AuditEntry).where(AuditEntry.feature == "roundtables", AuditEntry.action == action)
    return list(db.session.scalars(stmt.order_by(AuditEntry.seq)))


def count(db, action: str) -> int:
    db.session.rollback()
    stmt = select(func.count(AuditEntry.id)).where(AuditEntry.feature == "roundtables", AuditEntry.action == action)
    return db.session.scalar(stmt)


def ngos(db, n: int) -> list[str]:
    """n NGOs besides the reference list's, registered by the secretariat; their codes."""
    codes = []
    for i in range(1, n + 1):
        code = f"NGO{i}"
        if db.session.scalar(select(Delegation).where(Delegation.code == code)) is None:
            register_delegation(factories.SETUP, code=code, name=f"Civil Society Forum {i}", kind="ngo",
                                regional_group="")  # fmt: skip
        codes.append(code)
    db.session.commit()
    return codes


def floor_speakers(db, block_id: int, *codes: str) -> None:
    """Speakers from the floor of a roundtable, given the floor by the chair (as a granted request would)."""
    from meetings.programme.models import MeetingBlock

    block = db.session.get(MeetingBlock, block_id)
    for code in codes:
        factories.turn(block, code, f"Speaker of {code}", TurnRole.rt_floor)
    db.session.commit()


def columns(*rows: tuple) -> dict:
    """Panelist rows (name, title, delegation, remote) as the API's columns."""
    return {"name": [r[0] for r in rows], "title": [r[1] for r in rows], "delegation": [r[2] for r in rows],
            "remote": [r[3] for r in rows]}  # fmt: skip
