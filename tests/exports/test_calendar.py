from icalendar import Calendar

from meetings.programme.models import MeetingBlock


def _events(client) -> dict:
    response = client.get("/session/agenda.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    cal = Calendar.from_ical(response.data)
    return cal, {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_agenda_has_every_block_with_stable_uid_and_time_zone(client, cs):
    cal, events = _events(client)
    assert len([uid for uid in events if uid.startswith("block-")]) == len(cs.blocks)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Vienna"]
    opening = next(e for e in events.values() if "Opening" in str(e["SUMMARY"]))
    assert opening["DTSTART"].params["TZID"] == "Europe/Vienna"
    start = opening.decoded("DTSTART")
    assert (start.hour, start.minute, str(start.tzinfo)) == (9, 30, "Europe/Vienna")
    assert int(opening["SEQUENCE"]) == 0
    _, again = _events(client)
    assert set(again) == set(events)


def test_a_moved_block_keeps_its_uid_and_raises_its_sequence(log_in, cs, db):
    client = log_in("secretariat")
    _, before = _events(client)
    block = db.session.scalar(db.select(MeetingBlock).where(MeetingBlock.title == "General debate, 1st meeting"))
    form = {
        "title": block.title,
        "kind": "general_debate",
        "day": "2024-03-14",
        "start": "10:30",
        "end": "13:00",
        "room_id": block.room_id,
    }
    assert client.post(f"/session/blocks/{block.id}", data=form).status_code == 302
    _, after = _events(client)
    assert set(after) == set(before)
    uid = next(u for u, e in after.items() if "1st meeting" in str(e["SUMMARY"]))
    assert int(after[uid]["SEQUENCE"]) == int(before[uid]["SEQUENCE"]) + 1
    assert after[uid].decoded("DTSTART").minute == 30
    # a change of title only does not move the event
    assert (
        client.post(f"/session/blocks/{block.id}", data={**form, "start": "10:30", "title": "GD 1"}).status_code == 302
    )
    _, renamed = _events(client)
    assert int(renamed[uid]["SEQUENCE"]) == int(after[uid]["SEQUENCE"])


def test_api_serves_the_same_calendar(client, cs):
    api = Calendar.from_ical(client.get("/api/v1/session/agenda.ics").data)
    assert len([e for e in api.walk("VEVENT") if str(e["UID"]).startswith("block-")]) == len(cs.blocks)


def test_a_delegations_feed_is_its_own_calendar(client, cs):
    response = client.get("/delegations/AUT/agenda.ics")
    assert response.status_code == 200
    cal = Calendar.from_ical(response.data)
    assert "Austria" in str(cal["X-WR-CALNAME"])
    assert client.get("/delegations/ZZZ/agenda.ics").status_code == 404
