"""The session pages: fields and buttons for the secretariat are not shown to others; a form that cannot
succeed says so first (a meeting that holds records offers cancelling, not deleting; a cancelled meeting
offers no form; no room yet means no meeting form); and a browser run of the secretariat cancelling."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.programme.models import CommissionSession, MeetingBlock, Segment, SegmentKind, SessionRules
from tests.conftest import browser_login, screenshot

SECRETARIAT_ONLY = ("Add a meeting block", "Edit or cancel", 'name="capacity"', "Change the rules",
                    "Change name, zone or dates", 'id="rooms"')  # fmt: skip


def block_titled(db, title: str) -> MeetingBlock:
    db.session.rollback()
    return db.session.scalar(select(MeetingBlock).where(MeetingBlock.title == title))


@pytest.mark.parametrize("who", [None, "austria", "vngoc", "chair"])
def test_others_see_the_session_without_the_secretariat_s_fields(client, demo, log_in, who):
    if who:
        log_in(who)
    page = client.get("/session/").get_data(as_text=True)
    assert "General debate, 1st meeting" in page and "Rooms and what holds them" in page
    assert [text for text in SECRETARIAT_ONLY if text in page] == []
    assert ("Log of changes" in page) == (who == "chair")


def test_the_secretariat_sees_its_fields(log_in, demo):
    page = log_in("secretariat").get("/session/").get_data(as_text=True)
    assert [text for text in SECRETARIAT_ONLY if text not in page] == []


@pytest.mark.parametrize("who", ["austria", "chair"])
def test_others_cannot_open_a_meeting_s_form(log_in, demo, db, who):
    first = block_titled(db, "General debate, 1st meeting")
    client = log_in(who)
    assert client.get(f"/session/blocks/{first.id}").status_code == 403
    assert client.post(f"/session/blocks/{first.id}/cancel", data={"reason": "x"}).status_code == 403
    assert client.post(f"/session/blocks/{first.id}/delete").status_code == 403
    assert not block_titled(db, "General debate, 1st meeting").is_cancelled


def test_a_meeting_that_holds_records_offers_cancelling_not_deleting(log_in, demo, db):
    client = log_in("secretariat")
    first = block_titled(db, "General debate, 1st meeting")
    page = client.get(f"/session/blocks/{first.id}").get_data(as_text=True)
    assert 'id="holds-records"' in page and "It cannot be deleted; it can be cancelled" in page
    assert "the record of its floor" in page and "Cancel the meeting" in page
    assert "Delete the meeting" not in page
    opening = block_titled(db, "Opening of the high-level segment")
    page = client.get(f"/session/blocks/{opening.id}").get_data(as_text=True)
    assert "This meeting holds no record yet" in page and "Delete the meeting" in page


def test_cancelling_on_the_page_needs_a_reason_and_then_shows_the_meeting_as_cancelled(log_in, demo, db):
    client = log_in("secretariat")
    first = block_titled(db, "General debate, 1st meeting")
    entries = db.session.scalar(select(func.count(AuditEntry.id)))
    empty = client.post(f"/session/blocks/{first.id}/cancel", data={"reason": ""})
    assert empty.status_code == 400
    html = empty.get_data(as_text=True)
    assert "The meeting was not cancelled: Reason for the cancellation: Give the reason for the cancellation." in html
    assert not block_titled(db, "General debate, 1st meeting").is_cancelled
    assert db.session.scalar(select(func.count(AuditEntry.id))) == entries
    done = client.post(f"/session/blocks/{first.id}/cancel", data={"reason": "Fire drill"}, follow_redirects=True)
    html = done.get_data(as_text=True)
    assert "“General debate, 1st meeting” is cancelled; its room is free." in html
    assert "cancelled</span><br><small>Fire drill</small>" in html
    page = client.get(f"/session/blocks/{first.id}").get_data(as_text=True)
    assert 'id="cancelled"' in page and "A cancelled meeting cannot be changed." in page
    assert 'name="title"' not in page and "Delete the meeting" not in page


def test_without_a_room_the_page_says_to_add_one_instead_of_offering_a_meeting_form(log_in, demo, db):
    empty = CommissionSession(code="CND68", name="68th session", venue="VIC", timezone="Europe/Vienna")
    empty.segments = [Segment(kind=SegmentKind.high_level, start_date=date(2025, 3, 13), end_date=date(2025, 3, 14))]
    empty.rules = SessionRules(hl_window_opens=datetime(2025, 1, 4, tzinfo=UTC),
                               hl_window_closes=datetime(2025, 1, 11, tzinfo=UTC))  # fmt: skip
    db.session.add(empty)
    db.session.commit()
    client = log_in("secretariat")
    session_page = client.get("/session/").get_data(as_text=True)
    assert 'id="no-rooms"' in session_page and "Add a meeting block" not in session_page
    form_page = client.get("/session/blocks/new").get_data(as_text=True)
    assert "A meeting needs a room, and the session has none yet" in form_page and 'name="title"' not in form_page


@pytest.mark.browser
def test_the_secretariat_cancels_the_first_meeting_in_the_browser(page, live_server, demo, db):
    browser_login(page, live_server, "secretariat")
    page.goto(live_server + "/session/")
    row = page.locator("table.meetings tr", has_text="General debate, 1st meeting")
    row.get_by_role("link", name="Edit or cancel").click()
    page.wait_for_load_state()
    assert "It cannot be deleted; it can be cancelled" in page.inner_text("#holds-records")
    assert page.get_by_role("button", name="Delete the meeting").count() == 0
    screenshot(page, "programme-meeting-holds-records")
    page.fill("#reason", "The high-level segment opens in the afternoon.")
    page.get_by_role("button", name="Cancel the meeting").click()
    page.wait_for_load_state()
    assert "is cancelled; its room is free." in page.inner_text("body")
    cancelled = page.locator("table.meetings tr.cancelled")
    assert cancelled.count() == 1 and "The high-level segment opens in the afternoon." in cancelled.inner_text()
    screenshot(page, "programme-session-meeting-cancelled")
    assert block_titled(db, "General debate, 1st meeting").cancel_reason.startswith("The high-level segment")


@pytest.mark.browser
def test_a_delegation_reads_the_session_and_the_rooms_on_a_phone(page, live_server, demo):
    page.set_viewport_size({"width": 375, "height": 800})
    browser_login(page, live_server, "austria")
    page.goto(live_server + "/session/")
    assert page.get_by_role("link", name="Edit or cancel").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "programme-session-delegation-phone")
    page.goto(live_server + "/session/rooms")
    assert "No room holds two things at once." in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "programme-rooms-phone")
