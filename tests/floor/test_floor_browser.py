"""The console, the projector and a delegation's nameplate in Chromium."""

import time

import pytest
from playwright.sync_api import expect

from meetings.floor import services
from tests.conftest import browser_login, screenshot
from tests.floor.conftest import chair

pytestmark = pytest.mark.browser


def test_chair_starts_a_speech_and_the_projector_follows(page, browser, live_server, gd_block):
    screen = browser.new_context().new_page()
    screen.goto(f"{live_server}/floor/rooms/{gd_block.room_id}/screen")
    projector = screen.locator("#projector")
    expect(projector).to_have_attribute("data-status", "idle")

    browser_login(page, live_server, "chair")
    page.goto(f"{live_server}/floor/blocks/{gd_block.id}")
    page.click("button[data-action=start] >> nth=0")
    clicked = time.monotonic()
    expect(screen.locator("[data-delegation]")).to_have_text("Kenya", timeout=1500)
    assert time.monotonic() - clicked < 1.5
    expect(screen.locator("[data-next]").first).to_contain_text("Austria")
    first = screen.inner_text("[data-clock]")
    assert first.startswith("7:0") or first.startswith("6:5")  # 7 minutes for a group statement
    screen.wait_for_timeout(1200)
    assert screen.inner_text("[data-clock]") != first  # it counts down
    screenshot(page, "floor-console")
    screenshot(screen, "floor-projector")

    # A reload shows the time from the server, not from zero.
    screen.reload()
    expect(screen.locator("[data-delegation]")).to_have_text("Kenya")
    assert screen.inner_text("[data-clock]") not in ("7:00", "–:––")

    page.click("button[data-action=next]")
    expect(screen.locator("[data-delegation]")).to_have_text("Austria", timeout=1500)
    expect(page.locator("#current-delegation")).to_have_text("Austria")
    expect(page.locator("#record")).to_contain_text("Kenya")
    screen.context.close()


def test_warning_and_overrun_show_on_both_screens(db, page, browser, live_server, gd_block):
    floor = services.floor_of(gd_block)
    services.set_limit(gd_block, chair(db), floor.turns[0].id, 3)
    db.session.commit()
    screen = browser.new_context().new_page()
    screen.goto(f"{live_server}/floor/rooms/{gd_block.room_id}/screen")
    browser_login(page, live_server, "chair")
    page.goto(f"{live_server}/floor/blocks/{gd_block.id}")
    page.click("button[data-action=start] >> nth=0")
    projector, console = screen.locator("#projector"), page.locator("#console")
    expect(projector).to_have_attribute("data-phase", "warning", timeout=1500)
    expect(console).to_have_attribute("data-phase", "warning")
    screenshot(screen, "floor-projector-warning")
    expect(projector).to_have_attribute("data-phase", "overrun", timeout=5000)
    expect(screen.locator("[data-clock-label]")).to_have_text("Over time")
    expect(screen.locator("[data-clock]")).to_contain_text("+0:0")  # counts up from +0:01
    expect(console).to_have_attribute("data-phase", "overrun")
    screenshot(screen, "floor-projector-overrun")
    screenshot(page, "floor-console-overrun")
    page.click("button[data-action=end]")
    expect(page.locator("#record tr.overrun")).to_contain_text("Kenya")
    screen.context.close()


def test_a_delegation_request_appears_in_the_chairs_queue(page, browser, live_server, rt_block):
    browser_login(page, live_server, "chair")
    page.goto(f"{live_server}/floor/blocks/{rt_block.id}")
    expect(page.locator("#floor-queue")).not_to_contain_text("Austria")

    delegate = browser.new_context().new_page()
    browser_login(delegate, live_server, "austria")
    delegate.goto(f"{live_server}/floor/blocks/{rt_block.id}/nameplate")
    delegate.click("#request-floor")
    expect(delegate.locator("#request-status")).to_contain_text("number 4 in the queue")
    screenshot(delegate, "floor-nameplate")

    expect(page.locator("#floor-queue li").last).to_contain_text("Austria", timeout=3000)
    screenshot(page, "floor-console-queue")
    delegate.click("#request-floor" if delegate.locator("#request-floor").count() else "#withdraw")
    expect(page.locator("#floor-queue")).not_to_contain_text("Austria", timeout=3000)
    delegate.context.close()
