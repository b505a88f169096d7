"""The opening of the window with real concurrency: many threads submit at once to the serving app.

Runs on SQLite and on PostgreSQL (the suite runs on both).
"""

import threading
from collections import Counter

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from meetings.side_events.models import SideEvent, SideEventStatus
from tests.concurrency import at_once
from tests.side_events.conftest import complete

CODES = ["AUT", "BRA", "KEN", "MEX", "JPN", "NGA", "DEU", "IND", "COL", "FRA", "ITA", "ESP", "CAN", "AUS",
         "ARG", "CHL", "PER", "EGY", "MAR", "GHA"]  # fmt: skip


class CommitOrder:
    """Records the queue positions each committing transaction gave, in the order of the commits.

    before_commit runs while the transaction still holds the session lock, so two transactions
    cannot record out of the order in which they commit.
    """

    def __init__(self):
        self.order: list[int] = []
        self.guard = threading.Lock()

    def after_flush(self, session, flush_context) -> None:
        for obj in list(session.new) + list(session.dirty):
            if isinstance(obj, SideEvent) and inspect(obj).attrs.queue_position.history.added:
                session.info.setdefault("positions", []).append(obj.queue_position)

    def before_commit(self, session) -> None:
        with self.guard:
            self.order.extend(session.info.pop("positions", []))

    def __enter__(self):
        event.listen(Session, "after_flush", self.after_flush)
        event.listen(Session, "before_commit", self.before_commit)
        return self

    def __exit__(self, *exc):
        event.remove(Session, "after_flush", self.after_flush)
        event.remove(Session, "before_commit", self.before_commit)


def burst(app, requests: list[tuple[dict, dict]]) -> list:
    """Submit every (headers, body) at once, each from its own thread; the responses in order."""
    return at_once(app, [("POST", "/api/v1/side-events/submit", headers, body) for headers, body in requests])


def test_sixty_submissions_at_once_keep_every_rule(app, cs, window_open, delegation_tokens, db):
    heads = delegation_tokens(CODES)
    requests = [
        (heads[code], complete(title=f"{code} {n}", submission_key=f"{code}-{n}")) for n in range(3) for code in CODES
    ]
    with CommitOrder() as commits:
        results = burst(app, requests)
    statuses = Counter(status for status, _ in results)
    assert statuses == {201: 40, 409: 20}, statuses
    refused = [body["message"] for status, body in results if status == 409]
    assert all("at most 2 per organizer" in m for m in refused)

    db.session.rollback()
    queue = db.session.scalars(select(SideEvent).order_by(SideEvent.queue_position)).all()
    assert [e.queue_position for e in queue] == list(range(1, 41))
    assert sum(e.status == SideEventStatus.accepted for e in queue) == 11
    assert [e.status for e in queue] == [SideEventStatus.accepted] * 11 + [SideEventStatus.waitlisted] * 29
    assert sorted(e.accepted_seat for e in queue[:11]) == list(range(1, 12))
    assert max(Counter(e.organizer_id for e in queue).values()) == 2
    assert len({e.title for e in queue}) == 40
    receipts = [e.submitted_at for e in queue]
    assert receipts == sorted(receipts) and len(set(receipts)) == 40
    assert commits.order == list(range(1, 41))


def test_the_same_submission_sent_many_times_at_once_is_one_application(app, cs, window_open, delegation_tokens, db):
    heads = delegation_tokens(["AUT"])
    results = burst(app, [(heads["AUT"], complete(submission_key="retry-1")) for _ in range(12)])
    assert {status for status, _ in results} == {201}
    assert len({body["id"] for _, body in results}) == 1
    db.session.rollback()
    assert len(db.session.scalars(select(SideEvent)).all()) == 1


def test_withdrawals_racing_submissions_never_exceed_the_cap(app, client, cs, window_open, delegation_tokens, db):
    heads = delegation_tokens(CODES)
    first = [
        client.post("/api/v1/side-events/submit", json=complete(title=c), headers=heads[c]).json for c in CODES[:11]
    ]
    withdrawals = [("POST", f"/api/v1/side-events/{e['id']}/withdraw", heads[c], {"reason": "race"})
                   for e, c in zip(first[:5], CODES[:5], strict=True)]  # fmt: skip
    submissions = [("POST", "/api/v1/side-events/submit", heads[c], complete(title=f"late {c}")) for c in CODES[5:20]]
    results = at_once(app, withdrawals + submissions)
    assert [status for status, _ in results] == [200] * 5 + [201] * 15
    db.session.rollback()
    active = db.session.scalars(select(SideEvent).where(SideEvent.status.in_(["accepted", "waitlisted"]))
                                .order_by(SideEvent.queue_position)).all()  # fmt: skip
    assert [e.status for e in active] == [SideEventStatus.accepted] * 11 + [SideEventStatus.waitlisted] * (
        len(active) - 11
    )
