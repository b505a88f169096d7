"""Side-event pages in Arabic and Chinese in a real browser: translated, Arabic mirrored, nothing wider than
the window. Screenshots in test-artifacts/ (side-events-ar-*.png, side-events-zh-*.png)."""

import pytest

from tests.conftest import browser_login, screenshot

pytestmark = pytest.mark.browser


def fits_the_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def starts_at_the_right(page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    return box["x"] + box["width"] > page.viewport_size["width"] / 2


def test_the_queue_and_an_event_in_arabic_read_right_to_left(page, live_server, demo_side_events):
    browser_login(page, live_server, "secretariat")
    page.goto(live_server + "/side-events/queue?lang=ar")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.inner_text("main h1") == "الأحداث الجانبية الرفيعة المستوى: قائمة الأسبقية"
    assert starts_at_the_right(page, "main h1") and starts_at_the_right(page, "table.queue th")
    assert "مقبول: المقعد 1 من 11." in page.inner_text("table.queue")
    assert fits_the_width(page)
    screenshot(page, "side-events-ar-queue")
    page.goto(live_server + page.get_attribute("table.queue a >> nth=0", "href") + "?lang=ar")
    assert page.get_attribute("html", "dir") == "rtl"
    main = page.inner_text("main")
    assert "الجهة المنظمة" in main and "النمسا" in main and "90 دقيقة" in main
    assert page.locator("input[type=submit][value='رفض الطلب']").count() == 1
    assert fits_the_width(page)
    screenshot(page, "side-events-ar-event")


def test_the_list_the_timeline_and_the_form_in_chinese(page, live_server, demo_side_events, app, clock):
    clock(demo_side_events.rules.hl_window_opens)
    browser_login(page, live_server, "austria")
    page.goto(live_server + "/side-events/?lang=zh")
    assert page.get_attribute("html", "lang") == "zh" and page.inner_text("main h1") == "会外活动"
    assert "先到先得" in page.inner_text("main") and "奥地利" in page.inner_text("main")
    assert fits_the_width(page)
    screenshot(page, "side-events-zh-list")
    page.goto(live_server + "/side-events/timeline?lang=zh")
    assert "2024年3月14日周四" in page.inner_text("main")
    assert fits_the_width(page)
    screenshot(page, "side-events-zh-timeline")
    page.goto(live_server + "/side-events/new?lang=zh")
    page.fill("#title", "预防")
    page.fill("#contact_email", "不是地址")
    page.click("#submit")
    page.wait_for_load_state()
    assert "请填写有效的电子邮件地址" in page.inner_text("main")
    assert fits_the_width(page)
    screenshot(page, "side-events-zh-form-refused")
