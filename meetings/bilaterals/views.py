"""The pages of bilateral rooms: the grid, the set-up, booking, one meeting, the door sheets."""

import secrets
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from meetings.actions import attempt
from meetings.auth.decorators import acting_user, allowed
from meetings.bilaterals import grid as grids
from meetings.bilaterals import permissions, services
from meetings.bilaterals.board import SlotTaken, board
from meetings.bilaterals.exports import door_sheet_pdf
from meetings.bilaterals.forms import BookingForm, CancelForm, ConfirmForm, DeclineForm, GridForm, ReasonForm, RoomsForm
from meetings.bilaterals.models import BookingState
from meetings.delegations.models import Delegation
from meetings.exports.views import send_bytes
from meetings.extensions import db
from meetings.i18n.words import _, shown
from meetings.programme.services import require_commission_session
from meetings.timeutil import to_local, utcnow
from meetings.webforms import errors_sentence, safe_next

bp = Blueprint("bilaterals", __name__, url_prefix="/bilaterals")

_user = acting_user


@bp.get("/")
@allowed(permissions.can_see_grid)
def show_grid():
    cs = require_commission_session()
    grid = grids.grid_of(cs)
    room_list = grids.bilateral_rooms(cs)
    days = board(cs, grid, room_list)
    booking_open = grid is not None and grid.booking_opens <= utcnow()
    return render_template("bilaterals/grid.html", cs=cs, grid=grid, rooms=room_list, days=days,
                           booking_open=booking_open)  # fmt: skip


def _grid_form(cs, grid) -> GridForm:
    if grid is None:
        return GridForm(formdata=None, slot_minutes=30, daily_cap=4)
    return GridForm(formdata=None, slot_minutes=grid.slot_minutes, periods=grids.periods_of(grid),
                    booking_opens=to_local(grid.booking_opens, cs.timezone).replace(tzinfo=None),
                    daily_cap=grid.daily_cap, needs_high_level=grid.needs_high_level)  # fmt: skip


def _rooms_form(cs, formdata=True) -> RoomsForm:
    form = RoomsForm() if formdata else RoomsForm(formdata=None, room_ids=[r.id for r in grids.bilateral_rooms(cs)])
    form.room_ids.choices = [(r.id, r.name) for r in cs.rooms]
    return form


def _setup_page(cs, grid_form=None, rooms_form=None, status: int = 200):
    grid = grids.grid_of(cs)
    return render_template("bilaterals/setup.html", cs=cs, grid=grid, grid_form=grid_form or _grid_form(cs, grid),
                           rooms_form=rooms_form or _rooms_form(cs, formdata=False),
                           registration=grids.registration_available()), status  # fmt: skip


@bp.get("/setup")
@allowed(permissions.can_set_up)
def setup():
    return _setup_page(require_commission_session())


@bp.post("/setup/grid")
@allowed(permissions.can_set_up)
def save_grid():
    cs = require_commission_session()
    form = GridForm()
    if not form.validate_on_submit():
        flash(errors_sentence(form, _("The grid was not changed: ")), "error")
        return _setup_page(cs, grid_form=form, status=400)
    outcome = attempt(lambda: grids.set_grid(cs, _user(), slot_minutes=form.slot_minutes.data,
                                             periods=form.periods.data, booking_opens=form.booking_opens.data,
                                             daily_cap=form.daily_cap.data,
                                             needs_high_level=form.needs_high_level.data),
                      form, _("The grid of slots is saved."))  # fmt: skip
    if outcome.ok:
        return redirect(url_for("bilaterals.setup"))
    return _setup_page(cs, grid_form=form, status=outcome.refusal.status)


@bp.post("/setup/rooms")
@allowed(permissions.can_set_up)
def save_rooms():
    cs = require_commission_session()
    form = _rooms_form(cs)
    if not form.validate_on_submit():
        flash(errors_sentence(form, _("The rooms were not changed: ")), "error")
        return _setup_page(cs, rooms_form=form, status=400)
    outcome = attempt(lambda: grids.set_rooms(cs, _user(), form.room_ids.data or [], form.new_room_names()), form,
                      _("The bilateral rooms are saved."))  # fmt: skip
    if outcome.ok:
        return redirect(url_for("bilaterals.setup"))
    return _setup_page(cs, rooms_form=form, status=outcome.refusal.status)


def _delegation_choices() -> list[tuple[str, str]]:
    rows = db.session.scalars(db.select(Delegation)).all()
    return sorted(((d.code, d.shown_name) for d in rows), key=lambda c: c[1].casefold())


def _booking_form(cs, grid, formdata=True) -> BookingForm:
    """The form with the bilateral rooms, the grid's slots and the delegations to choose from."""
    if formdata:
        form = BookingForm()
    else:
        args = request.args
        form = BookingForm(formdata=None, submission_key=secrets.token_urlsafe(16),
                           room_id=args.get("room_id", type=int), starts_at=args.get("starts_at", ""),
                           counterpart=args.get("counterpart", ""), organization=args.get("organization", "")[:200],
                           note=args.get("note", "")[:300], delegation=args.get("delegation", ""))  # fmt: skip
    form.room_id.choices = [(r.id, r.name) for r in grids.bilateral_rooms(cs)]
    form.starts_at.choices = [(s.key, _("%(day)s, %(start)s–%(end)s", day=shown(s.day, "%a %d %b"),
                                       start=shown(s.starts, "%H:%M"), end=shown(s.ends, "%H:%M")))
                              for s in grids.slots_of(grid)]  # fmt: skip
    delegations = _delegation_choices()
    own = getattr(current_user, "delegation", None)
    others = [(code, name) for code, name in delegations if own is None or code != own.code]
    form.counterpart.choices = [("", _("— an organization, named below —"))] + others
    if permissions.can_name_the_booker(current_user):
        form.delegation.choices = [("", "—")] + delegations
    else:
        del form.delegation
    return form


def _booker_of(form) -> Delegation | None:
    field = getattr(form, "delegation", None)
    if field is None or not field.data:
        return None
    return db.session.scalar(db.select(Delegation).where(Delegation.code == field.data))


@bp.route("/book", methods=["GET", "POST"])
@allowed(permissions.can_book)
def book():
    cs = require_commission_session()
    grid = grids.grid_of(cs)
    form = _booking_form(cs, grid, formdata=request.method == "POST")
    offers, status = [], 200
    if request.method == "POST":
        if form.validate_on_submit():
            outcome = attempt(lambda: services.book(
                cs, _user(), room_id=form.room_id.data, starts=form.starts_at.local(),
                counterpart=form.counterpart.data, organization=form.organization.data, note=form.note.data,
                delegation=_booker_of(form), submission_key=form.submission_key.data or None), form)  # fmt: skip
            if outcome.ok:
                flash(_booked_message(outcome.value), "info")
                return redirect(url_for("bilaterals.show_booking", booking_id=outcome.value.id))
            status = outcome.refusal.status
            offers = outcome.refusal.offers if isinstance(outcome.refusal, SlotTaken) else []
            form.submission_key.data = secrets.token_urlsafe(16)  # a new try is a new booking
        else:
            status = 400
    return render_template("bilaterals/book.html", cs=cs, grid=grid, form=form, offers=offers), status


def _booked_message(booking) -> str:
    if booking.state == BookingState.held:
        return _("The slot is booked and held for you; %(counterpart)s is asked to confirm.",
                 counterpart=booking.counterpart_shown)  # fmt: skip
    return _("The slot is booked.")


@bp.get("/<int:booking_id>")
@allowed(permissions.can_see_grid)
def show_booking(booking_id: int):
    cs = require_commission_session()
    booking = services.booking_for(cs, booking_id, _user())
    return render_template("bilaterals/booking.html", cs=cs, booking=booking, confirm_form=ConfirmForm(),
                           decline_form=DeclineForm(), cancel_form=CancelForm(),
                           history=services.history(booking))  # fmt: skip


def _answer(booking_id: int, action, form_class, done: str):
    cs = require_commission_session()
    booking = services.booking_for(cs, booking_id, _user())
    form = form_class()
    if not form.validate_on_submit():
        flash(errors_sentence(form, _("Nothing was changed: ")), "error")
    else:
        reason = form.reason.data if isinstance(form, ReasonForm) else None
        args = (reason or "",) if reason is not None else ()
        attempt(lambda: action(cs, _user(), booking, *args), done=done)
    back = safe_next(form.next.data) or url_for("bilaterals.show_booking", booking_id=booking_id)
    return redirect(back)


@bp.post("/<int:booking_id>/confirm")
@allowed(permissions.can_see_grid)
def confirm(booking_id: int):
    return _answer(booking_id, services.confirm, ConfirmForm, _("The meeting is confirmed."))


@bp.post("/<int:booking_id>/decline")
@allowed(permissions.can_see_grid)
def decline(booking_id: int):
    return _answer(booking_id, services.decline, DeclineForm, _("The meeting is declined; its slot is free again."))


@bp.post("/<int:booking_id>/cancel")
@allowed(permissions.can_see_grid)
def cancel(booking_id: int):
    return _answer(booking_id, services.cancel, CancelForm, _("The meeting is cancelled; its slot is free again."))


@bp.get("/rooms/<int:room_id>/<day>.pdf")
@allowed(permissions.can_see_grid)
def door_sheet(room_id: int, day: str):
    cs = require_commission_session()
    room = next((r for r in grids.bilateral_rooms(cs) if r.id == room_id), None)
    try:
        when = date.fromisoformat(day)
    except ValueError:
        abort(404)
    if room is None:
        abort(404)
    return send_bytes(door_sheet_pdf(cs, room, when), "application/pdf",
                      f"{cs.code}-bilateral-{room.id}-{when.isoformat()}.pdf", inline=True)  # fmt: skip


@bp.app_template_global()
def bilaterals_of(cs, delegation) -> dict:
    """A delegation's bilateral meetings for its home page: those awaiting its answer, and the rest."""
    return services.standing_of(cs, delegation)
