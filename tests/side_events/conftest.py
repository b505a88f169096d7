from datetime import timedelta

import pytest
from sqlalchemy import delete

from meetings.auth.models import Role, User
from meetings.auth.services import create_user, issue_token
from meetings.delegations.services import delegation_by_code
from meetings.side_events.models import SideEvent
from meetings.timeutil import utcnow
from tests.conftest import SETUP


@pytest.fixture
def cs(demo, db):
    """The demo session with no side event yet, so each test builds its own queue."""
    db.session.execute(delete(SideEvent))
    db.session.commit()
    return demo


def move_clock(app, instant) -> None:
    app.config["SIDE_EVENTS_CLOCK_OFFSET"] = instant - utcnow()


@pytest.fixture
def window_open(app, cs):
    """The clock moved to one hour after the high-level window opens (it keeps running)."""
    move_clock(app, cs.rules.hl_window_opens + timedelta(hours=1))
    yield
    app.config.pop("SIDE_EVENTS_CLOCK_OFFSET", None)


@pytest.fixture
def clock(app):
    yield lambda instant: move_clock(app, instant)
    app.config.pop("SIDE_EVENTS_CLOCK_OFFSET", None)


def complete(**over) -> dict:
    data = {
        "kind": "high_level",
        "title": "Prevention that works",
        "partners": "UNODC\nWHO",
        "format": "in_person",
        "contact_name": "Anna Gruber",
        "contact_email": "anna.gruber@bmeia.example",
        "description": "Evidence from prevention programmes.",
        "duration_minutes": 90,
        "preferred_times": ["2024-03-14 08:00", "2024-03-15 08:00"],
    }
    data.update(over)
    return data


@pytest.fixture
def delegation_tokens(db):
    """Bearer headers for a new user of each Member State code given."""

    def make(codes: list[str]) -> dict[str, dict]:
        headers = {}
        for code in codes:
            user = db.session.query(User).filter_by(username=f"se-{code.lower()}").one_or_none()
            user = user or create_user(
                SETUP, f"se-{code.lower()}", "pw-123456", Role.delegation, code, delegation_by_code(code)
            )
            headers[code] = {"Authorization": f"Bearer {issue_token(user, user, 'test')}"}
        db.session.commit()
        return headers

    return make
