"""A virtual side event's meeting link: set by its organizer or the secretariat, read by the people
registered for the session, never on a public page, in a feed or in a PDF."""

from meetings.auth.actors import Actor
from meetings.extensions import db
from meetings.i18n.words import _
from meetings.refusal import Refusal
from meetings.side_events.models import SideEvent, SideEventFormat, SideEventStatus
from meetings.side_events.services import ensure_can_change, log


def set_meeting_link(actor: Actor, event: SideEvent, link: str) -> SideEvent:
    """The link of a virtual event (an empty one removes it)."""
    ensure_can_change(actor, event)
    link = (link or "").strip()
    if link and event.format != SideEventFormat.virtual:
        raise Refusal(_("Only a virtual side event has a meeting link; this one takes place in person."),
                      {"meeting_link": [_("Only for a virtual side event.")]}, 409)  # fmt: skip
    if event.status in (SideEventStatus.withdrawn, SideEventStatus.rejected):
        raise Refusal(_("This application is closed; its meeting link can no longer be changed."), status=409)
    if link == event.meeting_link:
        return event
    before = {"meeting_link": event.meeting_link}
    event.meeting_link = link
    db.session.flush()
    log(event, actor, "meeting_link_set", before=before, after={"meeting_link": link})
    return event
