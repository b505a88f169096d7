"""One room service: meetings and side events book through it; a clash is refused naming what holds the room,
in either direction; two bookings at once cannot both win (threads, on SQLite and on PostgreSQL)."""

import threading

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from meetings.audit.models import AuditEntry
from meetings.bilaterals.models import BilateralBooking
from meetings.programme import rooms, services
from meetings.programme.models import HolderKind, MeetingBlock, Room, RoomBooking
from meetings.side_events.models import SideEvent
from tests.conftest import thread_client
from tests.side_events.conftest import complete


def room_id(db, name: str) -> int:
    return db.session.scalar(select(Room.id).where(Room.name == name))


def block_body(room: int, **over) -> dict:
    return {"title": "Informal consultations", "kind": "plenary", "day": "2024-03-14", "start": "13:00",
            "end": "14:00", "room_id": room, **over}  # fmt: skip


def audit_count(db) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count(AuditEntry.id)))


@pytest.fixture
def sec(token_for, demo):
    return token_for("secretariat")


@pytest.fixture
def room(demo, db) -> int:
    """A room of its own for the test, free throughout (the demo's side events take the others)."""
    room = Room(commission_session_id=demo.id, name="Conference Room C7")
    db.session.add(room)
    db.session.commit()
    return room.id


@pytest.fixture
def regular_event(client, demo, token_for, db):
    """Kenya's accepted regular side event (60 minutes), not yet scheduled."""
    made = client.post("/api/v1/side-events/submit", headers=token_for("kenya"),
                       json=complete(kind="regular", title="Youth voices", duration_minutes=60))  # fmt: skip
    assert made.status_code == 201 and made.json["status"] == "accepted", made.json
    return made.json["id"]


def schedule(client, headers, event_id: int, day: str, start: str, room: int):
    return client.put(f"/api/v1/side-events/{event_id}/schedule", json={"day": day, "start": start, "room_id": room},
                      headers=headers)  # fmt: skip


def test_every_meeting_and_scheduled_side_event_holds_its_room(demo, db, client):
    bookings = db.session.scalars(select(RoomBooking)).all()
    blocks = db.session.scalars(select(MeetingBlock)).all()
    placed = db.session.scalars(select(SideEvent).where(SideEvent.starts_at.is_not(None))).all()
    # Booked bilateral slots hold their rooms too.
    bilaterals = [b for b in db.session.scalars(select(BilateralBooking)) if b.state.active]
    assert len(bookings) == len(blocks) + len(placed) + len(bilaterals) and placed and bilaterals
    by_holder = {(b.holder_kind, b.holder_id): b for b in bookings}
    for block in blocks:
        held = by_holder[(HolderKind.meeting, block.id)]
        assert (held.room_id, held.starts_at, held.ends_at) == (block.room_id, block.starts_at, block.ends_at)
        assert held.label == f"the meeting “{block.title}”"
    for event in placed:
        held = by_holder[(HolderKind.side_event, event.id)]
        assert (held.room_id, held.starts_at, held.ends_at) == (event.room_id, event.starts_at, event.ends_at)
    listed = client.get("/api/v1/session/rooms").json
    plenary = next(r for r in listed if r["name"] == "Plenary Hall (M Building)")
    opening = next(b for b in plenary["bookings"] if b["label"] == "the meeting “Opening of the high-level segment”")
    assert opening["starts_at"] == "2024-03-14T09:30:00+01:00" and opening["held_by"] == "meeting"
    starts = [b["starts_at"] for b in plenary["bookings"]]
    assert starts == sorted(starts)
    page = client.get("/session/rooms").get_data(as_text=True)
    assert "The meeting “Opening of the high-level segment”" in page and "Free throughout the session." in page


def test_a_meeting_over_a_side_event_is_refused_naming_the_event(client, sec, regular_event, db, room):
    assert schedule(client, sec, regular_event, "2024-03-14", "13:15", room).status_code == 200
    before = (db.session.scalar(select(func.count(MeetingBlock.id))), audit_count(db))
    refused = client.post("/api/v1/session/blocks", json=block_body(room), headers=sec)
    assert refused.status_code == 409
    assert refused.json["message"] == (
        "Conference Room C7 is taken at that time by “Youth voices” (Kenya) (Thursday 14 March, 13:15–14:15)."
    )
    assert refused.json["errors"] == {"room_id": ["Taken at that time by “Youth voices” (Kenya)."]}
    assert (db.session.scalar(select(func.count(MeetingBlock.id))), audit_count(db)) == before
    # touching ends do not clash: a meeting until 13:15, another from 14:15
    assert client.post("/api/v1/session/blocks", json=block_body(room, start="12:00", end="13:15"),
                       headers=sec).status_code == 201  # fmt: skip
    assert client.post("/api/v1/session/blocks", json=block_body(room, start="14:15", end="15:00"),
                       headers=sec).status_code == 201  # fmt: skip


def test_a_side_event_over_a_meeting_is_refused_naming_the_meeting(client, sec, regular_event, db, room):
    boardroom = room_id(db, "Boardroom D (C Building)")
    refused = schedule(client, sec, regular_event, "2024-03-14", "17:30", boardroom)
    assert refused.status_code == 409
    assert refused.json["message"] == ("Boardroom D (C Building) is taken at that time by the meeting "
                                       "“Roundtable 1: Taking stock” (Thursday 14 March, 15:00–18:00).")  # fmt: skip
    db.session.rollback()
    assert db.session.get(SideEvent, regular_event).starts_at is None
    assert rooms.booking_of(HolderKind.side_event, regular_event) is None
    assert schedule(client, sec, regular_event, "2024-03-14", "17:30", room).status_code == 200


def test_moving_a_meeting_onto_another_is_refused_on_the_page_too(log_in, demo, db):
    browser = log_in("secretariat")
    plenary = room_id(db, "Plenary Hall (M Building)")
    opening = db.session.scalar(select(MeetingBlock).where(MeetingBlock.title.like("Opening%")))
    page = browser.post(f"/session/blocks/{opening.id}", data={
        "title": "Opening of the high-level segment", "kind": "opening", "day": "2024-03-14", "start": "09:30",
        "end": "10:30", "room_id": plenary})  # fmt: skip
    html = page.get_data(as_text=True)
    assert page.status_code == 400
    assert "taken at that time by the meeting “General debate, 1st meeting” (Thursday 14 March, 10:00–13:00)" in html
    assert "Taken at that time by the meeting" in html  # next to the Room field
    db.session.rollback()
    assert db.session.get(MeetingBlock, opening.id).ends_at.isoformat() == "2024-03-14T09:00:00+00:00"
    held = rooms.booking_of(HolderKind.meeting, opening.id)
    assert held.ends_at.isoformat() == "2024-03-14T09:00:00+00:00"


def test_a_moved_meeting_moves_its_booking_and_frees_the_old_time(client, sec, demo, db, room):
    made = client.post("/api/v1/session/blocks", json=block_body(room), headers=sec).json
    moved = client.put(f"/api/v1/session/blocks/{made['id']}", json=block_body(room, start="15:00", end="16:00"),
                       headers=sec)  # fmt: skip
    assert moved.status_code == 200
    other = client.post("/api/v1/session/blocks", json=block_body(room, title="Bureau"), headers=sec)
    assert other.status_code == 201  # 13:00–14:00 is free again
    db.session.rollback()
    assert [b.label for b in rooms.bookings(demo, room)] == [
        "the meeting “Bureau”",
        "the meeting “Informal consultations”",
    ]


def test_a_withdrawn_side_event_frees_its_room(client, sec, regular_event, token_for, db, room):
    assert schedule(client, sec, regular_event, "2024-03-14", "13:15", room).status_code == 200
    withdrawn = client.post(f"/api/v1/side-events/{regular_event}/withdraw", json={"reason": "No speaker"},
                            headers=token_for("kenya"))  # fmt: skip
    assert withdrawn.status_code == 200
    assert client.post("/api/v1/session/blocks", json=block_body(room), headers=sec).status_code == 201


def test_only_the_secretariat_books_rooms(client, demo, token_for, db, room):
    refused = client.post("/api/v1/session/blocks", json=block_body(room), headers=token_for("austria"))
    assert refused.status_code == 403
    db.session.rollback()
    assert rooms.bookings(demo, room) == []


# --- two bookings at once -------------------------------------------------------------------


def at_once(app, calls) -> list:
    """Run each call(client) from its own thread, released together; their (status, json)."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        c = thread_client(app)
        barrier.wait()
        response = call(c)
        results[i] = (response.status_code, response.get_json())

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


@pytest.mark.concurrency
def test_two_secretariat_requests_creating_overlapping_meetings_in_one_room_cannot_both_win(app, sec, db, room):
    for _ in range(3):  # a few rounds: whichever wins, the other is refused
        db.session.rollback()
        for b in rooms.bookings(services.require_commission_session(), room):
            db.session.delete(db.session.get(MeetingBlock, b.meeting_block_id))
        db.session.commit()
        results = at_once(app, [
            lambda c: c.post("/api/v1/session/blocks", json=block_body(room, title="Bureau A"), headers=sec),
            lambda c: c.post("/api/v1/session/blocks", json=block_body(room, title="Bureau B", start="13:30",
                                                                       end="14:30"), headers=sec),
        ])  # fmt: skip
        statuses = sorted(status for status, _ in results)
        assert statuses == [201, 409], results
        winner = next(body for status, body in results if status == 201)
        loser = next(body for status, body in results if status == 409)
        assert f"Conference Room C7 is taken at that time by the meeting “{winner['title']}”" in loser["message"]
        db.session.rollback()
        assert [b.label for b in rooms.bookings(services.require_commission_session(), room)] == [
            f"the meeting “{winner['title']}”"
        ]


@pytest.mark.concurrency
def test_a_meeting_and_a_side_event_booked_at_once_cannot_both_win(app, sec, regular_event, db, room):
    results = at_once(app, [
        lambda c: c.post("/api/v1/session/blocks", json=block_body(room), headers=sec),
        lambda c: schedule(c, sec, regular_event, "2024-03-14", "13:15", room),
    ])  # fmt: skip
    statuses = [status for status, _ in results]
    assert sorted(statuses) in ([200, 409], [201, 409]), results
    loser = next(body for status, body in results if status == 409)
    if statuses[0] == 409:
        assert "taken at that time by “Youth voices” (Kenya)" in loser["message"]
    else:
        assert "taken at that time by the meeting “Informal consultations”" in loser["message"]
    db.session.rollback()
    assert len(rooms.bookings(services.require_commission_session(), room)) == 1


# --- the schema itself ----------------------------------------------------------------------


def postgresql_only(db) -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the exclusion constraint exists on PostgreSQL; SQLite serializes writers instead")


def test_the_database_refuses_an_overlapping_booking_whatever_the_application_does(demo, db):
    postgresql_only(db)
    held = db.session.scalar(select(RoomBooking).where(RoomBooking.holder_kind == HolderKind.meeting).limit(1))
    side_event = db.session.scalar(select(SideEvent.id).where(SideEvent.starts_at.is_(None)).limit(1))
    with pytest.raises(IntegrityError, match="ex_room_booking_no_overlap"):
        db.session.execute(insert(RoomBooking).values(
            commission_session_id=held.commission_session_id, room_id=held.room_id, starts_at=held.starts_at,
            ends_at=held.ends_at, holder_kind=HolderKind.side_event, side_event_id=side_event, label="a ghost"))  # fmt: skip
    db.session.rollback()


@pytest.mark.concurrency
def test_without_the_lock_the_constraint_still_lets_only_one_win_and_names_the_clash(app, sec, db, monkeypatch, room):
    """Both requests pass the application's check before either writes (a barrier holds them):
    the exclusion constraint decides, and the loser still gets a sentence, not a server error."""
    postgresql_only(db)
    no_lock = lambda cs_id: None  # noqa: E731
    monkeypatch.setattr(rooms, "lock_commission_session", no_lock)
    monkeypatch.setattr(services, "lock_commission_session", no_lock)
    checked = threading.Barrier(2)
    seen = threading.local()
    real_first_clash = rooms.first_clash

    def first_clash_then_wait(*args):
        found = real_first_clash(*args)
        if not getattr(seen, "waited", False):
            seen.waited = True
            checked.wait(10)
        return found

    monkeypatch.setattr(rooms, "first_clash", first_clash_then_wait)
    results = at_once(app, [
        lambda c: c.post("/api/v1/session/blocks", json=block_body(room, title="Bureau A"), headers=sec),
        lambda c: c.post("/api/v1/session/blocks", json=block_body(room, title="Bureau B"), headers=sec),
    ])  # fmt: skip
    assert sorted(status for status, _ in results) == [201, 409], results
    winner = next(body for status, body in results if status == 201)
    loser = next(body for status, body in results if status == 409)
    assert loser["message"].startswith(f"Conference Room C7 is taken at that time by the meeting “{winner['title']}”")
    db.session.rollback()
    assert db.session.scalar(select(func.count(MeetingBlock.id)).where(MeetingBlock.title.like("Bureau%"))) == 1
