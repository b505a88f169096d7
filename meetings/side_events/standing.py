"""Where each application stands (seat, number on the waiting list, why it ended) and the queue's filter.

Read-only: the delegation's home page, the secretariat's queue page and CSV, and the API read
the same answers from here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from meetings.exports.filters import ListFilter, group_choices, group_of, list_filter, row_filter
from meetings.i18n.words import _, _l, lazy_pgettext
from meetings.programme.models import CommissionSession
from meetings.side_events import rules, services
from meetings.side_events.models import SideEvent, SideEventFormat, SideEventStatus

STATUS_WORDS = {
    SideEventStatus.draft: _l("Draft"),
    SideEventStatus.accepted: lazy_pgettext("a side-event application", "Accepted"),
    SideEventStatus.waitlisted: _l("On the waiting list"),
    SideEventStatus.withdrawn: lazy_pgettext("a side-event application", "Withdrawn"),
    SideEventStatus.rejected: lazy_pgettext("a side-event application", "Rejected"),
}


@dataclass(frozen=True)
class Standing:
    event: SideEvent
    words: str  # where it stands, in a sentence a delegation reads
    waiting_number: int | None = None
    reason: str = ""  # why it was withdrawn or rejected, as the record says


def waiting_numbers(cs: CommissionSession, queue: list[SideEvent] | None = None) -> dict[int, int]:
    """Application id -> its number on the high-level waiting list."""
    queue = services.queue(cs) if queue is None else queue
    return rules.waiting_numbers([(e.id, e.status == SideEventStatus.waitlisted) for e in queue])


def words_for(event: SideEvent, waiting_number: int | None, cap: int) -> str:
    if event.status == SideEventStatus.draft:
        if not event.is_high_level:
            return _("Draft: not submitted yet.")
        return _("Draft: it takes no place in the queue until it is submitted.")
    if event.status == SideEventStatus.accepted:
        if not event.is_high_level:
            return _("Registered (regular side events are not capped).")
        return _("Accepted: seat %(seat)d of %(cap)d.", seat=event.accepted_seat, cap=cap)
    if event.status == SideEventStatus.waitlisted:
        return _("On the waiting list as number %(number)s: it moves up when an accepted event leaves.",
                 number=waiting_number)  # fmt: skip
    if event.status == SideEventStatus.withdrawn:
        return _("Withdrawn.")
    return _("Rejected.")


def _ending_reason(event: SideEvent) -> str:
    ended = [e for e in services.history(event) if e.action == event.status.value]
    return ended[-1].reason if ended else ""


def standings_of(cs: CommissionSession, delegation) -> list[Standing]:
    """A delegation's applications with where each stands, for its home page."""
    events = services.events_of(cs, delegation)
    numbers = waiting_numbers(cs) if any(e.status == SideEventStatus.waitlisted for e in events) else {}
    cap = cs.rules.hl_cap_total
    out = []
    for e in events:
        ended = e.status in (SideEventStatus.withdrawn, SideEventStatus.rejected)
        out.append(Standing(e, words_for(e, numbers.get(e.id), cap), numbers.get(e.id),
                            _ending_reason(e) if ended else ""))  # fmt: skip
    return out


# --- the secretariat's queue: filter ----------------------------------------------------------

QUEUE_STATUSES = [(s.value, STATUS_WORDS[s]) for s in SideEventStatus if s != SideEventStatus.draft]


def queue_filter(args) -> tuple[ListFilter, Callable[[SideEvent], bool]]:
    """The queue's filter (status, organizer's regional group, format, text) and the test of a row."""
    form = list_filter(args, _("Title, organizer, partner or contact contains"), {
        "status": (_("Status"), QUEUE_STATUSES),
        "group": (_("Organizer's regional group"), group_choices()),
        "format": (_("Format"), [(f.value, f.label) for f in SideEventFormat]),
    })  # fmt: skip
    keep = row_filter(
        form,
        {"status": lambda e: e.status.value, "group": lambda e: group_of(e.organizer),
         "format": lambda e: e.format.value if e.format else ""},
        lambda e: [e.title, e.organizer.name, e.organizer.code, *(e.organizer.names or {}).values(), e.partners,
                   e.contact_name, e.contact_email],
    )  # fmt: skip
    return form, keep
