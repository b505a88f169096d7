"""Rules that make sense: the draw after inscription closes; side events within the day's hours (08:00 to
21:00 by default, configurable) when scheduled and for each preferred time, and within their period."""

from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select

from meetings.audit.models import AuditEntry
from meetings.auth.models import User
from meetings.programme.models import Room, SessionRules
from meetings.programme.services import rules_as_form_data
from meetings.side_events import services as side_events
from meetings.side_events.models import SideEvent
from meetings.side_events.rules import parse_preferred_times
from tests.programme.test_session_forms import GOOD_RULES
from tests.side_events.conftest import complete


def rules_row(db) -> SessionRules:
    db.session.rollback()
    return db.session.scalar(select(SessionRules))


def api_rules(demo, **changes) -> dict:
    body = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in rules_as_form_data(demo).items()
            if v is not None}  # fmt: skip
    return {**body, **changes}


def test_the_demo_s_side_events_keep_to_08_00_to_21_00(demo, db, client):
    r = rules_row(db)
    assert (r.se_day_starts.isoformat(), r.se_day_ends.isoformat()) == ("08:00:00", "21:00:00")
    assert client.get("/api/v1/session").json["rules"]["se_day_starts"] == "08:00"
    assert "from 08:00 to 21:00 each day" in client.get("/session/").get_data(as_text=True)


def test_a_draw_before_inscription_closes_is_refused_naming_both_dates(log_in, demo, db, token_for, client):
    browser, sec = log_in("secretariat"), token_for("secretariat")
    entries = db.session.scalar(select(func.count(AuditEntry.id)))
    page = browser.post("/session/rules", data={**GOOD_RULES, "gd_draw_date": "2024-02-20"})
    assert page.status_code == 400
    html = page.get_data(as_text=True)
    assert ("The drawing of lots (20 February 2024) must come after inscription closes "
            "(23 February 2024 at 18:00)") in html  # fmt: skip
    same_day = browser.post("/session/rules", data={**GOOD_RULES, "gd_draw_date": "2024-02-23"})
    assert same_day.status_code == 400
    late_close = client.put("/api/v1/session/rules", headers=sec,
                            json=api_rules(demo, gd_inscription_closes="2024-03-01T12:00"))  # fmt: skip
    assert late_close.status_code == 400
    assert late_close.json["errors"]["gd_draw_date"] == [
        "The drawing of lots (29 February 2024) must come after inscription closes (01 March 2024 at 12:00): "
        "choose a later day for the draw or close inscription earlier."
    ]
    r = rules_row(db)
    assert r.gd_draw_date.isoformat() == "2024-02-29" and r.gd_inscription_closes.isoformat().startswith("2024-02-23")
    assert db.session.scalar(select(func.count(AuditEntry.id))) == entries
    assert browser.post("/session/rules", data={**GOOD_RULES, "gd_draw_date": "2024-02-24"}).status_code == 302


def test_the_day_s_hours_are_checked_and_configurable(client, demo, db, token_for):
    sec = token_for("secretariat")
    backwards = client.put("/api/v1/session/rules", headers=sec, json=api_rules(demo, se_day_ends="07:00"))
    assert backwards.status_code == 400
    assert backwards.json["errors"]["se_day_ends"] == ["Side events must end their day after they start it (08:00)."]
    missing = client.put("/api/v1/session/rules", headers=sec, json=api_rules(demo, se_day_starts=""))
    assert missing.status_code == 422 and "se_day_starts" in missing.json["errors"]
    assert rules_row(db).se_day_ends.isoformat() == "21:00:00"
    done = client.put("/api/v1/session/rules", headers=sec, json=api_rules(demo, se_day_starts="07:00"))
    assert done.status_code == 200
    assert rules_row(db).se_day_starts.isoformat() == "07:00:00"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "rules.update"))
    assert entry.before == {"se_day_starts": "08:00"} and entry.after == {"se_day_starts": "07:00"}


@pytest.fixture
def regular_event(client, demo, token_for):
    made = client.post("/api/v1/side-events/submit", headers=token_for("kenya"),
                       json=complete(kind="regular", title="Youth voices", duration_minutes=60))  # fmt: skip
    assert made.status_code == 201, made.json
    return made.json["id"]


def schedule(client, headers, event_id, day, start, room):
    return client.put(f"/api/v1/side-events/{event_id}/schedule", json={"day": day, "start": start, "room_id": room},
                      headers=headers)  # fmt: skip


def test_a_side_event_is_scheduled_within_the_day_s_hours(client, demo, db, token_for, regular_event):
    sec = token_for("secretariat")
    c3 = db.session.scalar(select(Room.id).where(Room.name == "Conference Room C3"))  # free in the regular segment
    early = schedule(client, sec, regular_event, "2024-03-19", "07:30", c3)
    assert early.status_code == 409
    assert early.json["message"] == ("Side events take place between 08:00 and 21:00 (Europe/Vienna); "
                                     "07:30 to 08:30 is outside those hours.")  # fmt: skip
    assert early.json["errors"] == {"start": ["Outside the day's hours for side events."]}
    late = schedule(client, sec, regular_event, "2024-03-19", "20:30", c3)
    assert late.status_code == 409 and "20:30 to 21:30 is outside those hours" in late.json["message"]
    db.session.rollback()
    assert db.session.get(SideEvent, regular_event).starts_at is None
    assert schedule(client, sec, regular_event, "2024-03-19", "20:00", c3).status_code == 200  # ends at 21:00
    assert (
        client.put("/api/v1/session/rules", headers=sec, json=api_rules(demo, se_day_starts="07:00")).status_code == 200
    )
    assert schedule(client, sec, regular_event, "2024-03-19", "07:30", c3).status_code == 200


def test_each_preferred_time_must_fall_within_the_hours_and_the_period(client, demo, db, token_for):
    kenya = token_for("kenya")
    before = db.session.scalar(select(func.count(SideEvent.id)))
    early = client.post("/api/v1/side-events/submit", headers=kenya, json=complete(
        kind="regular", duration_minutes=60, preferred_times=["2024-03-14 13:00", "2024-03-14 06:30"]))  # fmt: skip
    assert early.status_code == 422
    assert early.json["errors"]["preferred_times"] == [
        "14 March 2024 06:30 to 07:30 is outside the day's hours for side events (08:00 to 21:00, Europe/Vienna)."
    ]
    outside = client.post("/api/v1/side-events/submit", headers=kenya, json=complete(
        kind="regular", duration_minutes=60, preferred_times=["2024-04-02 10:00"]))  # fmt: skip
    assert outside.status_code == 422
    assert "outside the side-event period (14 March to 22 March 2024" in outside.json["message"]
    db.session.rollback()
    assert db.session.scalar(select(func.count(SideEvent.id))) == before


def test_automatic_placement_leaves_preferred_times_outside_the_hours(client, demo, db, token_for):
    """Times chosen under earlier hours: once the hours narrow, the app does not place an event there."""
    db.session.execute(delete(SideEvent))
    db.session.commit()
    sec = token_for("secretariat")
    assert (
        client.put("/api/v1/session/rules", headers=sec, json=api_rules(demo, se_day_starts="07:00")).status_code == 200
    )
    db.session.rollback()
    austria = db.session.scalar(select(User).where(User.username == "austria"))
    values = complete(preferred_times=[])
    values["preferred_times"] = parse_preferred_times("2024-03-14 07:00")[0]
    side_events.submit(demo, austria, values, now=demo.rules.hl_window_opens + timedelta(seconds=1))
    db.session.commit()
    assert (
        client.put("/api/v1/session/rules", headers=sec, json=api_rules(demo, se_day_starts="08:00")).status_code == 200
    )
    result = client.post("/api/v1/side-events/schedule/auto", headers=sec).json
    assert result["placed"] == [] and len(result["not_placed"]) == 1
