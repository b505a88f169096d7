"""The schedule: one high-level event at a time, rooms never double-booked, calendars and outputs."""

import io
import re
import unicodedata
from datetime import timedelta

from icalendar import Calendar
from pypdf import PdfReader
from sqlalchemy import select

from meetings.auth.models import User
from meetings.delegations.services import delegation_by_code
from meetings.exports.agenda import agenda_ics
from meetings.programme.models import Room
from meetings.side_events import services
from meetings.side_events.models import SideEvent, SideEventStatus
from meetings.side_events.rules import parse_preferred_times
from tests.side_events.conftest import complete


def accepted(db, cs, *usernames: str, **over) -> list[SideEvent]:
    """High-level applications submitted in this order inside the window, committed."""
    events = []
    for n, username in enumerate(usernames):
        user = db.session.scalar(select(User).where(User.username == username))
        values = complete(**over)
        values["preferred_times"] = parse_preferred_times("\n".join(values["preferred_times"]))[0]
        at = cs.rules.hl_window_opens + timedelta(seconds=n + 1)
        events.append(services.submit(cs, user, {**values, "title": f"{values['title']} ({username})"}, now=at))
    db.session.commit()
    return events


def room(db, name: str) -> int:
    return db.session.scalar(select(Room.id).where(Room.name == name))


def put(client, headers, event_id, day, start, room_id):
    return client.put(f"/api/v1/side-events/{event_id}/schedule", json={"day": day, "start": start, "room_id": room_id},
                      headers=headers)  # fmt: skip


def test_high_level_events_run_one_at_a_time_and_may_overlap_the_plenary(client, cs, token_for, db):
    a, b = accepted(db, cs, "austria", "brazil")
    sec = token_for("secretariat")
    c3, m3 = room(db, "Conference Room C3"), room(db, "Conference Room M3")
    ok = put(client, sec, a.id, "2024-03-14", "10:30", c3)  # the general debate runs in the plenary hall
    assert ok.status_code == 200 and ok.json["starts_at"] == "2024-03-14T10:30:00+01:00"
    assert ok.json["ends_at"] == "2024-03-14T12:00:00+01:00"
    clash = put(client, sec, b.id, "2024-03-14", "11:59", m3)
    assert clash.status_code == 409
    assert clash.json["message"] == (
        "High-level side events run one at a time: this would overlap “Prevention that works (austria)” (Austria)."
    )
    assert put(client, sec, b.id, "2024-03-14", "12:00", m3).status_code == 200
    outside = put(client, sec, b.id, "2024-03-16", "10:00", m3)
    assert outside.status_code == 409 and "14 March to 15 March 2024" in outside.json["message"]
    late = put(client, sec, b.id, "2024-03-15", "23:00", m3)  # would end on the 16th
    assert late.status_code == 409
    db.session.rollback()
    assert db.session.get(SideEvent, b.id).starts_at.isoformat() == "2024-03-14T11:00:00+00:00"
    assert put(client, token_for("austria"), a.id, "2024-03-15", "08:00", c3).status_code == 403


def test_rooms_are_never_double_booked_and_regular_events_are_not_capped(client, cs, window_open, token_for, db):
    (a,) = accepted(db, cs, "austria")
    sec, kenya = token_for("secretariat"), token_for("kenya")
    boardroom, c3 = room(db, "Boardroom D (C Building)"), room(db, "Conference Room C3")
    regulars = [client.post("/api/v1/side-events/submit", json=complete(kind="regular", title=f"R{n}", duration_minutes=60),
                            headers=kenya).json for n in range(3)]  # fmt: skip
    assert all(r["status"] == "accepted" for r in regulars)
    meeting = put(client, sec, regulars[0]["id"], "2024-03-14", "15:30", boardroom)
    assert meeting.status_code == 409 and "the meeting “Roundtable 1: Taking stock”" in meeting.json["message"]
    assert put(client, sec, a.id, "2024-03-14", "13:00", c3).status_code == 200
    taken = put(client, sec, regulars[0]["id"], "2024-03-14", "14:00", c3)
    assert taken.status_code == 409 and "Conference Room C3 is taken" in taken.json["message"]
    # regular events may run at the same time as each other and as a high-level event, in other rooms
    assert put(client, sec, regulars[0]["id"], "2024-03-14", "13:30", room(db, "Conference Room M3")).status_code == 200
    assert put(client, sec, regulars[1]["id"], "2024-03-14", "13:30", room(db, "Conference Room M7")).status_code == 200
    # regular events may take place in the regular segment too
    assert put(client, sec, regulars[2]["id"], "2024-03-19", "13:30", room(db, "Conference Room M7")).status_code == 200


def test_only_accepted_events_are_scheduled(client, cs, token_for, db):
    cs.rules.hl_cap_total = 1
    db.session.commit()
    _, waiting = accepted(db, cs, "austria", "brazil")
    refused = put(client, token_for("secretariat"), waiting.id, "2024-03-14", "08:00", room(db, "Conference Room C3"))
    assert refused.status_code == 409 and "waitlisted" in refused.json["message"]


def test_automatic_placement_follows_the_queue_and_the_preferences(client, cs, token_for, db):
    first, second, third = accepted(
        db, cs, "austria", "brazil", "kenya", preferred_times=["2024-03-14 08:00", "2024-03-14 13:00"]
    )
    result = client.post("/api/v1/side-events/schedule/auto", headers=token_for("secretariat")).json
    assert [e["id"] for e in result["placed"]] == [first.id, second.id]
    assert [e["starts_at"][11:16] for e in result["placed"]] == ["08:00", "13:00"]
    assert [e["id"] for e in result["not_placed"]] == [third.id]


def test_calendars_keep_the_uid_and_raise_the_sequence_when_the_time_changes(client, cs, token_for, db):
    (a,) = accepted(db, cs, "austria")
    sec, c3 = token_for("secretariat"), room(db, "Conference Room C3")
    put(client, sec, a.id, "2024-03-14", "08:00", c3)

    def agenda_event():
        cal = Calendar.from_ical(client.get("/session/agenda.ics").data)
        return next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("side-event-"))

    before = agenda_event()
    assert int(before["SEQUENCE"]) == 0 and before["DTSTART"].params["TZID"] == "Europe/Vienna"
    put(client, sec, a.id, "2024-03-14", "13:00", c3)
    after = agenda_event()
    assert str(after["UID"]) == str(before["UID"]) and int(after["SEQUENCE"]) == 1
    assert after.decoded("DTSTART").hour == 13
    one = Calendar.from_ical(client.get(f"/side-events/{a.id}.ics").data).walk("VEVENT")
    assert [str(e["UID"]) for e in one] == [str(before["UID"])] and int(one[0]["SEQUENCE"]) == 1
    db.session.rollback()
    feed = lambda code: Calendar.from_ical(agenda_ics(cs, delegation_by_code(code))).walk("VEVENT")  # noqa: E731
    assert [str(e["UID"]) for e in feed("AUT") if str(e["UID"]).startswith("side-event-")] == [str(before["UID"])]
    assert all(not str(e["UID"]).startswith("side-event-") for e in feed("BRA"))


def test_the_demo_keeps_every_rule_and_its_outputs_show_every_script(client, demo_side_events, db, log_in):
    events = db.session.scalars(select(SideEvent).order_by(SideEvent.queue_position)).all()
    hl = [e for e in events if e.queue_position]
    assert sum(e.status == SideEventStatus.accepted for e in hl) == 11
    assert {e.status for e in events} == {"accepted", "waitlisted", "withdrawn", "draft"}
    placed = sorted((e.starts_at, e.ends_at) for e in hl if e.starts_at)
    assert all(end <= nxt for (_, end), (nxt, _) in zip(placed, placed[1:], strict=False))
    assert all(e.duration_minutes <= 90 for e in hl)

    pdf = client.get("/side-events/programme.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.data))
    text = unicodedata.normalize("NFKC", " ".join(" ".join(p.extract_text() for p in reader.pages).split()))
    assert "Thursday 14 March 2024" in text and "Friday 15 March 2024" in text
    assert "Противодействие" in text and "上海合作组织" in text and "Vienna NGO Committee on Drugs" in text
    fonts = {str(f.get_object()["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert not any("Helvetica" in f for f in fonts)

    timeline = client.get("/side-events/timeline").get_data(as_text=True)
    assert timeline.count('class="tl-bar event high_level"') == 11
    assert 'class="tl-bar block general_debate"' in timeline and "Civil society voices" in timeline
    assert re.search(r'data-start="[\d.]+" data-width="[\d.]+" title="Prevention that works', timeline)
    programme = client.get("/api/v1/side-events/programme").json
    assert len(programme) == 12 and "contact_email" not in programme[0]

    page = log_in("secretariat").get("/side-events/queue").get_data(as_text=True)
    assert page.count("badge waitlisted") == 1 and page.count("badge withdrawn") == 1


def test_the_secretariat_pages_reject_schedule_and_place(log_in, cs, db):
    a, b, c = accepted(db, cs, "austria", "brazil", "kenya")
    client = log_in("secretariat")
    page = client.get(f"/side-events/{a.id}").get_data(as_text=True)
    assert "Reject the application" in page and "Set the time and room" in page
    refused = client.post(f"/side-events/{a.id}/reject", data={"reason": ""}, follow_redirects=True)
    assert "Give the reason for the rejection." in refused.get_data(as_text=True)
    done = client.post(
        f"/side-events/{a.id}/reject", data={"reason": "Duplicate of another event."}, follow_redirects=True
    )
    assert "rejected" in done.get_data(as_text=True)
    c3 = room(db, "Conference Room C3")
    set_time = client.post(f"/side-events/{b.id}/schedule", data={"day": "2024-03-14", "start": "08:00", "room_id": c3},
                           follow_redirects=True)  # fmt: skip
    assert "The time and room are set." in set_time.get_data(as_text=True)
    clash = client.post(f"/side-events/{c.id}/schedule", data={"day": "2024-03-14", "start": "09:00", "room_id": c3},
                        follow_redirects=True)  # fmt: skip
    assert "this would overlap “Prevention that works (brazil)” (Brazil)" in clash.get_data(as_text=True)
    placed = client.post("/side-events/schedule/auto", follow_redirects=True).get_data(as_text=True)
    assert "1 placed at a preferred time; 0 left to place by hand." in placed
    db.session.rollback()
    assert db.session.get(SideEvent, c.id).starts_at.isoformat() == "2024-03-15T07:00:00+00:00"
    withdrawn = log_in("kenya").post(f"/side-events/{c.id}/withdraw", data={"reason": ""}, follow_redirects=True)
    assert "The application is withdrawn." in withdrawn.get_data(as_text=True)
    db.session.rollback()
    assert db.session.get(SideEvent, c.id).starts_at is None
