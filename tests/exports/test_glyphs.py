"""Every PDF the app prints, in Arabic, Chinese and English: no character goes into a PDF that its font
cannot draw (it would print as an empty box). The Allah ligature of عبدالله was one."""

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
            assert "\ufdf2" not in drawn and "\ufeea\ufee0\ufedf" in drawn  # الله in the font's letters, drawn from the left
            (tmp_path / "speakers.pdf").write_bytes(response.data)
            subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(tmp_path / "speakers.pdf"),
                            str(tmp_path / "page")], check=True)  # fmt: skip
    assert checked >= 8
