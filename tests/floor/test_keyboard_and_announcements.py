"""The chair's console from the keyboard, and what screen readers hear on the console and the
projector; the console and projector in Arabic and Chinese. Screenshots in test-artifacts/floor-*.png."""

import pytest
from playwright.sync_api import expect

from meetings.floor import services
from meetings.programme.models import Room
from tests.conftest import browser_login, screenshot
from tests.floor.conftest import chair

pytestmark = pytest.mark.browser


def console_of(page, live_server, block):
    browser_login(page, live_server, "chair")
    page.goto(f"{live_server}/floor/blocks/{block.id}")
    return page.locator("#console")


def press(page, key: str) -> None:
    """Press a key once the page's script listens (the console reloads after every action)."""
    expect(page.locator("#console")).to_have_attribute("data-keys", "on")
    page.keyboard.press(key)


def waiting_names(page) -> list[str]:
    return [c.strip() for c in page.locator("#waiting tbody tr td:nth-child(2)").all_inner_texts()]


def test_the_chair_runs_the_floor_from_the_keyboard(page, live_server, gd_block):
    console = console_of(page, live_server, gd_block)
    shortcuts = page.locator("#shortcuts")
    shortcuts.locator("summary").click()
    expect(shortcuts).to_contain_text("give the floor to the next speaker")
    expect(page.locator("button[data-action=start][aria-keyshortcuts=S]")).to_have_count(1)
    expect(page.locator("button[data-action=next][aria-keyshortcuts=N]")).to_have_count(1)
    expect(page.locator("button[data-action=absent][aria-keyshortcuts=A]")).to_have_count(1)

    press(page, "s")  # give the floor
    expect(console).to_have_attribute("data-status", "running")
    expect(page.locator("#current-delegation")).to_have_text("Kenya")
    expect(page.locator("button[data-action=pause]")).to_have_attribute("aria-keyshortcuts", "P")
    press(page, "p")  # pause
    expect(console).to_have_attribute("data-status", "paused")
    press(page, "p")  # resume
    expect(console).to_have_attribute("data-status", "running")
    press(page, "n")  # next speaker
    expect(page.locator("#current-delegation")).to_have_text("Austria")
    expect(page.locator("#record")).to_contain_text("Kenya")
    assert waiting_names(page)[:2] == ["Brazil", "Russian Federation"]
    press(page, "a")  # the next speaker (Brazil) is absent: moved after the following one
    expect(page.locator("#waiting")).to_contain_text("(absent when called)")
    assert waiting_names(page)[:2] == ["Russian Federation", "Brazil"]

    # Typing in a box never fires a shortcut: "n" in the limit box stays a letter.
    box = page.locator("#waiting input[name=limit_s]").first
    box.click()
    box.fill("")
    page.keyboard.type("n")
    page.wait_for_timeout(400)
    expect(page.locator("#current-delegation")).to_have_text("Austria")
    assert box.input_value() == "n"

    # The chair can turn the shortcuts off (single keys can be pressed by accident).
    shortcuts.locator("summary").click()  # the page reloaded: the list is folded again
    page.locator("#shortcuts-on").uncheck()
    page.locator("h1").click()
    page.keyboard.press("n")
    page.wait_for_timeout(400)
    expect(page.locator("#current-delegation")).to_have_text("Austria")
    page.locator("#shortcuts-on").check()

    # Moving with Tab shows where the focus is.
    page.locator("h1").click()
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "the focused control is outlined"
    screenshot(page, "floor-console-keyboard")


def test_screen_readers_hear_the_speaker_the_warning_and_over_time_only(
    db, page, browser, live_server, gd_block, token_for
):
    floor = services.floor_of(gd_block)
    kenya = floor.turns[0]
    services.set_limit(gd_block, chair(db), kenya.id, 32)  # the warning comes 2 s after the start
    db.session.commit()
    headers = token_for("chair")
    screen = browser.new_context().new_page()
    screen.goto(f"{live_server}/floor/rooms/{gd_block.room_id}/screen")
    projector, heard = screen.locator("#projector"), screen.locator("#floor-announce")
    expect(heard).to_have_attribute("aria-live", "polite")
    assert screen.evaluate("document.querySelector('[data-clock]').closest('[aria-live]')") is None
    console = console_of(page, live_server, gd_block)
    console_heard = page.locator("#floor-announce")

    page.click("button[data-action=start] >> nth=0")
    who = "Kenya · H.E. Ms. Amina Odhiambo has the floor."
    expect(heard).to_have_text(who, timeout=2000)
    expect(console_heard).to_have_text(who)
    # Nothing more while the clock ticks.
    screen.wait_for_timeout(700)
    assert heard.inner_text() == who

    expect(projector).to_have_attribute("data-phase", "warning", timeout=4000)
    expect(heard).to_have_text("30 seconds left.")
    expect(screen.locator("[data-clock-label]")).to_have_text("Last 30 seconds")  # words, not only a colour
    expect(console).to_have_attribute("data-phase", "warning")
    expect(console_heard).to_have_text("30 seconds left.")
    expect(page.locator("[data-clock-label]")).to_have_text("Last 30 seconds")
    texts = set()
    for _ in range(6):
        texts.add(heard.inner_text())
        screen.wait_for_timeout(150)
    assert texts == {"30 seconds left."}, "the clock's ticks are not announced"
    screenshot(screen, "floor-projector-warning-label")

    shortened = page.request.post(  # the Chair shortens it: over time at once
        f"{live_server}/api/v1/floor/blocks/{gd_block.id}/turns/{kenya.id}/limit", data={"limit_s": "0:02"},
        headers=headers,
    )  # fmt: skip
    assert shortened.ok
    expect(projector).to_have_attribute("data-phase", "overrun", timeout=3000)
    expect(heard).to_have_text("Over time.")
    expect(screen.locator("[data-clock-label]")).to_have_text("Over time")
    # The console reloaded for the new limit: it says what changed, not the speaker again.
    expect(console_heard).to_have_text("Over time.", timeout=3000)
    expect(page.locator("[data-clock-label]")).to_have_text("Over time")

    page.click("button[data-action=next]")
    expect(heard).to_have_text("Austria · H.E. Mr. Johannes Berger has the floor.", timeout=2000)
    expect(page.locator("#floor-announce")).to_have_text("Austria · H.E. Mr. Johannes Berger has the floor.")
    screen.context.close()


@pytest.mark.parametrize("language", ["ar", "zh"])
def test_console_and_projector_in_arabic_and_chinese(db, page, browser, live_server, gd_block, language):
    services.set_limit(gd_block, chair(db), services.floor_of(gd_block).turns[0].id, 20)
    db.session.get(Room, gd_block.room_id).projector_language = language
    chair(db).language = language  # the Chair chose it (the switch in the header keeps it on the account)
    db.session.commit()
    screen = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    screen.goto(f"{live_server}/floor/rooms/{gd_block.room_id}/screen")  # the room's language
    assert screen.get_attribute("html", "lang") == language
    console_of(page, live_server, gd_block)
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
    press(page, "s")
    label = {"ar": "آخر 30 ثانية", "zh": "最后 30 秒"}[language]
    expect(screen.locator("[data-clock-label]")).to_have_text(label, timeout=3000)
    expect(page.locator("[data-clock-label]")).to_have_text(label)
    kenya = {"ar": "كينيا", "zh": "肯尼亚"}[language]
    expect(screen.locator("[data-delegation]")).to_have_text(kenya)
    expect(page.locator("#current-delegation")).to_have_text(kenya)
    expect(screen.locator("#floor-announce")).to_contain_text(kenya)
    role = {"ar": "باسم مجموعة · المهلة 0:20", "zh": "代表一个集团 · 时限 0:20"}[language]
    expect(screen.locator("[data-role]")).to_have_text(role)
    for p in (page, screen):
        assert p.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "nothing overflows"
    if language == "ar":
        box = page.locator("#current-delegation").bounding_box()
        assert box["x"] + box["width"] > page.viewport_size["width"] / 2, "Arabic starts at the right"
    screenshot(page, f"floor-console-{language}")
    screenshot(screen, f"floor-projector-{language}")
    screen.context.close()
