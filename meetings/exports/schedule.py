"""The programme in the schedule format conference apps read (frab's JSON, as c3voc's schema describes
it): days, rooms, and each public event with its local start, duration, room, track and a link back.

It is built from the public agenda (the same events as `/session/agenda.ics`, cancelled ones left
out), in the reader's language. `version` is a fingerprint of the content: an app that sees the same
version has nothing new to fetch.
"""

import hashlib
import json
import uuid
import zlib
from collections import defaultdict
from datetime import time, timedelta

from flask import url_for

from meetings.exports.agenda import agenda_items
from meetings.exports.ical import CANCELLED, CalendarItem
from meetings.i18n.words import current_language
from meetings.programme.models import CommissionSession
from meetings.timeutil import local_instant, to_local

NAMESPACE = uuid.UUID("6f1c9f6e-4c1e-4a7e-9a57-0e3b8c2d5a10")
SCHEMA = "https://c3voc.de/schedule/schema.json"


def _hhmm(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _event(cs: CommissionSession, item: CalendarItem) -> dict:
    start, end = to_local(item.starts_at, cs.timezone), to_local(item.ends_at, cs.timezone)
    return {
        "guid": str(uuid.uuid5(NAMESPACE, item.uid)),
        "id": zlib.crc32(item.uid.encode()),
        "date": start.isoformat(),
        "start": start.strftime("%H:%M"),
        "duration": _hhmm(end - start),
        "room": item.room or item.location,
        "slug": item.uid.split("@")[0],
        "url": item.url,
        "title": item.summary,
        "subtitle": "",
        "track": item.track,
        "type": item.track,
        "language": current_language(),
        "abstract": "",
        "description": item.description,
        "persons": [],
        "links": [],
        "attachments": [],
        "do_not_record": False,
    }


def schedule(cs: CommissionSession) -> dict:
    """The session's public programme as a frab-compatible schedule."""
    items = sorted((i for i in agenda_items(cs) if i.status != CANCELLED and i.starts_at and i.ends_at),
                   key=lambda i: (i.starts_at, i.room or i.location, i.uid))  # fmt: skip
    by_day: dict = defaultdict(lambda: defaultdict(list))
    for item in items:
        by_day[to_local(item.starts_at, cs.timezone).date()][item.room or item.location].append(_event(cs, item))
    first, last = cs.first_day, cs.last_day
    days = []
    for index in range((last - first).days + 1):
        day = first + timedelta(days=index)
        days.append({
            "index": index + 1, "date": day.isoformat(),
            "day_start": local_instant(day, time(6, 0), cs.timezone).isoformat(),
            "day_end": local_instant(day + timedelta(days=1), time(3, 0), cs.timezone).isoformat(),
            "rooms": {room: events for room, events in sorted(by_day.get(day, {}).items())},
        })  # fmt: skip
    rooms = sorted({item.room or item.location for item in items})
    conference = {
        "acronym": cs.code.lower(), "title": cs.name, "start": first.isoformat(), "end": last.isoformat(),
        "daysCount": len(days), "timeslot_duration": "00:15", "time_zone_name": cs.timezone,
        "rooms": [{"name": name, "guid": str(uuid.uuid5(NAMESPACE, f"{cs.code}/{name}"))} for name in rooms],
        "days": days,
    }  # fmt: skip
    version = hashlib.sha256(json.dumps(conference, sort_keys=True, default=str).encode()).hexdigest()[:12]
    return {"$schema": SCHEMA, "generator": {"name": "meetings"},
            "schedule": {"version": version, "base_url": url_for("programme.show_session", _external=True),
                         "conference": conference}}  # fmt: skip
