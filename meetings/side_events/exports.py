"""The side-event programme as PDF, and side events in calendars (agenda, organizer's feed, one file each)."""

from itertools import groupby

from meetings.exports.ical import CalendarItem, build_calendar, uid_for
from meetings.exports.pdf import build_pdf, para, table, usable_width
from meetings.programme.models import CommissionSession
from meetings.side_events.models import SideEvent
from meetings.side_events.scheduling import scheduled
from meetings.timeutil import to_local


def programme_pdf(cs: CommissionSession) -> bytes:
    """Scheduled side events by day and time, with organizer, partners, format and room."""
    width = usable_width()
    story: list = []
    events = scheduled(cs)
    if not events:
        story.append(para("No side event is scheduled yet.", "body"))
    for day, group in groupby(events, key=lambda e: to_local(e.starts_at, cs.timezone).date()):
        story.append(para(f"{day:%A %d %B %Y}", "h2"))
        rows = []
        for e in group:
            start, end = to_local(e.starts_at, cs.timezone), to_local(e.ends_at, cs.timezone)
            what = [para(e.title, "head"), para(f"{e.kind.label} · {e.format.label if e.format else ''}", "small")]
            partners = [para(p) for p in e.partner_list]  # one a line: a name in one script never wraps into another
            rows.append([f"{start:%H:%M}–{end:%H:%M}", what, e.organizer.name, partners, e.room.name if e.room else ""])
        story.append(table(["Time", "Side event", "Organizer", "Partners", "Room"], rows,
                           [0.14 * width, 0.31 * width, 0.17 * width, 0.22 * width, 0.16 * width]))  # fmt: skip
    return build_pdf(f"{cs.name}: side events", f"Programme of side events · {cs.venue} · times in {cs.timezone}",
                     story)  # fmt: skip


def calendar_item(cs: CommissionSession, e: SideEvent) -> CalendarItem:
    partners = "; ".join(e.partner_list)
    return CalendarItem(
        uid=uid_for("side-event", e.id, cs.code),
        summary=f"{e.kind.label} side event: {e.title}",
        starts_at=e.starts_at,
        ends_at=e.ends_at,
        sequence=e.ical_sequence,
        location=f"{e.room.name}, {cs.venue}" if e.room else cs.venue,
        description=f"Organizer: {e.organizer.name}" + (f"\nPartners: {partners}" if partners else "")
        + f"\nFormat: {e.format.label if e.format else ''}\n\n{e.description}",
    )  # fmt: skip


def side_events_in_agenda(cs: CommissionSession, delegation) -> list[CalendarItem]:
    """The public agenda lists every scheduled event; a delegation's feed, the ones it organizes."""
    events = scheduled(cs)
    if delegation is not None:
        events = [e for e in events if e.organizer_id == delegation.id]
    return [calendar_item(cs, e) for e in events]


def event_ics(cs: CommissionSession, e: SideEvent) -> bytes:
    return build_calendar(e.title, cs.timezone, [calendar_item(cs, e)])
