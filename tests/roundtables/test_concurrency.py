"""Confirmations at once, from real threads against the serving app: the session lock decides, the
unique constraints back it, and the loser is told whom it clashes with. SQLite and PostgreSQL."""

import threading
from collections import Counter

from sqlalchemy import select

from meetings.roundtables.models import Nomination, NominationStatus
from tests.conftest import thread_client
from tests.roundtables import nominating
from tests.roundtables.nominating import entries, nominee

rt = nominating.rt  # the fixture: CND 67 with its two roundtables, nominations open

WHO = {"austria": ("Ms. Anna Gruber", "Austria"), "germany": ("Mr. Hans Weber", "Germany"),
       "france": ("Mme Claire Martin", "France")}  # fmt: skip


def confirm_at_once(app, headers: dict, ids: list[int]) -> list[tuple[int, dict]]:
    barrier = threading.Barrier(len(ids))
    results: list = [None] * len(ids)

    def run(i: int, nomination_id: int) -> None:
        client = thread_client(app)
        barrier.wait()
        response = client.post(f"/api/v1/nominations/{nomination_id}/confirm", headers=headers)
        results[i] = (response.status_code, response.get_json())

    threads = [threading.Thread(target=run, args=(i, n)) for i, n in enumerate(ids)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_two_confirmations_of_one_groups_nominees_at_once_exactly_one_succeeds(app, rt, db, token_for):
    sec = token_for("secretariat")
    for round_ in range(3):  # a few times: either may win, the other must always lose with its reason
        if round_:
            db.session.execute(Nomination.__table__.delete())
            db.session.commit()
        ids = [nominee(db, 1, user, WHO[user][0]).id for user in ("austria", "germany")]
        results = confirm_at_once(app, sec, ids)
        assert Counter(status for status, _ in results) == {200: 1, 409: 1}, results
        winner = next(body for status, body in results if status == 200)
        loser = next(body for status, body in results if status == 409)
        name, country = winner["nominee_name"], winner["delegation"]["name"]
        assert loser["message"] == (
            f"{name} ({country}, Western European and other States) is already a co-chair of Roundtable 1: two "
            "co-chairs of one roundtable cannot come from the same regional group.")  # fmt: skip
        db.session.rollback()
        rows = db.session.scalars(select(Nomination).order_by(Nomination.id)).all()
        assert sorted(n.status for n in rows) == [NominationStatus.confirmed, NominationStatus.pending]
        assert [n.seat for n in rows if n.status == NominationStatus.confirmed] == [1]


def test_many_confirmations_at_once_never_seat_more_co_chairs_than_the_rules_allow(app, rt, db, token_for):
    people = [("austria", "Ms. Anna Gruber"), ("germany", "Mr. Hans Weber"), ("france", "Mme Claire Martin"),
              ("kenya", "Mr. Peter Mwangi"), ("brazil", "Sra. Beatriz Almeida"), ("russia", "Г-н Алексей Петров"),
              ("china", "王明先生")]  # fmt: skip
    ids = [nominee(db, 1, user, name).id for user, name in people]
    logged = entries(db, "confirmed")
    results = confirm_at_once(app, token_for("secretariat"), ids)
    assert Counter(status for status, _ in results) == {200: 2, 409: 5}, results
    db.session.rollback()
    seated = db.session.scalars(select(Nomination).where(Nomination.status == NominationStatus.confirmed)).all()
    assert sorted(n.seat for n in seated) == [1, 2]
    assert len({n.confirmed_group_id for n in seated}) == 2
    assert entries(db, "confirmed") - logged == 2
    refused = [body["message"] for status, body in results if status == 409]
    assert all("Roundtable 1" in m and ("already has its 2 co-chairs" in m or "same regional group" in m)
               for m in refused), refused  # fmt: skip
