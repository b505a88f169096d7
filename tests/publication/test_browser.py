"""In Chromium: the secretariat previews and publishes; the public reads the version, in Arabic and Chinese too;
the delegation named by a new version sees it on its home page."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from meetings.debate.levels import change_speaker
from meetings.debate.services import national_of
from meetings.timeutil import utcnow
from tests import factories
from tests.conftest import browser_login, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def listed(db, cs):
    cs.rules.gd_inscription_closes = utcnow() + timedelta(days=1)
    for code in ("AUT", "KEN", "PER", "CHN", "ARE"):
        factories.inscription(cs, code, title="Minister")
    factories.draw(cs)
    db.session.commit()
    return cs


def test_the_secretariat_previews_publishes_and_the_public_reads_it(page, live_server, listed, db):
    page.goto(f"{live_server}/session/speakers-list")
    expect(page.locator("#nothing-published")).to_contain_text("Nothing has been published yet")
    browser_login(page, live_server, "secretariat")
    page.goto(f"{live_server}/session/speakers-list/publish")
    expect(page.locator("#preview li")).to_have_text(["First published version: 5 speakers."])
    page.click("#submit")
    page.wait_for_load_state()
    expect(page.locator(".flash.info")).to_contain_text("Version 1 of the speakers list is published.")
    change_speaker(listed, factories.user("secretariat"), national_of(listed, "AUT"), speaker_name="Ms. Beate Meinl-Reisinger",
                   speaker_title="H.E. Federal Minister", level="ministerial")  # fmt: skip
    db.session.commit()
    page.goto(f"{live_server}/session/speakers-list/publish")
    expect(page.locator("#preview li")).to_contain_text(["New speaker for Austria: H.E. Federal Minister"])
    screenshot(page, "publication-preview")
    page.click("#submit")
    page.wait_for_load_state()
    expect(page.locator("#version-stamp")).to_contain_text("Version 2")
    page.goto(f"{live_server}/delegations/AUT")
    expect(page.locator("#publication-notices")).to_contain_text("Version 2 of the speakers list changed your slot")
    screenshot(page, "publication-delegation-notice")
    page.click("text=Log out") if page.locator("text=Log out").count() else None
    for lang in ("ar", "zh"):
        page.goto(f"{live_server}/session/speakers-list?lang={lang}")
        expect(page.locator("#version-stamp")).to_be_visible()
        assert page.get_attribute("link[type='application/atom+xml']", "href").endswith("/session/speakers-list.atom")
        screenshot(page, f"publication-speakers-list-{lang}")
