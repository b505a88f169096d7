"""In the browser: a co-chair sets the panel and writes the summary, a second NGO panelist is refused with the
reason on the page, the secretariat marks the summary final; the pages in Arabic."""

from tests.conftest import browser_login, screenshot
from tests.roundtables.test_panel_fixtures import panel_of, roundtable, tables

__all__ = ["tables"]  # the fixture, for pytest


def test_a_co_chair_sets_the_panel_and_writes_the_summary_the_secretariat_marks_it_final(page, live_server, db,
                                                                                        tables):  # fmt: skip
    browser_login(page, live_server, "austria")
    page.goto(f"{live_server}/roundtables/{tables.rt1}")
    page.click("#panel-link")
    page.fill("#name-1", "Ann Fordham")
    page.fill("#title-1", "Executive Director")
    page.fill("#delegation-1", "International Drug Policy Consortium")
    page.fill("#name-2", "王小明")
    page.fill("#delegation-2", "中国")
    page.select_option("#remote-2", "remote")
    page.fill("#position-1", "2")
    page.fill("#position-2", "1")
    page.click("#save-panelists")
    assert "The panelists are saved in this order." in page.inner_text("main")
    assert page.inner_text("#panelists").index("王小明") < page.inner_text("#panelists").index("Ann Fordham")

    page.fill("#name-3", "Jonas Karlsson")
    page.fill("#delegation-3", "WFAD")
    page.click("#save-panelists")
    errors = page.inner_text("#panel-errors")
    assert "One NGO panelist too many: Jonas Karlsson (World Federation Against Drugs)" in errors
    assert "the rules allow 1 NGO panelist per roundtable" in errors
    assert page.input_value("#name-3") == "Jonas Karlsson"  # what was typed stays
    screenshot(page, "roundtable-panel-refused")
    assert [p[1] for p in panel_of(db, tables.rt1)] == ["王小明", "Ann Fordham"]

    page.goto(f"{live_server}/roundtables/{tables.rt1}")
    page.click("#summary-link")
    page.fill("#summary", "Participants took stock of the world drug situation.\n\nThey stressed prevention.")
    page.click("#save-summary")
    assert "The summary is saved." in page.inner_text("main")
    assert "draft" in page.inner_text("#summary-status")
    screenshot(page, "roundtable-summary-draft")

    page.context.clear_cookies()
    browser_login(page, live_server, "secretariat")
    page.goto(f"{live_server}/roundtables/{tables.rt1}/summary")
    page.click("#finalize-summary")
    assert "The summary is final" in page.inner_text("main")
    assert "final" in page.inner_text("#summary-status")
    screenshot(page, "roundtable-summary-final")
    assert roundtable(db, tables.rt1).summary_final_at is not None

    page.goto(f"{live_server}/roundtables/{tables.rt1}/summary?lang=ar")
    assert page.get_attribute("html", "dir") == "rtl"
    screenshot(page, "roundtable-summary-final-ar")
    page.goto(f"{live_server}/roundtables/{tables.rt1}/panelists?lang=ar")
    screenshot(page, "roundtable-panel-ar")
    page.goto(f"{live_server}/roundtables/{tables.rt1}?lang=en")
    assert "王小明" in page.inner_text("#panel-list")
    assert "stressed prevention" in page.inner_text("#summary-final")
    screenshot(page, "roundtable-page-panel-and-summary")
