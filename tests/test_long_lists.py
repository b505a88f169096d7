"""Long lists: the speakers list, the delegations and the side-event queue are filtered with a GET form
(no JavaScript needed) and exported as CSV with readable headers, local times and no formulas."""

import csv
import io
import re

import pytest
from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.debate.models import Inscription
from meetings.delegations.models import Delegation, DelegationKind, RegionalGroup
from meetings.delegations.services import delegation_by_code
from meetings.exports.csv import cell, csv_bytes
from meetings.side_events.models import SideEvent
from tests.conftest import browser_login, screenshot


def table(response) -> list[dict]:
    assert response.mimetype == "text/csv", response.get_data(as_text=True)[:500]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff"), "Excel needs the byte order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def slots_on_page(html: str) -> int:
    return len(re.findall(r'<tr id="slot-\d+">', html))


# --- one function for every CSV -------------------------------------------------------------


def test_a_cell_that_a_spreadsheet_would_run_as_a_formula_is_kept_as_text():
    risky = ["=1+2", "+43 1 26060", "-2", "@SUM(A1:A9)", "\t=1", "\r=1"]
    assert [cell(v) for v in risky] == ["'" + v for v in risky]
    assert [cell(v) for v in ("Côte d'Ivoire", "中国", "", None, -3, 7, {"status": "open"})] == [
        "Côte d'Ivoire", "中国", "", "", "-3", "7", '{"status": "open"}',
    ]  # fmt: skip
    data = csv_bytes(["Delegation", "Speaker"], [["Türkiye", '=HYPERLINK("http://x","y")']])
    assert data.startswith("\ufeff".encode())
    assert list(csv.reader(io.StringIO(data.decode("utf-8").lstrip("\ufeff")))) == [
        ["Delegation", "Speaker"], ["Türkiye", '\'=HYPERLINK("http://x","y")'],
    ]  # fmt: skip


def test_the_audit_csv_goes_through_the_same_function(client, demo, db, log_in, token_for):
    event = db.session.scalar(select(SideEvent).where(SideEvent.title == "Illicit crop monitoring by satellite"))
    withdrawn = client.post(f"/api/v1/side-events/{event.id}/withdraw", json={"reason": "=IMPORTXML(\"http://x\")"},
                            headers=token_for("colombia"))  # fmt: skip
    assert withdrawn.status_code == 200
    rows = table(log_in("secretariat").get("/audit.csv?feature=side_events&delegation=COL"))
    why = [r["Why"] for r in rows if r["What"] == "Withdrawn"]
    assert why == ['\'=IMPORTXML("http://x")']


# --- the speakers list ----------------------------------------------------------------------


def test_the_speakers_list_filters_by_group_level_and_text_with_a_get_form(client, demo, db, log_in):
    log_in("secretariat")
    everyone = client.get("/debate/").get_data(as_text=True)
    assert '<form method="get" class="filters" action="/debate/"' in everyone
    total = slots_on_page(everyone)
    weog = client.get("/debate/?group=WEOG")
    html = weog.get_data(as_text=True)
    assert weog.status_code == 200 and "Austria" in html and "Kenya" not in html
    assert 0 < slots_on_page(html) < total
    assert re.search(rf"{slots_on_page(html)} of {total} speakers match the filter", html)
    assert 'href="/debate/speakers.csv?group=WEOG"' in html  # the file holds what the page shows
    ministers = table(client.get("/debate/speakers.csv?group=WEOG&level=ministerial"))
    assert ministers and {r["Regional group"] for r in ministers} == {"Western European and other States"}
    assert {r["Level"] for r in ministers} == {"Ministerial"}
    # text without regard to case, accents or script
    assert [r["Delegation"] for r in table(client.get("/debate/speakers.csv?q=cote d'ivoire"))] == ["Côte d'Ivoire"]
    assert [r["Code"] for r in table(client.get("/debate/speakers.csv?q=turkiye"))] == ["TUR"]
    assert [r["Speaker"] for r in table(client.get("/debate/speakers.csv?q=Лавров"))] == ["Сергей Викторович Лавров"]
    nothing = client.get("/debate/?q=nobody+of+that+name").get_data(as_text=True)
    assert slots_on_page(nothing) == 0 and f"0 of {total} speakers match the filter" in nothing


def test_the_speakers_csv_has_readable_headers_local_times_and_the_waiting_lists(client, demo, db, log_in):
    log_in("secretariat")
    demo.rules.gd_slot_count = 20  # small quotas: every group has a waiting list
    db.session.commit()
    rows = table(client.get("/debate/speakers.csv"))
    assert list(rows[0]) == ["Slot", "Status", "Meeting", "Projected start (Europe/Vienna)", "Delegation", "Code",
                             "Regional group", "On behalf of", "Speaker", "Title", "Level", "Lot", "Limit (m:ss)"]  # fmt: skip
    first = rows[0]
    assert first["Slot"] == "1" and first["Meeting"] == "General debate, 1st meeting"
    assert first["Projected start (Europe/Vienna)"] == "2024-03-14 10:00"  # 09:00 UTC
    assert first["Limit (m:ss)"] == "7:00" and first["On behalf of"]  # a group statement comes first
    waiting = [r for r in rows if r["Status"].startswith("Waiting list")]
    assert waiting and all(r["Slot"] == "" and r["Projected start (Europe/Vienna)"] == "" for r in waiting)
    assert "Waiting list of the Western European and other States, number 1" in {r["Status"] for r in waiting}
    only_waiting = client.get("/debate/?status=waiting").get_data(as_text=True)
    assert slots_on_page(only_waiting) == 0 and "Waiting lists" in only_waiting
    assert {r["Status"][:12] for r in table(client.get("/debate/speakers.csv?status=waiting"))} == {"Waiting list"}
    listed = client.get("/debate/?status=listed").get_data(as_text=True)
    assert slots_on_page(listed) > 0 and "Waiting lists" not in listed


def test_a_speaker_named_like_a_formula_is_exported_as_text(client, demo, db, log_in):
    log_in("secretariat")
    austria = db.session.scalar(
        select(Inscription).where(Inscription.delegation_id == delegation_by_code("AUT").id)
    )  # fmt: skip
    austria.speaker_name = "=cmd|' /C calc'!A0"
    db.session.commit()
    rows = table(client.get("/debate/speakers.csv?q=AUT"))
    assert [r["Speaker"] for r in rows] == ["'=cmd|' /C calc'!A0"]


def test_a_wrong_filter_of_the_speakers_list_says_which_and_shows_nothing(client, demo, log_in):
    log_in("austria")
    page = client.get("/debate/?group=XYZ&level=emperor")
    html = page.get_data(as_text=True)
    assert page.status_code == 400
    assert "Choose one of the listed values of “Regional group”." in html
    assert "Choose one of the listed values of “Level”." in html
    assert "Nothing is shown: correct the filter above." in html and slots_on_page(html) == 0
    refused = client.get("/debate/speakers.csv?level=emperor")
    assert refused.status_code == 400 and refused.mimetype == "text/html"
    assert "The filter is not valid. Level: Choose one of the listed values" in refused.get_data(as_text=True)
    too_long = client.get("/debate/?q=" + "x" * 101)
    assert too_long.status_code == 400 and "Give at most 100 characters." in too_long.get_data(as_text=True)


# --- the delegations ------------------------------------------------------------------------


def test_the_delegations_filter_by_group_kind_and_name_in_any_language(client, demo, db):
    page = client.get("/delegations/?group=WEOG")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Austria" in html and "Kenya" not in html
    assert "Observers and organizations" not in html
    weog = db.session.scalar(
        select(func.count(Delegation.id)).join(RegionalGroup).where(RegionalGroup.code == "WEOG")
    )  # fmt: skip
    total = db.session.scalar(select(func.count(Delegation.id)))
    assert f"{weog} of {total} delegations match the filter" in html
    assert 'href="/delegations/list.csv?group=WEOG"' in html
    ngos = table(client.get("/delegations/list.csv?kind=ngo"))
    assert {r["Code"] for r in ngos} == {"VNGOC", "IDPC", "WFAD"}
    assert {r["Kind"] for r in ngos} == {DelegationKind.ngo.label} and {r["Regional group"] for r in ngos} == {""}
    russia = table(client.get("/delegations/list.csv?q=российская"))
    assert [(r["Code"], r["Name"], r["Name in Russian"]) for r in russia] == [
        ("RUS", "Russian Federation", "Российская Федерация")
    ]
    assert [r["Name"] for r in table(client.get("/delegations/list.csv?q=COTE"))] == ["Côte d'Ivoire"]
    observers = client.get("/delegations/?group=none").get_data(as_text=True)
    assert "Observers and organizations" in observers and "Austria" not in observers
    assert len(table(client.get("/delegations/list.csv"))) == total


def test_a_wrong_filter_of_the_delegations_is_named(client, demo):
    page = client.get("/delegations/?kind=planet")
    assert page.status_code == 400 and "Choose one of the listed values of “Kind”." in page.get_data(as_text=True)
    assert "Austria" not in page.get_data(as_text=True)
    assert client.get("/delegations/list.csv?group=MARS").status_code == 400


# --- the side-event queue -------------------------------------------------------------------


def test_the_queue_filters_by_status_group_format_and_text(client, demo, log_in):
    sec = log_in("secretariat")
    waiting = sec.get("/side-events/queue?status=waitlisted").get_data(as_text=True)
    assert "Illicit crop monitoring by satellite" in waiting and "Prevention that works" not in waiting
    assert "On the waiting list as number 1" in waiting and "1 of 13 applications match the filter" in waiting
    assert 'href="/side-events/queue.csv?status=waitlisted"' in waiting
    austria = table(sec.get("/side-events/queue.csv?q=austria"))
    assert [r["Title"] for r in austria] == ["Prevention that works: evidence from Europe",
                                             "Drug checking and early warning"]  # fmt: skip
    virtual_weog = table(sec.get("/side-events/queue.csv?group=WEOG&format=virtual"))
    assert {r["Code"] for r in virtual_weog} == {"AUT", "DEU"}
    everything = table(sec.get("/side-events/queue.csv"))
    first, last = everything[0], everything[-1]
    assert first["Position"] == "1" and re.fullmatch(r"2024-01-04 00:00:\d\d\.\d{3}",
                                                     first["Received (Europe/Vienna, to the millisecond)"])  # fmt: skip
    assert first["Where it stands"] == "Accepted (seat 1 of 11)" and first["Partners"] == "UNODC; WHO"
    assert first["Day and time (Europe/Vienna)"] == "2024-03-14 08:00–09:30"
    assert (last["Status"], last["Where it stands"]) == ("Waiting list", "Waiting list, number 1")


def test_the_queue_is_the_secretariats_and_a_wrong_filter_is_refused(client, demo, log_in, token_for):
    assert client.get("/side-events/queue.csv").status_code in (302, 401)
    austria = log_in("austria")
    assert austria.get("/side-events/queue?status=accepted").status_code == 403
    assert austria.get("/side-events/queue.csv").status_code == 403
    client.post("/logout")
    sec = log_in("secretariat")
    wrong = sec.get("/side-events/queue?status=lost")
    assert wrong.status_code == 400 and "Choose one of the listed values of “Status”." in wrong.get_data(as_text=True)
    assert sec.get("/side-events/queue.csv?format=hologram").status_code == 400


def test_the_queue_api_takes_the_same_filters(client, demo, token_for):
    sec = token_for("secretariat")
    waiting = client.get("/api/v1/side-events/queue?status=waitlisted", headers=sec)
    assert waiting.status_code == 200
    assert [(e["organizer"]["code"], e["waiting_number"]) for e in waiting.json] == [("COL", 1)]
    assert waiting.json[0]["standing"].startswith("On the waiting list as number 1")
    wrong = client.get("/api/v1/side-events/queue?status=lost", headers=sec)
    assert wrong.status_code == 422 and "status" in wrong.json["errors"]
    assert client.get("/api/v1/side-events/queue", headers=token_for("austria")).status_code == 403


def test_an_event_title_like_a_formula_is_exported_as_text(client, demo, db, log_in):
    event = db.session.scalar(select(SideEvent).where(SideEvent.queue_position == 1))
    event.title = "@SUM(1+1)*cmd"
    db.session.commit()
    rows = table(log_in("secretariat").get("/side-events/queue.csv?q=sum"))
    assert [r["Title"] for r in rows] == ["'@SUM(1+1)*cmd"]


def test_exports_change_nothing(client, demo, db, log_in):
    before = db.session.scalar(select(func.count(AuditEntry.id)))
    sec = log_in("secretariat")
    for url in ("/debate/speakers.csv", "/delegations/list.csv", "/side-events/queue.csv"):
        assert sec.get(url).status_code == 200
    db.session.rollback()
    assert db.session.scalar(select(func.count(AuditEntry.id))) == before


# --- in a browser without JavaScript ----------------------------------------------------------


@pytest.mark.browser
def test_the_filters_work_in_a_browser_without_javascript(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        browser_login(page, live_server, "secretariat")
        page.goto(live_server + "/debate/")
        page.select_option("#group", "WEOG")
        page.select_option("#level", "ministerial")
        page.click("form.filters button[type=submit]")
        page.wait_for_load_state()
        assert "group=WEOG" in page.url and "level=ministerial" in page.url
        assert "match the filter" in page.inner_text("#filter-count")
        shown = page.locator("table.speakers tbody tr").all_inner_texts()
        assert shown and all("Ministerial" in row for row in shown)
        screenshot(page, "long-lists-speakers-filtered")
        page.goto(live_server + "/delegations/")
        page.fill("#q", "cote")
        page.click("form.filters button[type=submit]")
        page.wait_for_load_state()
        assert "Côte d'Ivoire" in page.inner_text("main") and "Austria" not in page.inner_text("main")
        screenshot(page, "long-lists-delegations-filtered")
        browser_login(page, live_server, "secretariat")
        page.goto(live_server + "/side-events/queue")
        page.select_option("#status", "accepted")
        page.select_option("#format", "virtual")
        page.click("form.filters button[type=submit]")
        page.wait_for_load_state()
        assert page.locator("table.queue tbody tr").count() == 2
        screenshot(page, "long-lists-queue-filtered")
        with page.expect_download() as download:
            page.click("#export-csv")
        path = download.value.path()
        with open(path, encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
        assert {r["Format"] for r in rows} == {"Virtual"} and {r["Status"] for r in rows} == {"Accepted"}
    finally:
        context.close()
