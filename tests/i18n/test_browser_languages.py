"""The six languages in a real browser: the switch, Arabic mirrored, Chinese drawn, a choice that
follows the user to another device. Screenshots in test-artifacts/ (i18n-*.png)."""

import pytest
from sqlalchemy import select

from meetings.floor.models import Floor
from meetings.programme.models import MeetingBlock, Room
from tests.conftest import browser_login, screenshot

pytestmark = pytest.mark.usefixtures("demo")


def fits_the_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_delegate_switches_to_arabic_and_the_page_mirrors(page, live_server):
    browser_login(page, live_server, "uae")
    page.select_option("#language-choice", "ar")
    page.click(".language-switch button")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "ar" and page.get_attribute("html", "dir") == "rtl"
    brand, menu = page.locator(".brand").bounding_box(), page.locator("header nav").bounding_box()
    assert brand["x"] > menu["x"], "in Arabic the name of the application stands at the right"
    page.goto(live_server + "/debate/")
    assert page.get_attribute("html", "dir") == "rtl"
    heading = page.locator("main h1").first
    box = heading.bounding_box()
    assert box["x"] + box["width"] > page.viewport_size["width"] / 2, "headings start at the right"
    assert fits_the_width(page)
    screenshot(page, "i18n-ar-speakers-list")
    page.goto(live_server + "/side-events/")
    assert fits_the_width(page)
    screenshot(page, "i18n-ar-side-events")


def test_the_choice_is_kept_on_the_account_and_follows_to_another_device(browser, page, live_server):
    browser_login(page, live_server, "china")
    page.select_option("#language-choice", "zh")
    page.click(".language-switch button")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "zh"
    other = browser.new_context(locale="en-GB").new_page()
    try:
        browser_login(other, live_server, "china")
        assert other.get_attribute("html", "lang") == "zh"
        other.goto(live_server + "/debate/")
        assert fits_the_width(other)
        screenshot(other, "i18n-zh-speakers-list")
    finally:
        other.context.close()


def test_a_visitor_gets_the_browsers_language_and_can_change_it(browser, live_server):
    context = browser.new_context(locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(live_server + "/session/speakers-list")
        assert page.get_attribute("html", "lang") == "fr"
        page.select_option("#language-choice", "ru")
        page.click(".language-switch button")
        page.wait_for_load_state()
        assert page.get_attribute("html", "lang") == "ru" and "/session/speakers-list" in page.url
        page.goto(live_server + "/side-events/")
        assert page.get_attribute("html", "lang") == "ru"
    finally:
        context.close()


def test_the_chairs_console_and_the_projector_in_arabic_and_chinese(page, live_server, db):
    block = db.session.scalars(select(MeetingBlock).join(Floor).order_by(MeetingBlock.starts_at)).first()
    room = db.session.get(Room, block.room_id)
    browser_login(page, live_server, "chair")
    for language in ("ar", "zh"):
        assert page.goto(f"{live_server}/floor/blocks/{block.id}?lang={language}").status == 200
        assert page.get_attribute("html", "lang") == language
        assert fits_the_width(page)
        screenshot(page, f"i18n-{language}-console")
        assert page.goto(f"{live_server}/floor/rooms/{room.id}/screen?lang={language}").status == 200
        assert page.get_attribute("html", "lang") == language
        screenshot(page, f"i18n-{language}-projector")
