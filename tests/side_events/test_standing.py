"""Where a delegation's side events stand on its home page, and forms that cannot succeed saying so first."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.side_events.models import SideEvent, SideEventStatus
from tests.conftest import browser_login, screenshot
from tests.side_events.conftest import complete


def home(client, code: str) -> str:
    page = client.get(f"/delegations/{code}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    return html[html.index('id="side-event-standing"') :]


def row(html: str, event_id: int) -> str:
    start = html.index(f'id="side-event-{event_id}"')
    return html[start : html.index("</tr>", start)]


def count(db) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count(SideEvent.id)))


# --- a delegation's home page -------------------------------------------------------------------


def test_home_page_shows_seat_waiting_number_time_and_room_and_why_it_ended(
    client, cs, window_open, token_for, log_in, db
):
    cs.rules.hl_cap_total = 2
    db.session.commit()
    tokens = {code: token_for(code) for code in ("austria", "brazil", "kenya")}
    ids = {}
    for name, who in (("first", "austria"), ("second", "brazil"), ("third", "austria"), ("fourth", "kenya")):
        made = client.post("/api/v1/side-events/submit", json=complete(title=f"The {name} event"), headers=tokens[who])
        assert made.status_code == 201, made.json
        ids[name] = made.json["id"]
    draft = client.post("/api/v1/side-events", json={"title": "Still thinking"}, headers=tokens["austria"]).json
    sec = token_for("secretariat")
    room = cs.rooms[0]
    placed = client.put(f"/api/v1/side-events/{ids['first']}/schedule", headers=sec,
                        json={"day": "2024-03-14", "start": "08:00", "room_id": room.id})  # fmt: skip
    assert placed.status_code == 200, placed.json

    austria = log_in("austria")
    html = home(austria, "AUT")
    first, third = row(html, ids["first"]), row(html, ids["third"])
    assert "position 1" in first and "Accepted: seat 1 of 2." in first
    assert f"Thu 14 Mar 08:00–09:30, {room.name}" in first
    assert "position 3" in third and "On the waiting list as number 1" in third
    assert "takes no place in the queue" in row(html, draft["id"])
    assert "The fourth event" not in html  # Kenya's, not Austria's
    client.post("/logout")

    # the secretariat rejects Brazil's, with a reason: Austria's third moves up, Kenya's becomes number 1
    rejected = client.post(f"/api/v1/side-events/{ids['second']}/reject", json={"reason": "No partner confirmed."},
                           headers=sec)  # fmt: skip
    assert rejected.status_code == 200
    brazil = log_in("brazil")
    mine = row(home(brazil, "BRA"), ids["second"])
    assert "Rejected." in mine and "Reason: No partner confirmed." in mine
    client.post("/logout")
    austria = log_in("austria")
    assert "Accepted: seat 2 of 2." in row(home(austria, "AUT"), ids["third"])
    assert austria.get("/delegations/KEN").status_code == 403
    client.post("/logout")
    kenya = log_in("kenya")
    assert "On the waiting list as number 1" in row(home(kenya, "KEN"), ids["fourth"])


def test_the_api_says_where_each_application_stands(client, cs, window_open, token_for, db):
    cs.rules.hl_cap_total = 1
    db.session.commit()
    austria, brazil = token_for("austria"), token_for("brazil")
    client.post("/api/v1/side-events/submit", json=complete(title="One"), headers=austria)
    client.post("/api/v1/side-events/submit", json=complete(title="Two"), headers=brazil)
    mine = client.get("/api/v1/side-events", headers=brazil).json
    assert [(e["title"], e["status"], e["seat"], e["waiting_number"]) for e in mine] == [("Two", "waitlisted", None, 1)]
    assert mine[0]["standing"].startswith("On the waiting list as number 1")
    theirs = client.get("/api/v1/side-events", headers=austria).json
    assert [(e["seat"], e["waiting_number"], e["standing"]) for e in theirs] == [(1, None, "Accepted: seat 1 of 1.")]


# --- the application form outside the window ------------------------------------------------


def test_after_the_window_the_form_says_it_closed_and_offers_a_regular_event_or_a_draft(client, cs, clock, log_in, db):
    clock(cs.rules.hl_window_closes + timedelta(days=1))
    austria = log_in("austria")
    page = austria.get("/side-events/new")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Applications for high-level side events closed on Friday 12 January 2024 at 00:00" in html
    assert "You can apply for a regular side event now, or save a high-level application as a draft" in html
    assert '<option selected value="regular">Regular side event</option>' in html
    assert '<option value="high_level">High-level side event (draft only)</option>' in html
    assert 'value="Submit the regular side event"' in html and "Submit the application" not in html
    # what it offers succeeds: a regular event, and a high-level draft
    regular = austria.post("/side-events/new", data={**complete(kind="regular", preferred_times="2024-03-18 13:15"),
                                                      "submit": "y"})  # fmt: skip
    assert regular.status_code == 302
    draft = austria.post("/side-events/new", data={"kind": "high_level", "title": "For next year", "save": "y"})
    assert draft.status_code == 302
    db.session.rollback()
    assert sorted((e.kind.value, e.status.value) for e in db.session.scalars(select(SideEvent))) == [
        ("high_level", "draft"), ("regular", "accepted"),
    ]  # fmt: skip
    # submitting the high-level draft anyway is refused with the same reason, and changes nothing
    event = db.session.scalar(select(SideEvent).where(SideEvent.status == SideEventStatus.draft))
    refused = austria.post(f"/side-events/{event.id}/edit",
                           data={**complete(title="For next year"), "submit": "y"})  # fmt: skip
    assert refused.status_code == 409 and "closed on Friday 12 January 2024" in refused.get_data(as_text=True)
    db.session.rollback()
    assert db.session.get(SideEvent, event.id).status == SideEventStatus.draft and count(db) == 2


def test_before_the_window_the_form_says_when_it_opens(client, cs, clock, log_in):
    clock(cs.rules.hl_window_opens - timedelta(days=2))
    html = log_in("austria").get("/side-events/new").get_data(as_text=True)
    assert "Applications for high-level side events open on Thursday 04 January 2024 at 00:00" in html
    assert 'value="Submit the regular side event"' in html


def test_in_the_window_a_member_state_is_offered_a_high_level_event(client, cs, window_open, log_in):
    html = log_in("austria").get("/side-events/new").get_data(as_text=True)
    assert 'id="window-closed"' not in html
    assert '<option selected value="high_level">High-level side event</option>' in html
    assert 'value="Submit the application"' in html


def test_an_organization_is_offered_only_a_regular_event(client, cs, window_open, log_in, db):
    vngoc = log_in("vngoc")
    html = vngoc.get("/side-events/new").get_data(as_text=True)
    assert "High-level side events are organized by Member States; Vienna NGO Committee on Drugs can apply" in html
    assert 'value="high_level"' not in html
    refused = vngoc.post("/side-events/new", data={**complete(), "submit": "y"})
    assert refused.status_code == 400 and "Not a valid choice" in refused.get_data(as_text=True)
    assert count(db) == 0


def test_the_secretariat_is_told_that_only_a_delegation_applies(client, cs, window_open, log_in, db):
    sec = log_in("secretariat")
    page = sec.get("/side-events/new")
    html = page.get_data(as_text=True)
    assert page.status_code == 403 and "Only a delegation applies for side events" in html
    assert 'name="title"' not in html
    assert sec.post("/side-events/new", data={**complete(), "submit": "y"}).status_code == 403
    assert count(db) == 0


# --- fields for the secretariat -----------------------------------------------------------------


def test_a_scheduled_event_shows_the_public_no_queue_details_and_no_secretariat_forms(
    client, cs, window_open, token_for, log_in, db
):
    made = client.post("/api/v1/side-events/submit", json=complete(), headers=token_for("austria")).json
    client.put(f"/api/v1/side-events/{made['id']}/schedule", headers=token_for("secretariat"),
               json={"day": "2024-03-14", "start": "08:00", "room_id": cs.rooms[0].id})  # fmt: skip
    public = client.get(f"/side-events/{made['id']}").get_data(as_text=True)
    assert "Prevention that works" in public
    for internal in ("queue position", "received", "anna.gruber@", "Reject the application", "Set the time and room",
                     "Withdraw the application"):  # fmt: skip
        assert internal not in public
    kenya = log_in("kenya").get(f"/side-events/{made['id']}").get_data(as_text=True)
    assert "queue position" not in kenya and "Reject the application" not in kenya
    client.post("/logout")
    own = log_in("austria").get(f"/side-events/{made['id']}").get_data(as_text=True)
    assert "queue position 1" in own and "received" in own and "Withdraw the application" in own
    assert "Reject the application" not in own and "Set the time and room" not in own
    client.post("/logout")
    sec = log_in("secretariat").get(f"/side-events/{made['id']}").get_data(as_text=True)
    assert "Reject the application" in sec and "Set the time and room" in sec


def test_reading_where_one_stands_changes_nothing(client, cs, window_open, token_for, log_in, db):
    made = client.post("/api/v1/side-events/submit", json=complete(), headers=token_for("austria")).json
    db.session.rollback()
    before = db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.feature == "side_events"))
    austria = log_in("austria")
    assert "Accepted: seat 1 of 11." in row(home(austria, "AUT"), made["id"])
    austria.get("/side-events/new")
    db.session.rollback()
    assert db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.feature == "side_events")) == before
    assert db.session.get(SideEvent, made["id"]).status == SideEventStatus.accepted


@pytest.mark.browser
def test_a_delegation_sees_its_side_events_on_its_home_page(page, live_server, demo, app):
    browser_login(page, live_server, "colombia")
    page.goto(live_server + "/delegations/COL")
    standing = page.inner_text("#side-event-standing")
    assert "Illicit crop monitoring by satellite" in standing
    assert "On the waiting list as number 1" in standing
    screenshot(page, "home-side-events-waiting")
    page.goto(live_server + "/side-events/new")  # the demo's window closed in January 2024
    assert "closed on Friday 12 January 2024" in page.inner_text("#window-closed")
    assert page.locator("#kind").input_value() == "regular"
    assert page.locator("#submit").input_value() == "Submit the regular side event"
    screenshot(page, "side-event-form-closed")
    page.context.clear_cookies()
    browser_login(page, live_server, "austria")
    page.goto(live_server + "/delegations/AUT")
    standing = page.inner_text("#side-event-standing")
    assert "Accepted: seat 1 of 11." in standing and "Accepted: seat 7 of 11." in standing
    screenshot(page, "home-side-events-accepted")
