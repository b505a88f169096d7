"""How many SQL statements one high-level submission costs: a bound a little above today's count.

The opening of the window is the moment every delegation submits at once, and every statement a
submission sends runs while it holds the session's lock (SQLite: the database's write lock), so a
statement added by accident slows the whole queue. The bound catches that without timing anything.
Today: 10 on both databases (SQLite: BEGIN IMMEDIATE, the token, the session and its rules, the
submission key, the organizer's slots, the queue, the INSERT, the audit chain's head, its entry,
the head again; PostgreSQL: the same, the session read under its row lock).
"""

from meetings.side_events.models import SideEvent, SideEventStatus
from tests.side_events.conftest import complete
from tests.statements import statements_of

AT_MOST = 11


def test_a_high_level_submission_sends_at_most_eleven_statements_and_still_takes_its_place(
    app, client, cs, window_open, token_for, db
):
    austria = token_for("austria")
    first = client.post("/api/v1/side-events/submit", json=complete(title="First", submission_key="a"), headers=austria)
    assert first.status_code == 201
    with statements_of(app) as seen:
        second = client.post(
            "/api/v1/side-events/submit", json=complete(title="Second", submission_key="b"), headers=austria
        )
    assert second.status_code == 201, second.json
    assert len(seen) <= AT_MOST, "\n".join(seen)
    assert second.json["status"] == "accepted" and second.json["queue_position"] == 2 and second.json["seat"] == 2
    db.session.rollback()
    stored = db.session.get(SideEvent, second.json["id"])
    assert stored.status == SideEventStatus.accepted and stored.submitted_at is not None


def test_a_refused_submission_sends_no_more_statements_than_an_accepted_one_and_changes_nothing(
    app, client, cs, window_open, token_for, db
):
    austria = token_for("austria")
    for n in (1, 2):
        client.post("/api/v1/side-events/submit", json=complete(title=f"Event {n}"), headers=austria)
    with statements_of(app) as seen:
        third = client.post("/api/v1/side-events/submit", json=complete(title="Event 3"), headers=austria)
    assert third.status_code == 409 and "at most 2 per organizer" in third.json["message"]
    assert len(seen) <= AT_MOST, "\n".join(seen)
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(SideEvent.id))) == 2
