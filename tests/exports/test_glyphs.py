"""Every PDF the app prints, in Arabic, Chinese and English: no character goes into a PDF that its font
cannot draw (it would print as an empty box). The Allah ligature of عبدالله was one."""

import re
import subprocess

import pytest
from sqlalchemy import select

from meetings.debate.models import Draw, Inscription
from meetings.delegations.models import Delegation
from meetings.exports import pdf
from meetings.floor.models import Floor
from meetings.roundtables.models import Roundtable
from tests.exports.test_pdf import _drawn

ABDULLAH = "الشيخ عبدالله بن زايد آل نهيان"


def test_the_allah_ligature_is_drawn_with_the_fonts_letters(app):
    with app.test_request_context("/?lang=ar"):
        shaped = pdf.visual(ABDULLAH)
    assert "\ufdf2" not in shaped and pdf.glyphless(shaped) == set()
    assert pdf.glyphless("\ufdf2") == {"\ufdf2"}  # the check itself sees a character no font draws


def _every_pdf(db) -> list[str]:
    db.session.rollback()
    paths = ["/session/programme.pdf", "/delegations.pdf", "/side-events/programme.pdf", "/debate/speakers.pdf",
             "/roundtables/report.pdf"]  # fmt: skip
    paths += [f"/debate/draws/{d}.pdf" for d in db.session.scalars(select(Draw.id))]
    paths += [f"/floor/blocks/{b}/report.pdf" for b in db.session.scalars(select(Floor.block_id))]
    paths += [f"/roundtables/{r}/report.pdf" for r in db.session.scalars(select(Roundtable.id))]
    return paths


@pytest.mark.parametrize("lang", ["ar", "zh", "en"])
def test_every_pdf_of_the_demo_has_a_glyph_for_every_character(demo, db, client, log_in, lang, tmp_path):
    uae = db.session.scalar(select(Delegation).where(Delegation.code == "ARE"))
    db.session.scalar(select(Inscription).where(Inscription.delegation_id == uae.id)).speaker_name = ABDULLAH
    db.session.commit()
    log_in("secretariat")
    checked = 0
    for path in _every_pdf(db):
        response = client.get(f"{path}?lang={lang}")
        assert response.status_code == 200, path
        drawn = "".join(_drawn(response.data))
        assert pdf.glyphless(drawn) == set(), (path, sorted(pdf.glyphless(drawn)))
        checked += 1
        if path == "/debate/speakers.pdf":
            assert (
                "\ufdf2" not in drawn and "\ufeea\ufee0\ufedf" in drawn
            )  # الله in the font's letters, drawn from the left
            (tmp_path / "speakers.pdf").write_bytes(response.data)
            subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(tmp_path / "speakers.pdf"),
                            str(tmp_path / "page")], check=True)  # fmt: skip
    assert checked >= 8


@pytest.mark.parametrize("lang", ["ru", "fr", "es", "en"])
def test_the_delegations_pdf_never_cuts_a_word_of_a_kind_or_a_group(db, client, lang):
    """Each word of a kind or a regional group ("Межправительственная", "Азиатско-Тихоокеанского") is drawn
    whole on one line, or a compound broken after its hyphen: a column too narrow would cut it anywhere."""
    from meetings.delegations.models import RegionalGroup
    from tests import factories

    factories.reference_data()
    db.session.commit()
    with client.application.test_request_context(f"/?lang={lang}"):
        from meetings.i18n.setup import use_language

        use_language(lang)
        words = {w for d in db.session.scalars(select(Delegation)) for w in str(d.kind.label).split()}
        words |= {w for g in db.session.scalars(select(RegionalGroup)) for w in g.shown_name.split()}
    drawn = _drawn(client.get(f"/delegations.pdf?lang={lang}").data)
    # a compound may break after its hyphen ("Азиатско-" / "Тихоокеанского"), never inside a part
    parts = {p for w in words for p in re.split(r"(?<=-)", w) if p}
    cut = sorted(p for p in parts if not any(p in line for line in drawn))
    assert cut == [], cut


def test_every_page_says_which_page_of_how_many_and_when_it_was_printed(db, client):
    import io

    from pypdf import PdfReader

    from tests import factories

    factories.reference_data()
    db.session.commit()
    data = client.get("/delegations.pdf").data
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) > 2
    for n, page in enumerate(pages, 1):
        assert f"Page {n} of {len(pages)} · printed " in page.extract_text()


def test_a_wrapped_arabic_title_keeps_its_reading_order_on_every_line(client, cs, token_for, db, app):
    """The programme prints a long Arabic title over several lines: its first words on the first line."""
    from tests.side_events.test_schedule import accepted, put, room

    title = ("ندوة رفيعة المستوى عن الوقاية من تعاطي المخدرات القائمة على الأدلة العلمية في المدارس والأسر "
             "والمجتمعات المحلية وأماكن العمل")  # fmt: skip
    (event,) = accepted(db, cs, "uae", title=title)
    put(client, token_for("secretariat"), event.id, "2024-03-14", "08:00", room(db, "Conference Room C3"))
    for lang in ("en", "ar"):
        drawn = _drawn(client.get(f"/side-events/programme.pdf?lang={lang}").data)
        with app.test_request_context(f"/?lang={lang}"):
            first, last = pdf.visual("ندوة"), pdf.visual("العمل")
        lines = [n for n, line in enumerate(drawn) if first in line or last in line]
        assert len(lines) >= 2, (lang, lines)  # the title wraps
        top = next(n for n in lines if first in drawn[n])
        bottom = next(n for n in lines if last in drawn[n])
        assert top < bottom, f"{lang}: the title's first words are drawn below its last ones"
