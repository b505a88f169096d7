import secrets
from dataclasses import dataclass
from datetime import datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from meetings.actions import attempt
from meetings.auth.decorators import acting_user, allowed
from meetings.calendars.feeds import serve
from meetings.delegations.models import DelegationKind
from meetings.exports.filters import in_force, refusal_of
from meetings.exports.lists import queue_csv
from meetings.exports.views import send_bytes
from meetings.i18n.words import _, _l
from meetings.programme.services import require_commission_session
from meetings.side_events import links, permissions, scheduling, services, standing
from meetings.side_events.exports import event_feed, programme_pdf
from meetings.side_events.forms import (
    ApplicationForm,
    MeetingLinkForm,
    ReasonForm,
    RejectForm,
    ScheduleForm,
    WithdrawForm,
)
from meetings.side_events.models import SideEventKind, SideEventStatus
from meetings.side_events.timeline import timeline_days
from meetings.webforms import errors_sentence

bp = Blueprint("side_events", __name__, url_prefix="/side-events")


_user = acting_user


@bp.get("/")
def list_events():
    cs = require_commission_session()
    mine = services.events_for(cs, _user()) if permissions.can_list_own(current_user) else []
    return render_template("side_events/list.html", cs=cs, programme=scheduling.scheduled(cs), mine=mine,
                           window=services.window_message(cs, services.clock_now()))  # fmt: skip


def _application_form(event=None) -> ApplicationForm:
    if event is None:
        return ApplicationForm(submission_key=secrets.token_urlsafe(16))
    data = {
        name: getattr(event, name) for name in services.EDITABLE if name not in ("preferred_times", "kind", "format")
    }
    return ApplicationForm(data={**data, "kind": event.kind.value, "format": event.format.value if event.format else "",
                                 "preferred_times": [datetime.fromisoformat(t) for t in event.preferred_times]})  # fmt: skip


@bp.route("/new", methods=["GET", "POST"], defaults={"event_id": None})
@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@allowed(permissions.can_open_application_form)
def edit_application(event_id: int | None):
    cs = require_commission_session()
    event = services.event_for(cs, event_id, _user()) if event_id else None
    if event is not None and event.status != SideEventStatus.draft:
        flash(_("This application was submitted; it can no longer be changed."), "error")
        return redirect(url_for("side_events.show_event", event_id=event.id))
    if event is None and not permissions.can_apply(current_user):
        blocked = _("Only a delegation applies for side events; log in as one of its users to apply.")
        return render_template("side_events/form.html", cs=cs, form=None, event=None, blocked=blocked), 403
    form = _application_form(event) if request.method == "GET" else ApplicationForm()
    offer = _offer(cs, event.organizer if event is not None else current_user.delegation)
    form.kind.choices = offer.kinds
    if request.method == "GET" and event is None and not offer.high_level_submittable:
        form.kind.data = SideEventKind.regular.value
    refused = 200
    if form.validate_on_submit():
        key = form.submission_key.data or None
        if form.submit.data:
            outcome = attempt(lambda: services.submit(cs, _user(), form.values(), event=event, key=key), form)
        else:
            outcome = attempt(lambda: services.save_draft(cs, _user(), form.values(), event=event, key=key), form,
                              _("The draft is saved. It takes no place in the queue until you submit it."))  # fmt: skip
        if outcome.ok:
            if form.submit.data:
                flash(_submitted_message(outcome.value), "info")
            return redirect(url_for("side_events.show_event", event_id=outcome.value.id))
        refused = outcome.refusal.status
    status = 400 if form.errors else refused
    return render_template("side_events/form.html", cs=cs, form=form, event=event, offer=offer), status


@dataclass(frozen=True)
class Offer:
    """What the application form offers an organizer now, and why a high-level submission is not offered."""

    kinds: list[tuple[str, str]]
    high_level_submittable: bool
    notice: str = ""
    submit_label: str = _l("Submit the application")


def _offer(cs, organizer) -> Offer:
    """Outside the window (or for a non-Member State) the form offers a regular event or a draft only,
    instead of a submission that would be refused."""
    regular = (SideEventKind.regular.value, _("Regular side event"))
    if organizer is not None and organizer.kind != DelegationKind.member_state:
        notice = _("High-level side events are organized by Member States; %(organizer)s can apply for a "
                   "regular side event.", organizer=organizer.shown_name)  # fmt: skip
        return Offer([regular], False, notice, _("Submit the regular side event"))
    closed = services.window_message(cs, services.clock_now())
    if closed is None:
        return Offer([(SideEventKind.high_level.value, _("High-level side event")), regular], True,
                     submit_label=_("Submit the application"))  # fmt: skip
    notice = _("%(closed)s You can apply for a regular side event now, or save a high-level application as a draft: "
               "it takes no place in the queue.", closed=closed)  # fmt: skip
    return Offer([regular, (SideEventKind.high_level.value, _("High-level side event (draft only)"))], False, notice,
                 _("Submit the regular side event"))  # fmt: skip


def _submitted_message(event) -> str:
    if not event.is_high_level:
        return _("The side event is registered.")
    if event.status == SideEventStatus.accepted:
        return _("Received; position %(position)d in the queue: accepted.", position=event.queue_position)
    return _("Received; position %(position)d in the queue: on the waiting list.", position=event.queue_position)


@bp.get("/<int:event_id>")
def show_event(event_id: int):
    cs = require_commission_session()
    event = services.event_for(cs, event_id, _user())
    can_change = permissions.can_change(current_user, event)
    schedule_form = None
    if permissions.can_decide(current_user):
        schedule_form = ScheduleForm()
        schedule_form.room_id.choices = [(r.id, r.name) for r in cs.rooms]
    link_form = MeetingLinkForm(formdata=None, data={"meeting_link": event.meeting_link})
    return render_template("side_events/show.html", cs=cs, event=event, can_change=can_change,
                           withdraw_form=WithdrawForm(), reject_form=RejectForm(), schedule_form=schedule_form,
                           history=services.history(event) if can_change else [], link_form=link_form)  # fmt: skip


@bp.post("/<int:event_id>/meeting-link")
@login_required
def set_meeting_link(event_id: int):
    cs = require_commission_session()
    event = services.event_for(cs, event_id, _user())
    form = MeetingLinkForm()
    if not form.validate_on_submit():
        flash(errors_sentence(form, _("Nothing was changed: ")), "error")
    else:
        attempt(
            lambda: links.set_meeting_link(_user(), event, form.meeting_link.data), done=_("The meeting link is saved.")
        )
    return redirect(url_for("side_events.show_event", event_id=event_id))


def _act(event_id: int, action, done: str):
    cs = require_commission_session()
    event = services.event_for(cs, event_id, _user())
    form = ReasonForm()
    if not form.validate_on_submit():
        flash(errors_sentence(form, _("Nothing was changed: ")), "error")
        return redirect(url_for("side_events.show_event", event_id=event_id))
    attempt(lambda: action(cs, _user(), event, form.reason.data or ""), done=done)
    return redirect(url_for("side_events.show_event", event_id=event_id))


@bp.post("/<int:event_id>/withdraw")
@login_required
def withdraw(event_id: int):
    return _act(event_id, services.withdraw, _("The application is withdrawn."))


@bp.post("/<int:event_id>/reject")
@allowed(permissions.can_decide)
def reject(event_id: int):
    return _act(event_id, services.reject, _("The application is rejected; the waiting list moved up."))


@bp.post("/<int:event_id>/delete")
@login_required
def delete_draft(event_id: int):
    cs = require_commission_session()
    event = services.event_for(cs, event_id, _user())
    if attempt(lambda: services.delete_draft(cs, _user(), event), done=_("The draft is deleted.")).ok:
        return redirect(url_for("side_events.list_events"))
    return redirect(url_for("side_events.show_event", event_id=event_id))


@bp.post("/<int:event_id>/schedule")
@allowed(permissions.can_decide)
def schedule(event_id: int):
    cs = require_commission_session()
    event = services.event_for(cs, event_id, _user())
    form = ScheduleForm()
    form.room_id.choices = [(r.id, r.name) for r in cs.rooms]
    if not form.validate_on_submit():
        flash(_("Give the day, the start time and the room."), "error")
        return redirect(url_for("side_events.show_event", event_id=event_id))
    attempt(lambda: scheduling.schedule(cs, _user(), event, form.day.data, form.start.data, form.room_id.data),
            done=_("The time and room are set."))  # fmt: skip
    return redirect(url_for("side_events.show_event", event_id=event_id))


@bp.post("/schedule/auto")
@allowed(permissions.can_decide)
def auto_schedule():
    cs = require_commission_session()
    outcome = attempt(lambda: scheduling.auto_schedule(cs, _user()))
    if outcome.ok:
        placed, unplaced = outcome.value
        flash(_("%(placed)d placed at a preferred time; %(left)d left to place by hand.", placed=len(placed),
                left=len(unplaced)), "info")  # fmt: skip
    return redirect(url_for("side_events.show_queue"))


@bp.get("/queue")
@allowed(permissions.can_see_all)
def show_queue():
    cs = require_commission_session()
    form, keep = standing.queue_filter(request.args)
    queue = services.queue(cs)
    shown = [e for e in queue if keep(e)] if not form.errors else []
    return render_template("side_events/queue.html", cs=cs, queue=shown, total=len(queue), filter_form=form,
                           filters=in_force(form), waiting=standing.waiting_numbers(cs, queue),
                           stands=standing.words_for), 400 if form.errors else 200  # fmt: skip


@bp.get("/queue.csv")
@allowed(permissions.can_see_all)
def export_queue():
    """The queue as the page shows it, with the same filters."""
    cs = require_commission_session()
    form, keep = standing.queue_filter(request.args)
    refusal = refusal_of(form)
    if refusal is not None:
        raise refusal
    queue = services.queue(cs)
    data = queue_csv([e for e in queue if keep(e)], standing.waiting_numbers(cs, queue), cs.rules.hl_cap_total,
                     cs.timezone)  # fmt: skip
    return send_bytes(data, "text/csv; charset=utf-8", f"{cs.code}-side-event-queue.csv")


@bp.get("/timeline")
def show_timeline():
    cs = require_commission_session()
    return render_template("side_events/timeline.html", cs=cs, days=timeline_days(cs))


@bp.get("/programme.pdf")
def programme_document():
    cs = require_commission_session()
    return send_bytes(programme_pdf(cs), "application/pdf", f"{cs.code}-side-events.pdf", inline=True)


@bp.get("/<int:event_id>.ics")
def event_calendar(event_id: int):
    cs = require_commission_session()
    event = services.event_for(cs, event_id, _user())
    if event.starts_at is None or event.status != SideEventStatus.accepted:
        abort(404)
    return serve(cs, *event_feed(cs, event))


@bp.app_template_global()
def side_events_of(cs, delegation) -> list:
    """A delegation's applications with where each stands, for its home page (which only its users and
    the secretariat see)."""
    return standing.standings_of(cs, delegation)
