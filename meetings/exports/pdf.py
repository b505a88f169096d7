"""PDF building blocks: fonts that cover every script, a page template, tables.

ReportLab draws glyphs one font at a time and knows nothing of Arabic joining or
right-to-left order, so text goes through `markup()`: Arabic and Hebrew are shaped and put in
visual order, CJK runs switch to a CJK TrueType font, everything else uses DejaVu Sans.

A document speaks the language of the request (`?lang=` included): its words come from the
catalogues at build time, and in Arabic the page itself reads right to left: paragraphs stand
at the right, a table's first column is its rightmost, the footer is mirrored. Right-to-left
text is wrapped in logical order first and each line then put in visual order, so that a
paragraph of several lines starts on its first line, not its last.
"""

import functools
import io
import logging
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

import arabic_reshaper
from arabic_reshaper.ligatures import LIGATURES
from bidi.algorithm import get_display  # the Python implementation: it also mirrors brackets in RTL runs
from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from meetings.exports.language import language, local, right_to_left

log = logging.getLogger(__name__)

FONT_DIR = Path(__file__).parent / "fonts"
CJK_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
BASE, BOLD, CJK = "DejaVuSans", "DejaVuSans-Bold", "CJK"
_CJK_RUN = re.compile(r"([\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+)")
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# Left-to-right embedding and its end, which the bidi algorithm reads and drops; the right-to-left
# mark, which it reads and keeps (taken out once the line is in visual order).
_LRE, _PDF, _RLM = "\u202a", "\u202c", "\u200f"
_fonts_ready = False
cjk_available = False


def register_fonts() -> None:
    global _fonts_ready, cjk_available
    if _fonts_ready:
        return
    pdfmetrics.registerFont(TTFont(BASE, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(BASE, normal=BASE, bold=BOLD, italic=BASE, boldItalic=BOLD)
    for candidate in CJK_CANDIDATES:
        if Path(candidate).exists():
            pdfmetrics.registerFont(TTFont(CJK, candidate, subfontIndex=0))
            cjk_available = True
            break
    else:
        log.warning("No CJK TrueType font found (install fonts-wqy-zenhei): Chinese names will not show in PDFs.")
    _fonts_ready = True


def _cmap(font: str) -> dict[int, int]:
    register_fonts()
    return pdfmetrics.getFont(font).face.charToGlyph


@functools.cache
def _reshaper() -> arabic_reshaper.ArabicReshaper:
    """Arabic shaping that uses a ligature only where DejaVu Sans draws it.

    The reshaper's defaults write the word Allah as one ligature (U+FDF2) that the font does not have:
    "عبدالله" would print with an empty box. A ligature is used only when the font has every form of it.
    """
    cmap = _cmap(BASE)
    config = {"delete_harakat": True, "support_ligatures": True}
    for name, (_letters, forms) in LIGATURES:
        config[name] = all(ord(c) in cmap for form in forms for c in form)
    return arabic_reshaper.ArabicReshaper(configuration=config)


def glyphless(text: str) -> set[str]:
    """The characters of `text` (as a PDF holds it, shaped) that no font of the documents draws: the CJK
    font for CJK runs, DejaVu Sans for the rest. What a test asks of every PDF: nothing prints as a box."""
    base, cjk = _cmap(BASE), _cmap(CJK) if cjk_available else {}
    missing = set()
    for i, run in enumerate(_CJK_RUN.split(text)):
        cmap = cjk if i % 2 and cjk_available else base
        missing |= {c for c in run if ord(c) not in cmap and not c.isspace() and c not in (_LRE, _PDF, _RLM)}
    return missing


def mirrored(cells: Sequence, rtl: bool | None = None) -> list:
    """A table row (cells, widths) in the order the page shows it: reversed when it reads right to left
    (`rtl`, when the caller already knows the document's direction)."""
    return list(reversed(cells)) if (right_to_left() if rtl is None else rtl) else list(cells)


# --- text ----------------------------------------------------------------------------------------


def _base_direction() -> str | None:
    """Right to left in a right-to-left document; elsewhere a text's own (its first letter's), so that
    a name in Arabic standing alone ("ميانمار (بورما)") keeps its brackets."""
    return "R" if right_to_left() else None


def visual(text: str) -> str:
    """Arabic and Hebrew shaped and reordered for a renderer that draws left to right.

    In a right-to-left document the base direction is right to left: a sentence that starts with
    a Latin name or a number still reads from the right.
    """
    if not _RTL.search(text):
        return _plain(text)
    return get_display(_reshaped(text), base_dir=_base_direction()).replace(_RLM, "")


@functools.lru_cache(maxsize=4096)
def _reshaped(text: str) -> str:
    """Arabic letters in their joined forms. The same few hundred names of States come back in every list,
    and shaping one costs more than drawing it (the reshaper reads its settings and runs its ligature
    patterns on every call): each text is shaped once per process."""
    return _reshaper().reshape(text)


def _plain(text: str) -> str:
    return text.replace(_LRE, "").replace(_PDF, "").replace(_RLM, "")


def isolated(value: object) -> str:
    """A value (a title, a room, a Latin name) set into a sentence of a right-to-left document, kept as
    one left-to-right run: "Plenary Hall (M Building)" keeps its closing bracket at its end, and two
    such values side by side ("title · room") still read from the right, the first one rightmost.

    (An isolate, U+2068…U+2069, says this in one mark, but python-bidi's algorithm predates isolates.)
    """
    text = "" if value is None else str(value)
    if right_to_left() and text and not _RTL.search(text):
        return f"{_RLM}{_LRE}{text}{_PDF}{_RLM}"
    return text


def visual_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """Text with right-to-left runs wrapped to `width` in logical order, each line then in visual order."""
    if not _RTL.search(text):
        return simpleSplit(_plain(text), font, size, width) or [""]
    return list(_visual_lines(text, font, size, width, _base_direction()))


@functools.lru_cache(maxsize=4096)
def _visual_lines(text: str, font: str, size: float, width: float, base: str | None) -> tuple[str, ...]:
    """The lines of `visual_lines`, laid out once per process: the names of States in Arabic come back in
    every list, and the bidi algorithm costs more than drawing the line."""
    lines = []
    for logical in _reshaped(text).split("\n"):
        lines += simpleSplit(logical, font, size, width) or [""]
    return tuple(get_display(line, base_dir=base).replace(_RLM, "") for line in lines)


def _with_fonts(text: str) -> str:
    """Escaped markup of text already in visual order, CJK runs in the CJK font."""
    register_fonts()
    parts = _CJK_RUN.split(text)
    out = []
    for i, part in enumerate(parts):
        if i % 2 and cjk_available:
            out.append(f'<font name="{CJK}">{escape(part)}</font>')
        else:
            out.append(escape(part))
    return "".join(out)


def markup(text: str | None) -> str:
    """Paragraph markup for any text: escaped, RTL shaped, CJK runs in the CJK font."""
    if not text:
        return ""
    return _with_fonts(visual(str(text)))


class BidiParagraph(Flowable):
    """A paragraph with right-to-left text, wrapped in logical order before each line is reordered.

    A Paragraph of text already in visual order would wrap it from the wrong end: the first
    line would hold the last words.
    """

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text, self.style = text, style
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        self._paragraph: Paragraph | None = None

    def _laid_out(self, width: float) -> Paragraph:
        lines = visual_lines(self.text, self.style.fontName, self.style.fontSize, width)
        return Paragraph("<br/>".join(_with_fonts(line) for line in lines), self.style)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (ReportLab's names)
        self._paragraph = self._laid_out(availWidth)
        return self._paragraph.wrap(availWidth, availHeight)

    def split(self, availWidth: float, availHeight: float) -> list:  # noqa: N803
        return self._laid_out(availWidth).split(availWidth, availHeight)

    def draw(self) -> None:
        self._paragraph.drawOn(self.canv, 0, 0)


@functools.cache
def _styles(rtl: bool) -> dict[str, ParagraphStyle]:
    register_fonts()
    # A compound ("Государство-наблюдатель") may break after its hyphen rather than overflow its column.
    body = ParagraphStyle(
        "body", fontName=BASE, fontSize=9.5, leading=12, alignment=TA_RIGHT if rtl else TA_LEFT, embeddedHyphenation=1
    )
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11),
        "head": ParagraphStyle("head", parent=body, fontName=BOLD, fontSize=9, leading=11),
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=15, leading=19, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=12, leading=15, spaceBefore=8, spaceAfter=4),
    }


def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of the document's direction (right-aligned when it reads right to left)."""
    return _styles(right_to_left())


@functools.cache
def _breaking_anywhere(style: ParagraphStyle) -> ParagraphStyle:
    """The style for text with Chinese in it: Chinese wraps between any two characters (Latin words stay whole)."""
    return ParagraphStyle(f"{style.name}-cjk", parent=style, wordWrap="CJK")


def para(text: str | None, style: str = "cell") -> Flowable:
    text = "" if text is None else str(text)
    if _RTL.search(text):
        return BidiParagraph(text, styles()[style])
    if _CJK_RUN.search(text):
        return Paragraph(markup(text), _breaking_anywhere(styles()[style]))
    return Paragraph(markup(text), styles()[style])


_PADDING = 12  # a cell's left and right padding together (ReportLab's default, 6 + 6)


def _longest_word(text: str, font: str, size: float) -> float:
    """The width of the widest piece of `text` that a line cannot break: a word (Chinese breaks anywhere).
    A compound counts whole: ReportLab breaks it at its hyphen only when the first part fits the line."""
    register_fonts()
    words = [w for w in _CJK_RUN.sub(" ", visual(text)).split() if w]
    return max((pdfmetrics.stringWidth(w, font, size) for w in words), default=0)


def _unbroken(header: list, rows: list[list], widths: list[float]) -> list[float]:
    """The widths, widened where a column's longest word would not fit (ReportLab would cut it in two:
    "Межправит-ельственная"), the room taken from the columns that can give it, in proportion."""
    need = [_longest_word(str(h), BOLD, 9) + _PADDING for h in header]
    for row in rows:
        for n, c in enumerate(row):
            if isinstance(c, str | int | float):
                need[n] = max(need[n], _longest_word(str(c), BASE, 9) + _PADDING)
    widths = list(widths)
    short = sum(max(n - w, 0) for n, w in zip(need, widths, strict=True))
    spare = sum(max(w - n, 0) for n, w in zip(need, widths, strict=True))
    if not short or spare < short:
        return widths
    return [n if n > w else w - (w - n) * short / spare for n, w in zip(need, widths, strict=True)]


def table(header: list[str], rows: list[list], widths: list[float], repeat_header: bool = True) -> Table:
    """A ruled table readable in black and white; cells may be strings or flowables.

    Header, rows and widths are given in reading order; a right-to-left document shows the first
    column at the right.
    """
    widths = _unbroken(header, rows, widths)
    data = [mirrored([para(str(h), "head") for h in header])]
    data += [
        mirrored([c if not isinstance(c, str | int | float | type(None)) else para(str(c) if c is not None else "")
                  for c in row])
        for row in rows
    ]  # fmt: skip
    t = Table(data, colWidths=mirrored(widths), repeatRows=1 if repeat_header else 0)
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BASE),
                ("ALIGN", (0, 0), (-1, -1), "RIGHT" if right_to_left() else "LEFT"),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                ("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return t


def _draw_line(canvas, x: float, y: float, text: str, size: float, *, right: bool = False) -> None:
    """One line of any script on the canvas, CJK runs in the CJK font; `right` anchors its end at x."""
    register_fonts()
    runs = [(CJK if i % 2 and cjk_available else BASE, run) for i, run in enumerate(_CJK_RUN.split(visual(text)))]
    if right:
        x -= sum(pdfmetrics.stringWidth(run, font, size) for font, run in runs)
    for font, run in runs:
        if run:
            canvas.setFont(font, size)
            canvas.drawString(x, y, run)
            x += pdfmetrics.stringWidth(run, font, size)


def printed_at(now: datetime) -> str:
    """When a copy was printed, as the footer says it."""
    if language() == "en":
        return now.strftime("%d %b %Y %H:%M %Z")
    return f"{local(now, '%d %b %Y %H:%M')} {now:%Z}"


class _Paged(Canvas):
    """A canvas that keeps its pages until the end, so that each footer can say "page n of m"."""

    def __init__(self, *args, footer=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._footer, self._kept = footer, []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._kept.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for state in self._kept:
            self.__dict__.update(state)
            self._footer(self, self._pageNumber, len(self._kept))
            super().showPage()
        super().save()


def build_pdf(
    title: str, subtitle: str, story: list, *, wide: bool = False, footer: str = "", stamp: str = ""
) -> bytes:
    """A document with the title on every page, "page n of m" and the time it was made in every footer.

    `stamp` is printed above the footer's title on every page: which published version this is and
    when it was published, or that it is a working draft."""
    register_fonts()
    buffer = io.BytesIO()
    pagesize = landscape(A4) if wide else A4
    made = printed_at(datetime.now().astimezone())
    rtl = right_to_left()
    footer_text = (footer or title)[:90]

    def decorate(canvas, page: int, pages: int) -> None:
        canvas.saveState()
        width = pagesize[0]
        where = _("Page %(page)d of %(pages)d · printed %(made)s", page=page, pages=pages, made=made)
        left, right = (where, footer_text) if rtl else (footer_text, where)
        _draw_line(canvas, 15 * mm, 10 * mm, left, 7.5)
        _draw_line(canvas, width - 15 * mm, 10 * mm, right, 7.5, right=True)
        if stamp:
            _draw_line(canvas, width - 15 * mm if rtl else 15 * mm, 13.5 * mm, stamp[:120], 7.5, right=rtl)
        canvas.restoreState()

    doc = SimpleDocTemplate(
        buffer, pagesize=pagesize, title=_plain(title), author="meetings", lang=language(),
        leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=18 * mm,
        initialFontName=BASE, initialFontSize=9.5,
    )  # fmt: skip
    head = [para(title, "title"), para(subtitle, "body"), Spacer(1, 5 * mm)]
    doc.build(head + story, canvasmaker=functools.partial(_Paged, footer=decorate))
    return buffer.getvalue()


def usable_width(wide: bool = False) -> float:
    return (landscape(A4) if wide else A4)[0] - 30 * mm
