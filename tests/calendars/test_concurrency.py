"""Feeds served by many workers at once, while the meeting moves: no rise lost, none counted twice, none falling.

Runs on SQLite and on PostgreSQL (the suite runs on both).
"""

import threading
from collections import defaultdict
from datetime import timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import select

from meetings.calendars.models import PublishedEvent
from meetings.timeutil import utcnow
from tests import factories
from tests.conftest import thread_client

pytestmark = pytest.mark.concurrency


@pytest.fixture
def listed(db):
    cs = factories.cnd67(gd_inscription_closes=utcnow() + timedelta(days=1))
    for code in ("AUT", "BRA", "KEN"):
        factories.inscription(cs, code)
    factories.draw(cs)
    db.session.commit()
    return cs


def seen_in(data: bytes) -> dict[str, tuple[int, object]]:
    """SEQUENCE and start of each event of a feed."""
    return {str(e["UID"]): (int(e["SEQUENCE"]), e.decoded("DTSTART")) for e in Calendar.from_ical(data).walk("VEVENT")}


def test_many_readers_at_once_after_a_change_raise_the_sequence_once(app, client, listed, token_for, db):
    block = factories.blocks_of(listed, "general_debate")[0]
    uid = f"block-{block.id}@cnd67.meetings"
    start = seen_in(client.get("/session/agenda.ics").data)[uid][0]
    moved = client.put(f"/api/v1/session/blocks/{block.id}", headers=token_for("secretariat"), json={
        "title": block.title, "kind": "general_debate", "day": "2024-03-14", "start": "10:30", "end": "13:00",
        "room_id": block.room_id})  # fmt: skip
    assert moved.status_code == 200
    readers = 12
    barrier = threading.Barrier(readers)
    results: list = [None] * readers

    def read(n: int) -> None:
        reader = thread_client(app)
        barrier.wait()
        url = "/session/agenda.ics" if n % 2 else "/delegations/AUT/agenda.ics"
        response = reader.get(url)
        results[n] = (response.status_code, seen_in(response.data))

    threads = [threading.Thread(target=read, args=(n,)) for n in range(readers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert all(status == 200 for status, _ in results), [status for status, _ in results]
    agenda = [seen[uid] for status, seen in results if uid in seen]
    assert {sequence for sequence, _ in agenda} == {start + 1}  # once: not twice, not lost
    db.session.rollback()
    assert db.session.scalar(select(PublishedEvent.sequence).where(PublishedEvent.uid == uid)) == start + 1


def test_readers_racing_a_meeting_that_moves_back_and_forth_see_every_change_once(app, client, listed, token_for,
                                                                                  db):  # fmt: skip
    block = factories.blocks_of(listed, "general_debate")[0]
    uids = [f"block-{block.id}@cnd67.meetings"]
    url, body = f"/api/v1/session/blocks/{block.id}", {"title": block.title, "kind": "general_debate",
                                                         "day": "2024-03-14", "end": "13:00", "room_id": block.room_id}  # fmt: skip
    headers = token_for("secretariat")
    client.get("/session/agenda.ics"), client.get("/delegations/AUT/agenda.ics")  # published before the race
    done = threading.Event()
    observed: dict[int, list[dict]] = defaultdict(list)
    errors: list = []
    moves: list = []

    def write() -> None:
        writer = thread_client(app)
        try:
            for n in range(8):
                response = writer.put(url, headers=headers, json={**body, "start": ("10:30", "10:00")[n % 2]})
                (moves if response.status_code == 200 else errors).append(response.status_code)
                done.wait(0.05)  # let the readers in between some of the moves
        finally:
            done.set()

    def read(n: int) -> None:
        reader = thread_client(app)
        while not done.is_set():
            for url in ("/session/agenda.ics", "/delegations/AUT/agenda.ics"):
                response = reader.get(url)
                if response.status_code != 200:
                    errors.append(response.status_code)
                    return
                observed[n].append(seen_in(response.data))

    threads = [threading.Thread(target=write)] + [threading.Thread(target=read, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == [] and len(moves) == 8
    final = {
        **seen_in(client.get("/session/agenda.ics").data),
        **seen_in(client.get("/delegations/AUT/agenda.ics").data),
    }
    uids += [u for u in final if u.startswith("gd-slot-")]  # Austria speaks in that meeting
    assert len(uids) == 2 and uids[0] in final
    for uid in uids:
        history = [feed[uid] for n in observed for feed in observed[n] if uid in feed] + [final[uid]]
        by_sequence: dict[int, set] = defaultdict(set)
        for sequence, start in history:
            by_sequence[sequence].add(start)
        # one time per SEQUENCE: two workers never kept one number for two different times (a rise lost)
        assert all(len(starts) == 1 for starts in by_sequence.values()), (uid, dict(by_sequence))
        numbers = sorted(by_sequence)
        assert len(numbers) > 2, (uid, numbers)  # the readers did see the meeting move
        # every rise was seen by the reader it was served to, one at a time, each for a real change
        assert numbers == list(range(numbers[0], numbers[-1] + 1)), (uid, numbers)
        assert all(by_sequence[a] != by_sequence[a + 1] for a in numbers[:-1]), uid
        # and a reader never saw it fall
        for n in observed:
            mine = [feed[uid][0] for feed in observed[n] if uid in feed]
            assert mine == sorted(mine), (uid, n)
