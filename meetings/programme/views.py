from flask import Blueprint, abort, flash, redirect, render_template, url_for

from meetings.actions import attempt
from meetings.auth.decorators import acting_user, allowed
from meetings.extensions import db
from meetings.i18n.words import _, language_name
from meetings.programme import permissions, rooms, services
from meetings.programme.forms import BlockForm, CancelBlockForm, RoomChangeForm, RoomForm, RulesForm, SessionForm
from meetings.programme.models import MeetingBlock, Room
from meetings.timeutil import to_local
from meetings.webforms import errors_sentence, fields_of

bp = Blueprint("programme", __name__, url_prefix="/session")


commission_session_or_404 = services.require_commission_session


@bp.get("/")
def show_session():
    cs = commission_session_or_404()
    return render_template("programme/session.html", cs=cs, room_form=RoomForm(), language_name=language_name)


@bp.route("/rules", methods=["GET", "POST"])
@allowed(permissions.can_edit_session)
def edit_rules():
    cs = commission_session_or_404()
    form = RulesForm(data=services.rules_as_form_data(cs))
    if (
        form.validate_on_submit()
        and attempt(lambda: services.update_rules(cs, acting_user(), form.data), form, _("The rules are saved.")).ok
    ):
        return redirect(url_for("programme.show_session"))
    status = 400 if form.errors else 200
    return render_template("programme/rules.html", cs=cs, form=form), status


@bp.route("/details", methods=["GET", "POST"])
@allowed(permissions.can_edit_session)
def edit_details():
    cs = commission_session_or_404()
    form = SessionForm(data=services.details_as_form_data(cs))
    if (
        form.validate_on_submit()
        and attempt(
            lambda: services.update_details(cs, acting_user(), **fields_of(form)), form, _("The session is saved.")
        ).ok
    ):
        return redirect(url_for("programme.show_session"))
    return render_template("programme/details.html", cs=cs, form=form), 400 if form.errors else 200


@bp.get("/log")
@allowed(permissions.can_read_setup_log)
def show_log():
    cs = commission_session_or_404()
    return render_template("programme/log.html", cs=cs, entries=services.setup_log(cs))


def _block_form(cs, block: MeetingBlock | None = None) -> BlockForm:
    data = None
    if block is not None:
        start, end = to_local(block.starts_at, cs.timezone), to_local(block.ends_at, cs.timezone)
        data = {
            "title": block.title, "kind": block.kind.value, "day": start.date(), "start": start.time(),
            "end": end.time(), "room_id": block.room_id, "open_ended": block.open_ended,
        }  # fmt: skip
    form = BlockForm(data=data)
    services.offer_rooms(form, cs)
    return form


@bp.route("/blocks/new", methods=["GET", "POST"], defaults={"block_id": None})
@bp.route("/blocks/<int:block_id>", methods=["GET", "POST"])
@allowed(permissions.can_edit_session)
def edit_block(block_id: int | None):
    cs = commission_session_or_404()
    block = None
    if block_id is not None:
        block = db.session.get(MeetingBlock, block_id)
        if block is None or block.commission_session_id != cs.id:
            abort(404)
    form = _block_form(cs, block)
    if block is not None and block.is_cancelled:
        form = None  # a cancelled meeting is kept as it was: the page says so instead of offering a form
    elif form.validate_on_submit():
        saved = attempt(lambda: services.save_block(cs, acting_user(), block=block, **fields_of(form)), form,
                        _("The meeting block is saved."))  # fmt: skip
        if saved.ok:
            return redirect(url_for("programme.show_session"))
    return _block_page(cs, block, form)


def _block_page(cs, block: MeetingBlock | None, form: BlockForm | None, cancel_form: CancelBlockForm | None = None):
    """The block's page: its form, and what can be done with it (delete it when it holds nothing, else cancel)."""
    held = services.records_of(block) if block is not None and not block.is_cancelled else []
    status = 400 if (form is not None and form.errors) or (cancel_form is not None and cancel_form.errors) else 200
    return render_template("programme/block.html", cs=cs, form=form, block=block, held=held,
                           cancel_form=cancel_form or CancelBlockForm()), status  # fmt: skip


@bp.post("/blocks/<int:block_id>/delete")
@allowed(permissions.can_delete_block)
def delete_block(block_id: int):
    cs = commission_session_or_404()
    done = attempt(lambda: services.delete_block(cs, acting_user(), block_id), done=_("The meeting block is deleted."))
    if done.ok or done.refusal.status == 404:
        return redirect(url_for("programme.show_session"))
    return redirect(url_for("programme.edit_block", block_id=block_id))


@bp.post("/blocks/<int:block_id>/cancel")
@allowed(permissions.can_cancel_block)
def cancel_block(block_id: int):
    cs = commission_session_or_404()
    block = db.session.get(MeetingBlock, block_id)
    if block is None or block.commission_session_id != cs.id:
        abort(404)
    form = CancelBlockForm()
    if form.validate_on_submit():
        done = attempt(lambda: services.cancel_block(cs, acting_user(), block_id, form.reason.data), form,
                       _("“%(title)s” is cancelled; its room is free.", title=block.title))  # fmt: skip
        if done.ok:
            return redirect(url_for("programme.show_session"))
    else:
        flash(errors_sentence(form, _("The meeting was not cancelled: %(reasons)s")), "error")
    db.session.refresh(block)
    return _block_page(cs, block, None if block.is_cancelled else _block_form(cs, block), form)


@bp.get("/rooms")
def show_rooms():
    """Who holds each room when: meetings and side events, from the one room service."""
    cs = commission_session_or_404()
    held = rooms.bookings(cs)
    by_room = [(room, [b for b in held if b.room_id == room.id]) for room in cs.rooms]
    return render_template("programme/rooms.html", cs=cs, by_room=by_room, shown_label=rooms.shown_label,
                           language_name=language_name)  # fmt: skip


@bp.post("/rooms")
@allowed(permissions.can_edit_session)
def add_room():
    cs = commission_session_or_404()
    form = RoomForm()
    if form.validate_on_submit():
        attempt(
            lambda: services.add_room(
                cs, acting_user(), form.name.data, form.capacity.data, form.projector_language.data
            ),
            form,
            _("The room is added."),
        )
    else:
        flash(errors_sentence(form, _("The room was not added: %(reasons)s")), "error")
    return redirect(url_for("programme.show_session"))


@bp.route("/rooms/<int:room_id>", methods=["GET", "POST"])
@allowed(permissions.can_edit_session)
def edit_room(room_id: int):
    """Change a room: its name, its seats, the language of its projector."""
    cs = commission_session_or_404()
    room = db.session.get(Room, room_id)
    if room is None or room.commission_session_id != cs.id:
        abort(404)
    form = RoomChangeForm(data=services.room_as_dict(room))
    if (
        form.validate_on_submit()
        and attempt(
            lambda: services.update_room(cs, acting_user(), room.id, **fields_of(form)), form, _("The room is saved.")
        ).ok
    ):
        return redirect(url_for("programme.show_session") + "#rooms")
    return render_template("programme/room.html", cs=cs, room=room, form=form), 400 if form.errors else 200
