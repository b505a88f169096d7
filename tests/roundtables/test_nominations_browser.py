"""In Chromium: a delegation nominates, the secretariat confirms, a second nominee of the same group is
refused with the reason on the page, and the confirmed co-chair gives the floor to a raised nameplate."""

import pytest
from playwright.sync_api import expect

from tests.conftest import browser_login, screenshot
from tests.roundtables import nominating
from tests.roundtables.nominating import table

rt = nominating.rt  # the fixture: CND 67 with its two roundtables, nominations open

pytestmark = pytest.mark.browser


def nominate(page, live_server: str, roundtable_id: int, name: str, title: str, account: str) -> None:
    page.goto(f"{live_server}/roundtables/{roundtable_id}")
    page.fill("#nominee_name", name)
    page.fill("#nominee_title", title)
    page.select_option("#account", account)
    page.click("#submit")
    expect(page.locator(".flash.info")).to_have_text(
        "The nomination is received; the secretariat will confirm or decline it."
    )
    expect(page.locator("table.nominations")).to_contain_text(name)


def test_nominate_confirm_refuse_the_same_group_and_give_the_floor(page, browser, live_server, rt, db):
    first = table(db, 1)
    block_id = first.block_id

    # Austria nominates its Ambassador, who will run the console as the user "austria".
    browser_login(page, live_server, "austria")
    nominate(page, live_server, first.id, "Ms. Anna Gruber", "Ambassador, Permanent Representative", "austria")
    expect(page.locator("table.nominations")).to_contain_text("Pending")
    screenshot(page, "roundtables-nominated")

    # Germany, of the same regional group, nominates too.
    germany = browser.new_context().new_page()
    browser_login(germany, live_server, "germany")
    nominate(germany, live_server, first.id, "Mr. Hans Weber", "Ambassador", "germany")
    germany.context.close()

    # The secretariat confirms Austria's nominee, then tries Germany's: refused, with the reason on the page.
    secretariat = browser.new_context().new_page()
    browser_login(secretariat, live_server, "secretariat")
    secretariat.goto(f"{live_server}/roundtables/nominations")
    expect(secretariat.locator("#status-pending h2")).to_have_text("Pending (2)")
    secretariat.click("#status-pending tr:has-text('Ms. Anna Gruber') button:has-text('Confirm')")
    expect(secretariat.locator(".flash.info")).to_have_text(
        "Ms. Anna Gruber (Austria, Western European and other States) is confirmed as co-chair."
    )
    secretariat.click("#status-pending tr:has-text('Mr. Hans Weber') button:has-text('Confirm')")
    refusal = secretariat.locator(".flash.error")
    expect(refusal).to_have_text(
        "Ms. Anna Gruber (Austria, Western European and other States) is already a co-chair of Roundtable 1: two "
        "co-chairs of one roundtable cannot come from the same regional group."
    )
    expect(refusal).to_have_attribute("role", "alert")
    expect(secretariat.locator("#status-pending")).to_contain_text("Mr. Hans Weber")
    expect(secretariat.locator("#status-confirmed")).to_contain_text("Ms. Anna Gruber")
    screenshot(secretariat, "roundtables-confirmation-refused")
    secretariat.goto(f"{live_server}/roundtables/")
    expect(secretariat.locator(f"#roundtable-{first.id}")).to_contain_text(
        "Ms. Anna Gruber (Austria, Western European and other States)"
    )
    screenshot(secretariat, "roundtables-list")
    secretariat.context.close()

    # Brazil raises its nameplate.
    brazil = browser.new_context().new_page()
    browser_login(brazil, live_server, "brazil")
    brazil.goto(f"{live_server}/floor/blocks/{block_id}/nameplate")
    brazil.click("#request-floor")
    expect(brazil.locator("#request-status")).to_contain_text("number 1 in the queue")

    # The co-chair finds the console from the roundtable's page and gives Brazil the floor.
    page.goto(f"{live_server}/roundtables/{first.id}")
    expect(page.locator("#cochairs")).to_contain_text("Ms. Anna Gruber")
    page.click("#console-link")
    expect(page.locator("h1")).to_have_text("Roundtable 1: Taking stock")
    expect(page.locator("#floor-queue li")).to_contain_text("Brazil")
    page.click("#floor-queue li:has-text('Brazil') button:has-text('Give the floor')")
    waiting = page.locator("#waiting tr:has-text('Brazil')")
    expect(waiting).to_contain_text("From the floor")
    expect(waiting.locator("input[name=limit_s]")).to_have_value("3:00")
    page.click("button[data-action=start] >> nth=0")
    expect(page.locator("#current-delegation")).to_have_text("Brazil")
    expect(page.locator("#current-speaker")).to_contain_text("limit 3:00")
    screenshot(page, "roundtables-cochair-console")

    # The other roundtable's console stays closed to this co-chair.
    response = page.goto(f"{live_server}/floor/blocks/{table(db, 2).block_id}")
    assert response.status == 403
    brazil.context.close()


def test_the_pages_in_arabic_and_chinese(page, live_server, rt, db):
    """Right to left in Arabic, names in any script; the secretariat's decisions in Chinese."""
    from tests.roundtables.nominating import confirmed, nominee

    nominee(db, 1, "china", "王明先生")
    confirmed(db, nominee(db, 1, "uae", "السيدة فاطمة الحمادي"))
    browser_login(page, live_server, "austria")
    page.goto(f"{live_server}/roundtables/{table(db, 1).id}?lang=ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_contain_text("المائدة المستديرة 1")
    expect(page.locator("#cochairs")).to_contain_text("السيدة فاطمة الحمادي")
    expect(page.locator("#nomination-form")).to_contain_text("المرشح")
    screenshot(page, "roundtables-show-ar")

    browser_login(page, live_server, "secretariat")
    page.goto(f"{live_server}/roundtables/nominations")
    page.select_option("#language-choice", "zh")
    page.click(".language-switch button")
    expect(page.locator("h1")).to_have_text("共同主席提名")
    page.click("#status-pending tr:has-text('王明先生') button[type=submit] >> nth=0")
    expect(page.locator(".flash.error")).to_contain_text("已是第1场圆桌会议的共同主席")
    screenshot(page, "roundtables-nominations-zh")
