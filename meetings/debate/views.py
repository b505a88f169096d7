"""HTML pages of the general debate: thin; every action goes through a service."""

from collections.abc import Callable

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from meetings.actions import attempt
from meetings.auth.decorators import acting_user, allowed, ensure
from meetings.debate import documents, lots, permissions, services
from meetings.debate.forms import (
    CommitmentForm,
    InscriptionForm,
    QuotaForm,
    ReasonForm,
    SeedForm,
    SpeakerForm,
    StatementForm,
    SwapForm,
    VoidForm,
)
from meetings.debate.listing import build_list, debate_blocks
from meetings.debate.models import Change, Swap
from meetings.delegations.services import delegation_by_code
from meetings.exports.views import send_bytes
from meetings.extensions import db
from meetings.programme.services import require_commission_session as _session
from meetings.refusal import Refusal
from meetings.webforms import errors_sentence

bp = Blueprint("debate", __name__, url_prefix="/debate")


def _act(action: Callable, ok: str, back: str, form=None, page: Callable | None = None):
    """Run a service; commit and go back on success; on refusal roll back and say why (400)."""
    outcome = attempt(action, form, ok)
    if outcome.ok:
        return redirect(back)
    if outcome.refusal.status == 403:
        abort(403)
    if page is not None:
        return page(), 400
    return redirect(back), 303


def _validated_act(form, action: Callable, ok: str, back: str):
    """Like _act, after the form's own checks: an invalid form changes nothing and says why."""
    if not form.validate_on_submit():
        flash(errors_sentence(form), "error")
        return redirect(back), 303
    return _act(action, ok, back)


def _form_refused(form, page: Callable):
    flash(errors_sentence(form), "error")
    return page(), 400


@bp.get("/")
def show_list():
    cs = _session()
    listing = build_list(cs)
    return render_template("debate/list.html", cs=cs, listing=listing, blocks=debate_blocks(cs))


@bp.route("/inscribe", methods=["GET", "POST"])
@allowed(permissions.can_take_part)
def inscribe():
    cs = _session()
    form = InscriptionForm()

    def page():
        return render_template("debate/inscribe.html", cs=cs, form=form)

    if request.method == "GET":
        return page()
    if not form.validate_on_submit():
        return _form_refused(form, page)
    code = form.delegation.data if permissions.can_name_the_delegation(current_user) else None
    delegation = delegation_by_code(code) if code else current_user.delegation
    if delegation is None:
        form.delegation.errors = ["Give a known delegation code."]
        return _form_refused(form, page)
    holder = {}

    def action():
        holder["i"] = services.inscribe(
            cs, acting_user(), delegation, speaker_name=form.speaker_name.data, speaker_title=form.speaker_title.data,
            level=form.level.data, on_behalf_of_group=form.on_behalf_of_group.data, group_name=form.group_name.data,
        )  # fmt: skip

    return _act(action, f"{delegation.name} is inscribed.", url_for("debate.show_list"), form, page)


def _inscription(inscription_id: int):
    cs = _session()
    try:
        i = services.inscription_for(cs, inscription_id)
    except Refusal:
        abort(404)
    ensure(permissions.can_see_inscription(current_user, i))
    return cs, i


@bp.get("/inscriptions/<int:inscription_id>")
@login_required
def show_inscription(inscription_id: int):
    cs, i = _inscription(inscription_id)
    return _manage_page(cs, i)


def _manage_page(cs, i, **forms):
    speaker = forms.get("speaker") or SpeakerForm(
        data={"speaker_name": i.speaker_name, "speaker_title": i.speaker_title, "level": i.level.value}
    )
    pending = db.session.scalars(
        db.select(Swap).where(Swap.confirmed_at.is_(None), (Swap.second_id == i.id) | (Swap.first_id == i.id))
    ).all()
    listing = build_list(cs)
    return render_template(
        "debate/inscription.html", cs=cs, i=i, row=listing.row_of(i.id), speaker_form=speaker,
        reason_form=ReasonForm(), swap_form=forms.get("swap") or SwapForm(),
        statement_form=forms.get("statement") or StatementForm(), pending=pending,
        history=services.history(i),
    )  # fmt: skip


@bp.post("/inscriptions/<int:inscription_id>/speaker")
@login_required
def change_speaker(inscription_id: int):
    cs, i = _inscription(inscription_id)
    form = SpeakerForm()
    back = url_for("debate.show_inscription", inscription_id=i.id)
    page = lambda: _manage_page(cs, i, speaker=form)  # noqa: E731
    if not form.validate_on_submit():
        return _form_refused(form, page)
    d = form.data
    return _act(
        lambda: services.change_speaker(cs, acting_user(), i, speaker_name=d["speaker_name"],
                                        speaker_title=d["speaker_title"], level=d["level"], reason=d["reason"]),
        "The speaker is changed.", back, form, page,
    )  # fmt: skip


@bp.post("/inscriptions/<int:inscription_id>/withdraw")
@login_required
def withdraw(inscription_id: int):
    cs, i = _inscription(inscription_id)
    form = ReasonForm()
    return _validated_act(form, lambda: services.withdraw(cs, acting_user(), i, form.reason.data or ""), "Withdrawn.",
                          url_for("debate.show_list"))  # fmt: skip


@bp.post("/inscriptions/<int:inscription_id>/absent")
@allowed(permissions.can_mark_absent)
def mark_absent(inscription_id: int):
    cs, i = _inscription(inscription_id)
    form = ReasonForm()
    return _validated_act(form, lambda: services.mark_absent(cs, acting_user(), i, form.reason.data or ""),
                          f"{i.delegation.name} moves to the next slot.", url_for("debate.show_list"))  # fmt: skip


@bp.post("/inscriptions/<int:inscription_id>/statement")
@login_required
def upload_statement(inscription_id: int):
    cs, i = _inscription(inscription_id)
    services.refuse_oversized(request.content_length)
    form = StatementForm()
    page = lambda: _manage_page(cs, i, statement=form)  # noqa: E731
    if not form.validate_on_submit():
        return _form_refused(form, page)
    data = form.content()
    back = url_for("debate.show_inscription", inscription_id=i.id)
    return _act(lambda: services.upload_statement(cs, acting_user(), i, data), "The statement is published.",
                back, form, page)  # fmt: skip


@bp.get("/statements/<int:inscription_id>.pdf")
def statement(inscription_id: int):
    cs = _session()
    i = services.inscription_for(cs, inscription_id)
    path = services.statement_path(i)
    if path is None or not path.exists():
        abort(404)
    return send_bytes(path.read_bytes(), "application/pdf", f"{cs.code}-{i.delegation.code}-statement.pdf", True)


@bp.post("/inscriptions/<int:inscription_id>/swap")
@login_required
def propose_swap(inscription_id: int):
    cs, i = _inscription(inscription_id)
    form = SwapForm()
    page = lambda: _manage_page(cs, i, swap=form)  # noqa: E731
    if not form.validate_on_submit():
        return _form_refused(form, page)
    back = url_for("debate.show_inscription", inscription_id=i.id)
    return _act(
        lambda: services.propose_swap(cs, acting_user(), i, form.other.data, form.reason.data or ""),
        "The swap is proposed; the other delegation must confirm it.",
        back,
        form,
        page,
    )


@bp.post("/swaps/<int:swap_id>/confirm")
@login_required
def confirm_swap(swap_id: int):
    cs = _session()
    swap = services.swap_for(cs, swap_id)
    return _act(lambda: services.confirm_swap(cs, acting_user(), swap), "The two delegations swapped places.",
                url_for("debate.show_list"))  # fmt: skip


@bp.route("/quotas", methods=["GET", "POST"])
@allowed(permissions.can_manage_quotas)
def edit_quotas():
    cs = _session()
    listing = build_list(cs)
    form = QuotaForm(data=listing.quotas)

    def page():
        return render_template("debate/quotas.html", cs=cs, form=form, listing=listing)

    if request.method == "GET":
        return page()
    if not form.validate_on_submit():
        return _form_refused(form, page)
    quotas = {g: getattr(form, g).data for g in QuotaForm.GROUPS}
    return _act(lambda: services.set_quotas(cs, acting_user(), quotas), "The quotas are set.",
                url_for("debate.edit_quotas"), form, page)  # fmt: skip


@bp.post("/quotas/release")
@allowed(permissions.can_manage_quotas)
def release_quota():
    cs = _session()
    return _act(lambda: services.release_unused_quota(cs, acting_user()), "Unused quota released.",
                url_for("debate.edit_quotas"))  # fmt: skip


@bp.get("/draw")
def show_draw():
    cs = _session()
    draws = lots.all_draws(cs)
    return render_template(
        "debate/draw.html", cs=cs, draws=draws, current=lots.current_draw(cs), check=lots.check,
        commit_form=CommitmentForm(), seed_form=SeedForm(), void_form=VoidForm(),
    )  # fmt: skip


@bp.post("/draw/commitment")
@allowed(permissions.can_draw)
def publish_commitment():
    cs, form = _session(), CommitmentForm()
    return _validated_act(form, lambda: lots.publish_commitment(cs, acting_user(), form.commitment.data),
                          "The commitment is published.", url_for("debate.show_draw"))  # fmt: skip


@bp.post("/draw/perform")
@allowed(permissions.can_draw)
def perform_draw():
    cs, form = _session(), SeedForm()
    return _validated_act(form, lambda: lots.perform_draw(cs, acting_user(), form.seed.data), "The lots are drawn.",
                          url_for("debate.show_draw"))  # fmt: skip


@bp.post("/draw/void")
@allowed(permissions.can_draw)
def void_draw():
    cs, form = _session(), VoidForm()
    return _validated_act(form, lambda: lots.void_draw(cs, acting_user(), form.reason.data), "The draw is voided.",
                          url_for("debate.show_draw"))  # fmt: skip


@bp.get("/draws/<int:draw_id>/verify")
def verify_draw(draw_id: int):
    cs = _session()
    draw = lots.draw_for(cs, draw_id)
    return render_template("debate/verify.html", cs=cs, draw=draw, result=lots.check(draw))


@bp.get("/draws/<int:draw_id>.pdf")
def draw_pdf(draw_id: int):
    cs = _session()
    draw = lots.draw_for(cs, draw_id)
    return send_bytes(documents.draw_record_pdf(cs, draw), "application/pdf", f"{cs.code}-draw-{draw.id}.pdf", True)


@bp.get("/speakers.pdf", defaults={"block_id": None})
@bp.get("/blocks/<int:block_id>/speakers.pdf")
def speakers_pdf(block_id: int | None):
    cs = _session()
    blocks = debate_blocks(cs)
    if block_id is not None:
        blocks = [b for b in blocks if b.id == block_id]
        if not blocks:
            abort(404)
    name = f"{cs.code}-speakers" + (f"-{block_id}" if block_id else "") + ".pdf"
    return send_bytes(documents.speakers_list_pdf(cs, blocks), "application/pdf", name, True)


@bp.get("/log")
def show_log():
    cs = _session()
    changes = db.session.scalars(
        db.select(Change).where(Change.commission_session_id == cs.id).order_by(Change.id.desc())
    ).all()
    return render_template("debate/log.html", cs=cs, changes=changes)
