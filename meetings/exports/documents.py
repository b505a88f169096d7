"""The programme and the list of delegations as PDF."""

from itertools import groupby

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from meetings.delegations.models import Delegation
from meetings.exports.language import in_document_language, local
from meetings.exports.pdf import build_pdf, isolated, para, table, usable_width
from meetings.programme.models import CommissionSession, SegmentKind
from meetings.timeutil import to_local

# The kinds of meeting as the programme names them (English: the stored value in words).
BLOCK_KINDS = {"general_debate": _l("general debate"), "roundtable": _l("roundtable"), "plenary": _l("plenary"),
               "opening": _l("opening")}  # fmt: skip


def _segment_line(segment) -> str:
    words = dict(start=local(segment.start_date, "%d"), end=local(segment.end_date, "%d %B %Y"))
    if segment.kind == SegmentKind.high_level:
        return _("High-level segment: %(start)s to %(end)s", **words)
    return _("Regular segment: %(start)s to %(end)s", **words)


def _block_title(b) -> str:
    if b.is_cancelled:
        return _("%(meeting)s (cancelled)", meeting=isolated(b.title))
    if b.open_ended:
        return _("%(meeting)s (until the list is exhausted)", meeting=isolated(b.title))
    return b.title


@in_document_language
def programme_pdf(cs: CommissionSession) -> bytes:
    width = usable_width()
    story: list = []
    for segment in cs.segments:
        story.append(para(_segment_line(segment), "body"))
    story.append(Spacer(1, 4 * mm))
    by_day = groupby(cs.blocks, key=lambda b: to_local(b.starts_at, cs.timezone).date())
    for day, blocks in by_day:
        story.append(para(local(day, "%A %d %B %Y"), "h2"))
        rows = []
        for b in blocks:
            start, end = to_local(b.starts_at, cs.timezone), to_local(b.ends_at, cs.timezone)
            kind = BLOCK_KINDS.get(b.kind.value) or b.kind.value.replace("_", " ")
            rows.append([f"{start:%H:%M}–{end:%H:%M}", _block_title(b), str(kind), b.room.name])
        story.append(
            table([_("Time"), _("Meeting"), _("Kind"), _("Room")], rows,
                  [0.14 * width, 0.44 * width, 0.14 * width, 0.28 * width])
        )  # fmt: skip
    subtitle = _("Programme · %(venue)s · times in %(zone)s", venue=isolated(cs.venue), zone=isolated(cs.timezone))
    return build_pdf(cs.name, subtitle, story)


@in_document_language
def delegations_pdf(delegations: list[Delegation], title: str) -> bytes:
    """The delegations with their names: the reader's language first, then the others. Landscape: in some
    languages the longest words of the columns ("Межправительственная", "Азиатско-Тихоокеанского") need
    more than a portrait page to stand whole."""
    width = usable_width(wide=True)
    rows = []
    for d in delegations:
        shown = d.shown_name
        names = [d.name] + [v for _k, v in sorted((d.names or {}).items())]
        # one a line: a name in one script never wraps into another
        other = [para(v) for v in dict.fromkeys(v for v in names if v and v != shown)]
        group = d.regional_group.shown_name if d.regional_group else ""
        rows.append([d.code, shown, other, str(d.kind.label), group])
    story = [table([_("Code"), _("Name"), _("Other languages"), _("Kind"), _("Regional group")], rows,
                   [0.11 * width, 0.30 * width, 0.25 * width, 0.14 * width, 0.20 * width])]  # fmt: skip
    count = ngettext("%(num)d delegation", "%(num)d delegations", len(delegations))
    return build_pdf(title, count, story, wide=True)
