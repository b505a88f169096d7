"""Fixtures and helpers of the nomination tests (part A): CND 67 with its two roundtables set up,
nominations open for another week, and nominees made through the service."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.auth.models import User
from meetings.programme.models import BlockKind
from meetings.roundtables import nominations
from meetings.roundtables.models import Nomination, Roundtable
from meetings.timeutil import utcnow
from tests import factories


@pytest.fixture
def rt(db, cs):
    """CND 67 with Roundtable 1 "Taking stock" and Roundtable 2 "The way forward" on its two roundtable
    meetings, Germany and France as extra delegations with a user each, nominations open; committed."""
    cs.rules.nominations_close = utcnow() + timedelta(days=7)
    factories.user("germany", delegation="DEU")
    factories.user("france", delegation="FRA")
    factories.delegations("VAT", "EGY")
    secretariat = factories.user("secretariat")
    for number, topic, block in zip((1, 2), ("Taking stock", "The way forward"),
                                    factories.blocks_of(cs, BlockKind.roundtable), strict=True):  # fmt: skip
        nominations.create_roundtable(cs, secretariat, block_id=block.id, number=number, topic=topic)
    db.session.commit()
    return cs


def table(db, number: int) -> Roundtable:
    return db.session.scalar(select(Roundtable).where(Roundtable.number == number))


def nominee(db, number: int, username: str, name: str, *, account: str | None = None, **kw) -> Nomination:
    """A nomination made by a delegation user through the service, committed."""
    user = factories.user(username)
    n = nominations.nominate(db.session.get(Roundtable, table(db, number).id).commission_session, user,
                             table(db, number), delegation=user.delegation, nominee_name=name,
                             nominee_title=kw.pop("title", "Ambassador"), account=account, **kw)  # fmt: skip
    db.session.commit()
    return n


def confirmed(db, n: Nomination) -> Nomination:
    nominations.confirm(n.roundtable.commission_session, factories.user("secretariat"), n)
    db.session.commit()
    return n


def state(db) -> list[tuple]:
    """Every nomination as (roundtable, delegation, name, status, seat): what a refusal must leave as it was."""
    db.session.rollback()
    rows = db.session.scalars(select(Nomination).order_by(Nomination.id))
    return [(n.roundtable.number, n.delegation.code, n.nominee_name, n.status.value, n.seat) for n in rows]


def entries(db, action: str | None = None) -> int:
    db.session.rollback()
    stmt = select(func.count(AuditEntry.id)).where(AuditEntry.feature == "roundtables")
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    return db.session.scalar(stmt)


def user_id(db, username: str) -> int:
    return db.session.scalar(select(User.id).where(User.username == username))
