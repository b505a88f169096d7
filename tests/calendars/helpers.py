"""Reading the feeds as clients do: two parsers (icalendar, vobject) that must agree, and khal.

icalendar reads TZID=Europe/Vienna with its own copy of the zone database; vobject reads the
feed's own VTIMEZONE (the rules we wrote). When both give the same instant for every event, in
March and in July, the VTIMEZONE says what the zone database says.
"""

import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import vobject
from icalendar import Calendar

from meetings.extensions import db
from meetings.programme import services as programme
from meetings.programme.models import CommissionSession, Segment, SegmentKind
from tests import factories

KHAL = Path(sys.executable).parent / "khal"


@dataclass(frozen=True)
class Seen:
    """One event as both parsers read it."""

    uid: str
    sequence: int
    start: datetime  # aware, in the feed's time zone
    end: datetime
    tzid: str
    status: str
    summary: str
    url: str
    description: str


def read(data: bytes) -> dict[str, Seen]:
    """Every event of a feed by UID, read by icalendar and by vobject; fails where they disagree."""
    ical = Calendar.from_ical(data)
    vcal = vobject.readOne(data.decode("utf-8"))
    first = {str(e["UID"]): e for e in ical.walk("VEVENT")}
    second = {v.uid.value: v for v in vcal.contents.get("vevent", [])}
    assert set(first) == set(second)
    seen = {}
    for uid, e in first.items():
        v = second[uid]
        start, end = e.decoded("DTSTART"), e.decoded("DTEND")
        assert (start, end) == (v.dtstart.value, v.dtend.value), uid
        assert start.utcoffset() == v.dtstart.value.utcoffset(), uid  # vobject: by our VTIMEZONE's rules
        assert int(e["SEQUENCE"]) == int(v.sequence.value), uid
        tzid = str(e["DTSTART"].params["TZID"])
        assert [tzid] == v.dtstart.params["X-VOBJ-ORIGINAL-TZID"], uid
        assert type(v.dtstart.value.tzinfo).__name__ == "_tzicalvtz", uid  # the feed's own VTIMEZONE
        seen[uid] = Seen(uid, int(e["SEQUENCE"]), start, end, tzid, str(e.get("STATUS", "")), str(e["SUMMARY"]),
                         str(e.get("URL", "")), str(e.get("DESCRIPTION", "")))  # fmt: skip
    return seen


def fetch(client, url: str, **kwargs) -> dict[str, Seen]:
    response = client.get(url, **kwargs)
    assert response.status_code == 200, response.get_data(True)[:300]
    return read(response.data)


def one(seen: dict[str, Seen], prefix: str) -> Seen:
    (found,) = [s for uid, s in seen.items() if uid.startswith(prefix)]
    return found


class Khal:
    """A real calendar client with a calendar of its own in a temporary folder: import, then list."""

    def __init__(self, folder: Path, local_zone: str = "Europe/Vienna"):
        self.folder = folder
        (folder / "calendar").mkdir(parents=True, exist_ok=True)
        self.config = folder / "khal.conf"
        self.config.write_text(
            "[calendars]\n[[cnd]]\n"
            f"path = {folder / 'calendar'}\ntype = calendar\n"
            "[locale]\n"
            f"local_timezone = {local_zone}\ndefault_timezone = {local_zone}\n"
            "timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
            "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
            "[default]\ndefault_calendar = cnd\n"
            f"[sqlite]\npath = {folder / 'khal.db'}\n",
            encoding="utf-8",
        )
        self.imports = 0

    def run(self, *args: str) -> str:
        done = subprocess.run([str(KHAL), "-c", str(self.config), *args], capture_output=True, text=True, timeout=60,
                              env={"HOME": str(self.folder), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"})  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "critical" not in done.stderr.lower(), done.stderr
        return done.stdout

    def import_feed(self, data: bytes) -> None:
        self.imports += 1
        path = self.folder / f"feed-{self.imports}.ics"
        path.write_bytes(data)
        self.run("import", "--batch", str(path))

    def events(self, day: str, span: str = "1d") -> list[dict]:
        """The events khal lists from `day` on, once each: start, end, title, uid, status, url."""
        out = self.run("list", "-o", *(f"--json={f}" for f in ("start", "end", "title", "uid", "status", "url")),
                       day, span)  # fmt: skip
        return [event for line in out.splitlines() if line.strip() for event in json.loads(line)]


def session_in_july() -> CommissionSession:
    """A session in summer time: CND intersessional meetings, 8-9 July 2024 in Vienna, one meeting a day."""
    cs = CommissionSession(code="CNDI", name="Intersessional meetings of the CND", venue="Vienna International Centre",
                           timezone="Europe/Vienna")  # fmt: skip
    cs.segments = [Segment(kind=SegmentKind.regular, start_date=date(2024, 7, 8), end_date=date(2024, 7, 9))]
    cs.rules = factories.cnd67_rules()
    db.session.add(cs)
    db.session.flush()
    programme.add_room(cs, factories.SETUP, "Boardroom B", None)
    factories.block(cs, "Thematic discussion", "plenary", date(2024, 7, 8), "10:00", "13:00", "Boardroom B")
    factories.block(cs, "Thematic discussion, continued", "plenary", date(2024, 7, 9), "15:00", "18:00", "Boardroom B")
    return cs
