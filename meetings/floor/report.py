"""The speaking-time report of a meeting: limit against actual time, overruns."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext, pgettext
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from meetings.exports.csv import csv_bytes
from meetings.exports.language import in_document_language, local
from meetings.exports.pdf import build_pdf, isolated, para, table, usable_width
from meetings.floor.models import Turn
from meetings.i18n.words import lazy_pgettext
from meetings.programme.models import MeetingBlock
from meetings.timeutil import to_local

HEADER = ["#", _l("Delegation"), _l("Speaker"), lazy_pgettext("the capacity in which a speaker speaks", "Role"),
          _l("Started"), _l("Ended"), _l("Limit"), _l("Spoken"), _l("Overrun")]  # fmt: skip


def _mmss(seconds: int | None) -> str:
    if seconds is None:
        return ""
    m, s = divmod(int(seconds), 60)
    if m >= 60:
        return f"{m // 60}:{m % 60:02d}:{s:02d}"
    return f"{m}:{s:02d}"


def rows(block: MeetingBlock, turns: list[Turn]) -> list[list[str]]:
    tz = block.commission_session.timezone
    out = []
    for i, t in enumerate(turns, 1):
        out.append([
            str(i), t.delegation.shown_name if t.delegation else "", _speaker(t), " · ".join([str(t.role_label)] + ([_("remote")] if t.remote else [])),
            to_local(t.started_at, tz).strftime("%H:%M:%S") if t.started_at else "",
            to_local(t.ended_at, tz).strftime("%H:%M:%S") if t.ended_at else "",
            _mmss(t.limit_s), _mmss(t.duration_s), ("+" + _mmss(t.overrun_s)) if t.overrun_s else "",
        ])  # fmt: skip
    return out


def _speaker(turn: Turn) -> str:
    """The speaker, and whether points of order interrupted the speech (its time excludes them)."""
    if not turn.times_interrupted:
        return turn.speaker_name
    note = ngettext(
        "interrupted by %(num)d point of order", "interrupted by %(num)d points of order", turn.times_interrupted
    )
    return f"{turn.speaker_name} ({note})"


@in_document_language
def report_csv(block: MeetingBlock, turns: list[Turn]) -> bytes:
    """The record as a secretariat officer reads it: headers in the reader's language, times local to the
    session (the header names the zone), durations as m:ss and in seconds, every cell safe in a spreadsheet."""
    tz = block.commission_session.timezone
    header = ["#", _("Delegation"), _("Code"), _("Speaker"), pgettext("the capacity in which a speaker speaks", "Role"),
              _("Remote"), _("Started (%(zone)s)", zone=tz), _("Ended (%(zone)s)", zone=tz), _("Limit (m:ss)"),
              _("Spoken (m:ss)"), _("Overrun (m:ss)"), _("Spoken (seconds)"), _("Right of reply"),
              _("Interrupted by points of order")]  # fmt: skip
    lines = []
    for n, t in enumerate(turns, 1):
        lines.append([
            n, t.delegation.shown_name if t.delegation else "", t.delegation.code if t.delegation else "",
            t.speaker_name, str(t.role_label), _("yes") if t.remote else "",
            to_local(t.started_at, tz).strftime("%Y-%m-%d %H:%M:%S") if t.started_at else "",
            to_local(t.ended_at, tz).strftime("%Y-%m-%d %H:%M:%S") if t.ended_at else "",
            _mmss(t.limit_s), _mmss(t.duration_s), _mmss(t.overrun_s) if t.overrun_s else "", t.duration_s,
            t.reply_number, t.times_interrupted or "",
        ])  # fmt: skip
    return csv_bytes(header, lines)


def _interventions(turns: list[Turn]) -> str:
    """How many points of order and rights of reply the record holds (they are rows of their own)."""
    orders = sum(1 for t in turns if t.is_point_of_order)
    replies = sum(1 for t in turns if t.is_reply)
    return _(
        "Of which %(orders)s and %(replies)s; a speech interrupted by a point of order is recorded without it.",
        orders=ngettext("%(num)d point of order", "%(num)d points of order", orders),
        replies=ngettext("%(num)d right of reply", "%(num)d rights of reply", replies),
    )


def _totals(turns: list[Turn], spoken: int, over: int, zone: str) -> str:
    speeches = ngettext("%(num)d speech", "%(num)d speeches", len(turns))
    overruns = ngettext("%(num)d over the limit", "%(num)d over the limit", over)
    return _(
        "%(speeches)s, %(spoken)s spoken in total; %(overruns)s. Times in %(zone)s.",
        speeches=speeches, spoken=_mmss(spoken), overruns=overruns, zone=isolated(zone),
    )  # fmt: skip


@in_document_language
def report_pdf(block: MeetingBlock, turns: list[Turn]) -> bytes:
    cs = block.commission_session
    width = usable_width(wide=True)
    spoken = sum(t.duration_s or 0 for t in turns)
    over = [t for t in turns if t.overrun_s]
    start = to_local(block.starts_at, cs.timezone)
    story = [
        para(f"{isolated(block.title)} · {isolated(block.room.name)} · {local(start, '%A %d %B %Y')}", "body"),
        para(_totals(turns, spoken, len(over), cs.timezone), "body"),
        *([para(_interventions(turns), "body")] if any(t.is_point_of_order or t.is_reply for t in turns) else []),
        Spacer(1, 3 * mm),
        table(
            [str(h) for h in HEADER],
            rows(block, turns),
            [w * width for w in (0.04, 0.22, 0.22, 0.14, 0.08, 0.08, 0.07, 0.07, 0.08)],
        ),  # fmt: skip
    ]
    return build_pdf(cs.name, _("Speaking-time report · %(meeting)s", meeting=isolated(block.title)), story, wide=True)
