"""The drawing of lots as the rules now have it, for the debate's tests.

`close_and_draw` (which tests/debate/conftest.py offers to the debate's tests) publishes the
commitment while inscription is open, then closes inscription and draws the lots from the
secret and a public value.
"""

from datetime import timedelta

import pytest

from meetings.debate import lots, rules
from meetings.debate.models import Draw
from meetings.timeutil import utcnow

SECRET = "test seed 2024"
PUBLIC = "17 04 33 08 21"


def commit_while_open(db, cs, secretariat, secret: str = SECRET) -> Draw:
    """Publish SHA-256(secret) with inscription open (reopened for a minute if it had closed)."""
    if cs.rules.gd_inscription_closes is None or cs.rules.gd_inscription_closes <= utcnow():
        cs.rules.gd_inscription_closes = utcnow() + timedelta(minutes=1)
    draw = lots.publish_commitment(cs, secretariat, rules.commitment_of(secret))
    db.session.commit()
    return draw


def close(db, cs) -> None:
    cs.rules.gd_inscription_closes = utcnow()
    db.session.commit()


def drawer(db, cs, secretariat):
    """do(secret, public_value): publish the commitment while inscription is open, close it, draw."""

    def do(secret: str = SECRET, public_value: str = PUBLIC) -> Draw:
        commit_while_open(db, cs, secretariat, secret)
        close(db, cs)
        draw = lots.perform_draw(cs, secretariat, secret, public_value)
        db.session.commit()
        return draw

    return do


@pytest.fixture
def close_and_draw(db, gd, secretariat):
    """close_and_draw(secret=SECRET, public_value=PUBLIC): commitment while open, inscription closed, lots drawn."""
    return drawer(db, gd, secretariat)
