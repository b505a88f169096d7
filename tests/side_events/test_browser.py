import pytest

from tests.conftest import browser_login, screenshot

pytestmark = pytest.mark.browser


def test_a_delegation_applies_in_the_browser_and_the_timeline_shows_the_day(
    page, live_server, demo_side_events, app, clock
):
    clock(demo_side_events.rules.hl_window_opens)
    browser_login(page, live_server, "colombia")
    page.goto(live_server + "/side-events/new")
    page.fill("#title", "Coca leaf: science and policy")
    page.click("#save")
    assert "The draft is saved" in page.inner_text("main")
    page.click("text=Edit or submit the draft")
    page.click("#submit")
    assert "The application is incomplete" in page.inner_text("main")
    page.fill("#partners", "UNODC")
    page.select_option("#format", "virtual")
    page.fill("#contact_name", "Ana Pérez")
    page.fill("#contact_email", "ana.perez@cancilleria.example")
    page.fill("#description", "Findings of the expert review.")
    page.fill("#duration_minutes", "60")
    page.fill("#preferred_times", "2024-03-15 12:00")
    page.click("#submit")
    # Colombia already had one demo application on the waiting list: this is its second
    assert "on the waiting list" in page.inner_text("main")
    screenshot(page, "side-event-submitted")
    page.goto(live_server + "/side-events/timeline")
    assert page.locator(".tl-bar.event.high_level").count() == 11
    screenshot(page, "side-events-timeline")
