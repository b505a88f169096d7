"""A point of order and a right of reply on the console and the projector, and a delegation asking
for its rights of reply, in Chromium. Screenshots in test-artifacts/floor-point-of-order-*.png and
floor-right-of-reply-*.png."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import browser_login, screenshot

pytestmark = pytest.mark.browser


def press(page, key: str) -> None:
    """Press a key once the console's script listens (it reloads after every action)."""
    expect(page.locator("#console")).to_have_attribute("data-keys", "on")
    page.keyboard.press(key)


def seconds(clock: str) -> int:
    m, s = clock.strip().lstrip("+").split(":")
    return int(m) * 60 + int(s)


def test_a_point_of_order_interrupts_a_speech_which_resumes_with_its_time(page, browser, live_server, gd_block):
    screen = browser.new_context().new_page()
    screen.goto(f"{live_server}/floor/rooms/{gd_block.room_id}/screen")
    browser_login(page, live_server, "chair")
    page.goto(f"{live_server}/floor/blocks/{gd_block.id}")
    page.locator("#shortcuts summary").click()
    expect(page.locator("#shortcuts")).to_contain_text("point of order: type the delegation, then Enter")

    press(page, "s")  # Kenya has the floor (7:00 for a group statement)
    expect(page.locator("#current-delegation")).to_have_text("Kenya")
    page.wait_for_timeout(2200)
    press(page, "o")  # the cursor goes to the point-of-order box
    expect(page.locator("#order-delegation")).to_be_focused()
    page.keyboard.type("Austria")
    page.keyboard.press("Enter")
    expect(page.locator("#current-delegation")).to_have_text("Austria")
    expect(page.locator("#current-speaker")).to_contain_text("Point of order")
    held = page.locator("#held-speech")
    expect(held).to_contain_text(re.compile(r"Kenya: the speech is interrupted at 0:0[2-9] and resumes"))
    kept = int(re.search(r"at 0:0(\d)", held.inner_text()).group(1))  # 2 s, or a little more on a busy machine
    expect(page.locator("button[data-action=end]")).to_have_text("End the point of order")
    expect(page.locator("button[data-action=next]")).to_have_count(0)
    expect(screen.locator(".role[data-role]")).to_contain_text("Point of order", timeout=2000)
    expect(screen.locator("[data-delegation]")).to_have_text("Austria")
    expect(screen.locator("[data-held]")).to_contain_text(f"Kenya resumes after the point of order (0:0{kept} spoken)")
    screen.wait_for_timeout(1500)  # the point of order's own clock runs: 2:00 by default
    assert 90 < seconds(screen.inner_text("[data-clock]")) < 120
    screenshot(page, "floor-point-of-order-console")
    screenshot(screen, "floor-point-of-order-projector")

    press(page, "e")  # the point of order ends: Kenya again, with the time she had
    expect(page.locator("#current-delegation")).to_have_text("Kenya")
    expect(screen.locator("[data-delegation]")).to_have_text("Kenya", timeout=2000)
    expect(screen.locator("[data-held]")).to_be_hidden()
    left = seconds(screen.inner_text("[data-clock]"))
    assert 7 * 60 - kept - 3 <= left <= 7 * 60 - kept, left  # the point of order took none of her time
    expect(page.locator("#record")).to_contain_text("Point of order")

    press(page, "r")  # a right of reply, for the end of the meeting
    expect(page.locator("#reply-delegation")).to_be_focused()
    page.keyboard.type("Russian Federation")
    page.keyboard.press("Enter")
    last = page.locator("#waiting tbody tr").last
    expect(last).to_contain_text("Russian Federation")
    expect(last).to_contain_text("Right of reply")
    expect(last.locator("input[name=limit_s]")).to_have_value("5:00")
    screenshot(page, "floor-right-of-reply-console")
    screen.context.close()


def test_a_delegation_asks_for_its_rights_of_reply(page, live_server, gd_block):
    browser_login(page, live_server, "russia")
    page.goto(f"{live_server}/floor/")
    page.click(f'a[href$="/floor/blocks/{gd_block.id}/reply"]')
    expect(page.locator("h1")).to_contain_text("Right of reply")
    expect(page.locator("main")).to_contain_text("first reply up to 5:00, the second up to 3:00, at most 2")
    page.click("#ask-reply")
    expect(page.locator("#my-replies")).to_contain_text("On the list, number 1 among the rights of reply.")
    page.fill("#speaker_name", "Г-н Алексей Смирнов")
    page.click("#ask-reply")
    rows = page.locator("#my-replies tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.last).to_contain_text("Right of reply (second)")
    expect(rows.last).to_contain_text("3:00")
    expect(page.locator("#replies-used")).to_contain_text("has used the rights of reply the rules allow")
    expect(page.locator("#ask-reply")).to_have_count(0)
    screenshot(page, "floor-right-of-reply-delegation")
    page.click("#withdraw-reply-1")
    expect(page.locator(".flash")).to_contain_text("The right of reply is withdrawn.")
    expect(page.locator("#my-replies tbody tr")).to_have_count(1)
    expect(page.locator("#my-replies")).to_contain_text(re.compile(r"Right of reply\s"))


@pytest.mark.parametrize("language", ["ar", "zh"])
def test_the_projector_in_arabic_and_chinese_during_a_point_of_order(db, browser, live_server, gd_block, language):
    from datetime import timedelta

    from meetings.delegations.services import delegation_by_code
    from meetings.floor import interventions, screen, services
    from meetings.programme.models import Room
    from meetings.timeutil import utcnow
    from tests.floor.conftest import chair, version_of

    db.session.get(Room, gd_block.room_id).projector_language = language
    services.act(gd_block, chair(db), "start", version_of(gd_block), now=utcnow() - timedelta(seconds=75))
    interventions.point_of_order(gd_block, chair(db), delegation_by_code("ARE"))
    db.session.commit()
    screen._cache.clear()
    view = browser.new_context().new_page()
    view.goto(f"{live_server}/floor/rooms/{gd_block.room_id}/screen")
    role = {"ar": "نقطة نظام", "zh": "程序问题"}[language]
    expect(view.locator(".role[data-role]")).to_contain_text(role, timeout=3000)
    expect(view.locator("[data-held]")).to_contain_text("1:15")
    screenshot(view, f"floor-point-of-order-projector-{language}")
    view.context.close()
