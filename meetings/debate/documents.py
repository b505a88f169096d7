"""The speakers list and the record of the draw as PDF; each delegation's slot in its calendar."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import PageBreak, Spacer, Table, TableStyle
from sqlalchemy import select, true

from meetings.debate import lots
from meetings.debate.listing import DebateList, Row, build_list
from meetings.debate.models import Draw, Inscription
from meetings.delegations.models import Delegation
from meetings.exports.ical import CANCELLED, CalendarItem, page_url, to_minute, uid_for
from meetings.exports.language import in_document_language, language, local, right_to_left
from meetings.exports.pdf import (
    _CJK_RUN,
    _RTL,
    BASE,
    BOLD,
    build_pdf,
    isolated,
    mirrored,
    para,
    register_fonts,
    table,
    usable_width,
    visual_lines,
)
from meetings.extensions import db
from meetings.programme.models import CommissionSession, MeetingBlock
from meetings.timeutil import to_local

SPEAKER_HEADER = [_l("No."), _l("Delegation"), _l("Speaker and title"), _l("Level"), _l("Limit"), _l("Projected"),
                  _l("Notes")]  # fmt: skip
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
        return "\n".join(visual_lines(text, font, size, width - 7))
    if stringWidth(text, font, size) <= width - 7:
        return text
    return "\n".join(simpleSplit(text, font, size, width - 7))


class SpeakerCells:
    """The cells of the Chair's list for one document: its language read once, each text laid out once.

    The same levels, titles and names of groups come back on many rows, and laying out a text (its
    width measured, right-to-left runs shaped and reordered) costs more than drawing it.
    """

    def __init__(self, tz: ZoneInfo, widths: list[float]) -> None:
        self.zone, self.widths = tz, widths
        self.lang = language()
        self._laid_out: dict[tuple[str, float], str] = {}
        self._levels: dict[object, str] = {}

    def cell(self, text: str, width: float):
        """`_cell(text, width)`, kept for the rest of the document when it is plain text."""
        key = (text, width)
        found = self._laid_out.get(key)
        if found is None:
            found = _cell(text, width)
            if isinstance(found, str):
                self._laid_out[key] = found
        return found

    def level(self, level):
        """The level's cell; its words are looked up in the catalogue once per document."""
        words = self._levels.get(level)
        if words is None:
            words = self._levels[level] = str(level.label)
        return self.cell(words, self.widths[3])

    def row(self, row: Row) -> list:
        """One row of the Chair's list, in reading order; a name in another script goes on a line of its own.

        The name is the one of the document's language; the line below gives it in English, or (in an
        English list) in the first other script the delegation has.
        """
        i = row.inscription
        delegation = i.delegation
        shown = delegation.name_in(self.lang)
        who = [shown]
        who += [n for n in [delegation.name, *(delegation.names or {}).values()] if n and n != shown][:1]
        if i.on_behalf_of_group:
            who.append(_("on behalf of %(group)s", group=isolated(i.group_name)))
        speaker = [i.speaker_name + (f", {i.speaker_title}" if i.speaker_title else "")]
        when = row.starts_at.astimezone(self.zone).strftime("%H:%M") if row.starts_at else "—"
        widths = self.widths
        return [str(row.slot), self._lines(who, widths[1]), self._lines(speaker, widths[2]), self.level(i.level),
                _minutes(row.limit_s), when, ""]  # fmt: skip

    def _lines(self, parts: list[str], width: float):
        cells = [self.cell(p, width) for p in parts]
        if all(isinstance(c, str) for c in cells):
            return "\n".join(cells)
        return [c if not isinstance(c, str) else para(p) for c, p in zip(cells, parts, strict=True)]


def speaker_cells(row: Row, tz: ZoneInfo, widths: list[float]) -> list:
    """One row of the Chair's list, in reading order (see `SpeakerCells.row`)."""
    return SpeakerCells(tz, widths).row(row)


def speakers_table(rows: list[list], widths: list[float]) -> Table:
    """A ruled table in DejaVu Sans, readable in black and white, header repeated on each page.

    `rows` and `widths` in reading order; a right-to-left list shows the slot number at the right.
    """
    header = [_cell(str(h), w, font=BOLD) for h, w in zip(SPEAKER_HEADER, widths, strict=True)]
    rtl = right_to_left()
    t = Table([mirrored(r, rtl) for r in [header, *rows]], colWidths=mirrored(widths, rtl), repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                # Few commands over the whole table: each is re-applied to every cell at each page split.
                ("FONT", (0, 0), (-1, -1), BASE, 9, 11),
                ("FONT", (0, 0), (-1, 0), BOLD, 9, 11),
                ("ALIGN", (0, 0), (-1, -1), "RIGHT" if rtl else "LEFT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                ("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
            ]
        )
    )
    return t


@in_document_language
def speakers_list_pdf(cs: CommissionSession, blocks: list[MeetingBlock], listing: DebateList | None = None) -> bytes:
    """The Chair's list: one section per meeting, with a blank column for notes."""
    register_fonts()
    zone = ZoneInfo(cs.timezone)
    listing = listing or build_list(cs)
    width = usable_width(wide=True)
    widths = [w * width for w in SPEAKER_WIDTHS]
    cells = SpeakerCells(zone, widths)
    story: list = []
    for n, block in enumerate(blocks):
        if n:
            story.append(PageBreak())
        start = local(to_local(block.starts_at, cs.timezone), "%A %d %B %Y, %H:%M")
        end = local(to_local(block.ends_at, cs.timezone), "%H:%M")
        words = dict(meeting=isolated(block.title), start=start, end=end, room=isolated(block.room.name))
        heading = (_("%(meeting)s: %(start)s–%(end)s, until the list is exhausted · %(room)s", **words)
                   if block.open_ended else _("%(meeting)s: %(start)s–%(end)s · %(room)s", **words))  # fmt: skip
        story.append(para(heading, "h2"))
        over = listing.overflow_in(block)
        if over:
            story.append(para(ngettext(
                "The list is longer than the meetings: %(num)d speaker is projected after the planned end of this "
                "last meeting (%(end)s).",
                "The list is longer than the meetings: %(num)d speakers are projected after the planned end of this "
                "last meeting (%(end)s).", len(over), end=end), "body"))  # fmt: skip
        rows = [cells.row(r) for r in listing.rows_in(block)]
        if rows:
            story.append(speakers_table(rows, widths))
        else:
            story.append(para(_("No speaker is projected in this meeting."), "body"))
    draw = listing.draw
    state = (
        _("Order fixed by the drawing of lots of %(date)s",
          date=local(to_local(draw.performed_at, cs.timezone), "%d %B %Y"))
        if draw is not None and draw.performed
        else _("Provisional: the drawing of lots has not yet fixed the order")
    )  # fmt: skip
    subtitle = _("General debate: list of speakers · %(state)s · times in %(zone)s", state=state,
                 zone=isolated(cs.timezone))  # fmt: skip
    footer = _("%(code)s general debate: list of speakers", code=isolated(cs.code))
    return build_pdf(cs.name, subtitle, story, wide=True, footer=footer, stamp=_("Working draft, not published"))


def _check_words(result) -> str:
    if result is None:
        return _("not yet possible")
    if result.ok:
        return _("MATCH: the record recomputes exactly")
    return _("MISMATCH: %(differences)s", differences="; ".join(result.differences[:5]))


@in_document_language
def draw_record_pdf(cs: CommissionSession, draw: Draw) -> bytes:
    """Everything needed to check the draw by hand: commitment, secret, public value, seed, inputs, result, method."""
    return build_pdf(cs.name, _("Record of the drawing of lots no. %(number)d", number=draw.id),
                     draw_record_story(cs, draw))  # fmt: skip


def draw_record_story(cs: CommissionSession, draw: Draw) -> list:
    """The record of a draw as flowables (its PDF, and the session report's part on the drawing of lots)."""
    tz = cs.timezone

    def when(instant) -> str:
        return local(to_local(instant, tz), "%d %B %Y %H:%M")

    public = (
        draw.public_value
        if draw.public_value is not None
        else (
            _("none: a draw made before public values (the secret was the seed)")
            if draw.performed
            else _("fixed at the draw")
        )
    )
    facts = [
        [_("Commitment (SHA-256 of the secret)"), draw.commitment],
        [_("Published"), _("%(when)s by %(name)s", when=when(draw.committed_at),
                           name=isolated(draw.committed_by.full_name))],
        [_("Secret"), draw.secret or _("not yet revealed")],
        [_("Public value (fixed in the room)"), public],
        [_("Seed"), draw.seed or _("not yet derived")],
        [_("Drawn"), _("%(when)s by %(name)s", when=when(draw.performed_at), name=isolated(draw.performed_by.full_name))
         if draw.performed else _("not yet")],
        [_("Voided"), _("%(when)s: %(reason)s", when=when(draw.voided_at), reason=isolated(draw.void_reason))
         if draw.voided_at else _("no")],
        [_("Check"), _check_words(lots.check(draw))],
    ]  # fmt: skip
    width = usable_width()
    story = [table(["", ""], facts, [0.3 * width, 0.7 * width], repeat_header=False), Spacer(1, 4 * mm)]
    story.append(
        para(
            _(
                "Method: the commitment is SHA-256 of the secret, published before inscription closed. The seed is "
                "SHA-256 of the secret, a line break and the public value (UTF-8), in hexadecimal. Each delegation's "
                "lot is its rank when the delegation codes are sorted by HMAC-SHA256(key = seed, message = code), in "
                "hexadecimal. The delegations drawn are those inscribed in time; a late inscription takes no lot."
            ),
            "body",
        )
    )
    if draw.result:
        rows = sorted(((int(lot), code) for code, lot in draw.result.items()))
        names = {d.code: d.shown_name for d in db.session.scalars(select(Delegation).where(
            Delegation.code.in_(draw.result)))}  # fmt: skip
        story.append(table([_("Lot"), _("Delegation"), _("Delegation code")],
                           [[str(lot), names.get(code, ""), code] for lot, code in rows],
                           [0.12 * width, 0.64 * width, 0.24 * width]))  # fmt: skip
    return story


def speaking_slots(cs: CommissionSession, delegation) -> list[CalendarItem]:
    """A delegation's projected slot(s), to the minute. Same UID over time; the published SEQUENCE rises
    whenever the time or room moves (meetings.calendars). A slot the delegation no longer holds (withdrawn,
    or back on the waiting list) stays, cancelled, where it was last published."""
    if delegation is None:
        return []
    listing = build_list(cs)
    items, placed = [], set()
    for row in listing.rows:
        i = row.inscription
        if i.delegation_id != delegation.id or row.starts_at is None:
            continue
        placed.add(i.id)
        start = to_minute(row.starts_at)
        items.append(
            CalendarItem(
                uid=uid_for("gd-slot", i.id, cs.code),
                summary=_(
                    "%(code)s: general debate, slot %(slot)d (%(speaker)s)",
                    code=cs.code,
                    slot=row.slot,
                    speaker=i.speaker_name,
                ),
                starts_at=start,
                ends_at=start + timedelta(seconds=row.limit_s),
                sequence=i.ical_sequence,
                location=f"{row.block.room.name}, {cs.venue}" if row.block else cs.venue,
                description=_(
                    "Projected start; speaking time %(limit)s. %(meeting)s",
                    limit=_minutes(row.limit_s),
                    meeting=row.block.title if row.block else "",
                ),
                url=page_url("publication.speakers_list", anchor=f"slot-{row.slot}"),
            )
        )
    others = db.session.scalars(
        select(Inscription).where(
            Inscription.commission_session_id == cs.id,
            Inscription.delegation_id == delegation.id,
            Inscription.id.not_in(placed) if placed else true(),
        )
    ).all()
    waiting = {r.inscription.id for rows in listing.waiting.values() for r in rows}
    for i in others:
        if not i.active:
            words = _("Withdrawn: this slot is no longer held.")
        else:
            words = _("On the waiting list: no slot for now.") if i.id in waiting else _("No projected time for now.")
        items.append(CalendarItem(uid=uid_for("gd-slot", i.id, cs.code), starts_at=None, ends_at=None, status=CANCELLED,
                                  summary=_("%(code)s: general debate (%(speaker)s)", code=cs.code, speaker=i.speaker_name),
                                  description=words, url=page_url("publication.speakers_list")))  # fmt: skip
    return items
