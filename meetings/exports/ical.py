"""iCalendar building: stable UIDs, SEQUENCE that grows with each change, VTIMEZONE.

A calendar client updates an event it already has when the UID is the same and the SEQUENCE
higher; it would duplicate it under a new UID. The SEQUENCE, the time and place a feed shows
and the moment of the last change come from the published events (meetings.calendars), so
that every feed that carries an event says the same about it.

No METHOD: a feed is not an iTIP message (RFC 5546), and a METHOD would promise the rules of one.
Without it, DTSTAMP is the moment the event last changed in our store (RFC 5545, 3.8.7.2), so
an unchanged feed is the same bytes, and its ETag holds.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app, has_app_context, has_request_context, request
from icalendar import Calendar, Event

from meetings.exports.vtimezone import vtimezone
from meetings.timeutil import to_local, utcnow

PRODID = "-//meetings//UN commission sessions//EN"


# An event's STATUS: confirmed (the default), tentative (an application not decided yet), cancelled.
CONFIRMED, TENTATIVE, CANCELLED = "CONFIRMED", "TENTATIVE", "CANCELLED"


@dataclass(frozen=True)
class CalendarItem:
    """One event as a feature describes it.

    `sequence` is the feature's own count of changes, taken as the first SEQUENCE when the event is
    published for the first time; from then on the published events decide it. A cancelled item may
    leave its time out (`starts_at` None): it is then shown where and when it was last published, and
    left out of a feed that never showed it.
    """

    uid: str
    summary: str
    starts_at: datetime | None
    ends_at: datetime | None
    sequence: int = 0
    location: str = ""
    description: str = ""
    url: str = ""
    room: str = ""  # the room alone (`location` adds the venue): conference apps group events by it
    track: str = ""  # what kind of event, in words (a conference app's track)
    status: str = ""  # "" is CONFIRMED; CANCELLED: the client keeps the event, shown as cancelled
    last_modified: datetime | None = None  # set when published
    created: datetime | None = None  # set when published


def uid_for(kind: str, record_id: int | str, session_code: str) -> str:
    return f"{kind}-{record_id}@{session_code.lower()}.meetings"


def page_url(endpoint: str, anchor: str = "", **values) -> str:
    """The absolute address of a page, for an event's URL back to it.

    Built on the instance's PUBLIC_BASE_URL when it is set (behind a proxy that rewrites the host),
    else on the address the request came to; empty outside a request with no base set.
    """
    if not has_app_context():
        return ""
    base = current_app.config.get("PUBLIC_BASE_URL") or (request.url_root if has_request_context() else "")
    if not base:
        return ""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return base.rstrip("/") + path + (f"#{anchor}" if anchor else "")


def to_minute(instant: datetime) -> datetime:
    """An instant rounded to the nearest minute (a projected 17:35:30 is written 17:36)."""
    return (instant + timedelta(seconds=30)).replace(second=0, microsecond=0)


def _duration(refresh: timedelta) -> str:
    minutes = max(1, int(refresh.total_seconds() // 60))
    return f"PT{minutes}M"


def build_calendar(name: str, tz: str, items: list[CalendarItem], years: tuple[int, int] | None = None,
                   refresh: timedelta = timedelta(minutes=30)) -> bytes:  # fmt: skip
    """The calendar's bytes: its events in the session's time zone, with that zone's rules.

    `years` (first, last) says which years the time zone must cover when there is no event yet:
    a calendar with no event still holds its VTIMEZONE, so it is never empty (RFC 5545 asks
    for at least one component). `refresh` tells clients how often to look again.
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", tz)
    cal.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", _duration(refresh))
    timed = [item for item in items if item.starts_at is not None and item.ends_at is not None]
    seen = [to_local(item.starts_at, tz).year for item in timed] + list(years or ())
    first, last = (min(seen), max(seen)) if seen else (utcnow().year, utcnow().year)
    cal.add_component(vtimezone(tz, first, last))
    for item in timed:
        cal.add_component(_event(item, tz))
    return cal.to_ical()


def _event(item: CalendarItem, tz: str) -> Event:
    ev = Event()
    ev.add("uid", item.uid)
    stamp = item.last_modified or utcnow()
    ev.add("dtstamp", stamp)
    if item.created is not None:
        ev.add("created", item.created)
    ev.add("last-modified", stamp)
    ev.add("sequence", item.sequence)
    ev.add("summary", item.summary)
    ev.add("dtstart", to_local(item.starts_at, tz))
    ev.add("dtend", to_local(item.ends_at, tz))
    ev.add("status", item.status or CONFIRMED)
    if item.status == CANCELLED:
        ev.add("transp", "TRANSPARENT")  # a cancelled meeting no longer keeps anyone busy
    if item.location:
        ev.add("location", item.location)
    if item.description:
        ev.add("description", item.description)
    if item.url:
        ev.add("url", item.url)
    return ev
