"""What the calendar feeds and the conference apps' schedule show of the speaking slots and side events: the
time and place of the latest published version, once one is published, never the working state.

The filter applies to every feed alike (the public agenda, a delegation's public and secret feeds, the
schedule JSON), so that an event keeps one state and one SEQUENCE whatever feed shows it. An item the
latest version does not hold is left out; a cancelled one (withdrawn, rejected) and an application not
yet scheduled (tentative, in its organizer's secret feed) pass as they are.
"""

from dataclasses import replace
from datetime import datetime, timedelta

from meetings.exports.ical import CANCELLED, TENTATIVE, CalendarItem, page_url, to_minute
from meetings.i18n.words import _
from meetings.programme.models import CommissionSession
from meetings.publication import services
from meetings.publication.models import PublicationKind

PREFIXES = {"gd-slot": PublicationKind.speakers_list, "side-event": PublicationKind.programme}


def _kind_and_key(uid: str) -> tuple[PublicationKind | None, str]:
    name = uid.split("@", 1)[0]
    for prefix, kind in PREFIXES.items():
        if name.startswith(prefix + "-") and name[len(prefix) + 1 :].isdigit():
            return kind, name[len(prefix) + 1 :]
    return None, ""


def _slot(cs: CommissionSession, item: CalendarItem, row: dict) -> CalendarItem | None:
    if not row.get("starts_at"):
        return None
    start = to_minute(datetime.fromisoformat(row["starts_at"]))
    summary = _("%(code)s: general debate, slot %(slot)d (%(speaker)s)", code=cs.code, slot=row["slot"],
                speaker=row["speaker"])  # fmt: skip
    return replace(item, summary=summary, starts_at=start, ends_at=start + timedelta(seconds=row["limit_s"]),
                   url=page_url("publication.speakers_list", anchor=f"slot-{row['slot']}"))  # fmt: skip


def _event(cs: CommissionSession, item: CalendarItem, row: dict) -> CalendarItem:
    return replace(item, starts_at=datetime.fromisoformat(row["starts_at"]),
                   ends_at=datetime.fromisoformat(row["ends_at"]), room=row["room"],
                   location=f"{row['room']}, {cs.venue}" if row["room"] else cs.venue)  # fmt: skip


def published_in_agenda(cs: CommissionSession, items: list[CalendarItem]) -> list[CalendarItem]:
    """The items as the latest published versions show them (unchanged for a kind not published yet)."""
    published: dict = {}
    for kind in PublicationKind:
        last = services.latest(cs, kind)
        if last is not None:
            published[kind] = {str(r["key"]): r for r in last.snapshot["rows"]}
    if not published:
        return items
    shown = []
    for item in items:
        kind, key = _kind_and_key(item.uid)
        if kind not in published or item.status in (CANCELLED, TENTATIVE):
            shown.append(item)
            continue
        row = published[kind].get(key)
        if row is None:
            continue  # not published yet
        item = _slot(cs, item, row) if kind == PublicationKind.speakers_list else _event(cs, item, row)
        if item is not None:
            shown.append(item)
    return shown
