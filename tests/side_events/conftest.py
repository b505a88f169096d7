from datetime import timedelta

import pytest

from meetings.auth.models import Role, User
from meetings.auth.services import create_user, issue_token
from meetings.side_events.demo import EXTRA_APPLICANTS, load_side_events_demo
from meetings.timeutil import utcnow
from tests import factories
from tests.factories import SETUP

# `cs` (tests/conftest.py): CND 67 with no side event yet, so each test builds its own queue.


@pytest.fixture
def demo_side_events(db, cs):
    """CND 67 with the demo's side events, made by the demo's own loader through the services:
    thirteen high-level applications (eleven accepted and scheduled, Colombia's waiting, Germany's
    withdrawn), a regular one of the Vienna NGO Committee, a draft. (Not the rest of the demo.)"""
    factories.delegations(*(code for _, code in EXTRA_APPLICANTS))
    load_side_events_demo(cs)
    db.session.commit()
    return cs


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
                SETUP, f"se-{code.lower()}", "pw-123456", Role.delegation, code, factories.delegations(code)[code]
            )
            headers[code] = {"Authorization": f"Bearer {issue_token(user, user, 'test')}"}
        db.session.commit()
        return headers

    return make
