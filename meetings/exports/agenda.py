"""The session agenda as calendar items, gathered from every feature that has some.

A feature adds its events (side events, roundtables, speaking slots) with a function
fn(cs, delegation_or_None) -> items, None asking for the public agenda; its init_app adds the
function to the app's hooks (meetings.hooks). The agenda feed and the per-delegation feeds call
them all; a delegation's secret feed also calls the private sources, which add what is not public.

An item's state (time, place, status) must not depend on the feed that asks: every feed that
carries an event shows the same state, with the same SEQUENCE (meetings.calendars). Feeds differ
only in which events they hold and in the words.
"""

from collections.abc import Callable

from flask_babel import gettext as _

from meetings.calendars import services as calendars
from meetings.exports.ical import CANCELLED, CalendarItem, page_url, uid_for
from meetings.exports.language import in_document_language
from meetings.hooks import hooks_of
from meetings.programme.models import CommissionSession

AgendaSource = Callable[[CommissionSession, object], list[CalendarItem]]


def _block_description(b) -> str:
    if b.is_cancelled:
        return _("Cancelled: %(reason)s", reason=b.cancel_reason)
    return _("Runs until the list of speakers is exhausted.") if b.open_ended else ""


def meeting_blocks(cs: CommissionSession, delegation) -> list[CalendarItem]:
    if delegation is not None:
        return []
    return [
        CalendarItem(
            uid=uid_for("block", b.id, cs.code),
            summary=f"{cs.code.upper()}: {b.title}",
            starts_at=b.starts_at,
            ends_at=b.ends_at,
            sequence=b.ical_sequence,
            location=f"{b.room.name}, {cs.venue}",
            room=b.room.name,
            track=b.kind.label,
            description=_block_description(b),
            url=page_url("programme.show_session"),
            status=CANCELLED if b.is_cancelled else "",
        )
        for b in cs.blocks
    ]


def agenda_items(cs: CommissionSession, delegation=None, private: bool = False) -> list[CalendarItem]:
    """The events of the agenda (or of a delegation's feed; its secret feed with `private`), one per UID."""
    hooks = hooks_of()
    sources = [*hooks.agenda_sources, *(hooks.private_agenda_sources if private and delegation is not None else [])]
    # One event per UID: a feature that tells more about a meeting block (a roundtable's people) gives
    # the block's UID, and its item, registered after the exports', replaces the bare block.
    by_uid = {item.uid: item for source in sources for item in source(cs, delegation)}
    items = list(by_uid.values())
    for shown in hooks.agenda_filters:  # the same for every feed, so that an event's state never depends on the feed
        items = shown(cs, items)
    return items


def calendar_name(cs: CommissionSession, delegation=None) -> str:
    if delegation is None:
        return cs.name
    return _("%(session)s: %(delegation)s", session=cs.name, delegation=delegation.shown_name)


def feed_key(delegation=None, private: bool = False) -> str:
    """The name of a feed, for its ETag and Last-Modified ("agenda", "delegation/AUT", "private/delegation/AUT")."""
    if delegation is None:
        return "agenda"
    return f"{'private/' if private else ''}delegation/{delegation.code}"


@in_document_language
def agenda_feed(cs: CommissionSession, delegation=None, private: bool = False) -> tuple:
    """The feed (name, key, language) and its items, built in the document's language."""
    filename = f"{cs.code}-agenda.ics" if delegation is None else f"{cs.code}-{delegation.code}.ics"
    feed = calendars.feed_of(cs, feed_key(delegation, private), calendar_name(cs, delegation), filename,
                             public=not private)  # fmt: skip
    return feed, agenda_items(cs, delegation, private)


def agenda_ics(cs: CommissionSession, delegation=None, private: bool = False) -> bytes:
    """The agenda (or a delegation's feed) in the request's language; UIDs and SEQUENCEs do not depend on it.

    Publishes what it shows, in the caller's transaction (flushed, not committed): a page serves
    feeds through meetings.calendars.feeds, which commits through the runner.
    """
    feed, items = agenda_feed(cs, delegation, private)
    return calendars.publish(cs.id, calendars.READER, feed, items).body
