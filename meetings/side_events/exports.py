"""The side-event programme as PDF, and side events in calendars (agenda, organizer's feed, one file each)."""

from datetime import datetime, timedelta
from itertools import groupby

from flask_babel import gettext as _
from sqlalchemy import select

from meetings.calendars.services import Feed, feed_of
from meetings.exports.ical import CANCELLED, TENTATIVE, CalendarItem, page_url, uid_for
from meetings.exports.language import in_document_language, local
from meetings.exports.pdf import build_pdf, isolated, para, table, usable_width
from meetings.extensions import db
from meetings.programme.models import CommissionSession
from meetings.side_events.models import SideEvent, SideEventKind, SideEventStatus
from meetings.side_events.scheduling import scheduled
from meetings.side_events.services import events_of
from meetings.side_events.standing import waiting_numbers, words_for
from meetings.timeutil import local_instant, to_local


@in_document_language
def programme_pdf(cs: CommissionSession) -> bytes:
    """Scheduled side events by day and time, with organizer, partners, format and room."""
    story = programme_story(cs, scheduled(cs))
    title = _("%(session)s: side events", session=isolated(cs.name))
    subtitle = _("Programme of side events · %(venue)s · times in %(zone)s", venue=isolated(cs.venue),
                 zone=isolated(cs.timezone))  # fmt: skip
    return build_pdf(title, subtitle, story, stamp=_("Working draft, not published"))


def programme_story(cs: CommissionSession, events: list[SideEvent]) -> list:
    """The programme's days and tables for these events (the session report prints the high-level ones held)."""
    width = usable_width()
    story: list = []
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
    return story


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
        room=e.room.name if e.room else "",
        track=e.kind.event_label,
        description=_description(e),
        url=page_url("side_events.show_event", event_id=e.id),
    )


def _ended_item(cs: CommissionSession, e: SideEvent) -> CalendarItem:
    """A withdrawn or rejected event, cancelled where and when it was last published (never published: left out)."""
    words = _("Withdrawn by the organizer.") if e.status == SideEventStatus.withdrawn else _("Rejected.")
    return CalendarItem(uid=uid_for("side-event", e.id, cs.code), summary=_summary(e), starts_at=None, ends_at=None,
                        description=f"{words}\n{_description(e)}", status=CANCELLED)  # fmt: skip


def side_events_in_agenda(cs: CommissionSession, delegation) -> list[CalendarItem]:
    """The public agenda lists every scheduled event; a delegation's feed, the ones it organizes.

    Withdrawn and rejected events stay, cancelled, for the rest of the session: a client that has
    one removes it (they show only in feeds that published them before).
    """
    events = scheduled(cs)
    ended = db.session.scalars(
        select(SideEvent).where(SideEvent.commission_session_id == cs.id,
                                SideEvent.status.in_([SideEventStatus.withdrawn, SideEventStatus.rejected]))
    ).all()  # fmt: skip
    if delegation is not None:
        events = [e for e in events if e.organizer_id == delegation.id]
        ended = [e for e in ended if e.organizer_id == delegation.id]
    return [calendar_item(cs, e) for e in events] + [_ended_item(cs, e) for e in ended]


def _preferred_start(cs: CommissionSession, e: SideEvent):
    """The first preferred time (local "YYYY-MM-DDTHH:MM"), as an instant; None when there is none."""
    for text in e.preferred_times or []:
        try:
            moment = datetime.fromisoformat(str(text))
        except ValueError:
            continue
        return local_instant(moment.date(), moment.time(), cs.timezone)
    return None


def pending_side_events(cs: CommissionSession, delegation) -> list[CalendarItem]:
    """For the organizer's secret feed: its applications not scheduled yet (on the waiting list, or accepted
    without a time), tentative at their first preferred time, with where each stands."""
    pending = [e for e in events_of(cs, delegation) if e.status.active and e.starts_at is None]
    numbers = waiting_numbers(cs) if any(e.status == SideEventStatus.waitlisted for e in pending) else {}
    items = []
    for e in pending:
        start = _preferred_start(cs, e)
        if start is None or not e.duration_minutes:
            continue
        standing = words_for(e, numbers.get(e.id), cs.rules.hl_cap_total)
        items.append(CalendarItem(
            uid=uid_for("side-event", e.id, cs.code), summary=_summary(e), starts_at=start,
            ends_at=start + timedelta(minutes=e.duration_minutes), sequence=e.ical_sequence,
            description=_("Application: %(standing)s Shown at its first preferred time until it is scheduled.",
                          standing=standing) + f"\n{_description(e)}",
            url=page_url("side_events.show_event", event_id=e.id), status=TENTATIVE,
        ))  # fmt: skip
    return items


@in_document_language
def event_feed(cs: CommissionSession, e: SideEvent) -> tuple[Feed, list[CalendarItem]]:
    """One scheduled event's own file, as a feed of one event (same UID and SEQUENCE as in the others)."""
    feed = feed_of(cs, f"side-event/{e.id}", e.title, f"{cs.code}-side-event-{e.id}.ics")
    return feed, [calendar_item(cs, e)]
