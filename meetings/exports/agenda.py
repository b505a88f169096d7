"""The session agenda as calendar items, gathered from every feature that has some.

A feature adds its events (side events, roundtables, speaking slots) with a function
fn(cs, delegation_or_None) -> items, None asking for the public agenda; its init_app adds the
function to the app's hooks (meetings.hooks). The agenda feed and the per-delegation feeds call
them all.
"""

from collections.abc import Callable

from flask_babel import gettext as _

from meetings.exports.ical import CalendarItem, build_calendar, uid_for
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
            description=_block_description(b),
            status="CANCELLED" if b.is_cancelled else "",
        )
        for b in cs.blocks
    ]


@in_document_language
def agenda_ics(cs: CommissionSession, delegation=None) -> bytes:
    """The agenda (or a delegation's feed) in the request's language; UIDs and SEQUENCEs do not depend on it."""
    # One event per UID: a feature that tells more about a meeting block (a roundtable's people) gives
    # the block's UID, and its item, registered after the exports', replaces the bare block.
    by_uid = {item.uid: item for source in hooks_of().agenda_sources for item in source(cs, delegation)}
    items = sorted(by_uid.values(), key=lambda i: (i.starts_at, i.uid))
    name = cs.name if delegation is None else _("%(session)s: %(delegation)s", session=cs.name,
                                                  delegation=delegation.shown_name)  # fmt: skip
    return build_calendar(name, cs.timezone, items)
