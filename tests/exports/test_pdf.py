import io
import re
import shutil
import subprocess
import unicodedata

from pypdf import PdfReader
from pypdf.generic import ContentStream

from meetings.delegations.models import Delegation
from meetings.exports import pdf
from meetings.exports.documents import delegations_pdf
from tests.factories import delegations


def _text(data: bytes) -> str:
    """The text of every page, with line breaks from wrapping folded into spaces."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def _to_unicode(font) -> dict[int, str]:
    """A simple font's ToUnicode CMap: byte code -> the characters its glyph stands for."""
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    out = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, dest in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(code, 16)] = bytes.fromhex(dest).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, dest in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            for i in range(int(hi, 16) - int(lo, 16) + 1):
                out[int(lo, 16) + i] = chr(int(dest, 16) + i)
    return out


def _drawn(data: bytes) -> list[str]:
    """Every string shown (Tj/TJ) in the pages' content streams, glyph by glyph in drawing order.

    Unlike extract_text, which puts right-to-left runs back into logical order, this is
    what the PDF paints from left to right.
    """
    reader = PdfReader(io.BytesIO(data))
    shown = []
    for page in reader.pages:
        fonts = {name: _to_unicode(f.get_object()) for name, f in page["/Resources"]["/Font"].items()}
        cmap: dict[int, str] = {}
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                cmap = fonts[operands[0]]
            elif operator in (b"Tj", b"TJ", b"'", b'"'):
                strings = operands[0] if operator == b"TJ" else operands[-1:]
                raw = b"".join(getattr(s, "original_bytes", s) for s in strings if not isinstance(s, (int, float)))
                shown.append("".join(cmap[b] for b in raw))
    return shown


def test_delegation_names_in_cyrillic_arabic_and_chinese(db):
    delegations("RUS", "CHN", "ARE", "CIV")
    chosen = db.session.scalars(db.select(Delegation).where(Delegation.code.in_(["RUS", "CHN", "ARE", "CIV"]))).all()
    data = delegations_pdf(chosen, "Delegations")
    text = unicodedata.normalize("NFKC", _text(data))
    assert "Российская Федерация" in text
    assert "中国" in text
    assert "Côte d'Ivoire" in text
    # extract_text gives Arabic back in logical order; NFKC undoes the shaping (see the next test)
    assert "الإمارات العربية المتحدة" in text


def test_arabic_name_is_drawn_shaped_and_right_to_left(db):
    delegations("ARE")
    name = "الإمارات العربية المتحدة"
    uae = db.session.scalars(db.select(Delegation).where(Delegation.code == "ARE")).one()
    assert uae.names["ar"] == name
    drawn = [
        s
        for s in _drawn(delegations_pdf([uae], "Delegations"))
        if re.search("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]", s)
    ]
    glyphs = " ".join(drawn)  # one line when shaped; unshaped letters are wider and wrap
    # Shaped: each letter is drawn as its joining form (initial, medial, final, isolated, lam-alef
    # ligature), never as the bare letter of U+0600–U+06FF that a PDF viewer would show unjoined.
    bare = [f"U+{ord(c):04X}" for c in glyphs if "\u0600" <= c <= "\u06ff"]
    assert not bare, f"unshaped Arabic letters drawn: {bare}"
    assert all(c == " " or "\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff" for c in glyphs), glyphs
    # Right to left: painted left to right, the glyphs are the shaped name reversed...
    shaped = (
        "\ufe8d\ufef9\ufee3\ufe8e\ufead\ufe8d\ufe95"  # ﺍﻹﻣﺎﺭﺍﺕ: alef, lam-alef ligature, meem initial, ...
        " \ufe8d\ufedf\ufecc\ufeae\ufe91\ufef4\ufe94"  # ﺍﻟﻌﺮﺑﻴﺔ: ..., ain medial, ..., teh marbuta final
        " \ufe8d\ufedf\ufee4\ufe98\ufea4\ufeaa\ufe93"  # ﺍﻟﻤﺘﺤﺪﺓ
    )
    assert glyphs == shaped[::-1], f"drawn {glyphs!r}, expected the shaped name reversed {shaped[::-1]!r}"
    # ...which are the name's letters, first letter rightmost
    assert unicodedata.normalize("NFKC", glyphs[::-1]) == name


def test_fonts_are_embedded_truetype_not_helvetica(db):
    delegations("AUT", "BRA", "KEN")
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


def test_programme_pdf_lists_the_meetings_and_renders(client, cs, tmp_path):
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
