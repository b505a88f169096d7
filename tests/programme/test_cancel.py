"""A meeting that holds records is cancelled, never deleted: kept, shown as cancelled, its room freed, its
speakers moved on, its record intact; a meeting that holds nothing may still be deleted."""

import time

import pytest
from icalendar import Calendar
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from meetings.audit.models import AuditEntry
from meetings.floor import screen as floor_screen
from meetings.floor.models import Floor, Turn
from meetings.programme import rooms
from meetings.programme.models import HolderKind, MeetingBlock, Room
from tests.working_list import as_secretariat


def block_titled(db, title: str) -> MeetingBlock:
    db.session.rollback()
    return db.session.scalar(select(MeetingBlock).where(MeetingBlock.title == title))


FIRST, SECOND = "General debate, 1st meeting", "General debate, 2nd meeting"


def counts(db) -> tuple:
    db.session.rollback()
    return tuple(db.session.scalar(select(func.count(model.id))) for model in (MeetingBlock, Turn, AuditEntry))


@pytest.fixture
def sec(token_for, demo):
    return token_for("secretariat")


def test_a_meeting_whose_floor_holds_a_record_cannot_be_deleted(client, sec, demo, db, log_in):
    first = block_titled(db, FIRST)
    before = counts(db)
    refused = client.delete(f"/api/v1/session/blocks/{first.id}", headers=sec)
    assert refused.status_code == 409
    message = refused.json["message"]
    assert message.startswith("“General debate, 1st meeting” cannot be deleted: it holds the record of its floor")
    assert "speakers that the list of speakers places in it" in message
    assert message.endswith("Cancel it instead: it is then kept, shown as cancelled, and its room is freed.")
    page = log_in("secretariat").post(f"/session/blocks/{first.id}/delete", follow_redirects=True)
    assert "cannot be deleted" in page.get_data(as_text=True)
    assert counts(db) == before
    assert rooms.booking_of(HolderKind.meeting, first.id) is not None


def test_a_meeting_the_list_projects_speakers_into_cannot_be_deleted(client, sec, demo, db):
    second = block_titled(db, SECOND)
    assert db.session.scalar(select(Floor).where(Floor.block_id == second.id)) is None
    refused = client.delete(f"/api/v1/session/blocks/{second.id}", headers=sec)
    assert refused.status_code == 409
    assert "speakers that the list of speakers places in it" in refused.json["message"]
    assert "floor" not in refused.json["message"]


def test_a_meeting_that_holds_nothing_may_still_be_deleted_and_frees_its_room(client, sec, demo, db):
    opening = block_titled(db, "Opening of the high-level segment").id
    assert rooms.booking_of(HolderKind.meeting, opening) is not None
    done = client.delete(f"/api/v1/session/blocks/{opening}", headers=sec)
    assert done.status_code == 200
    assert block_titled(db, "Opening of the high-level segment") is None
    assert rooms.booking_of(HolderKind.meeting, opening) is None


def test_the_schema_refuses_to_delete_a_meeting_with_a_floor(demo, db):
    first = block_titled(db, FIRST)
    with pytest.raises(IntegrityError):
        db.session.execute(delete(MeetingBlock).where(MeetingBlock.id == first.id))
        db.session.flush()
    db.session.rollback()
    assert block_titled(db, FIRST) is not None


def test_a_cancellation_needs_a_reason_and_the_secretariat(client, sec, demo, db, token_for):
    first = block_titled(db, FIRST)
    others = [token_for(who) for who in ("austria", "chair")]
    before = counts(db)
    empty = client.post(f"/api/v1/session/blocks/{first.id}/cancel", json={"reason": "  "}, headers=sec)
    assert empty.status_code == 422 and "reason" in empty.json["errors"]
    for headers in others:
        refused = client.post(f"/api/v1/session/blocks/{first.id}/cancel", json={"reason": "x"}, headers=headers)
        assert refused.status_code == 403
    assert client.post("/api/v1/session/blocks/99999/cancel", json={"reason": "x"}, headers=sec).status_code == 404
    assert counts(db) == before
    assert not block_titled(db, FIRST).is_cancelled
    assert rooms.booking_of(HolderKind.meeting, first.id) is not None


def agenda_event(client, block_id: int):
    cal = Calendar.from_ical(client.get("/session/agenda.ics").data)
    return next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith(f"block-{block_id}@"))


def test_cancelling_the_first_meeting_keeps_its_record_frees_its_room_and_moves_its_speakers_on(
    client, sec, demo, db, log_in
):
    first, second = block_titled(db, FIRST), block_titled(db, SECOND)
    plenary = first.room_id
    turns = db.session.scalar(select(func.count(Turn.id)))
    speakers = client.get("/api/v1/debate/list", headers=as_secretariat()).json["speakers"]
    first_speaker = speakers[0]
    assert first_speaker["block_id"] == first.id
    old_event = agenda_event(client, first.id)
    assert client.get(f"/floor/rooms/{plenary}/state.json").json["block_id"] == first.id

    done = client.post(f"/api/v1/session/blocks/{first.id}/cancel", headers=sec,
                       json={"reason": "The Vienna International Centre is closed in the morning."})  # fmt: skip
    assert done.status_code == 200
    assert done.json["status"] == "cancelled"
    assert done.json["cancel_reason"] == "The Vienna International Centre is closed in the morning."

    # kept, with its record intact
    kept = block_titled(db, FIRST)
    assert kept.is_cancelled and db.session.scalar(select(func.count(Turn.id))) == turns
    report = log_in("chair").get(f"/floor/blocks/{first.id}/report.csv")
    assert report.status_code == 200
    # its room is free: another meeting may take the time
    assert rooms.booking_of(HolderKind.meeting, first.id) is None
    replacement = client.post("/api/v1/session/blocks", headers=sec, json={
        "title": "Informal briefing", "kind": "plenary", "day": "2024-03-14", "start": "10:00", "end": "11:00",
        "room_id": plenary})  # fmt: skip
    assert replacement.status_code == 201, replacement.json
    # its speakers moved on: nobody is projected into it, the first speaker opens the 2nd meeting
    listing = client.get("/api/v1/debate/list", headers=as_secretariat()).json["speakers"]
    assert all(s["block_id"] != first.id for s in listing)
    assert listing[0]["id"] == first_speaker["id"] and listing[0]["block_id"] == second.id
    assert listing[0]["projected_start"] == "2024-03-14T13:45:00+00:00"  # 14:45 in Vienna
    # calendars keep the event, marked cancelled with a higher SEQUENCE
    event = agenda_event(client, first.id)
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == int(old_event["SEQUENCE"]) + 1
    # the projector of its room no longer shows it (once its short cache has expired)
    time.sleep(floor_screen.CACHE_S + 0.05)
    screen = client.get(f"/floor/rooms/{plenary}/state.json").json
    assert screen["block_id"] is None and screen["status"] == "idle"
    # the session page says so, with the reason
    page = client.get("/session/").get_data(as_text=True)
    assert 'class="badge withdrawn cancelled">cancelled</span>' in page
    assert "The Vienna International Centre is closed in the morning." in page
    # the audit log: one entry with before, after and the reason
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "block.cancel"))
    assert entry.actor.username == "secretariat" and entry.reason.startswith("The Vienna International Centre")
    assert entry.before["status"] == "scheduled" and entry.after["status"] == "cancelled"
    assert entry.record_label == "General debate, 1st meeting (14 March 10:00, Plenary Hall (M Building))"


def test_a_cancelled_meeting_cannot_be_cancelled_again_nor_changed(client, sec, demo, db, log_in):
    first = block_titled(db, FIRST)
    assert client.post(f"/api/v1/session/blocks/{first.id}/cancel", json={"reason": "Closed"},
                       headers=sec).status_code == 200  # fmt: skip
    before = counts(db)
    again = client.post(f"/api/v1/session/blocks/{first.id}/cancel", json={"reason": "Closed"}, headers=sec)
    assert again.status_code == 409 and again.json["message"] == "“General debate, 1st meeting” is already cancelled."
    room = db.session.scalar(select(Room.id).where(Room.name == "Conference Room M3"))
    changed = client.put(f"/api/v1/session/blocks/{first.id}", headers=sec, json={
        "title": "Moved", "kind": "general_debate", "day": "2024-03-14", "start": "10:00", "end": "13:00",
        "room_id": room})  # fmt: skip
    assert changed.status_code == 409 and "cannot be changed" in changed.json["message"]
    still = client.delete(f"/api/v1/session/blocks/{first.id}", headers=sec)
    assert still.status_code == 409
    assert counts(db) == before
    page = log_in("secretariat").get(f"/session/blocks/{first.id}").get_data(as_text=True)
    assert "This meeting was cancelled on" in page and "Closed" in page
    assert 'name="title"' not in page and "Cancel the meeting" not in page


def test_the_api_document_describes_cancelling_and_the_rooms(client, demo):
    doc = client.get("/api/v1/openapi.json").get_json()
    cancel = doc["paths"]["/api/v1/session/blocks/{block_id}/cancel"]["post"]
    body = cancel["requestBody"]["content"]["application/json"]["schema"]
    assert "reason" in body["required"]
    assert "get" in doc["paths"]["/api/v1/session/rooms"]
    assert "cancel it instead" in doc["paths"]["/api/v1/session/blocks/{block_id}"]["delete"]["summary"]
    rules = doc["paths"]["/api/v1/session/rules"]["put"]["requestBody"]["content"]["application/json"]["schema"]
    assert {"se_day_starts", "se_day_ends"} <= set(rules["required"])
