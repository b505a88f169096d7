"""The side-event actions as JSON, through the same services and forms as the pages."""

from flask import jsonify, request

from meetings.api import ApiRoutes, api_user, validated
from meetings.api.schemas import INSTANT, INT, STR, arr, maybe, obj
from meetings.exports.filters import refusal_of
from meetings.programme.services import require_commission_session
from meetings.side_events import links, permissions, scheduling, services, standing
from meetings.side_events.forms import ApplicationForm, MeetingLinkForm, ReasonForm, ScheduleForm
from meetings.side_events.models import SideEvent
from meetings.timeutil import to_local

routes = ApiRoutes()

EVENT = obj(id=INT, title=STR, kind=STR, status=STR, organizer=obj(code=STR, name=STR), partners=arr(STR),
            format=maybe(STR), duration_minutes=maybe(INT), starts_at=maybe(INSTANT), ends_at=maybe(INSTANT),
            room=maybe(STR))  # the public part; the organizer and the secretariat read more  # fmt: skip


def as_dict(e: SideEvent, tz: str, full: bool = True) -> dict:
    data = {
        "id": e.id, "kind": e.kind.value, "status": e.status.value, "title": e.title,
        "organizer": {"code": e.organizer.code, "name": e.organizer.name}, "partners": e.partner_list,
        "format": e.format.value if e.format else None, "duration_minutes": e.duration_minutes,
        "starts_at": to_local(e.starts_at, tz).isoformat() if e.starts_at else None,
        "ends_at": to_local(e.ends_at, tz).isoformat() if e.ends_at else None,
        "room": e.room.name if e.room else None,
    }  # fmt: skip
    if full:
        data.update({
            "contact_name": e.contact_name, "contact_email": e.contact_email, "description": e.description,
            "preferred_times": e.preferred_times, "queue_position": e.queue_position, "seat": e.accepted_seat,
            "submitted_at": e.submitted_at.isoformat(timespec="microseconds") if e.submitted_at else None,
            "submission_key": e.submission_key,
        })  # fmt: skip
    return data


def _present(form: ApplicationForm) -> dict:
    """Only the fields the JSON body names: a partial body changes only those."""
    sent = set((request.get_json(silent=True) or {}).keys())
    return {k: v for k, v in form.values().items() if k in sent}


def _event(event_id: int):
    cs = require_commission_session()
    return cs, services.event_for(cs, event_id, api_user())


@routes.route(
    "/side-events",
    response=arr(EVENT),
    summary="Side-event applications you may see (all for the secretariat)",
    allow=permissions.can_list_own,
)
def list_side_events():
    cs = require_commission_session()
    return jsonify(_standing(cs, services.events_for(cs, api_user())))


def _standing(cs, events: list[SideEvent]) -> list[dict]:
    """Full entries with where each stands: its number on the waiting list and the sentence of the home page."""
    numbers, cap = standing.waiting_numbers(cs), cs.rules.hl_cap_total
    return [{**as_dict(e, cs.timezone), "waiting_number": numbers.get(e.id),
             "standing": standing.words_for(e, numbers.get(e.id), cap)} for e in events]  # fmt: skip


@routes.route(
    "/side-events/programme", response=arr(EVENT), summary="The scheduled side events, in time order", public=True
)
def side_event_programme():
    cs = require_commission_session()
    return jsonify([as_dict(e, cs.timezone, full=False) for e in scheduling.scheduled(cs)])


@routes.route("/side-events/queue", response=arr(EVENT), summary="The high-level queue with receipt times (microseconds, UTC); "
           "filters as on the page: ?q=&status=&group=&format=", allow=permissions.can_see_all)  # fmt: skip
def side_event_queue():
    cs = require_commission_session()
    form, keep = standing.queue_filter(request.args)
    refusal = refusal_of(form, 422)
    if refusal is not None:
        raise refusal
    return jsonify(_standing(cs, [e for e in services.queue(cs) if keep(e)]))


@routes.route(
    "/side-events/<int:event_id>",
    response=EVENT,
    summary="One side-event application (public once scheduled)",
    public=True,
)
def get_side_event(event_id: int):
    cs, event = _event(event_id)
    data = as_dict(event, cs.timezone, full=_owner(event))
    user = api_user()
    if user is not None and permissions.can_see_meeting_link(user, event):
        data["meeting_link"] = event.meeting_link
    return jsonify(data)


@routes.route(
    "/side-events/<int:event_id>/meeting-link",
    ["PUT"],
    form=MeetingLinkForm,
    allow=permissions.can_open_application_form,
    response=obj(id=INT, meeting_link=maybe(STR)),
    summary="Set a virtual event's meeting link (for the delegations registered for the session only)",
)
def put_meeting_link(event_id: int):
    """The organizer's users and the secretariat."""
    _cs, event = _event(event_id)
    links.set_meeting_link(api_user(), event, validated(MeetingLinkForm).meeting_link.data or "")
    return jsonify({"id": event.id, "meeting_link": event.meeting_link})


def _owner(event: SideEvent) -> bool:
    user = api_user()
    return user is not None and permissions.can_change(user, event)


@routes.route("/side-events", ["POST"], status=201, response=EVENT, summary="Save a new draft (may be incomplete)", form=ApplicationForm,
           allow=permissions.can_apply)  # fmt: skip
def create_side_event_draft():
    cs = require_commission_session()
    form = validated(ApplicationForm)
    event = services.save_draft(cs, api_user(), _present(form), key=form.submission_key.data or None)
    return jsonify(as_dict(event, cs.timezone)), 201


@routes.route("/side-events/submit", ["POST"], status=201, response=EVENT, summary="Submit a complete application in one step (idempotent with "
           "submission_key)", form=ApplicationForm, allow=permissions.can_apply)  # fmt: skip
def submit_new_side_event():
    cs = require_commission_session()
    form = validated(ApplicationForm)
    event = services.submit(cs, api_user(), _present(form), key=form.submission_key.data or None)
    return jsonify(as_dict(event, cs.timezone)), 201


@routes.route(
    "/side-events/<int:event_id>",
    ["PUT"],
    response=EVENT,
    summary="Change a draft",
    form=ApplicationForm,
    allow=permissions.can_open_application_form,
)
def update_side_event_draft(event_id: int):
    cs, event = _event(event_id)
    form = validated(ApplicationForm)
    event = services.save_draft(cs, api_user(), _present(form), event=event)
    return jsonify(as_dict(event, cs.timezone))


@routes.route(
    "/side-events/<int:event_id>",
    ["DELETE"],
    response=obj(deleted=INT),
    summary="Delete a draft",
    allow=permissions.can_open_application_form,
)
def delete_side_event_draft(event_id: int):
    cs, event = _event(event_id)
    services.delete_draft(cs, api_user(), event)
    return jsonify({"deleted": event_id})


@routes.route("/side-events/<int:event_id>/submit", ["POST"], response=EVENT, summary="Submit a draft (idempotent)",
           form=ApplicationForm, allow=permissions.can_open_application_form)  # fmt: skip
def submit_side_event(event_id: int):
    cs, event = _event(event_id)
    form = validated(ApplicationForm)
    event = services.submit(cs, api_user(), _present(form), event=event)
    return jsonify(as_dict(event, cs.timezone))


@routes.route("/side-events/<int:event_id>/withdraw", ["POST"], response=EVENT, summary="Withdraw an application", form=ReasonForm,
           allow=permissions.can_open_application_form)  # fmt: skip
def withdraw_side_event(event_id: int):
    cs, event = _event(event_id)
    form = validated(ReasonForm)
    event = services.withdraw(cs, api_user(), event, form.reason.data or "")
    return jsonify(as_dict(event, cs.timezone))


@routes.route("/side-events/<int:event_id>/reject", ["POST"], response=EVENT, summary="Reject an application, with the reason",
           form=ReasonForm, allow=permissions.can_decide)  # fmt: skip
def reject_side_event(event_id: int):
    cs, event = _event(event_id)
    form = validated(ReasonForm)
    event = services.reject(cs, api_user(), event, form.reason.data or "")
    return jsonify(as_dict(event, cs.timezone))


def _rooms(cs):
    return lambda form: setattr(form.room_id, "choices", [(r.id, r.name) for r in cs.rooms])


@routes.route("/side-events/<int:event_id>/schedule", ["PUT"], response=EVENT, summary="Set the time and room of an accepted event",
           form=ScheduleForm, allow=permissions.can_decide)  # fmt: skip
def schedule_side_event(event_id: int):
    cs, event = _event(event_id)
    form = validated(ScheduleForm, prepare=_rooms(cs))
    scheduling.schedule(cs, api_user(), event, form.day.data, form.start.data, form.room_id.data)
    return jsonify(as_dict(event, cs.timezone))


@routes.route("/side-events/schedule/auto", ["POST"], response=obj(placed=arr(EVENT), not_placed=arr(EVENT)), summary="Place accepted high-level events at their first free "
           "preferred time, in queue order", allow=permissions.can_decide)  # fmt: skip
def auto_schedule_side_events():
    cs = require_commission_session()
    placed, unplaced = scheduling.auto_schedule(cs, api_user())
    return jsonify({"placed": [as_dict(e, cs.timezone) for e in placed],
                    "not_placed": [as_dict(e, cs.timezone) for e in unplaced]})  # fmt: skip
