"""The lists of participants as PDF and CSV, and the delegations not registered for the high-level segment as CSV.

Built in the request's language (`?lang=`); names of States and people print in any script (the
table cells of meetings.exports.pdf shape Arabic and switch to a CJK font for Chinese). The CSV keeps
names as stored, its headers and words in the reader's language.
"""

from flask_babel import gettext as _
from flask_babel import ngettext, pgettext
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from meetings.exports.csv import csv_bytes
from meetings.exports.language import in_document_language
from meetings.exports.pdf import build_pdf, isolated, para, table, usable_width
from meetings.programme.models import CommissionSession
from meetings.registration import rules
from meetings.registration.lists import DelegationRows, Missing, by_segment, count_rows, segment_title
from meetings.registration.models import Participant


def person(p: Participant) -> str:
    """The participant as printed: title and name."""
    return f"{p.title} {p.name}".strip()


def _names(delegation) -> list[str]:
    """The delegation's name in the reader's language, then its first name in another script (English, or in an
    English list the first other one), as the Chair's speakers list prints it."""
    shown = delegation.shown_name
    others = [n for n in [delegation.name, *(delegation.names or {}).values()] if n and n != shown]
    return [shown, *others[:1]]


def _yes(value: bool) -> str:
    return _("yes") if value else ""


def _counts_table(counts: rules.Counts, segments: tuple[str, ...], width: float):
    header = [_("Regional group")] + [segment_title(s) for s in segments]
    rows = []
    for label, code in count_rows():
        cells = [ngettext("%(num)d participant", "%(num)d participants", counts.participants_in(code, s))
                 + " · " + ngettext("%(num)d delegation", "%(num)d delegations", counts.delegations_in(code, s))
                 for s in segments]  # fmt: skip
        rows.append([label, *cells])
    rows.append([_("Total")] + [
        ngettext("%(num)d participant", "%(num)d participants", counts.total(s)) + " · "
        + ngettext("%(num)d delegation", "%(num)d delegations", counts.total_delegations(s)) for s in segments
    ])  # fmt: skip
    first = 0.34 * width
    return table(header, rows, [first] + [(width - first) / len(segments)] * len(segments))


def _delegation_table(rows: DelegationRows, width: float):
    header = [
        _("No."),
        _("Name"),
        _("Function"),
        _("Head of delegation"),
        _("Attendance"),
        pgettext("a registered participant", "Status"),
    ]
    lines = [[str(n), person(p), p.function, _yes(p.head_of_delegation), str(p.attendance.label), str(p.status.label)]
             for n, p in enumerate(rows.participants, 1)]  # fmt: skip
    return table(header, lines, [w * width for w in (0.06, 0.27, 0.25, 0.14, 0.15, 0.13)])


@in_document_language
def participants_pdf(cs: CommissionSession, participants: list[Participant], segments: tuple[str, ...],
                     counts: rules.Counts, filtered: bool) -> bytes:  # fmt: skip
    """The participants by segment, delegation by delegation (its name in the reader's language and in English),
    after the counts by regional group and segment."""
    width = usable_width()
    story: list = [para(_("Counts by regional group and segment"), "h2"), _counts_table(counts, segments, width)]
    for segment, delegations in by_segment(participants, segments):
        story += [Spacer(1, 4 * mm), para(segment_title(segment), "h2")]
        if not delegations:
            story.append(para(_("No participant is registered for this segment."), "body"))
        for rows in delegations:
            d = rows.delegation
            group = d.regional_group.shown_name if d.regional_group else ""
            heading = " · ".join(n for n in [*_names(d), group] if n)
            story += [para(heading, "head"), _delegation_table(rows, width), Spacer(1, 2 * mm)]
    subtitle = _("Registered participants by segment · %(code)s", code=isolated(cs.code))
    if filtered:
        subtitle += " · " + _("filtered list")
    return build_pdf(cs.name, subtitle, story, footer=_("%(code)s participants", code=isolated(cs.code)))


@in_document_language
def participants_csv(participants: list[Participant], segments: tuple[str, ...]) -> bytes:
    """One line per participant and segment (a participant of both segments is in each list)."""
    header = [_("Segment"), _("Delegation"), _("Code"), _("Regional group"), _("Name"),
              pgettext("a person's honorific", "Title"), _("Function"), _("Head of delegation"), _("Attendance"), pgettext("a registered participant", "Status"),
              _("Reason returned")]  # fmt: skip
    lines = []
    for segment, delegations in by_segment(participants, segments):
        for rows in delegations:
            d = rows.delegation
            for p in rows.participants:
                lines.append([segment_title(segment), d.name, d.code, d.regional_group.name if d.regional_group else "",
                              p.name, p.title, p.function, _yes(p.head_of_delegation), str(p.attendance.label),
                              str(p.status.label), p.return_reason])  # fmt: skip
    return csv_bytes(header, lines)


@in_document_language
def missing_csv(missing: list[Missing]) -> bytes:
    header = [_("Code"), _("Delegation"), _("Kind"), _("Regional group"), _("Where it stands")]
    return csv_bytes(header, [
        [m.delegation.code, m.delegation.name, str(m.delegation.kind.label),
         m.delegation.regional_group.name if m.delegation.regional_group else "", m.state]
        for m in missing
    ])  # fmt: skip
