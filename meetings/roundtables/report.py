"""A roundtable's outputs: its report as PDF, and the roundtable in the calendars.

The report holds the topic, day, time and room, the co-chairs with their regional groups, the
panelists in their order, the speakers from the floor with their times from the floor's record, and
the co-chairs' summary. It is built in the request's language (`?lang=`) and renders every script.

In calendars a roundtable is its meeting block's event (the same UID and SEQUENCE), told more: the
session agenda names its co-chairs and panelists; the feed of a delegation whose people are co-chairs
or panelists holds the roundtable with the delegation's roles.
"""

from flask_babel import gettext as _
from flask_babel import ngettext
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from meetings.delegations.models import Delegation
from meetings.exports.ical import CalendarItem, page_url, uid_for
from meetings.exports.language import in_document_language, local
from meetings.exports.pdf import build_pdf, isolated, para, table, usable_width
from meetings.floor.models import Turn, TurnRole
from meetings.floor.services import floor_of
from meetings.programme.models import CommissionSession
from meetings.roundtables import panel
from meetings.roundtables.models import Nomination, NominationStatus, Panelist, Roundtable
from meetings.roundtables.nominations import confirmed_cochairs, roundtables_of
from meetings.timeutil import to_local


def _mmss(seconds: int | None) -> str:
    if seconds is None:
        return ""
    m, s = divmod(int(seconds), 60)
    return f"{m}:{s:02d}"


def _person(name: str, title: str) -> str:
    return f"{name}, {title}" if title else name


def _group(delegation: Delegation) -> str:
    return delegation.regional_group.shown_name if delegation.regional_group else ""


def roundtable_title(rt: Roundtable) -> str:
    return _("Roundtable %(number)d: %(topic)s", number=rt.number, topic=isolated(rt.topic))


def _when(cs: CommissionSession, rt: Roundtable) -> str:
    start, end = to_local(rt.block.starts_at, cs.timezone), to_local(rt.block.ends_at, cs.timezone)
    return _("%(day)s, %(start)s–%(end)s · %(room)s", day=local(start, "%A %d %B %Y"), start=local(start, "%H:%M"),
             end=local(end, "%H:%M"), room=isolated(rt.block.room.name))  # fmt: skip


def floor_turns(rt: Roundtable) -> list[Turn]:
    """The roundtable's turns on the floor's record, in speaking order (none before the floor opens)."""
    floor = floor_of(rt.block)
    return list(floor.turns) if floor is not None else []


def panelist_turn(rt: Roundtable, p: Panelist, turns: list[Turn]) -> Turn | None:
    """The panelist's turn on the floor: loaded from the panel (its source), else added by hand under the same name."""
    ref = panel.panelist_ref(rt, p)
    found = next((t for t in turns if t.source_ref == ref), None)
    return found or next((t for t in turns if TurnRole.rt_panelist == t.role and t.delegation_id == p.delegation_id
                          and t.speaker_name.casefold() == p.name.casefold()), None)  # fmt: skip


def floor_speakers(turns: list[Turn]) -> list[Turn]:
    """The speakers from the floor (a turn's role, not a user's), in speaking order."""
    return [t for t in turns if TurnRole.rt_floor == t.role]


def _spoken(t: Turn | None) -> str:
    if t is None or t.duration_s is None:
        return ""
    if t.overrun_s:
        return _("%(spoken)s (+%(over)s)", spoken=_mmss(t.duration_s), over=_mmss(t.overrun_s))
    return _mmss(t.duration_s)


def _cochairs_part(cochairs: list[Nomination], width: float) -> list:
    story = [para(_("Co-chairs"), "h2")]
    if not cochairs:
        return story + [para(_("No co-chair is confirmed yet."), "body")]
    rows = [[_person(n.nominee_name, n.nominee_title), n.delegation.shown_name, _group(n.delegation)] for n in cochairs]
    return story + [table([_("Co-chair"), _("Delegation"), _("Regional group")], rows,
                          [0.40 * width, 0.30 * width, 0.30 * width])]  # fmt: skip


def _panelists_part(rt: Roundtable, panelists: list[Panelist], turns: list[Turn], width: float) -> list:
    story = [para(_("Panelists"), "h2")]
    if not panelists:
        return story + [para(_("No panelist is listed."), "body")]
    rows = []
    for p in panelists:
        turn = panelist_turn(rt, p, turns)
        rows.append([str(p.position), _person(p.name, p.title), p.delegation.shown_name,
                     _("remote") if p.remote else _("in person"), _mmss(turn.limit_s) if turn else "",
                     _spoken(turn)])  # fmt: skip
    header = [_("No."), _("Panelist"), _("Delegation"), _("Participation"), _("Limit"), _("Spoken")]
    return story + [table(header, rows, [w * width for w in (0.06, 0.30, 0.24, 0.16, 0.10, 0.14)])]


def _floor_part(cs: CommissionSession, speakers: list[Turn], width: float) -> list:
    story = [para(_("Speakers from the floor"), "h2")]
    if not speakers:
        return story + [para(_("No speaker from the floor is on the record."), "body")]
    rows = []
    for n, t in enumerate(speakers, 1):
        started = local(to_local(t.started_at, cs.timezone), "%H:%M:%S") if t.started_at else _("did not speak yet")
        rows.append([str(n), t.shown_who, _person(t.speaker_name, t.speaker_title), started, _mmss(t.limit_s),
                     _spoken(t)])  # fmt: skip
    header = [_("No."), _("Delegation"), _("Speaker"), _("Started"), _("Limit"), _("Spoken")]
    story.append(table(header, rows, [w * width for w in (0.06, 0.28, 0.28, 0.14, 0.10, 0.14)]))
    spoken = sum(t.duration_s or 0 for t in speakers)
    story.append(para(ngettext("%(num)d speaker from the floor, %(spoken)s spoken in all.",
                               "%(num)d speakers from the floor, %(spoken)s spoken in all.", len(speakers),
                               spoken=_mmss(spoken)), "small"))  # fmt: skip
    return story


def _summary_part(cs: CommissionSession, rt: Roundtable, with_draft: bool) -> list:
    story = [para(_("Summary of key points"), "h2")]
    final = rt.summary_final_at is not None
    if final:
        when = local(to_local(rt.summary_final_at, cs.timezone), "%d %B %Y %H:%M")
        story.append(para(_("Final since %(when)s.", when=when), "small"))
    elif with_draft and rt.summary:
        when = local(to_local(rt.summary_updated_at, cs.timezone), "%d %B %Y %H:%M") if rt.summary_updated_at else ""
        story.append(para(_("Draft, not yet final (last edited %(when)s).", when=when), "small"))
    else:
        return story + [para(_("The co-chairs' summary is not final yet."), "body")]
    for paragraph in (rt.summary or "").split("\n\n"):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        if lines:
            story += [para(line, "body") for line in lines]  # a line the co-chairs began (a point) stays one
            story.append(Spacer(1, 2 * mm))
    return story


@in_document_language
def report_pdf(cs: CommissionSession, rt: Roundtable, with_draft: bool = False) -> bytes:
    """The roundtable's report; `with_draft` shows a summary not yet final (for those who write it), marked as a draft."""
    width = usable_width()
    turns = floor_turns(rt)
    story: list = []
    if rt.block.is_cancelled:
        story.append(para(_("Cancelled: %(reason)s", reason=rt.block.cancel_reason), "body"))
    story += _cochairs_part(confirmed_cochairs(rt), width)
    story += _panelists_part(rt, panel.panelists_of(rt), turns, width)
    story += _floor_part(cs, floor_speakers(turns), width)
    story += _summary_part(cs, rt, with_draft)
    subtitle = _("%(session)s · %(when)s · times in %(zone)s", session=isolated(cs.name), when=_when(cs, rt),
                 zone=isolated(cs.timezone))  # fmt: skip
    footer = _("%(code)s roundtable %(number)d: report", code=isolated(cs.code), number=rt.number)
    return build_pdf(roundtable_title(rt), subtitle, story, footer=footer)


def session_report_story(cs: CommissionSession) -> list:
    """The roundtables' part of the session report (meetings.report too): each roundtable on its own pages,
    with its final summary only."""
    width = usable_width()
    story: list = []
    for n, rt in enumerate(roundtables_of(cs)):
        if n:
            story.append(PageBreak())
        story += [para(roundtable_title(rt), "title"), para(_when(cs, rt), "body")]
        if rt.block.is_cancelled:
            story.append(para(_("Cancelled: %(reason)s", reason=rt.block.cancel_reason), "body"))
        turns = floor_turns(rt)
        story += _cochairs_part(confirmed_cochairs(rt), width)
        story += _panelists_part(rt, panel.panelists_of(rt), turns, width)
        story += _floor_part(cs, floor_speakers(turns), width)
        story += _summary_part(cs, rt, with_draft=False)
    if not story:
        story.append(para(_("No roundtable is set up yet."), "body"))
    return story


@in_document_language
def session_report_pdf(cs: CommissionSession) -> bytes:
    """The roundtables' part of the session report: each roundtable on its own pages, with its final summary only."""
    story = session_report_story(cs)
    subtitle = _("Report of the roundtables · times in %(zone)s", zone=isolated(cs.timezone))
    footer = _("%(code)s roundtables: report", code=isolated(cs.code))
    return build_pdf(cs.name, subtitle, story, footer=footer)


# --- calendars -------------------------------------------------------------------------------------


def _roles_of(rt: Roundtable, cochairs: list[Nomination], panelists: list[Panelist],
              delegation: Delegation | None) -> list[str]:  # fmt: skip
    """The roundtable's people as calendar lines; with a delegation, only its own people."""
    lines = []
    for n in cochairs:
        if delegation is None or n.delegation_id == delegation.id:
            lines.append(_("Co-chair: %(name)s (%(delegation)s, %(group)s)", name=_person(n.nominee_name,
                           n.nominee_title), delegation=n.delegation.shown_name, group=_group(n.delegation)))  # fmt: skip
    for p in panelists:
        if delegation is None or p.delegation_id == delegation.id:
            words = dict(number=p.position, name=_person(p.name, p.title), delegation=p.delegation.shown_name)
            lines.append(_("Panelist %(number)d: %(name)s (%(delegation)s), remote", **words) if p.remote
                         else _("Panelist %(number)d: %(name)s (%(delegation)s)", **words))  # fmt: skip
    return lines


def calendar_item(cs: CommissionSession, rt: Roundtable, lines: list[str]) -> CalendarItem:
    """The roundtable as its meeting block's event (same UID and SEQUENCE: a client updates, never duplicates)."""
    block = rt.block
    head = _("Cancelled: %(reason)s", reason=block.cancel_reason) if block.is_cancelled else ""
    return CalendarItem(
        uid=uid_for("block", block.id, cs.code),
        summary=_("%(code)s: Roundtable %(number)d: %(topic)s", code=cs.code.upper(), number=rt.number, topic=rt.topic),
        starts_at=block.starts_at,
        ends_at=block.ends_at,
        sequence=block.ical_sequence,
        location=f"{block.room.name}, {cs.venue}",
        room=block.room.name,
        track=block.kind.label,
        description="\n".join(line for line in [head, *lines] if line),
        url=page_url("roundtables.show_roundtable", roundtable_id=rt.id),
        status="CANCELLED" if block.is_cancelled else "",
    )


def roundtables_in_agenda(cs: CommissionSession, delegation: Delegation | None) -> list[CalendarItem]:
    """The agenda's roundtables with their people; a delegation's feed, those where its people are co-chairs or panelists."""
    items = []
    for rt in roundtables_of(cs):
        lines = _roles_of(rt, confirmed_cochairs(rt), panel.panelists_of(rt), delegation)
        if delegation is not None and not lines:
            continue
        items.append(calendar_item(cs, rt, lines))
    return items


def nominations_in_private_feed(cs: CommissionSession, delegation: Delegation) -> list[CalendarItem]:
    """For a delegation's secret feed: the roundtables where it has a co-chair nomination awaiting the
    secretariat's decision, with its people (the meeting block's event: the same UID, time and SEQUENCE)."""
    items = []
    for rt in roundtables_of(cs):
        pending = [
            n for n in rt.nominations if n.delegation_id == delegation.id and n.status == NominationStatus.pending
        ]
        if not pending:
            continue
        lines = _roles_of(rt, confirmed_cochairs(rt), panel.panelists_of(rt), delegation)
        lines += [_("Co-chair nominated: %(name)s, awaiting the secretariat's decision",
                    name=_person(n.nominee_name, n.nominee_title)) for n in pending]  # fmt: skip
        items.append(calendar_item(cs, rt, lines))
    return items
