"""The roundtable's outputs: the report PDF in every script and language, the agenda and the delegations' feeds."""

import io
from datetime import datetime, timedelta

from icalendar import Calendar
from pypdf import PdfReader

from meetings.floor.models import TurnStatus
from meetings.floor.services import floor_of
from meetings.programme.models import MeetingBlock
from meetings.roundtables import panel
from meetings.roundtables.models import Roundtable
from meetings.roundtables.panel import PanelistRow
from tests import factories
from tests.pdfs import page_image, text_of
from tests.roundtables.test_panel_fixtures import floor_speakers, tables

__all__ = ["tables"]  # the fixture, for pytest

SUMMARY = ("Participants took stock of the implementation of the commitments.\n\n"
           "Co-chairs noted: 各国强调预防与治疗。 Les participants ont souligné la coopération. "
           "أكد المشاركون أهمية التعاون الدولي.")  # fmt: skip


def _has(text: str, *parts: str) -> None:
    flat = " ".join(text.split())
    for part in parts:
        assert " ".join(part.split()) in flat, f"{part!r} not in the report: {flat[:1500]}"


def _full_roundtable(db, tables, *, final: bool = True) -> None:
    """Roundtable 1 with three panelists, two speakers from the floor on the record, and its summary."""
    cs = db.session.get(Roundtable, tables.rt1).commission_session
    secretariat = factories.user("secretariat")
    rt = db.session.get(Roundtable, tables.rt1)
    panel.set_panelists(cs, secretariat, rt, [PanelistRow("Dr. Li Wei", "Professor", "CHN", True),
                                              PanelistRow("Ms. Anna Gruber", "Director", "AUT", False),
                                              PanelistRow("Ann Fordham", "Executive Director", "IDPC", False)])  # fmt: skip
    panel.edit_summary(cs, factories.user("austria"), rt, SUMMARY)
    if final:
        panel.finalize_summary(cs, secretariat, rt)
    db.session.commit()
    floor_speakers(db, tables.block1, "RUS", "VNGOC")
    block = db.session.get(MeetingBlock, tables.block1)
    start = block.starts_at + timedelta(minutes=40)
    for n, (t, spoken) in enumerate(zip(floor_of(block).turns, (170, 200), strict=True)):
        t.status, t.started_at = TurnStatus.done, start + timedelta(minutes=5 * n)
        t.ended_at, t.duration_s, t.overrun_s = t.started_at + timedelta(seconds=spoken), spoken, max(spoken - 180, 0)
    db.session.commit()


def test_the_report_holds_the_co_chairs_their_groups_the_panel_the_floor_and_the_summary(client, db, tables):
    _full_roundtable(db, tables)
    r = client.get(f"/roundtables/{tables.rt1}/report.pdf")
    assert r.status_code == 200 and r.mimetype == "application/pdf"
    text = text_of(r.data)
    _has(text, "Roundtable 1: Taking stock", "Thursday 14 March 2024, 15:00–18:00 · Boardroom D (C Building)",
         "Co-chairs", "Ms. Anna Gruber, Ambassador", "Austria", "Western European and other States",
         "Mr. John Kamau, Permanent Representative", "Kenya", "African States",
         "Panelists", "1 Dr. Li Wei, Professor China remote", "2 Ms. Anna Gruber, Director Austria in person",
         "3 Ann Fordham, Executive Director International Drug Policy Consortium in person",
         "Speakers from the floor", "Russian Federation", "15:40:00", "2:50", "Vienna NGO Committee on Drugs",
         "15:45:00", "3:20 (+0:20)", "2 speakers from the floor, 6:10 spoken in all.",
         "Summary of key points", "Final since", "Participants took stock of the implementation of the commitments.",
         "Les participants ont souligné la coopération.")  # fmt: skip
    assert "各国强调预防与治疗" in text  # the CJK run in its own font
    assert text.index("Dr. Li Wei") < text.index("Ms. Anna Gruber, Director") < text.index("Ann Fordham")


def test_a_draft_summary_is_in_the_report_of_its_writers_only(client, db, tables, log_in):
    _full_roundtable(db, tables, final=False)
    public = text_of(client.get(f"/roundtables/{tables.rt1}/report.pdf").data)
    _has(public, "The co-chairs' summary is not final yet.")
    assert "took stock of the implementation" not in public
    log_in("kenya")
    mine = text_of(client.get(f"/roundtables/{tables.rt1}/report.pdf").data)
    _has(mine, "Draft, not yet final (last edited", "took stock of the implementation")


def test_the_report_prints_in_arabic_and_chinese(client, db, tables):
    _full_roundtable(db, tables)
    arabic = client.get(f"/roundtables/{tables.rt1}/report.pdf?lang=ar")
    chinese = client.get(f"/roundtables/{tables.rt1}/report.pdf?lang=zh")
    assert arabic.status_code == chinese.status_code == 200
    assert PdfReader(io.BytesIO(arabic.data)).metadata is not None
    zh = text_of(chinese.data)
    assert "西欧和其他国家" in zh and "非洲国家" in zh and "中国" in zh  # the groups and a State in Chinese
    assert "各国强调预防与治疗" in zh
    page_image(arabic.data, "roundtable-report-ar")
    page_image(chinese.data, "roundtable-report-zh")
    page_image(client.get(f"/roundtables/{tables.rt1}/report.pdf").data, "roundtable-report-en")


def test_the_session_report_holds_every_roundtable_with_its_final_summary_only(client, db, tables, token_for):
    _full_roundtable(db, tables)
    client.put(f"/api/v1/roundtables/{tables.rt2}/summary", json={"summary": "A draft of Roundtable 2."},
               headers=token_for("brazil"))  # fmt: skip
    r = client.get("/roundtables/report.pdf")
    assert r.status_code == 200
    text = text_of(r.data)
    _has(text, "Report of the roundtables", "Roundtable 1: Taking stock", "Western European and other States",
         "Participants took stock of the implementation of the commitments.", "Roundtable 2: The way forward",
         "Sr. Paulo Souza, Ambassador", "Latin American and Caribbean States",
         "The co-chairs' summary is not final yet.")  # fmt: skip
    assert "A draft of Roundtable 2." not in text and len(PdfReader(io.BytesIO(r.data)).pages) == 2


def test_an_unknown_roundtable_has_no_report(client, tables):
    assert client.get("/roundtables/9999/report.pdf").status_code == 404


# --- calendars --------------------------------------------------------------------------------------


def _events(data: bytes) -> list:
    return [c for c in Calendar.from_ical(data).walk("VEVENT")]


def test_the_agenda_names_the_roundtables_people_in_the_meetings_own_event(client, db, tables):
    _full_roundtable(db, tables)
    block = db.session.get(MeetingBlock, tables.block1)
    events = _events(client.get("/session/agenda.ics").data)
    mine = [e for e in events if str(e["UID"]).startswith(f"block-{block.id}@")]
    assert len(mine) == 1  # the roundtable is the block's event, once: clients update it, never duplicate it
    event = mine[0]
    assert str(event["SUMMARY"]) == "CND67: Roundtable 1: Taking stock"
    description = str(event["DESCRIPTION"])
    assert "Co-chair: Ms. Anna Gruber, Ambassador (Austria, Western European and other States)" in description
    assert "Panelist 1: Dr. Li Wei, Professor (China), remote" in description
    assert int(event["SEQUENCE"]) == block.ical_sequence
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert event.decoded("DTSTART") == datetime.fromisoformat("2024-03-14T15:00:00+01:00")


def test_a_delegation_feed_holds_the_roundtables_where_its_people_are_co_chairs_or_panelists(client, db, tables):
    _full_roundtable(db, tables)

    def roundtables_in(code: str) -> list[str]:
        feed = client.get(f"/delegations/{code}/agenda.ics")
        assert feed.status_code == 200
        return [str(e["SUMMARY"]) for e in _events(feed.data) if "Roundtable" in str(e["SUMMARY"])]

    assert roundtables_in("AUT") == ["CND67: Roundtable 1: Taking stock"]  # co-chair and panelist
    assert roundtables_in("IDPC") == ["CND67: Roundtable 1: Taking stock"]  # a panelist
    assert roundtables_in("BRA") == ["CND67: Roundtable 2: The way forward"]  # co-chair of the other one
    assert roundtables_in("RUS") == []  # a speaker from the floor holds no role
    [idpc] = [e for e in _events(client.get("/delegations/IDPC/agenda.ics").data) if "Roundtable" in str(e["SUMMARY"])]
    assert (
        str(idpc["DESCRIPTION"]) == "Panelist 3: Ann Fordham, Executive Director (International Drug Policy Consortium)"
    )
    arabic = client.get("/delegations/AUT/agenda.ics?lang=ar").data.decode()
    assert "النمسا" in arabic  # Austria's name in the feed's language
