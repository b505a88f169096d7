"""Real concurrent writers against the serving app (SQLite and PostgreSQL): ten delegations racing for one slot,
ten racing for one delegation's time, one booking sent many times at once."""

from collections import Counter

import pytest

from tests import factories
from tests.bilaterals.setting import active, bil, body, bookings
from tests.concurrency import at_once

__all__ = ["bil"]  # the fixture, for pytest

pytestmark = pytest.mark.concurrency

BOOKERS = {"austria": "AUT", "brazil": "BRA", "kenya": "KEN", "china": "CHN", "russia": "RUS", "uae": "ARE",
           "mexico": "MEX", "japan": "JPN", "germany": "DEU", "india": "IND"}  # fmt: skip
OTHERS = ["FRA", "ITA", "ESP", "CAN", "AUS", "ARG", "CHL", "PER", "EGY", "MAR"]


def book_at_once(app, requests: list[tuple[dict, dict]]) -> list[tuple[int, dict]]:
    """Every (headers, body) posted as a booking at the same moment."""
    return at_once(app, [("POST", "/api/v1/bilaterals/bookings", h, d) for h, d in requests])


@pytest.fixture
def tokens(bil, token_for, db):
    for username, code in BOOKERS.items():
        factories.user(username, delegation=code)
    db.session.commit()
    return {username: token_for(username) for username in BOOKERS}


def test_ten_delegations_racing_for_one_slot_one_wins_nine_get_the_next_free_ones(app, bil, tokens, db):
    requests = [(tokens[u], body(bil.a, "2024-03-14T10:00", other)) for u, other in zip(BOOKERS, OTHERS, strict=True)]
    results = book_at_once(app, requests)
    assert Counter(status for status, _ in results) == {201: 1, 409: 9}, results
    refused = [data for status, data in results if status == 409]
    for data in refused:
        assert data["message"].startswith("Bilateral Room A is already booked on Thursday 14 March at 10:00. Free "
                                          "instead (Europe/Vienna time): Bilateral Room A: Thursday 14 March at "
                                          "10:30, 11:00, 11:30 · Bilateral Room B: Thursday 14 March at 10:00, "
                                          "10:30, 11:00."), data  # fmt: skip
        assert data["errors"]["next_free_keys"][0] == f"{bil.a}/2024-03-14T10:30"
    winner = next(data for status, data in results if status == 201)
    [kept] = active(db)
    assert (kept.id, kept.room_id, kept.booked_by.code) == (winner["id"], bil.a, winner["booked_by"]["code"])
    assert len(bookings(db)) == 1


def test_ten_delegations_asking_one_delegation_at_once_get_one_meeting(app, bil, tokens, db):
    askers = [u for u in BOOKERS if u != "kenya"][:9]
    requests = [(tokens[u], body(bil.a if n % 2 else bil.b, "2024-03-14T11:00", "KEN")) for n, u in enumerate(askers)]
    results = book_at_once(app, requests)
    assert Counter(status for status, _ in results) == {201: 1, 409: 8}, results
    for status, data in results:
        if status == 409:
            assert data["message"].startswith(("Kenya already has a bilateral meeting on Thursday 14 March at 11:00.",
                                               "Bilateral Room"))  # fmt: skip
    assert len(active(db)) == 1 and active(db)[0].counterpart.code == "KEN"


def test_one_booking_sent_many_times_at_once_is_booked_once(app, bil, tokens, db):
    data = body(bil.b, "2024-03-15T09:00", "FRA", submission_key="double-click-1")
    results = book_at_once(app, [(tokens["austria"], data) for _ in range(8)])
    assert Counter(status for status, _ in results) == {201: 1, 409: 7}, results
    assert all(d["message"].startswith("This booking was already made") for s, d in results if s == 409)
    assert len(bookings(db)) == 1
