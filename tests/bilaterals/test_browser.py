"""In the browser: Austria books a slot with Kenya from the grid, Kenya confirms on its home page, Brazil is
refused that slot and books one of the free slots the page offers; the grid on a phone."""

import pytest

from tests.bilaterals.setting import bil
from tests.conftest import browser_login, screenshot

__all__ = ["bil"]  # the fixture, for pytest

pytestmark = pytest.mark.browser


def test_book_confirm_and_the_next_free_slots_offered(page, live_server, bil):
    browser_login(page, live_server, "austria")
    page.goto(live_server + "/bilaterals/")
    page.click(f'td[data-room="{bil.a}"][data-slot="2024-03-14T10:00"] a')
    assert page.input_value("#starts_at") == "2024-03-14T10:00" and page.input_value("#room_id") == str(bil.a)
    page.select_option("#counterpart", "KEN")
    page.fill("#note", "Ministers of the Interior")
    page.click("#submit")
    assert "The slot is booked and held for you; Kenya is asked to confirm." in page.inner_text("main")
    assert page.inner_text("#booking-state") == "held, awaiting the counterpart"
    screenshot(page, "bilaterals-booked")

    page.context.clear_cookies()
    browser_login(page, live_server, "kenya")
    page.goto(live_server + "/delegations/KEN")
    section = page.locator("#bilateral-meetings")
    assert "Awaiting your answer" in section.inner_text() and "Ministers of the Interior" in section.inner_text()
    screenshot(page, "bilaterals-kenya-home")
    section.get_by_role("button", name="Confirm the meeting with Austria").click()
    assert "The meeting is confirmed." in page.inner_text("main")
    assert "Awaiting your answer" not in page.locator("#bilateral-meetings").inner_text()

    page.context.clear_cookies()
    browser_login(page, live_server, "brazil")
    page.goto(live_server + "/bilaterals/")
    cell = page.locator(f'td[data-room="{bil.a}"][data-slot="2024-03-14T10:00"]')
    assert "confirmed" in cell.inner_text() and cell.locator("a").count() == 0  # nothing to book there
    page.goto(live_server + f"/bilaterals/book?room_id={bil.a}&starts_at=2024-03-14T10:00")  # as a stale page would
    page.select_option("#counterpart", "ARG")
    page.click("#submit")
    main = page.inner_text("main")
    assert "Bilateral Room A is already booked on Thursday 14 March at 10:00." in main
    offers = page.locator("#next-free button.offer")
    assert offers.count() == 6
    assert offers.nth(0).inner_text() == "Bilateral Room A, Thursday 14 March, 10:30–11:00"
    assert offers.nth(3).inner_text() == "Bilateral Room B, Thursday 14 March, 10:00–10:30"
    screenshot(page, "bilaterals-refused-with-offers")
    offers.nth(3).click()
    assert "The slot is booked and held for you; Argentina is asked to confirm." in page.inner_text("main")

    page.goto(live_server + "/bilaterals/")
    assert "held" in page.locator(f'td[data-room="{bil.b}"][data-slot="2024-03-14T10:00"]').inner_text()
    screenshot(page, "bilaterals-grid")
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server + "/bilaterals/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the grid makes the phone page scroll sideways ({width}px)"
    screenshot(page, "bilaterals-grid-phone")


def test_the_grid_in_arabic_on_a_phone(page, live_server, bil, client, token_for):
    client.post("/api/v1/bilaterals/bookings", json={"room_id": bil.a, "starts_at": "2024-03-14T09:30",
                                                     "counterpart": "CHN"}, headers=token_for("uae"))  # fmt: skip
    browser_login(page, live_server, "uae")
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server + "/bilaterals/?lang=ar")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.inner_text("h1") == "قاعات الاجتماعات الثنائية"
    cell = page.locator(f'td[data-room="{bil.a}"][data-slot="2024-03-14T09:30"]')
    assert "محجوز مؤقتًا" in cell.inner_text() and "الصين" in cell.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "bilaterals-grid-phone-ar")
