"""iCalendar building: stable UIDs, SEQUENCE that grows with each change, VTIMEZONE.

A calendar client updates an event it already has when the UID is the same and the SEQUENCE
higher; it would duplicate it under a new UID.
"""

from dataclasses import dataclass
from datetime import datetime

from icalendar import Calendar, Event

from meetings.timeutil import to_local, utcnow

PRODID = "-//meetings//UN commission sessions//EN"


@dataclass(frozen=True)
class CalendarItem:
    uid: str
    summary: str
    starts_at: datetime
    ends_at: datetime
    sequence: int = 0
    location: str = ""
    description: str = ""
    url: str = ""
    status: str = ""  # e.g. "CANCELLED": the client keeps the event, shown as cancelled


def uid_for(kind: str, record_id: int | str, session_code: str) -> str:
    return f"{kind}-{record_id}@{session_code.lower()}.meetings"


def build_calendar(name: str, tz: str, items: list[CalendarItem]) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", tz)
    stamp = utcnow()
    for item in items:
        ev = Event()
        ev.add("uid", item.uid)
        ev.add("dtstamp", stamp)
        ev.add("sequence", item.sequence)
        ev.add("summary", item.summary)
        ev.add("dtstart", to_local(item.starts_at, tz))
        ev.add("dtend", to_local(item.ends_at, tz))
        if item.location:
            ev.add("location", item.location)
        if item.description:
            ev.add("description", item.description)
        if item.url:
            ev.add("url", item.url)
        if item.status:
            ev.add("status", item.status)
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()
