"""The speakers list and the record of the draw as PDF; each delegation's slot in its calendar."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import arabic_reshaper
from bidi import get_display
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

from meetings.debate import lots
from meetings.debate.listing import DebateList, Row, build_list
from meetings.debate.models import Draw
from meetings.exports.ical import CalendarItem, uid_for
from meetings.exports.pdf import _CJK_RUN, _RTL, BASE, BOLD, build_pdf, para, register_fonts, table, usable_width
from meetings.programme.models import CommissionSession, MeetingBlock
from meetings.timeutil import to_local

SPEAKER_HEADER = ["No.", "Delegation", "Speaker and title", "Level", "Limit", "Projected", "Notes"]
SPEAKER_WIDTHS = (0.05, 0.23, 0.29, 0.16, 0.06, 0.08, 0.13)


def _minutes(seconds: int) -> str:
    m, s = divmod(int(seconds), 60)
    return f"{m}:{s:02d}"


def _cell(text: str, width: float, size: float = 9, font: str = BASE):
    """A table cell as plain wrapped text, which ReportLab draws far faster than a Paragraph.

    Text with CJK characters needs a second font within the cell, so it becomes a Paragraph.
    """
    if not text:
        return ""
    if _CJK_RUN.search(text):
        return para(text, "small" if size < 9 else "cell")
    if _RTL.search(text):
        # Wrap in logical order, then put each line in visual order: the first line stays first.
        shaped = arabic_reshaper.reshape(text)
        return "\n".join(get_display(line) for line in simpleSplit(shaped, font, size, width - 7))
    if stringWidth(text, font, size) <= width - 7:
        return text
    return "\n".join(simpleSplit(text, font, size, width - 7))


def speaker_cells(row: Row, tz: ZoneInfo, widths: list[float]) -> list:
    """One row of the Chair's list; a name in another script goes on a line of its own."""
    i = row.inscription
    who = [i.delegation.name]
    who += [n for n in (i.delegation.names or {}).values() if n and n != i.delegation.name][:1]
    if i.on_behalf_of_group:
        who.append(f"on behalf of {i.group_name}")
    speaker = [i.speaker_name + (f", {i.speaker_title}" if i.speaker_title else "")]
    when = row.starts_at.astimezone(tz).strftime("%H:%M") if row.starts_at else "—"

    def lines(parts: list[str], width: float):
        cells = [_cell(p, width) for p in parts]
        if all(isinstance(c, str) for c in cells):
            return "\n".join(cells)
        return [c if not isinstance(c, str) else para(p) for c, p in zip(cells, parts, strict=True)]

    level = _cell(i.level.label, widths[3])
    return [str(row.slot), lines(who, widths[1]), lines(speaker, widths[2]), level, _minutes(row.limit_s), when, ""]


def speakers_table(rows: list[list], widths: list[float]) -> Table:
    """A ruled table in DejaVu Sans, readable in black and white, header repeated on each page."""
    t = Table([[_cell(h, w) for h, w in zip(SPEAKER_HEADER, widths, strict=True)]] + rows, colWidths=widths,
              repeatRows=1)  # fmt: skip
    t.setStyle(
        TableStyle(
            [
                # Few commands over the whole table: each is re-applied to every cell at each page split.
                ("FONT", (0, 0), (-1, -1), BASE, 9, 11),
                ("FONT", (0, 0), (-1, 0), BOLD, 9, 11),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                ("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
            ]
        )
    )
    return t


def speakers_list_pdf(cs: CommissionSession, blocks: list[MeetingBlock], listing: DebateList | None = None) -> bytes:
    """The Chair's list: one section per meeting, with a blank column for notes."""
    register_fonts()
    zone = ZoneInfo(cs.timezone)
    listing = listing or build_list(cs)
    width = usable_width(wide=True)
    widths = [w * width for w in SPEAKER_WIDTHS]
    story: list = []
    for n, block in enumerate(blocks):
        if n:
            story.append(PageBreak())
        start = to_local(block.starts_at, cs.timezone)
        end = f"{to_local(block.ends_at, cs.timezone):%H:%M}"
        end = f"{end}, until the list is exhausted" if block.open_ended else end
        story.append(para(f"{block.title}: {start:%A %d %B %Y, %H:%M}–{end} · {block.room.name}", "h2"))
        over = listing.overflow_in(block)
        if over:
            story.append(para(f"The list is longer than the meetings: {len(over)} speakers are projected after the "
                              f"planned end of this last meeting ({to_local(block.ends_at, cs.timezone):%H:%M}).", "body"))  # fmt: skip
        rows = [speaker_cells(r, zone, widths) for r in listing.rows_in(block)]
        if rows:
            story.append(speakers_table(rows, widths))
        else:
            story.append(para("No speaker is projected in this meeting.", "body"))
    draw = listing.draw
    state = (
        f"Order fixed by the drawing of lots of {to_local(draw.performed_at, cs.timezone):%d %B %Y}"
        if draw is not None and draw.performed
        else "Provisional: the drawing of lots has not yet fixed the order"
    )
    subtitle = f"General debate: list of speakers · {state} · times in {cs.timezone}"
    return build_pdf(cs.name, subtitle, story, wide=True, footer=f"{cs.code} general debate: list of speakers")


def draw_record_pdf(cs: CommissionSession, draw: Draw) -> bytes:
    """Everything needed to check the draw by hand: commitment, secret, public value, seed, inputs, result, method."""
    tz = cs.timezone
    result = lots.check(draw)
    public = (
        draw.public_value
        if draw.public_value is not None
        else (
            "none: a draw made before public values (the secret was the seed)"
            if draw.performed
            else "fixed at the draw"
        )
    )
    facts = [
        ["Commitment (SHA-256 of the secret)", draw.commitment],
        ["Published", f"{to_local(draw.committed_at, tz):%d %B %Y %H:%M} by {draw.committed_by.full_name}"],
        ["Secret", draw.secret or "not yet revealed"],
        ["Public value (fixed in the room)", public],
        ["Seed", draw.seed or "not yet derived"],
        ["Drawn", f"{to_local(draw.performed_at, tz):%d %B %Y %H:%M} by {draw.performed_by.full_name}"
         if draw.performed else "not yet"],
        ["Voided", f"{to_local(draw.voided_at, tz):%d %B %Y %H:%M}: {draw.void_reason}" if draw.voided_at else "no"],
        ["Check", "not yet possible" if result is None else ("MATCH: the record recomputes exactly"
                                                             if result.ok else "MISMATCH: " + "; ".join(result.differences[:5]))],
    ]  # fmt: skip
    width = usable_width()
    story = [table(["", ""], facts, [0.3 * width, 0.7 * width], repeat_header=False), Spacer(1, 4 * mm)]
    story.append(
        para(
            "Method: the commitment is SHA-256 of the secret, published before inscription closed. The seed is "
            "SHA-256 of the secret, a line break and the public value (UTF-8), in hexadecimal. Each delegation's lot "
            "is its rank when the delegation codes are sorted by HMAC-SHA256(key = seed, message = code), in "
            "hexadecimal. The delegations drawn are those inscribed in time; a late inscription takes no lot.",
            "body",
        )
    )
    if draw.result:
        rows = sorted(((int(lot), code) for code, lot in draw.result.items()))
        story.append(table(["Lot", "Delegation code"], [[str(lot), code] for lot, code in rows],
                           [0.2 * width, 0.8 * width]))  # fmt: skip
    return build_pdf(cs.name, f"Record of the drawing of lots no. {draw.id}", story)


def speaking_slots(cs: CommissionSession, delegation) -> list[CalendarItem]:
    """A delegation's projected slot(s). Same UID over time; SEQUENCE grows when the time moves."""
    if delegation is None:
        return []
    listing = build_list(cs)
    items = []
    for row in listing.rows:
        i = row.inscription
        if i.delegation_id != delegation.id or row.starts_at is None:
            continue
        moved = i.projected_at != row.starts_at
        items.append(
            CalendarItem(
                uid=uid_for("gd-slot", i.id, cs.code),
                summary=f"{cs.code}: general debate, slot {row.slot} ({i.speaker_name})",
                starts_at=row.starts_at,
                ends_at=row.starts_at + timedelta(seconds=row.limit_s),
                sequence=i.ical_sequence + (1 if moved else 0),
                location=f"{row.block.room.name}, {cs.venue}" if row.block else cs.venue,
                description=f"Projected start; speaking time {_minutes(row.limit_s)}. {row.block.title if row.block else ''}",
            )
        )
    return items
