"""The long lists as CSV: the speakers list, the delegations, the high-level side-event queue.

Each function takes what the page shows (already filtered by `keep`) and returns the file's
bytes; headers are words a secretariat officer reads, times are local to the session (the
header names the time zone), and every cell goes through `meetings.exports.csv`.

Headers and the words of the status columns are in the reader's language; the data (names as
stored, codes, titles) stays as it is, so that a file sorts and matches the same in every language.
"""

from collections.abc import Callable, Iterable
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import pgettext

from meetings.exports.csv import csv_bytes
from meetings.exports.language import in_document_language
from meetings.i18n.words import lazy_pgettext
from meetings.timeutil import to_local

# The other five languages, each with the header of its column of names.
LANGUAGES = (("ar", _l("Name in Arabic")), ("zh", _l("Name in Chinese")), ("fr", _l("Name in French")),
             ("ru", _l("Name in Russian")), ("es", _l("Name in Spanish")))  # fmt: skip


def mmss(seconds: int | None) -> str:
    if seconds is None:
        return ""
    m, s = divmod(int(seconds), 60)
    return f"{m}:{s:02d}"


def _local(instant: datetime | None, tz: str, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return to_local(instant, tz).strftime(fmt) if instant is not None else ""


def _group_name(delegation) -> str:
    return delegation.regional_group.name if delegation.regional_group else ""


# --- the speakers list ------------------------------------------------------------------------


def speaker_status(row) -> str:
    """A row's answer to the status filter: a speaking slot, or a place on a waiting list."""
    return "listed" if row.slot is not None else "waiting"


@in_document_language
def speakers_csv(listing, keep: Callable, tz: str) -> bytes:
    """The speakers in the order of the list, then each group's waiting list in its order."""
    header = [_("Slot"), _("Status"), _("Meeting"), _("Projected start (%(zone)s)", zone=tz), _("Delegation"),
              _("Code"), _("Regional group"), _("On behalf of"), _("Speaker"), pgettext("a speaker's title", "Title"),
              _("Level"), _("Lot"), _("Limit (m:ss)")]  # fmt: skip
    lines = []
    for r in listing.rows:
        if keep(r):
            status = _("Speaking slot") if r.block is not None else _("Beyond the last meeting")
            lines.append(_speaker_line(r, r.slot, status, tz))
    for _code, waiting in sorted(listing.waiting.items()):
        for n, r in enumerate(waiting, 1):
            if keep(r):
                group = r.delegation.regional_group.shown_name if r.delegation.regional_group else ""
                status = _("Waiting list of the %(group)s, number %(number)d", group=group, number=n)
                lines.append(_speaker_line(r, None, status, tz))
    return csv_bytes(header, lines)


def _speaker_line(r, slot: int | None, status: str, tz: str) -> list:
    i = r.inscription
    lot = r.lot if r.lot is not None else (_("late") if i.late else "")
    return [slot, status, r.block.title if r.block is not None else "", _local(r.starts_at, tz), i.delegation.name,
            i.delegation.code, _group_name(i.delegation), i.group_name if i.on_behalf_of_group else "",
            i.speaker_name, i.speaker_title, str(i.level.label), lot, mmss(r.limit_s)]  # fmt: skip


# --- the delegations --------------------------------------------------------------------------


@in_document_language
def delegations_csv(delegations: Iterable) -> bytes:
    header = [_("Code"), _("Name"), _("Kind"), _("Regional group")] + [str(words) for _lang, words in LANGUAGES]
    return csv_bytes(header, [
        [d.code, d.name, str(d.kind.label), _group_name(d)] + [(d.names or {}).get(lang, "") for lang, _w in LANGUAGES]
        for d in delegations
    ])  # fmt: skip


# --- the high-level side-event queue ----------------------------------------------------------


QUEUE_STATUS_WORDS = {
    "accepted": lazy_pgettext("a side-event application", "Accepted"),
    "waitlisted": _l("Waiting list"),
    "withdrawn": lazy_pgettext("a side-event application", "Withdrawn"),
    "rejected": lazy_pgettext("a side-event application", "Rejected"),
    "draft": _l("Draft"),
}


def queue_status(event, waiting_number: int | None, cap: int) -> str:
    """Where an application stands, in words: accepted with its seat, or its number on the waiting list."""
    if event.accepted_seat is not None:
        return _("Accepted (seat %(seat)d of %(cap)d)", seat=event.accepted_seat, cap=cap)
    if waiting_number is not None:
        return _("Waiting list, number %(number)d", number=waiting_number)
    return str(QUEUE_STATUS_WORDS[event.status.value])


@in_document_language
def queue_csv(events: Iterable, waiting_numbers: dict[int, int], cap: int, tz: str) -> bytes:
    header = [_("Position"), _("Received (%(zone)s, to the millisecond)", zone=tz), _("Organizer"), _("Code"),
              _("Regional group"), pgettext("an event's title", "Title"), _("Partners"), _("Format"),
              _("Duration (minutes)"), _("Status"), _("Where it stands"), _("Day and time (%(zone)s)", zone=tz),
              _("Room"), _("Contact person"), _("Contact e-mail")]  # fmt: skip
    lines = []
    for e in events:
        received = to_local(e.submitted_at, tz) if e.submitted_at else None
        when = f"{_local(e.starts_at, tz)}–{_local(e.ends_at, tz, '%H:%M')}" if e.starts_at else ""
        lines.append([
            e.queue_position, received.strftime("%Y-%m-%d %H:%M:%S.") + f"{received.microsecond // 1000:03d}"
            if received else "", e.organizer.name, e.organizer.code, _group_name(e.organizer), e.title,
            "; ".join(e.partner_list), str(e.format.label) if e.format else "", e.duration_minutes,
            str(QUEUE_STATUS_WORDS[e.status.value]), queue_status(e, waiting_numbers.get(e.id), cap), when, e.room.name if e.room else "",
            e.contact_name, e.contact_email,
        ])  # fmt: skip
    return csv_bytes(header, lines)
