"""The chair's console, the projector screen, a delegation's nameplate, the report."""

from collections.abc import Callable

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from meetings.actions import attempt
from meetings.auth.decorators import acting_user, allowed
from meetings.delegations.models import Delegation
from meetings.exports.views import send_bytes
from meetings.extensions import db
from meetings.floor import interventions, permissions, queue, report, rules, screen, services, state
from meetings.floor.forms import (
    MMSS,
    ActionForm,
    DropForm,
    EmptyForm,
    LimitForm,
    PointOfOrderForm,
    ReplyForm,
    RequestForm,
    TurnForm,
)
from meetings.floor.models import TurnRole
from meetings.i18n.languages import is_language
from meetings.i18n.setup import use_language
from meetings.i18n.words import _, ngettext
from meetings.programme.models import BlockKind, MeetingBlock, Room
from meetings.programme.services import require_commission_session
from meetings.timeutil import utcnow
from meetings.webforms import errors_sentence

bp = Blueprint("floor", __name__, url_prefix="/floor")


def block_or_404(block_id: int) -> MeetingBlock:
    cs = require_commission_session()
    block = db.session.get(MeetingBlock, block_id)
    if block is None or block.commission_session_id != cs.id or block.kind not in services.FLOOR_KINDS:
        abort(404)
    return block


@bp.get("/")
def list_meetings():
    cs = require_commission_session()
    blocks = [b for b in cs.blocks if b.kind in services.FLOOR_KINDS]
    rooms = sorted({b.room for b in blocks}, key=lambda r: r.name)
    return render_template("floor/list.html", cs=cs, blocks=blocks, rooms=rooms)


def _console(block: MeetingBlock, status: int = 200, turn_form: TurnForm | None = None):
    floor = services.floor_of(block)
    snap = state.with_time(state.snapshot(floor, block, upcoming=None), utcnow())
    return render_template(
        "floor/console.html", block=block, cs=block.commission_session, snap=snap,
        record=state.record(floor), requests=queue.open_requests(block), turn_form=turn_form or TurnForm(),
        request_form=RequestForm(), form=EmptyForm(), limit_form=LimitForm(), limit_pattern=MMSS, warning_s=rules.WARNING_S,
        delegations=db.session.scalars(db.select(Delegation).order_by(Delegation.name)).all(),
        order_form=PointOfOrderForm(), reply_form=ReplyForm(), rules_of_session=block.commission_session.rules,
        links=state.connection_links(floor),
    ), status  # fmt: skip


@bp.get("/blocks/<int:block_id>")
@allowed(permissions.can_drive)
def console(block_id: int):
    return _console(block_or_404(block_id))


@bp.get("/blocks/<int:block_id>/state.json")
@allowed(permissions.can_drive)
def console_state(block_id: int):
    block = block_or_404(block_id)
    return jsonify(state.with_time(state.snapshot(services.floor_of(block), block, upcoming=None), utcnow()))


def _apply(block: MeetingBlock, form, fn: Callable[[], object], done: str, back: str | None = None):
    """Validate, run the service, commit once; a refusal shows on the console and changes nothing."""
    if not form.validate_on_submit():
        flash(errors_sentence(form, _("Not done: ")), "error")
        return redirect(back) if back else _console(block, 400)
    outcome = attempt(fn, done=done)
    if not outcome.ok and back and outcome.refusal.status in (403, 404):
        abort(outcome.refusal.status)  # another delegation's request or reply: refused, not sent back as if done
    if outcome.ok or back:
        return redirect(back or url_for("floor.console", block_id=block.id))
    return _console(block, outcome.refusal.status)


@bp.post("/blocks/<int:block_id>/act")
@allowed(permissions.can_drive)
def act(block_id: int):
    block, form = block_or_404(block_id), ActionForm()
    return _apply(
        block,
        form,
        lambda: services.act(block, acting_user(), form.action.data, form.version.data, form.turn_id.data),
        "",
    )


@bp.post("/blocks/<int:block_id>/turns")
@allowed(permissions.can_drive)
def add_turn(block_id: int):
    block, form = block_or_404(block_id), TurnForm()

    def run():
        services.add_turn(block, acting_user(), services.named_delegation(form.delegation.data), form.speaker_name.data,
                          TurnRole(form.role.data), form.speaker_title.data or "", form.limit_s.data)  # fmt: skip

    return _apply(block, form, run, _("The speaker is added to the list."))


@bp.post("/blocks/<int:block_id>/turns/<int:turn_id>/limit")
@allowed(permissions.can_drive)
def set_limit(block_id: int, turn_id: int):
    block, form = block_or_404(block_id), LimitForm()
    return _apply(
        block,
        form,
        lambda: services.set_limit(block, acting_user(), turn_id, form.limit_s.data),
        _("The limit is changed."),
    )


@bp.post("/blocks/<int:block_id>/lineup")
@allowed(permissions.can_drive)
def load_lineup(block_id: int):
    block = block_or_404(block_id)
    added: list[int] = []
    result = _apply(block, EmptyForm(), lambda: added.append(services.load_lineup(block, acting_user())), "")
    if added:
        if added[0]:
            flash(ngettext("%(num)d speaker added from the speakers list.", "%(num)d speakers added from the speakers list.",
                           added[0]), "info")  # fmt: skip
        else:
            flash(_("The list is up to date."), "info")
    return result


@bp.post("/blocks/<int:block_id>/requests/<int:request_id>/<any(grant, drop):decision>")
@allowed(permissions.can_drive)
def decide_request(block_id: int, request_id: int, decision: str):
    block = block_or_404(block_id)
    if decision == "grant":
        grant = lambda: queue.grant_request(block, acting_user(), request_id)  # noqa: E731
        return _apply(block, EmptyForm(), grant, _("The delegation is on the list."))
    form = DropForm()
    drop = lambda: queue.drop_request(block, acting_user(), request_id, (form.reason.data or "").strip())  # noqa: E731
    return _apply(block, form, drop, _("The request is dropped."))


@bp.post("/blocks/<int:block_id>/point-of-order")
@allowed(permissions.can_drive)
def point_of_order(block_id: int):
    block, form = block_or_404(block_id), PointOfOrderForm()

    def run():
        interventions.point_of_order(block, acting_user(), services.named_delegation(form.delegation.data),
                                     form.speaker_name.data or "", form.version.data)  # fmt: skip

    return _apply(block, form, run, _("The point of order has the floor."))


# --- rights of reply: the delegation's page, the chair's console -----------------------------


@bp.get("/blocks/<int:block_id>/reply")
@allowed(permissions.can_raise_nameplate)
def reply(block_id: int):
    block = block_or_404(block_id)
    floor = services.floor_of(block)
    mine = interventions.replies_of(floor, current_user.delegation)
    queue_of_replies = [t for t in services.waiting(floor) if t.is_reply] if floor else []
    return render_template("floor/reply.html", block=block, mine=mine, queue_of_replies=queue_of_replies,
                           rules_of_session=block.commission_session.rules, form=ReplyForm(), button=EmptyForm())  # fmt: skip


def _reply_back(block: MeetingBlock) -> str | None:
    """Where a right-of-reply action returns: the console for whoever runs the floor, else the delegation's page."""
    return None if permissions.can_drive(current_user, block) else url_for("floor.reply", block_id=block.id)


@bp.post("/blocks/<int:block_id>/replies")
@login_required
def request_reply(block_id: int):
    block, form = block_or_404(block_id), ReplyForm()
    run = lambda: interventions.request_reply(block, acting_user(), form.delegation.data, form.speaker_name.data or "")  # noqa: E731
    return _apply(
        block, form, run, _("The right of reply is on the list, at the end of the meeting."), _reply_back(block)
    )


@bp.post("/blocks/<int:block_id>/replies/<int:turn_id>/withdraw")
@login_required
def withdraw_reply(block_id: int, turn_id: int):
    block = block_or_404(block_id)
    run = lambda: interventions.withdraw_reply(block, acting_user(), turn_id)  # noqa: E731
    return _apply(block, EmptyForm(), run, _("The right of reply is withdrawn."), _reply_back(block))


@bp.app_template_global()
def floor_requests_of(cs, delegation) -> list:
    """A delegation's requests for the floor with where each stands, for its home page."""
    return queue.requests_of(cs, delegation)


# --- delegations: the nameplate -----------------------------------------------------------


@bp.get("/blocks/<int:block_id>/nameplate")
@allowed(permissions.can_raise_nameplate)
def nameplate(block_id: int):
    block = block_or_404(block_id)
    if block.kind != BlockKind.roundtable:
        abort(404)
    mine = queue.open_request_of(block, current_user.delegation) if current_user.delegation else None
    ahead = [r for r in queue.open_requests(block)]
    position = next((i for i, r in enumerate(ahead, 1) if mine and r.id == mine.id), None)
    return render_template("floor/nameplate.html", block=block, mine=mine, position=position, form=RequestForm())


@bp.post("/blocks/<int:block_id>/requests")
@login_required
def request_floor(block_id: int):
    block, form = block_or_404(block_id), RequestForm()
    back = None if permissions.can_drive(current_user, block) else url_for("floor.nameplate", block_id=block.id)

    def run():
        return queue.request_floor(block, acting_user(), form.delegation.data, form.speaker_name.data or "",
                                   remote=bool(form.remote.data), connection_link=form.connection_link.data or "")  # fmt: skip

    return _apply(block, form, run, _("The request for the floor is in the queue."), back)


@bp.post("/blocks/<int:block_id>/requests/<int:request_id>/withdraw")
@login_required
def withdraw_request(block_id: int, request_id: int):
    block = block_or_404(block_id)
    back = None if permissions.can_drive(current_user, block) else url_for("floor.nameplate", block_id=block.id)
    run = lambda: queue.withdraw_request(block, acting_user(), request_id)  # noqa: E731
    return _apply(block, EmptyForm(), run, _("The request is withdrawn."), back)


# --- the room: projector screen and its state ------------------------------------------------


@bp.get("/rooms/<int:room_id>/screen")
def projector(room_id: int):
    """The room's screen, in the room's projector language; ?lang= on the address overrides it and
    is passed on to the state the screen polls."""
    room = db.session.get(Room, room_id) or abort(404)
    use_language(room.projector_language)
    asked = request.args.get("lang")
    state_url = url_for("floor.room_state", room_id=room.id, lang=asked if is_language(asked) else None)
    return render_template("floor/projector.html", room=room, state_url=state_url, warning_s=rules.WARNING_S)


@bp.get("/rooms/<int:room_id>/state.json")
def room_state(room_id: int):
    return screen.room_state_response(room_id, request.headers.get("If-None-Match"))


# --- the record --------------------------------------------------------------------------


@bp.get("/blocks/<int:block_id>/report.<any(pdf, csv):fmt>")
@allowed(permissions.can_read_record)
def speaking_time_report(block_id: int, fmt: str):
    block = block_or_404(block_id)
    turns = state.record(services.floor_of(block))
    name = f"{block.commission_session.code}-speaking-time-{block.id}.{fmt}"
    if fmt == "csv":
        return send_bytes(report.report_csv(block, turns), "text/csv; charset=utf-8", name)
    return send_bytes(report.report_pdf(block, turns), "application/pdf", name, inline=True)
