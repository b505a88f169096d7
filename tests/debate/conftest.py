"""Fixtures of the general debate: the demo session with an empty list, inscription open."""

from datetime import timedelta

import pytest
from sqlalchemy import delete, select

from meetings.auth.models import User
from meetings.debate import lots, rules, services
from meetings.debate.models import Change, DebateState, Draw, Inscription, Quota, Swap
from meetings.delegations.services import delegation_by_code
from meetings.timeutil import utcnow

SEED = "test seed 2024"


@pytest.fixture
def gd(demo, db):
    """CND 67 without the demo speakers; inscription open for another day."""
    for model in (Change, Swap, Draw, Quota, DebateState, Inscription):
        db.session.execute(delete(model))
    demo.rules.gd_inscription_closes = utcnow() + timedelta(days=1)
    db.session.commit()
    return demo


def user(db, username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


@pytest.fixture
def secretariat(db, gd):
    return user(db, "secretariat")


@pytest.fixture
def inscribe(db, gd, secretariat):
    """inscribe("AUT", level=..., group=None) through the service, as the secretariat."""

    def make(code: str, level: str = "ministerial", name: str | None = None, group: str | None = None) -> Inscription:
        i = services.inscribe(
            gd, secretariat, delegation_by_code(code), speaker_name=name or f"Speaker of {code}",
            level=level, on_behalf_of_group=group is not None, group_name=group or "",
        )  # fmt: skip
        db.session.commit()
        return i

    return make


@pytest.fixture
def close_and_draw(db, gd, secretariat):
    """Close inscription, publish the commitment and draw with SEED."""

    def do(seed: str = SEED) -> Draw:
        gd.rules.gd_inscription_closes = utcnow() - timedelta(minutes=1)
        lots.publish_commitment(gd, secretariat, rules.commitment_of(seed))
        draw = lots.perform_draw(gd, secretariat, seed)
        db.session.commit()
        return draw

    return do
