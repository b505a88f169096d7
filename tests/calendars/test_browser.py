"""In Chromium: the home page's calendar section; subscribe, copy, renew; the old address is gone."""

import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.calendars.helpers import read
from tests.conftest import browser_login, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def applied(db, cs):
    factories.side_event(cs, "austria", title="Prevention that works")
    db.session.commit()
    return cs


def status_of(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_a_delegation_subscribes_copies_and_renews_its_address_from_its_home_page(page, live_server, applied):
    browser_login(page, live_server, "austria")
    page.goto(f"{live_server}/delegations/AUT")
    section = page.locator("#calendar-subscriptions")
    expect(section.locator("h2")).to_have_text("Calendar subscriptions")
    old = page.input_value("#calendar-delegation-url")
    host = live_server.removeprefix("http://")
    assert old.startswith(f"{live_server}/calendars/") and old.endswith(".ics")
    assert page.get_attribute("#calendar-delegation-webcal", "href") == f"webcal://{host}" + old.removeprefix(
        live_server)  # fmt: skip
    status, data = status_of(old)  # a calendar application: no login, no cookie
    assert status == 200
    assert [e.status for e in read(data).values()] == ["TENTATIVE"]  # its application, not decided yet

    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    copy = page.locator("#calendar-delegation button[data-copy]")
    copy.click()
    expect(copy).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == old
    screenshot(page, "calendars-home")

    page.locator("#calendar-delegation button", has_text="Renew the address").click()
    page.wait_for_load_state()
    expect(page.locator(".flash.info")).to_contain_text("Austria has a new calendar address")
    new = page.input_value("#calendar-delegation-url")
    assert new != old and status_of(old)[0] == 410 and status_of(new)[0] == 200
    screenshot(page, "calendars-renewed")

    page.locator("#calendar-own button", has_text="Revoke the address").click()
    page.wait_for_load_state()
    expect(page.locator("#calendar-own-revoked")).to_be_visible()
    expect(page.locator("#calendar-own-url")).to_have_count(0)

    page.goto(f"{live_server}/delegations/AUT?lang=ar")
    expect(page.locator("#calendar-subscriptions h2")).not_to_have_text("Calendar subscriptions")
    arabic = page.input_value("#calendar-delegation-url")
    assert arabic == new + "?lang=ar"  # the calendar in the language of the page it was copied from
    status, data = status_of(arabic)
    assert status == 200 and "طلب" in data.decode()  # "application", in Arabic
    screenshot(page, "calendars-home-ar")


def test_the_secretariat_finds_its_own_address_on_the_first_page(page, live_server, cs):
    browser_login(page, live_server, "secretariat")
    page.goto(f"{live_server}/")
    expect(page.locator("#calendar-subscriptions h2")).to_have_text("Your calendar subscription")
    own = page.input_value("#calendar-own-url")
    assert status_of(own)[0] == 200
    screenshot(page, "calendars-index-secretariat")
