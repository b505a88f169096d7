"""A delegation inscribes its speaker in a real browser (CSRF on); the list shows it."""

import pytest

from tests.conftest import browser_login, screenshot

pytestmark = pytest.mark.browser


def test_delegation_inscribes_in_the_browser_and_a_second_time_is_told_why_not(page, live_server, gd):
    browser_login(page, live_server, "china")
    page.goto(live_server + "/debate/inscribe")
    page.fill("#speaker_name", "王小洪")
    page.fill("#speaker_title", "国务委员")
    page.select_option("#level", "ministerial")
    page.click("#submit")
    page.wait_for_url("**/debate/")
    assert "王小洪" in page.inner_text("main")
    screenshot(page, "debate-list")
    page.goto(live_server + "/debate/inscribe")
    page.fill("#speaker_name", "Another")
    page.click("#submit")
    assert "already inscribed" in page.inner_text("main")


def test_working_list_of_the_demo_in_the_browser(page, live_server, demo):
    browser_login(page, live_server, "secretariat")
    page.goto(live_server + "/debate/")
    assert page.locator("table.speakers tbody tr").count() >= 100
    assert "Российская Федерация" in page.content()
    screenshot(page, "debate-demo-list")
