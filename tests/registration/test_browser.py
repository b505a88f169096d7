"""In Chromium: a delegation registers two participants and uploads its note verbale, submits; the secretariat
returns the registration with a reason the delegation reads on its pages; the delegation submits again and the
secretariat approves it."""

import pytest
from playwright.sync_api import expect

from tests.conftest import browser_login, screenshot
from tests.registration.helpers import PDF

pytestmark = pytest.mark.browser

REASON = "The note verbale must be signed by the Permanent Representative; please upload the signed copy."


def add_participant(page, name: str, title: str, function: str, segment: str, attendance: str,
                    head: bool = False) -> None:  # fmt: skip
    page.fill("#name", name)
    page.fill("#title", title)
    page.fill("#function", function)
    if head:
        page.check("#head_of_delegation")
    page.select_option("#segment", segment)
    page.select_option("#attendance", attendance)
    page.click("#submit")
    expect(page.locator(".flash.info")).to_have_text(f"{name} is registered.")
    expect(page.locator("#participant-list")).to_contain_text(name)


def test_register_return_with_a_reason_and_approve(page, browser, live_server, cs, tmp_path):
    note = tmp_path / "note-verbale.pdf"
    note.write_bytes(PDF)

    # Austria registers its minister (head of delegation, high-level) and an adviser (regular segment, online).
    browser_login(page, live_server, "austria")
    page.goto(f"{live_server}/registration/")
    expect(page.locator("h1")).to_have_text("Registration: Austria")
    add_participant(page, "Alexander Schallenberg", "H.E. Mr.", "Federal Minister for European and International "
                    "Affairs", "high_level", "in_person", head=True)  # fmt: skip
    add_participant(page, "Eva Huber", "Dr.", "Adviser", "regular", "online")
    # A second head of delegation is refused with the reason, next to the field.
    page.fill("#name", "Anna Gruber")
    page.check("#head_of_delegation")
    page.click("#submit")
    expect(page.locator(".flash.error")).to_contain_text("Alexander Schallenberg is already the head of delegation")
    expect(page.locator("#participant-list tbody tr")).to_have_count(2)
    page.set_input_files("#note_verbale", str(note))
    page.click("#note-verbale-form button")
    expect(page.locator(".flash.info")).to_have_text("The note verbale is uploaded.")
    expect(page.locator("#note-verbale-uploaded")).to_be_visible()
    screenshot(page, "registration-delegation-draft")
    page.click("#submit-registration")
    expect(page.locator(".flash.info")).to_have_text(
        "The registration is submitted; the secretariat will approve it or return it.")  # fmt: skip

    # The secretariat returns it, with the reason.
    secretariat = browser.new_context().new_page()
    browser_login(secretariat, live_server, "secretariat")
    secretariat.goto(f"{live_server}/registration/")
    expect(secretariat.locator("#status-submitted")).to_contain_text("Austria")
    secretariat.click("#registration-AUT a")
    secretariat.fill("#reason", REASON)
    secretariat.click("#return-form button")
    expect(secretariat.locator(".flash.info")).to_have_text("The registration is returned to Austria with the reason.")
    screenshot(secretariat, "registration-secretariat-returned")

    # Austria reads the reason on its registration and on its home page, and submits again.
    page.goto(f"{live_server}/registration/delegations/AUT")
    expect(page.locator("#return-reason")).to_have_text(REASON)
    screenshot(page, "registration-delegation-returned")
    page.goto(f"{live_server}/delegations/AUT")
    expect(page.locator("#registration-returned")).to_contain_text(REASON)
    page.goto(f"{live_server}/registration/delegations/AUT")
    page.set_input_files("#note_verbale", str(note))
    page.click("#note-verbale-form button")
    page.click("#submit-registration")
    expect(page.locator("#registration-status")).to_contain_text("Submitted on")

    # The secretariat approves it: every participant is approved with it.
    secretariat.goto(f"{live_server}/registration/delegations/AUT")
    secretariat.click("#approve-registration")
    expect(secretariat.locator(".flash.info")).to_have_text("The registration of Austria is approved.")
    expect(secretariat.locator("#participant-list")).not_to_contain_text("Pending")
    expect(secretariat.locator("#high-level-standing")).to_have_text(
        "Registered and approved for the high-level segment.")  # fmt: skip
    screenshot(secretariat, "registration-secretariat-approved")
    secretariat.goto(f"{live_server}/registration/lists")
    expect(secretariat.locator("#total-high_level")).to_have_text("1 participant · 1 delegation")
    screenshot(secretariat, "registration-lists-page")
    secretariat.context.close()


def test_the_registration_pages_fit_a_phone_in_arabic(browser, app, live_server, cs, db):
    from tests.registration.helpers import person, registered

    registered(cs, "ARE", [person(name="سيف بن زايد آل نهيان", title="الشيخ", function="وزير الداخلية")])
    registered(cs, "AUT", [person()], approve=True)
    db.session.commit()
    app.config["WTF_CSRF_ENABLED"] = True
    context = browser.new_context(viewport={"width": 375, "height": 812})
    phone = context.new_page()
    try:
        browser_login(phone, live_server, "uae")
        phone.goto(f"{live_server}/registration/delegations/ARE?lang=ar")
        expect(phone.locator("html")).to_have_attribute("dir", "rtl")
        expect(phone.locator("#participant-list")).to_contain_text("سيف بن زايد آل نهيان")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375
        screenshot(phone, "registration-phone-ar")
        browser_login(phone, live_server, "secretariat")
        for path in ("/registration/", "/registration/lists", "/registration/high-level/missing"):
            phone.goto(f"{live_server}{path}?lang=ar")
            assert phone.evaluate("document.documentElement.scrollWidth") <= 375, path
        screenshot(phone, "registration-missing-phone-ar")
    finally:
        context.close()
        app.config["WTF_CSRF_ENABLED"] = False
