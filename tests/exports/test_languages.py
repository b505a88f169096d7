"""The documents in the six languages: PDFs and calendars print in the language asked for (?lang=),
names in the reader's language, Arabic from right to left, Chinese in its own font; English as it
was. Page images of the Arabic and Chinese PDFs go to test-artifacts/ (documents-*.png)."""

import io
import re
import shutil
import subprocess
import unicodedata
from datetime import timedelta

import pytest
from icalendar import Calendar
from pypdf import PdfReader
from sqlalchemy import select

from meetings.debate.models import Draw
from meetings.delegations.models import Delegation
from meetings.exports.pdf import isolated, visual
from meetings.floor.models import Turn, TurnRole
from meetings.floor.report import report_pdf
from meetings.programme.models import MeetingBlock
from tests.conftest import ARTIFACTS


def _text(data: bytes) -> str:
    """The text of every page in one line, shaping and full-width forms undone (NFKC)."""
    pages = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return unicodedata.normalize("NFKC", " ".join(pages.split()))


def _has(text: str, *words: str) -> None:
    for word in words:
        assert unicodedata.normalize("NFKC", word) in text, f"{word!r} not in {text[:600]!r}"


def _language_of(data: bytes) -> str:
    return str(PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"])


def _x_of(data: bytes, *words: str) -> dict[str, float]:
    """Where each word is first drawn on page 1, from the left edge."""
    found: dict[str, float] = {}

    def visit(text, cm, tm, font, size) -> None:
        for word in words:
            if word in text and word not in found:
                found[word] = cm[4] + tm[4]

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    assert set(found) == set(words), f"not drawn: {set(words) - set(found)}"
    return found


def _fonts(data: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(data))
    return {str(f.get_object()["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()}


def _page_image(data: bytes, name: str) -> None:
    """Page 1 at 60 dpi in test-artifacts/<name>.png, to look at."""
    assert shutil.which("pdftoppm"), "poppler-utils is needed to render PDFs"
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / f"{name}.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(ARTIFACTS / name)], check=True)  # fmt: skip
    pdf.unlink()
    assert (ARTIFACTS / f"{name}.png").stat().st_size > 5000


# --- the speakers list --------------------------------------------------------------------------


def test_the_speakers_list_prints_in_arabic_chinese_and_russian_and_english_as_before(client, demo, log_in):
    log_in("chair")  # the Chair prints the working list
    english = client.get("/debate/speakers.pdf")
    assert english.status_code == 200 and _language_of(english.data) == "en"
    text = _text(english.data)
    _has(text, "General debate: list of speakers · Order fixed by the drawing of lots of 29 February 2024",
         "General debate, 1st meeting: Thursday 14 March 2024, 10:00–13:00 · Plenary Hall (M Building)",
         "No. Delegation Speaker and title Level Limit Projected Notes", "Kenya", "on behalf of the Group of African States",
         "CND67 general debate: list of speakers",
         f"Page 1 of {len(PdfReader(io.BytesIO(english.data)).pages)} · printed")  # fmt: skip
    left_to_right = _x_of(english.data, "Kenya", "10:07")
    assert left_to_right["Kenya"] < left_to_right["10:07"], "in English the delegation comes before the time"

    arabic = client.get("/debate/speakers.pdf?lang=ar")
    assert arabic.status_code == 200 and _language_of(arabic.data) == "ar"
    text = _text(arabic.data)
    _has(text, "قائمة المتكلمين", "الترتيب محدد بالقرعة التي أجريت في", "المتكلم وصفته", "كينيا", "الخميس", "مارس",
         "الصفحة", "Plenary Hall (M Building)", "General debate, 1st meeting", "Kenya")  # fmt: skip
    assert "Speaker and title" not in text and "Order fixed" not in text
    right_to_left = _x_of(arabic.data, "Kenya", "10:07")
    assert right_to_left["Kenya"] > right_to_left["10:07"], "in Arabic the first columns stand at the right"
    _page_image(arabic.data, "documents-speakers-list-ar")

    chinese = client.get("/debate/speakers.pdf?lang=zh")
    assert _language_of(chinese.data) == "zh"
    text = _text(chinese.data)
    _has(text, "一般性辩论：发言名单", "顺序由2024年2月29日的抽签确定", "发言者及职衔", "肯尼亚", "2024年3月14日",
         "打印于")  # fmt: skip
    assert any("zenhei" in f.lower() or "microhei" in f.lower() or "uming" in f.lower() for f in _fonts(chinese.data))
    _page_image(chinese.data, "documents-speakers-list-zh")

    russian = client.get("/debate/speakers.pdf?lang=ru")
    text = _text(russian.data)
    _has(text, "Общие прения: список ораторов", "Порядок определен жеребьевкой", "Оратор и должность", "Кения",
         "Страница 1")  # fmt: skip
    _page_image(russian.data, "documents-speakers-list-ru")


def test_the_record_of_the_draw_prints_in_french(client, demo, db):
    draw = db.session.scalars(select(Draw)).first()
    french = client.get(f"/debate/draws/{draw.id}.pdf?lang=fr")
    text = _text(french.data)
    _has(text, f"Procès-verbal du tirage au sort nº {draw.id}", "Engagement (SHA-256 du secret)",
         "CONCORDANCE : le nouveau calcul", "Méthode : l'engagement est l'empreinte SHA-256 du secret",
         "Valeur publique (fixée dans la salle)", draw.seed[:40])  # fmt: skip
    english = _text(client.get(f"/debate/draws/{draw.id}.pdf").data)
    _has(english, "Record of the drawing of lots no.", "MATCH: the record recomputes exactly", "Delegation code")
    # each lot with the delegation's name, not only its code, in the reader's language
    first = sorted(draw.result, key=lambda code: int(draw.result[code]))[:3]
    named = db.session.scalars(select(Delegation).where(Delegation.code.in_(first))).all()
    _has(english, *[d.name for d in named])
    _has(text, *[d.names["fr"] for d in named])


# --- the side-event programme -------------------------------------------------------------------


def test_the_side_event_programme_prints_in_arabic_chinese_and_russian_and_english_as_before(client, demo):
    english = client.get("/side-events/programme.pdf")
    text = _text(english.data)
    _has(text, "67th session of the Commission on Narcotic Drugs: side events",
         "Programme of side events · Vienna International Centre · times in Europe/Vienna", "Thursday 14 March 2024",
         "Time Side event Organizer Partners Room", "Prevention that works", "Austria", "Противодействие",
         "上海合作组织")  # fmt: skip
    left_to_right = _x_of(english.data, "08:00–09:30", "UNODC")
    assert left_to_right["08:00–09:30"] < left_to_right["UNODC"]

    arabic = client.get("/side-events/programme.pdf?lang=ar")
    assert _language_of(arabic.data) == "ar"
    text = _text(arabic.data)
    _has(text, "برنامج الأحداث الجانبية", "الأوقات بتوقيت", "الخميس", "النمسا", "Prevention that works",
         "Vienna International Centre")  # fmt: skip
    assert "Organizer" not in text and "Austria" not in text
    right_to_left = _x_of(arabic.data, "08:00–09:30", "UNODC")
    assert right_to_left["08:00–09:30"] > right_to_left["UNODC"], "the time, the first column, stands at the right"
    _page_image(arabic.data, "documents-side-events-ar")

    chinese = client.get("/side-events/programme.pdf?lang=zh")
    text = _text(chinese.data)
    _has(text, "会外活动日程", "时间按Europe/Vienna时区", "奥地利", "2024年3月14日", "Prevention that works")
    _page_image(chinese.data, "documents-side-events-zh")

    russian = client.get("/side-events/programme.pdf?lang=ru")
    text = _text(russian.data)
    _has(text, "Программа параллельных мероприятий", "Австрия", "14 мар. 2024")
    _page_image(russian.data, "documents-side-events-ru")


def test_the_session_programme_and_the_delegations_print_in_spanish(client, cs):
    text = _text(client.get("/session/programme.pdf?lang=es").data)
    _has(text, "Serie de sesiones de alto nivel: del 14 al 15 de marzo de 2024", "(hasta que se agote la lista)",
         "debate general", "horas del huso horario Europe/Vienna")  # fmt: skip
    text = _text(client.get("/delegations.pdf?lang=es").data)
    _has(text, "delegaciones", "Otros idiomas", "KEN Kenia Kenya")  # the reader's name first, then the others


def test_the_speaking_time_report_prints_in_russian_and_chinese(app, cs, db):
    block = db.session.scalars(select(MeetingBlock).where(MeetingBlock.title == "General debate, 1st meeting")).one()
    kenya = db.session.scalars(select(Delegation).where(Delegation.code == "KEN")).one()

    def report(language: str) -> str:
        with app.test_request_context(f"/?lang={language}"):
            b = db.session.get(MeetingBlock, block.id)
            start = b.starts_at
            turns = [Turn(delegation=db.session.get(Delegation, kenya.id), speaker_name=f"Speaker {n}",
                          role=TurnRole.gd_national, limit_s=300, started_at=start + timedelta(minutes=6 * n),
                          ended_at=start + timedelta(minutes=6 * n, seconds=310), duration_s=310,
                          overrun_s=10, position=n) for n in (1, 2, 3)]  # fmt: skip
            data = report_pdf(b, turns)
            db.session.rollback()
        return _text(data)

    _has(report("ru"), "Отчет о времени выступлений · General debate, 1st meeting", "3 выступления",
         "общее время выступлений 15:30", "Кения", "+0:10")  # fmt: skip
    _has(report("zh"), "发言时间报告", "3次发言", "肯尼亚", "时间按Europe/Vienna时区")
    _has(report("en"), "Speaking-time report · General debate, 1st meeting", "3 speeches, 15:30 spoken in total; "
         "3 over the limit. Times in Europe/Vienna.", "Kenya")  # fmt: skip


def test_values_set_into_an_arabic_sentence_keep_their_own_order(app):
    with app.test_request_context("/?lang=ar"):
        line = visual(f"{isolated('General debate, 1st meeting')} · {isolated('Plenary Hall (M Building)')} · الخميس")
    # Painted from the left: the Arabic word (last), the room, then the meeting (first, at the right).
    assert line.index("Plenary Hall (M Building)") < line.index("General debate, 1st meeting")
    assert not re.search("[\u200e\u200f\u202a-\u202e]", line), "no direction mark is left to draw"
    with app.test_request_context("/?lang=en"):
        assert isolated("Plenary Hall (M Building)") == "Plenary Hall (M Building)"


# --- calendars ----------------------------------------------------------------------------------


def _events(client, url: str) -> tuple[Calendar, dict]:
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    cal = Calendar.from_ical(response.data)
    return cal, {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_calendars_speak_the_language_asked_for_and_keep_their_uids(client, demo):
    _, english = _events(client, "/session/agenda.ics")
    _, french = _events(client, "/session/agenda.ics?lang=fr")
    assert set(french) == set(english)
    assert {u: int(e["SEQUENCE"]) for u, e in french.items()} == {u: int(e["SEQUENCE"]) for u, e in english.items()}
    summaries = {str(e["SUMMARY"]) for e in french.values()}
    assert any(s.startswith("Manifestation parallèle de haut niveau : ") for s in summaries)
    assert any("High-level side event: " in str(e["SUMMARY"]) for e in english.values())
    descriptions = " ".join(str(e.get("DESCRIPTION", "")) for e in french.values())
    assert "Se poursuit jusqu'à épuisement de la liste des orateurs." in descriptions
    assert "Organisateur : Autriche" in descriptions and "Format : " in descriptions
    assert "Runs until the list of speakers is exhausted." in " ".join(
        str(e.get("DESCRIPTION", "")) for e in english.values()
    )

    cal, arabic = _events(client, "/delegations/AUT/agenda.ics?lang=ar")
    assert "النمسا" in str(cal["X-WR-CALNAME"])
    slots = [e for uid, e in arabic.items() if uid.startswith("gd-slot-")]
    assert slots and all("المناقشة العامة، الدور" in str(e["SUMMARY"]) for e in slots)
    assert all(str(e["DESCRIPTION"]).startswith("موعد البدء المتوقع؛ مدة الكلمة") for e in slots)
    _, austria = _events(client, "/delegations/AUT/agenda.ics")
    assert set(austria) == set(arabic)
    assert all(str(austria[u]["SUMMARY"]).startswith("CND67: general debate, slot ") for u in austria if "gd-slot" in u)


# --- lists: filters and CSV ---------------------------------------------------------------------


@pytest.mark.usefixtures("cs")
def test_a_wrong_filter_is_refused_in_the_readers_language_and_csv_headers_follow_it(client):
    spanish = client.get("/delegations/?group=XX", headers={"Accept-Language": "es"})
    html = spanish.get_data(as_text=True)
    assert spanish.status_code == 400 and "Elija uno de los valores de la lista para «" in html
    refused = client.get("/delegations/list.csv?group=XX", headers={"Accept-Language": "es"})
    assert refused.status_code == 400 and "El filtro no es válido." in refused.get_data(as_text=True)
    too_long = client.get("/delegations/list.csv?q=" + "x" * 101, headers={"Accept-Language": "es"})
    assert too_long.status_code == 400 and "Escriba como máximo 100 caracteres." in too_long.get_data(as_text=True)
    english = client.get("/delegations/?group=XX").get_data(as_text=True)
    assert "Choose one of the listed values of “" in english and "Elija" not in english

    french = client.get("/delegations/list.csv?lang=fr&q=austria").get_data(as_text=True).lstrip("\ufeff")
    header, austria = french.splitlines()[:2]
    assert "Nom en arabe,Nom en chinois,Nom en français,Nom en russe,Nom en espagnol" in header
    assert austria.startswith("AUT,Austria,")  # the data stays as stored: it sorts and matches the same
    english = client.get("/delegations/list.csv?q=austria").get_data(as_text=True).lstrip("\ufeff")
    assert english.splitlines()[0].startswith("Code,Name,Kind,Regional group,Name in Arabic")
