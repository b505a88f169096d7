"""The session report as a PDF: cover, figures, the general debate as delivered, the roundtables, the
high-level side events held and the drawings of lots.

Each part reuses its feature's own builder: the floor's per-meeting record (meetings.floor.report.rows),
the roundtables' part of the session report, the side-event programme's tables, the record of a draw.
"""

from dataclasses import dataclass
from datetime import datetime

from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from meetings.debate import lots
from meetings.debate.documents import draw_record_story
from meetings.exports.language import in_document_language, local
from meetings.exports.pdf import build_pdf, isolated, para, table, usable_width
from meetings.floor.models import Turn
from meetings.floor.report import HEADER as RECORD_HEADER
from meetings.floor.report import rows as record_rows
from meetings.floor.services import floor_of
from meetings.i18n.words import _, ngettext
from meetings.programme.models import CommissionSession, MeetingBlock
from meetings.report import charts as charting
from meetings.report import figures as numbers
from meetings.roundtables.report import session_report_story
from meetings.side_events.exports import programme_story
from meetings.side_events.models import SideEventKind
from meetings.side_events.scheduling import scheduled
from meetings.timeutil import to_local, utcnow


@dataclass
class Version:
    """Which version a copy is: a draft (number None) or final no. n; the chain head printed in it."""

    number: int | None
    chain_seq: int
    chain_hash: str
    made_at: datetime


def group_name(figures: numbers.Figures):
    def name(code: str) -> str:
        group = figures.group_names.get(code)
        return group.shown_name if group is not None else _("Observers (no regional group)")

    return name


def level_name(key: str) -> str:
    from meetings.debate.models import Level

    return str(Level(key).label) if key else _("Level not recorded")


def meeting_name(block: MeetingBlock) -> str:
    start = to_local(block.starts_at, block.commission_session.timezone)
    return f"{local(start, '%d %b %H:%M')}"


def chart_list(cs: CommissionSession, figures: numbers.Figures) -> list[charting.Chart]:
    return charting.charts(figures, group_name(figures), level_name, meeting_name)


class _Chart(Flowable):
    """A ReportLab drawing as a flowable, scaled to the width it is given."""

    def __init__(self, drawing: Drawing, width: float) -> None:
        super().__init__()
        self.drawing, self.scale = drawing, min(1.0, width / drawing.width)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (ReportLab's names)
        return self.drawing.width * self.scale, self.drawing.height * self.scale

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.scale(self.scale, self.scale)
        self.drawing.drawOn(self.canv, 0, 0)
        self.canv.restoreState()


def _cover(cs: CommissionSession, version: Version, figures: numbers.Figures) -> list:
    made = local(to_local(version.made_at, cs.timezone), "%d %B %Y %H:%M")
    which = (_("Final version no. %(number)d, made %(when)s", number=version.number, when=made)
             if version.number else _("Draft made %(when)s: not a final version", when=made))  # fmt: skip
    chain = _("The audit log's chain head when this report was made: entry %(seq)d, hash %(hash)s. Anyone can "
              "check that the log up to that entry is unchanged.", seq=version.chain_seq, hash=version.chain_hash)  # fmt: skip
    held = ngettext("%(num)d speech delivered in the general debate.", "%(num)d speeches delivered in the general "
                    "debate.", figures.speeches)  # fmt: skip
    return [para(which, "h2"), para(chain, "body"), para(held, "body"), Spacer(1, 3 * mm),
            para(_("Contents: figures; the general debate as delivered; the roundtables; the high-level side "
                   "events held; the drawing of lots."), "body")]  # fmt: skip


def _figures_part(charts: list[charting.Chart]) -> list:
    width = usable_width()
    story: list = [Spacer(1, 4 * mm), para(_("Figures"), "title"),
                   para(_("Speeches are those recorded on the floor of each general-debate meeting (national "
                          "statements and statements on behalf of groups); allotted time is each speech's limit."),
                        "small")]  # fmt: skip
    for chart in charts:
        story += [CondPageBreak(90 * mm), _Chart(chart.draw(True), width)]
        cols = len(chart.header)
        story += [table(chart.header, chart.rows or [["—"] + [""] * (cols - 1)], [width / cols] * cols),
                  Spacer(1, 4 * mm)]  # fmt: skip
    return story


def _absent(turns: list[Turn]) -> list:
    return [t for t in turns if t.times_absent]


def _debate_part(cs: CommissionSession, figures: numbers.Figures) -> list:
    width = usable_width()
    record = numbers.records(cs)
    story: list = [PageBreak(), para(_("The general debate as delivered"), "title")]
    blocks = numbers.general_debate_blocks(cs)
    if not blocks:
        story.append(para(_("No general-debate meeting is set up."), "body"))
    for block in blocks:
        turns = record[block.id]
        start = to_local(block.starts_at, cs.timezone)
        story.append(para(f"{isolated(block.title)} · {isolated(block.room.name)} · "
                          f"{local(start, '%A %d %B %Y, %H:%M')}", "h2"))  # fmt: skip
        if not turns:
            story.append(para(_("No speech is on the record of this meeting."), "body"))
            continue
        levels = numbers.levels_of(turns)
        rows = [row[:4] + [levels[t.id].label if levels.get(t.id) else ""] + row[4:]
                for row, t in zip(record_rows(block, turns), turns, strict=True)]  # fmt: skip
        header = [str(h) for h in RECORD_HEADER]
        header = header[:4] + [_("Level")] + header[4:]
        story.append(table(header, rows, [w * width for w in (0.04, 0.15, 0.17, 0.12, 0.11, 0.09, 0.09, 0.07, 0.08,
                                                               0.08)]))  # fmt: skip
        spoken = sum(t.duration_s or 0 for t in turns)
        over = sum(1 for t in turns if t.overrun_s)
        story.append(para(_("%(speeches)s; %(over)s; %(spoken)s spoken in all.",
                            speeches=ngettext("%(num)d turn on the record", "%(num)d turns on the record", len(turns)),
                            over=ngettext("%(num)d over the limit", "%(num)d over the limit", over),
                            spoken=charting._mmss(spoken)), "small"))  # fmt: skip
    moved = [t for b in blocks for t in _absent(_turns_of(b))]
    story.append(para(_("Absent when called, and moved"), "h2"))
    if not moved:
        story.append(para(_("No speaker was absent when called."), "body"))
    else:
        rows = [[t.shown_who, t.speaker_name, str(t.times_absent), _("heard later") if t.ended_at else _("not heard")]
                for t in moved]  # fmt: skip
        story.append(table([_("Delegation"), _("Speaker"), _("Times absent"), _("Outcome")], rows,
                           [0.34 * width, 0.34 * width, 0.14 * width, 0.18 * width]))  # fmt: skip
    return story


def _turns_of(block: MeetingBlock) -> list[Turn]:
    floor = floor_of(block)
    return sorted(floor.turns, key=lambda t: t.position) if floor is not None else []


def held_side_events(cs: CommissionSession, now: datetime | None = None) -> list:
    """The high-level side events held: accepted, scheduled, and begun by now."""
    now = now or utcnow()
    return [e for e in scheduled(cs) if e.kind == SideEventKind.high_level and e.starts_at <= now]


def _side_events_part(cs: CommissionSession) -> list:
    story: list = [PageBreak(), para(_("High-level side events held"), "title")]
    return story + programme_story(cs, held_side_events(cs))


def _lots_part(cs: CommissionSession) -> list:
    story: list = [PageBreak(), para(_("The drawing of lots"), "title"),
                   para(_("Each draw with its commitment, public value and seed: anyone can recompute the lots."),
                        "small")]  # fmt: skip
    draws = lots.all_draws(cs)
    if not draws:
        story.append(para(_("No drawing of lots has taken place."), "body"))
    for draw in draws:
        story += [para(_("Drawing of lots no. %(number)d", number=draw.id), "h2"), *draw_record_story(cs, draw)]
    return story


@in_document_language
def report_pdf(cs: CommissionSession, version: Version) -> bytes:
    """The whole report in the document's language."""
    figures = numbers.compute(cs)
    story = _cover(cs, version, figures)
    story += _figures_part(chart_list(cs, figures))
    story += _debate_part(cs, figures)
    story += [PageBreak(), para(_("The roundtables"), "title"), *session_report_story(cs)]
    story += _side_events_part(cs)
    story += _lots_part(cs)
    subtitle = (_("Report of the session · final version no. %(number)d", number=version.number)
                if version.number else _("Report of the session · draft"))  # fmt: skip
    footer = (_("%(code)s report of the session, no. %(number)d", code=isolated(cs.code), number=version.number)
              if version.number else _("%(code)s report of the session, draft", code=isolated(cs.code)))  # fmt: skip
    return build_pdf(cs.name, subtitle, story, footer=footer)
