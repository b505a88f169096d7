"""Fixtures of the general debate: CND 67 with an empty list, inscription open."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from meetings.auth.models import User
from meetings.debate.models import Inscription
from meetings.timeutil import utcnow
from tests import factories
from tests.debate.drawing import close_and_draw  # noqa: F401 (the draw: commitment while open, then lots)

SEED = "test seed 2024"


@pytest.fixture
def gd(db):
    """CND 67 with no speakers yet, inscription open for another day: its meetings, the demo users,
    and every Member State (the default quotas follow the groups' sizes: 114 → 32/32/14/19/17)."""
    cs = factories.cnd67(all_delegations=True, gd_inscription_closes=utcnow() + timedelta(days=1))
    db.session.commit()
    return cs


def user(db, username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


@pytest.fixture
def secretariat(db, gd):
    return user(db, "secretariat")


@pytest.fixture
def inscribe(db, gd, secretariat):
    """inscribe("AUT", level=..., group=None) through the service, as the secretariat."""

    def make(code: str, level: str = "ministerial", name: str | None = None, group: str | None = None) -> Inscription:
        i = factories.inscription(gd, code, level=level, name=name, group=group, actor=secretariat)
        db.session.commit()
        return i

    return make
