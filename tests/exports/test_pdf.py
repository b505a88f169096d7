import io
import shutil
import subprocess
import unicodedata

from pypdf import PdfReader

from meetings.delegations.models import Delegation
from meetings.exports import pdf
from meetings.exports.documents import delegations_pdf


def _text(data: bytes) -> str:
    """The text of every page, with line breaks from wrapping folded into spaces."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def test_delegation_names_in_cyrillic_arabic_and_chinese(db, demo):
    chosen = db.session.scalars(db.select(Delegation).where(Delegation.code.in_(["RUS", "CHN", "ARE", "CIV"]))).all()
    data = delegations_pdf(chosen, "Delegations")
    text = unicodedata.normalize("NFKC", _text(data))
    assert "Российская Федерация" in text
    assert "中国" in text
    assert "Côte d'Ivoire" in text
    # Arabic is drawn shaped, in visual order: the letters are there, right to left
    arabic = "الإمارات"
    assert arabic in text or arabic[::-1] in text


def test_fonts_are_embedded_truetype_not_helvetica(db, demo):
    data = delegations_pdf(db.session.scalars(db.select(Delegation).limit(3)).all(), "x")
    reader = PdfReader(io.BytesIO(data))
    names = {str(f.get_object()["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert all("Helvetica" not in n for n in names)
    assert any("DejaVuSans" in n for n in names)


def test_cjk_font_is_available():
    pdf.register_fonts()
    assert pdf.cjk_available, "install fonts-wqy-zenhei: Chinese names would not show"


def test_markup_escapes_and_switches_fonts():
    out = pdf.markup("A & B <中国>")
    assert "&amp;" in out and "&lt;" in out
    assert '<font name="CJK">中国</font>' in out


def test_programme_pdf_lists_the_meetings_and_renders(client, demo, tmp_path):
    response = client.get("/session/programme.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = _text(response.data)
    assert "Thursday 14 March 2024" in text
    assert "Roundtable 1: Taking stock" in text
    assert "19:30–21:00" in text and "(until the list is exhausted)" in text
    path = tmp_path / "programme.pdf"
    path.write_bytes(response.data)
    assert shutil.which("pdftoppm"), "poppler-utils is needed to render PDFs"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")], check=True
    )
    assert (tmp_path / "page-1.png").stat().st_size > 5000
