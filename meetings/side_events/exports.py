"""The side-event programme as PDF, and side events in calendars (agenda, organizer's feed, one file each)."""

from itertools import groupby

from flask_babel import gettext as _

from meetings.exports.ical import CalendarItem, build_calendar, uid_for
from meetings.exports.language import in_document_language, local
from meetings.exports.pdf import build_pdf, isolated, para, table, usable_width
from meetings.programme.models import CommissionSession
from meetings.side_events.models import SideEvent, SideEventKind
from meetings.side_events.scheduling import scheduled
from meetings.timeutil import to_local


@in_document_language
def programme_pdf(cs: CommissionSession) -> bytes:
    """Scheduled side events by day and time, with organizer, partners, format and room."""
    width = usable_width()
    story: list = []
    events = scheduled(cs)
    if not events:
        story.append(para(_("No side event is scheduled yet."), "body"))
    for day, group in groupby(events, key=lambda e: to_local(e.starts_at, cs.timezone).date()):
        story.append(para(local(day, "%A %d %B %Y"), "h2"))
        rows = []
        for e in group:
            start, end = to_local(e.starts_at, cs.timezone), to_local(e.ends_at, cs.timezone)
            what = [para(e.title, "head"), para(f"{e.kind.label} · {e.format.label if e.format else ''}", "small")]
            partners = [para(p) for p in e.partner_list]  # one a line: a name in one script never wraps into another
            rows.append([f"{start:%H:%M}–{end:%H:%M}", what, e.organizer.shown_name, partners,
                         e.room.name if e.room else ""])  # fmt: skip
        story.append(table([_("Time"), _("Side event"), _("Organizer"), _("Partners"), _("Room")], rows,
                           [0.14 * width, 0.31 * width, 0.17 * width, 0.22 * width, 0.16 * width]))  # fmt: skip
    title = _("%(session)s: side events", session=isolated(cs.name))
    subtitle = _("Programme of side events · %(venue)s · times in %(zone)s", venue=isolated(cs.venue),
                 zone=isolated(cs.timezone))  # fmt: skip
    return build_pdf(title, subtitle, story)


def _summary(e: SideEvent) -> str:
    if e.kind == SideEventKind.high_level:
        return _("High-level side event: %(title)s", title=e.title)
    return _("Regular side event: %(title)s", title=e.title)


def _description(e: SideEvent) -> str:
    """Who organizes it, with whom, in what format, then the organizer's own words (not translated)."""
    lines = [_("Organizer: %(name)s", name=e.organizer.shown_name)]
    if e.partner_list:
        lines.append(_("Partners: %(partners)s", partners="; ".join(e.partner_list)))
    lines.append(_("Format: %(format)s", format=e.format.label if e.format else ""))
    return "\n".join(lines) + f"\n\n{e.description}"


def calendar_item(cs: CommissionSession, e: SideEvent) -> CalendarItem:
    """One side event as a calendar event; its UID and SEQUENCE are the same in every language."""
    return CalendarItem(
        uid=uid_for("side-event", e.id, cs.code),
        summary=_summary(e),
        starts_at=e.starts_at,
        ends_at=e.ends_at,
        sequence=e.ical_sequence,
        location=f"{e.room.name}, {cs.venue}" if e.room else cs.venue,
        description=_description(e),
    )


def side_events_in_agenda(cs: CommissionSession, delegation) -> list[CalendarItem]:
    """The public agenda lists every scheduled event; a delegation's feed, the ones it organizes."""
    events = scheduled(cs)
    if delegation is not None:
        events = [e for e in events if e.organizer_id == delegation.id]
    return [calendar_item(cs, e) for e in events]


@in_document_language
def event_ics(cs: CommissionSession, e: SideEvent) -> bytes:
    return build_calendar(e.title, cs.timezone, [calendar_item(cs, e)])
