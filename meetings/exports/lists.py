"""The long lists as CSV: the speakers list, the delegations, the high-level side-event queue.

Each function takes what the page shows (already filtered by `keep`) and returns the file's
bytes; headers are words a secretariat officer reads, times are local to the session (the
header names the time zone), and every cell goes through `meetings.exports.csv`.
"""

from collections.abc import Callable, Iterable
from datetime import datetime

from meetings.exports.csv import csv_bytes
from meetings.timeutil import to_local

LANGUAGES = (("ar", "Arabic"), ("zh", "Chinese"), ("fr", "French"), ("ru", "Russian"), ("es", "Spanish"))


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


def speakers_csv(listing, keep: Callable, tz: str) -> bytes:
    """The speakers in the order of the list, then each group's waiting list in its order."""
    header = ["Slot", "Status", "Meeting", f"Projected start ({tz})", "Delegation", "Code", "Regional group",
              "On behalf of", "Speaker", "Title", "Level", "Lot", "Limit (m:ss)"]  # fmt: skip
    lines = []
    for r in listing.rows:
        if keep(r):
            status = "Speaking slot" if r.block is not None else "Beyond the last meeting"
            lines.append(_speaker_line(r, r.slot, status, tz))
    for _, waiting in sorted(listing.waiting.items()):
        for n, r in enumerate(waiting, 1):
            if keep(r):
                lines.append(_speaker_line(r, None, f"Waiting list of the {_group_name(r.delegation)}, number {n}", tz))
    return csv_bytes(header, lines)


def _speaker_line(r, slot: int | None, status: str, tz: str) -> list:
    i = r.inscription
    lot = r.lot if r.lot is not None else ("late" if i.late else "")
    return [slot, status, r.block.title if r.block is not None else "", _local(r.starts_at, tz), i.delegation.name,
            i.delegation.code, _group_name(i.delegation), i.group_name if i.on_behalf_of_group else "",
            i.speaker_name, i.speaker_title, i.level.label, lot, mmss(r.limit_s)]  # fmt: skip


# --- the delegations --------------------------------------------------------------------------


def delegations_csv(delegations: Iterable) -> bytes:
    header = ["Code", "Name", "Kind", "Regional group"] + [f"Name in {language}" for _, language in LANGUAGES]
    return csv_bytes(header, (
        [d.code, d.name, d.kind.label, _group_name(d)] + [(d.names or {}).get(lang, "") for lang, _ in LANGUAGES]
        for d in delegations
    ))  # fmt: skip


# --- the high-level side-event queue ----------------------------------------------------------


QUEUE_STATUS_WORDS = {"accepted": "Accepted", "waitlisted": "Waiting list", "withdrawn": "Withdrawn",
                      "rejected": "Rejected", "draft": "Draft"}  # fmt: skip


def queue_status(event, waiting_number: int | None, cap: int) -> str:
    """Where an application stands, in words: accepted with its seat, or its number on the waiting list."""
    if event.accepted_seat is not None:
        return f"Accepted (seat {event.accepted_seat} of {cap})"
    if waiting_number is not None:
        return f"Waiting list, number {waiting_number}"
    return QUEUE_STATUS_WORDS[event.status.value]


def queue_csv(events: Iterable, waiting_numbers: dict[int, int], cap: int, tz: str) -> bytes:
    header = ["Position", f"Received ({tz}, to the millisecond)", "Organizer", "Code", "Regional group", "Title",
              "Partners", "Format", "Duration (minutes)", "Status", "Where it stands", f"Day and time ({tz})",
              "Room", "Contact person", "Contact e-mail"]  # fmt: skip
    lines = []
    for e in events:
        received = to_local(e.submitted_at, tz) if e.submitted_at else None
        when = f"{_local(e.starts_at, tz)}–{_local(e.ends_at, tz, '%H:%M')}" if e.starts_at else ""
        lines.append([
            e.queue_position, received.strftime("%Y-%m-%d %H:%M:%S.") + f"{received.microsecond // 1000:03d}"
            if received else "", e.organizer.name, e.organizer.code, _group_name(e.organizer), e.title,
            "; ".join(e.partner_list), e.format.label if e.format else "", e.duration_minutes,
            QUEUE_STATUS_WORDS[e.status.value], queue_status(e, waiting_numbers.get(e.id), cap), when, e.room.name if e.room else "",
            e.contact_name, e.contact_email,
        ])  # fmt: skip
    return csv_bytes(header, lines)
