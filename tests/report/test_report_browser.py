"""The secretariat's report pages in a browser: charts as images with their tables, a final made from the page."""

from sqlalchemy import func, select

from meetings.report.models import SessionReport
from tests.conftest import browser_login, screenshot
from tests.report.test_report import delivered, key, signing_dir  # noqa: F401 (fixtures)


def test_the_secretariat_sees_the_charts_and_makes_a_final(delivered, key, db, page, live_server):  # noqa: F811
    browser_login(page, live_server, "secretariat")
    page.goto(live_server + "/report/figures")
    images = page.locator("section.chart img")
    assert images.count() == 6
    page.wait_for_function(
        "[...document.querySelectorAll('section.chart img')].every(i => i.complete && i.naturalWidth > 0)"
    )
    assert images.first.get_attribute("alt").startswith("Chart: Speaking time per regional group")
    assert page.locator("#chart-groups table caption").inner_text().startswith("Speaking time per regional group")
    screenshot(page, "session-report-figures")
    page.goto(live_server + "/report/?lang=ar")
    page.select_option("#language", "ar")
    page.click("#submit")
    page.wait_for_load_state()
    assert page.locator("#finals tbody tr").count() == 1
    page.goto(live_server + "/report/?lang=ar")
    assert page.locator("#finals tbody tr").count() == 1
    screenshot(page, "session-report-finals-ar")
    assert db.session.scalar(select(func.count()).select_from(SessionReport)) == 1
    page.goto(live_server + "/report/figures?lang=zh")
    page.wait_for_function(
        "[...document.querySelectorAll('section.chart img')].every(i => i.complete && i.naturalWidth > 0)"
    )
    screenshot(page, "session-report-figures-zh")


def test_the_chair_reads_finals_only(delivered, db, page, live_server):  # noqa: F811
    browser_login(page, live_server, "chair")
    page.goto(live_server + "/report/")
    assert page.locator("#final-form").count() == 0 and page.locator("#drafts").count() == 0
    assert page.locator("#no-finals").is_visible()
    assert page.goto(live_server + "/report/figures").status == 403
