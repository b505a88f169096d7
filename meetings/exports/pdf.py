"""PDF building blocks: fonts that cover every script, a page template, tables.

ReportLab draws glyphs one font at a time and knows nothing of Arabic joining or
right-to-left order, so text goes through `markup()`: Arabic and Hebrew are shaped and put in
visual order, CJK runs switch to a CJK TrueType font, everything else uses DejaVu Sans.
"""

import io
import logging
import re
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

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


def visual(text: str) -> str:
    """Arabic and Hebrew shaped and reordered for a renderer that draws left to right."""
    if not _RTL.search(text):
        return text
    return get_display(arabic_reshaper.reshape(text))


def markup(text: str | None) -> str:
    """Paragraph markup for any text: escaped, RTL shaped, CJK runs in the CJK font."""
    if not text:
        return ""
    register_fonts()
    parts = _CJK_RUN.split(visual(str(text)))
    out = []
    for i, part in enumerate(parts):
        if i % 2 and cjk_available:
            out.append(f'<font name="{CJK}">{escape(part)}</font>')
        else:
            out.append(escape(part))
    return "".join(out)


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=BASE, fontSize=9.5, leading=12, alignment=TA_LEFT)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11),
        "head": ParagraphStyle("head", parent=body, fontName=BOLD, fontSize=9, leading=11),
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=15, leading=19, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=12, leading=15, spaceBefore=8, spaceAfter=4),
    }


def para(text: str | None, style: str = "cell") -> Paragraph:
    return Paragraph(markup(text), styles()[style])


def table(header: list[str], rows: list[list], widths: list[float], repeat_header: bool = True) -> Table:
    """A ruled table readable in black and white; cells may be strings or flowables."""
    st = styles()
    data = [[Paragraph(markup(h), st["head"]) for h in header]]
    data += [
        [c if not isinstance(c, str | int | float | type(None)) else para(str(c) if c is not None else "") for c in row]
        for row in rows
    ]
    t = Table(data, colWidths=widths, repeatRows=1 if repeat_header else 0)
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BASE),
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


def build_pdf(title: str, subtitle: str, story: list, *, wide: bool = False, footer: str = "") -> bytes:
    """A document with the title on every page, page numbers and the time it was made."""
    register_fonts()
    buffer = io.BytesIO()
    pagesize = landscape(A4) if wide else A4
    made = datetime.now().astimezone().strftime("%d %b %Y %H:%M %Z")

    def decorate(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(BASE, 7.5)
        width, _ = pagesize
        canvas.drawString(15 * mm, 10 * mm, visual(footer or title)[:90])
        canvas.drawRightString(width - 15 * mm, 10 * mm, f"Page {doc.page} · printed {made}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        buffer, pagesize=pagesize, title=title, author="meetings",
        leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=18 * mm,
        initialFontName=BASE, initialFontSize=9.5,
    )  # fmt: skip
    head = [para(title, "title"), para(subtitle, "body"), Spacer(1, 5 * mm)]
    doc.build(head + story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


def usable_width(wide: bool = False) -> float:
    return (landscape(A4) if wide else A4)[0] - 30 * mm
