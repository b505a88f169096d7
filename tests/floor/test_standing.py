"""A delegation's floor requests on its home page: queued as number n, granted, dropped with the reason, withdrawn."""

import pytest
from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.floor import queue
from meetings.floor.models import FloorRequest, RequestStatus
from tests.conftest import browser_login, screenshot


def open_ids(db, block) -> dict[str, int]:
    db.session.rollback()
    return {r.delegation.code: r.id for r in queue.open_requests(block)}


def standing(client, code: str) -> str:
    page = client.get(f"/delegations/{code}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    return html[html.index('id="floor-requests"') : html.index("</section>", html.index('id="floor-requests"'))]


def entries(db, request_id: int) -> list[AuditEntry]:
    db.session.rollback()
    return list(db.session.scalars(
        select(AuditEntry).where(AuditEntry.record_kind == "floor_request", AuditEntry.record_id == request_id)
        .order_by(AuditEntry.seq)
    ))  # fmt: skip


def test_home_pages_show_the_queue_number_the_grant_the_drop_with_its_reason_and_the_withdrawal(
    db, client, rt_block, log_in, token_for
):
    # the demo queue: Brazil, China, the Vienna NGO Committee; Austria asks fourth
    asked = client.post(f"/api/v1/floor/blocks/{rt_block.id}/requests", json={}, headers=token_for("austria"))
    assert asked.status_code == 201
    austria = log_in("austria")
    assert "In the queue as number 4." in standing(austria, "AUT")
    client.post("/logout")

    chair = log_in("chair")
    ids = open_ids(db, rt_block)
    dropped = chair.post(f"/floor/blocks/{rt_block.id}/requests/{ids['BRA']}/drop",
                         data={"reason": "Brazil spoke in the first round; others first."})  # fmt: skip
    assert dropped.status_code == 302
    assert chair.post(f"/floor/blocks/{rt_block.id}/requests/{ids['CHN']}/grant").status_code == 302
    client.post("/logout")
    withdrawn = client.post(f"/api/v1/floor/blocks/{rt_block.id}/requests/{ids['VNGOC']}/withdraw",
                            headers=token_for("vngoc"))  # fmt: skip
    assert withdrawn.status_code == 200

    brazil = standing(log_in("brazil"), "BRA")
    assert "Dropped by the Chair." in brazil and "Reason: Brazil spoke in the first round; others first." in brazil
    client.post("/logout")
    assert "Granted: the delegation is on the list of speakers." in standing(log_in("china"), "CHN")
    client.post("/logout")
    assert "Withdrawn by the delegation." in standing(log_in("vngoc"), "VNGOC")
    client.post("/logout")
    assert "In the queue as number 1." in standing(log_in("austria"), "AUT")  # the three before it are gone
    [drop] = [e for e in entries(db, ids["BRA"]) if e.action == "request_dropped"]
    assert drop.reason == "Brazil spoke in the first round; others first." and drop.actor.username == "chair"


def test_the_api_drops_with_a_reason_and_refuses_a_reason_too_long(db, client, rt_block, chair_api, log_in):
    ids = open_ids(db, rt_block)
    too_long = chair_api(f"/floor/blocks/{rt_block.id}/requests/{ids['CHN']}/drop", {"reason": "x" * 501})
    assert too_long.status_code == 422 and "reason" in too_long.json["errors"]
    assert db.session.get(FloorRequest, ids["CHN"]).status == RequestStatus.open
    assert [e.action for e in entries(db, ids["CHN"])] == ["request_made"]
    done = chair_api(f"/floor/blocks/{rt_block.id}/requests/{ids['CHN']}/drop", {"reason": "Time is up."})
    assert done.status_code == 200 and done.json["status"] == "dropped"
    assert [(e.action, e.reason) for e in entries(db, ids["CHN"])][-1] == ("request_dropped", "Time is up.")
    again = chair_api(f"/floor/blocks/{rt_block.id}/requests/{ids['CHN']}/drop", {"reason": "Twice"})
    assert again.status_code == 409 and "already dropped" in again.json["message"]
    china = standing(log_in("china"), "CHN")
    assert "Dropped by the Chair." in china and "Reason: Time is up." in china


def test_a_drop_without_a_reason_says_none_was_given_and_a_delegation_cannot_drop(
    db, client, rt_block, chair_api, token_for, log_in
):
    ids = open_ids(db, rt_block)
    refused = client.post(f"/api/v1/floor/blocks/{rt_block.id}/requests/{ids['CHN']}/drop", json={"reason": "Mine"},
                          headers=token_for("brazil"))  # fmt: skip
    assert refused.status_code == 403
    assert db.session.get(FloorRequest, ids["CHN"]).status == RequestStatus.open
    assert chair_api(f"/floor/blocks/{rt_block.id}/requests/{ids['BRA']}/drop").status_code == 200
    brazil = standing(log_in("brazil"), "BRA")
    assert "Dropped by the Chair." in brazil and "No reason was given." in brazil


def test_the_console_offers_the_reason_and_the_nameplate_page_shows_earlier_requests(db, client, rt_block, log_in):
    chair = log_in("chair")
    console = chair.get(f"/floor/blocks/{rt_block.id}").get_data(as_text=True)
    assert 'name="reason"' in console and "reason (the delegation sees it)" in console
    ids = open_ids(db, rt_block)
    chair.post(f"/floor/blocks/{rt_block.id}/requests/{ids['BRA']}/drop", data={"reason": "Off the topic."})
    too_long = chair.post(f"/floor/blocks/{rt_block.id}/requests/{ids['CHN']}/drop", data={"reason": "y" * 501})
    assert too_long.status_code == 400 and "Reason (the delegation sees it)" in too_long.get_data(as_text=True)
    assert db.session.get(FloorRequest, ids["CHN"]).status == RequestStatus.open
    client.post("/logout")
    nameplate = log_in("brazil").get(f"/floor/blocks/{rt_block.id}/nameplate").get_data(as_text=True)
    assert 'id="request-floor"' in nameplate  # it may ask again
    assert "Dropped by the Chair. Reason: Off the topic." in nameplate


def test_a_delegation_with_no_request_is_told_so_and_reading_changes_nothing(db, client, rt_block, log_in):
    before = db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.feature == "floor"))
    html = standing(log_in("austria"), "AUT")
    assert "Brazil" not in html and "has not asked for the floor yet" in html
    db.session.rollback()
    assert db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.feature == "floor")) == before


@pytest.mark.browser
def test_a_dropped_request_and_its_reason_on_the_home_page(page, live_server, rt_block, db):
    browser_login(page, live_server, "chair")
    page.goto(f"{live_server}/floor/blocks/{rt_block.id}")
    brazil = page.locator("li", has_text="Brazil")
    brazil.locator("input[name=reason]").fill("Please keep to the roundtable's theme.")
    brazil.get_by_role("button", name="Drop").click()
    page.wait_for_load_state()
    assert "The request is dropped." in page.inner_text("main")
    page.context.clear_cookies()
    browser_login(page, live_server, "brazil")
    page.goto(f"{live_server}/delegations/BRA")
    text = page.inner_text("#floor-requests")
    assert "Dropped by the Chair." in text and "Reason: Please keep to the roundtable's theme." in text
    screenshot(page, "home-floor-request-dropped")
