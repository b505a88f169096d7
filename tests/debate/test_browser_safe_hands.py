"""In a real browser (CSRF on): a delegation withdraws after the confirmation page, the secretariat
reinstates it; a delegation's home page shows its slot and a swap proposed to it."""

import pytest

from tests.conftest import browser_login, screenshot
from tests.working_list import as_secretariat

pytestmark = pytest.mark.browser

CODES = ("AUT", "BRA", "KEN", "RUS", "CHN", "ARE")


@pytest.fixture
def drawn(gd, db, inscribe, close_and_draw):
    made = {code: inscribe(code, name=f"Minister of {code}") for code in CODES}
    close_and_draw()
    return made


def test_a_delegation_withdraws_after_confirming_and_the_secretariat_reinstates(page, live_server, drawn):
    aut = drawn["AUT"]
    browser_login(page, live_server, "austria")
    page.goto(f"{live_server}/debate/inscriptions/{aut.id}")
    slot_line = page.inner_text("#my-slot")
    assert slot_line.startswith("Slot ")
    page.click("#withdraw")
    page.wait_for_url(f"**/debate/inscriptions/{aut.id}/withdraw")
    lost = page.inner_text("#what-is-lost")
    assert "slot" in lost and "your place cannot be taken back by you" in lost
    page.click("#submit")  # no reason given: refused, nothing changes
    assert "Why the inscription is withdrawn" in page.inner_text("main")
    screenshot(page, "debate-withdraw-confirmation")
    page.fill("#reason", "The minister cannot travel")
    page.click("#submit")
    page.wait_for_url(f"**/debate/inscriptions/{aut.id}")
    assert "Withdrawn on" in page.inner_text("#withdrawn")
    assert "Reinstate the inscription" not in page.content()
    screenshot(page, "debate-withdrawn")
    page.context.clear_cookies()
    browser_login(page, live_server, "secretariat")
    page.goto(f"{live_server}/debate/inscriptions/{aut.id}")
    page.fill("#reason", "The mission confirmed by note verbale that the minister comes")
    page.click("#submit")
    page.wait_for_url(f"**/debate/inscriptions/{aut.id}")
    assert "is reinstated" in page.inner_text("main")
    assert page.inner_text("#my-slot").split(";")[0] == slot_line.split(";")[0]
    screenshot(page, "debate-reinstated")
    page.goto(f"{live_server}/debate/log")
    log = page.inner_text("#debate-log")
    assert "reinstated" in log and "The minister cannot travel" in log


def test_a_delegations_home_page_shows_its_slot_and_a_swap_proposed_to_it(page, live_server, drawn, client, token_for):
    aut = drawn["AUT"]
    proposed = client.post(f"/api/v1/debate/inscriptions/{aut.id}/swaps", json={"other": "BRA", "reason": "Agreed by phone"},
                           headers=token_for("austria"))  # fmt: skip
    assert proposed.status_code == 201
    slots = {
        s["delegation"]: s["slot"]
        for s in client.get("/api/v1/debate/list", headers=as_secretariat()).get_json()["speakers"]
    }
    browser_login(page, live_server, "brazil")
    page.goto(f"{live_server}/delegations/BRA")
    section = page.inner_text("#debate-standing")
    assert f"Slot {slots['BRA']}" in section and "speaking time 5:00" in section
    assert f"Austria (slot {slots['AUT']}) proposes to swap places with Brazil (slot {slots['BRA']})" in section
    screenshot(page, "debate-home-pending-swap")
    page.click(f"#swap-{proposed.get_json()['id']} button[name=accept]")
    page.wait_for_url("**/delegations/BRA")
    assert "swapped places" in page.inner_text("main")
    assert f"Slot {slots['AUT']}" in page.inner_text("#debate-standing")
    screenshot(page, "debate-home-after-swap")


def test_a_raise_of_level_waits_for_the_secretariat_which_confirms_it(page, live_server, drawn, client):
    last = client.get("/api/v1/debate/list", headers=as_secretariat()).get_json()["speakers"][-1]
    user = {"AUT": "austria", "BRA": "brazil", "KEN": "kenya", "RUS": "russia", "CHN": "china", "ARE": "uae"}
    browser_login(page, live_server, user[last["delegation"]])
    page.goto(f"{live_server}/debate/inscriptions/{last['id']}")
    page.fill("#speaker_name", "Head of State")
    page.select_option("#level", "higher_than_ministerial")
    page.fill("#reason", "The President attends the high-level segment")
    page.click("form[action$='/speaker'] #submit")
    page.wait_for_url(f"**/debate/inscriptions/{last['id']}")
    assert "waits for the secretariat" in page.inner_text("#level-request")
    assert page.inner_text("#my-slot").startswith(f"Slot {last['slot']},")
    screenshot(page, "debate-level-request-pending")
    page.context.clear_cookies()
    browser_login(page, live_server, "secretariat")
    page.goto(f"{live_server}/debate/level-requests")
    assert "Head of State" in page.inner_text("#level-requests")
    screenshot(page, "debate-level-requests")
    page.click("#level-requests form[action$='/confirm'] button")
    page.wait_for_url("**/debate/level-requests")
    assert "moves to that tier" in page.inner_text("main")
    page.goto(f"{live_server}/debate/")
    assert "Head of State" in page.inner_text("#slot-1")
    page.goto(f"{live_server}/debate/draw")
    assert "17 04 33 08 21" in page.inner_text("main")
    screenshot(page, "debate-draw-record")
