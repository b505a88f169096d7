"""HTML pages of the general debate: thin; every action goes through a service."""

from collections.abc import Callable

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from meetings.actions import attempt
from meetings.auth.decorators import acting_user, allowed, ensure
from meetings.debate import documents, levels, lots, permissions, remote, services, standing, swaps, withdrawals
from meetings.debate.forms import (
    CancelLevelForm,
    CommitmentForm,
    ConfirmLevelForm,
    DeclineLevelForm,
    DeclineSwapForm,
    DrawForm,
    InscriptionForm,
    QuotaForm,
    ReasonForm,
    ReinstateForm,
    RemoteForm,
    SpeakerForm,
    StatementForm,
    SwapForm,
    VoidForm,
    WithdrawForm,
)
from meetings.debate.listing import build_list, debate_blocks
from meetings.debate.models import Level, LevelRequest
from meetings.delegations.services import delegation_by_code
from meetings.exports import lists
from meetings.exports.filters import group_choices, group_of, in_force, list_filter, refusal_of, row_filter
from meetings.exports.lists import speaker_status
from meetings.exports.views import send_bytes, send_upload
from meetings.hooks import speaker_choices_for, speaker_notes_for
from meetings.i18n.words import _
from meetings.programme.services import require_commission_session as _session
from meetings.refusal import Refusal
from meetings.webforms import errors_sentence, safe_next

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


def _published(pdf: bool = False):
    """Where a reader who may not see the working state goes: the latest published version (its PDF)."""
    endpoint = "publication.latest_pdf" if pdf else "publication.show_latest"
    return redirect(url_for(endpoint, slug="speakers-list"), 302)


@bp.get("/")
def show_list():
    """The working list, for those who work with it; anyone else reads the latest published version."""
    if not permissions.can_see_working_list(current_user):
        return _published()
    cs = _session()
    listing = build_list(cs)
    form, keep = _speakers_filter()
    everyone = listing.rows + [r for rows in listing.waiting.values() for r in rows]
    passes = (lambda r: False) if form.errors else keep  # a wrong filter shows nothing, and the form says why

    def shown(rows: list) -> list:
        return [r for r in rows if passes(r)]

    notes = speaker_notes_for(current_user, cs, [(r.delegation, r.inscription.speaker_name) for r in everyone])
    return render_template(
        "debate/list.html", cs=cs, listing=listing, blocks=debate_blocks(cs), filter_form=form,
        filters=in_force(form), shown=shown, passes=passes, count=len(shown(everyone)), total=len(everyone),
        speaker_notes=notes,
    ), 400 if form.errors else 200  # fmt: skip


def _speakers_filter():
    """The list's filter (regional group, level, slot or waiting list, a name or code), for the page and the CSV."""
    form = list_filter(request.args, _("Delegation, speaker or code contains"), {
        "group": (_("Regional group"), group_choices()),
        "level": (_("Level"), [(level.value, level.label) for level in Level]),
        "status": (_("Status"), [("listed", _("Speaking slot")), ("waiting", _("Waiting list"))]),
    })  # fmt: skip
    keep = row_filter(
        form, {"group": lambda r: group_of(r.delegation), "level": lambda r: r.inscription.level.value,
               "status": speaker_status},
        lambda r: [r.delegation.code, r.delegation.name, *(r.delegation.names or {}).values(),
                   r.inscription.speaker_name, r.inscription.speaker_title, r.inscription.group_name],
    )  # fmt: skip
    return form, keep


@bp.get("/speakers.csv")
def speakers_csv():
    """The speakers the filter shows, in the order of the list, then the waiting lists; local times."""
    if not permissions.can_see_working_list(current_user):
        return _published()
    cs = _session()
    form, keep = _speakers_filter()
    refusal = refusal_of(form)
    if refusal is not None:
        raise refusal
    data = lists.speakers_csv(build_list(cs), keep, cs.timezone)
    return send_bytes(data, "text/csv; charset=utf-8", f"{cs.code}-speakers.csv")


@bp.route("/inscribe", methods=["GET", "POST"])
@allowed(permissions.can_take_part)
def inscribe():
    cs = _session()
    form = InscriptionForm()
    if not permissions.can_name_the_delegation(current_user):
        del form.delegation  # a delegation inscribes itself
    closed = services.inscription_closed(cs)
    late_only = closed and not permissions.can_inscribe_late(current_user)
    choices = speaker_choices_for(cs, None if "delegation" in form else current_user.delegation)
    _chosen_speaker(form, choices)

    def page():
        return render_template("debate/inscribe.html", cs=cs, form=form, closed=closed, late_only=late_only,
                               choices=choices)  # fmt: skip

    if request.method == "GET":
        return page()
    if not form.validate_on_submit():
        return _form_refused(form, page)
    code = form.delegation.data if permissions.can_name_the_delegation(current_user) else None
    delegation = delegation_by_code(code) if code else current_user.delegation
    if delegation is None:
        if "delegation" in form:
            form.delegation.errors = [_("Give a known delegation code.")]
        return _form_refused(form, page)
    holder = {}

    def action():
        holder["i"] = services.inscribe(
            cs, acting_user(), delegation, speaker_name=form.speaker_name.data, speaker_title=form.speaker_title.data,
            level=form.level.data, on_behalf_of_group=form.on_behalf_of_group.data, group_name=form.group_name.data,
        )  # fmt: skip

    done = _("%(delegation)s is inscribed.", delegation=delegation.shown_name)
    return _act(action, done, url_for("debate.show_list"), form, page)


def _chosen_speaker(form, choices: list) -> None:
    """A speaker chosen on the page from the delegation's registered participants (`?participant=`, from the
    hooks' speaker choices) fills the form's name and title; the delegation may still type another."""
    key = request.args.get("participant") if request.method == "GET" else None
    chosen = next((c for c in choices if c.key == key), None) if key else None
    if chosen is not None:
        form.speaker_name.data, form.speaker_title.data = chosen.name, chosen.title


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
        formdata=None, data={"speaker_name": i.speaker_name, "speaker_title": i.speaker_title, "level": i.level.value}
    )
    listing = build_list(cs)
    choices = speaker_choices_for(cs, i.delegation)
    if not forms.get("speaker"):
        _chosen_speaker(speaker, choices)
    notes = speaker_notes_for(current_user, cs, [(i.delegation, i.speaker_name)])
    return render_template(
        "debate/inscription.html", cs=cs, i=i, place=standing.place_of(listing, i), speaker_form=speaker,
        choices=choices, speaker_note=notes.get((i.delegation_id, i.speaker_name)),
        slots=standing.slots_of(listing),
        swap_form=forms.get("swap") or SwapForm(formdata=None), decline_form=DeclineSwapForm(formdata=None),
        statement_form=forms.get("statement") or StatementForm(formdata=None),
        pending=swaps.pending_swaps(cs, i), level_request=levels.pending_request(i),
        cancel_form=CancelLevelForm(formdata=None), reinstate_form=forms.get("reinstate") or ReinstateForm(formdata=None),
        history=services.history(i),
        remote_form=forms.get("remote") or RemoteForm(formdata=None, data={"remote": i.remote,
                                                                           "connection_link": i.connection_link}),
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
    outcome = attempt(
        lambda: levels.change_speaker(cs, acting_user(), i, speaker_name=d["speaker_name"],
                                      speaker_title=d["speaker_title"], level=d["level"], reason=d["reason"]),
        form,
    )  # fmt: skip
    if not outcome.ok:
        if outcome.refusal.status == 403:
            abort(403)
        return page(), 400
    if isinstance(outcome.value, LevelRequest):
        flash(_("The request for a higher level is sent to the secretariat. Until it confirms, your speaker, level "
                "and place stay as they are."), "info")  # fmt: skip
    else:
        flash(_("The speaker is changed."), "info")
    return redirect(back)


@bp.route("/inscriptions/<int:inscription_id>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw(inscription_id: int):
    """A page that says what will be lost, then the withdrawal with its reason."""
    cs, i = _inscription(inscription_id)
    ensure(permissions.can_withdraw(current_user, i))
    form = WithdrawForm()

    def page():
        place = standing.place_of(build_list(cs), i)
        return render_template("debate/withdraw.html", cs=cs, i=i, place=place, form=form)

    if not i.active:
        flash(_("This inscription is already withdrawn."), "error")
        return redirect(url_for("debate.show_inscription", inscription_id=i.id))
    if request.method == "GET":
        return page()
    if not form.validate_on_submit():
        return _form_refused(form, page)
    return _act(lambda: withdrawals.withdraw(cs, acting_user(), i, form.reason.data),
                _("%(statement)s is withdrawn.", statement=services.shown_label(i)),
                url_for("debate.show_inscription", inscription_id=i.id), form, page)  # fmt: skip


@bp.post("/inscriptions/<int:inscription_id>/reinstate")
@allowed(permissions.can_reinstate)
def reinstate(inscription_id: int):
    cs, i = _inscription(inscription_id)
    form = ReinstateForm()
    page = lambda: _manage_page(cs, i, reinstate=form)  # noqa: E731
    if not form.validate_on_submit():
        return _form_refused(form, page)
    return _act(lambda: withdrawals.reinstate(cs, acting_user(), i, form.reason.data),
                _("%(statement)s is reinstated.", statement=services.shown_label(i)),
                url_for("debate.show_inscription", inscription_id=i.id), form, page)  # fmt: skip


@bp.post("/inscriptions/<int:inscription_id>/absent")
@allowed(permissions.can_mark_absent)
def mark_absent(inscription_id: int):
    cs, i = _inscription(inscription_id)
    form = ReasonForm()
    return _validated_act(form, lambda: services.mark_absent(cs, acting_user(), i, form.reason.data or ""),
                          _("%(delegation)s moves to the next slot.", delegation=i.delegation.shown_name),
                          url_for("debate.show_list"))  # fmt: skip


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
    return _act(lambda: services.upload_statement(cs, acting_user(), i, data), _("The statement is published."),
                back, form, page)  # fmt: skip


@bp.post("/inscriptions/<int:inscription_id>/remote")
@login_required
def set_remote(inscription_id: int):
    cs, i = _inscription(inscription_id)
    form = RemoteForm()
    page = lambda: _manage_page(cs, i, remote=form)  # noqa: E731
    if not form.validate_on_submit():
        return _form_refused(form, page)
    back = url_for("debate.show_inscription", inscription_id=i.id)
    return _act(lambda: remote.set_remote(cs, acting_user(), i, form.remote.data, form.connection_link.data),
                _("Saved: how the speaker takes part."), back, form, page)  # fmt: skip


@bp.get("/statements/<int:inscription_id>.pdf")
def statement(inscription_id: int):
    cs = _session()
    i = services.inscription_for(cs, inscription_id)
    path = services.statement_path(i)
    if path is None or not path.exists():
        abort(404)
    return send_upload(path.read_bytes(), "application/pdf", f"{cs.code}-{i.delegation.code}-statement.pdf")


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
        lambda: swaps.propose_swap(cs, acting_user(), i, form.other.data, form.reason.data or ""),
        _("The swap is proposed; the other delegation must accept it."),
        back,
        form,
        page,
    )


def _back(form, default: str) -> str:
    """Where a small form came from (the home page or the inscription's page), if it is ours."""
    return safe_next(form.next.data) or default


@bp.post("/swaps/<int:swap_id>/confirm")
@login_required
def confirm_swap(swap_id: int):
    cs = _session()
    swap = _swap(cs, swap_id)
    form = ReasonForm()
    return _validated_act(form, lambda: swaps.confirm_swap(cs, acting_user(), swap),
                          _("%(first)s and %(second)s swapped places.", first=swap.first.delegation.shown_name,
                            second=swap.second.delegation.shown_name),
                          _back(form, url_for("debate.show_list")))  # fmt: skip


@bp.post("/swaps/<int:swap_id>/decline")
@login_required
def decline_swap(swap_id: int):
    cs = _session()
    swap = _swap(cs, swap_id)
    ensure(permissions.can_decline_swap(current_user, swap))
    form = DeclineSwapForm()
    return _validated_act(form, lambda: swaps.decline_swap(cs, acting_user(), swap, form.reason.data or ""),
                          _("The swap proposed by %(delegation)s is declined.",
                            delegation=swap.first.delegation.shown_name),
                          _back(form, url_for("debate.show_list")))  # fmt: skip


def _swap(cs, swap_id: int):
    try:
        return swaps.swap_for(cs, swap_id)
    except Refusal:
        abort(404)


# --- requests for a higher protocol level ----------------------------------------------------


@bp.get("/level-requests")
@allowed(permissions.can_decide_level)
def level_requests():
    cs = _session()
    return render_template("debate/level_requests.html", cs=cs, requests=levels.pending_requests(cs),
                           listing=build_list(cs), confirm_form=ConfirmLevelForm(formdata=None),
                           decline_form=DeclineLevelForm(formdata=None))  # fmt: skip


def _level_request(cs, request_id: int):
    try:
        return levels.request_for(cs, request_id)
    except Refusal:
        abort(404)


@bp.post("/level-requests/<int:request_id>/<any(confirm, decline):decision>")
@allowed(permissions.can_decide_level)
def decide_level(request_id: int, decision: str):
    cs = _session()
    req = _level_request(cs, request_id)
    name = req.inscription.delegation.shown_name
    if decision == "confirm":
        form = ConfirmLevelForm()
        action = lambda: levels.confirm_level(cs, acting_user(), req, form.reason.data or "")  # noqa: E731
        done = _("%(delegation)s now speaks at %(level)s level and moves to that tier.", delegation=name,
                 level=req.to_level.label.lower())  # fmt: skip
    else:
        form = DeclineLevelForm()
        action = lambda: levels.decline_level(cs, acting_user(), req, form.reason.data)  # noqa: E731
        done = _("The request of %(delegation)s is declined; it keeps its place.", delegation=name)
    return _validated_act(form, action, done, url_for("debate.level_requests"))


@bp.post("/level-requests/<int:request_id>/cancel")
@login_required
def cancel_level_request(request_id: int):
    cs = _session()
    req = _level_request(cs, request_id)
    ensure(permissions.can_cancel_level_request(current_user, req))
    form = CancelLevelForm()
    return _validated_act(form, lambda: levels.cancel_level_request(cs, acting_user(), req, form.reason.data or ""),
                          _("The request is cancelled."),
                          _back(form, url_for("debate.show_inscription", inscription_id=req.inscription_id)))  # fmt: skip


@bp.app_template_global()
def debate_standing_of(cs, delegation):
    """Where a delegation stands in the general debate, for its home page."""
    return standing.standing_of(cs, delegation)


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
    return _act(lambda: services.set_quotas(cs, acting_user(), quotas), _("The quotas are set."),
                url_for("debate.edit_quotas"), form, page)  # fmt: skip


@bp.post("/quotas/release")
@allowed(permissions.can_manage_quotas)
def release_quota():
    cs = _session()
    return _act(lambda: services.release_unused_quota(cs, acting_user()), _("Unused quota released."),
                url_for("debate.edit_quotas"))  # fmt: skip


@bp.get("/draw")
def show_draw():
    cs = _session()
    draws = lots.all_draws(cs)
    return render_template(
        "debate/draw.html", cs=cs, draws=draws, current=lots.current_draw(cs), check=lots.check,
        commit_form=CommitmentForm(), draw_form=DrawForm(), void_form=VoidForm(), closed=services.inscription_closed(cs),
    )  # fmt: skip


@bp.post("/draw/commitment")
@allowed(permissions.can_draw)
def publish_commitment():
    cs, form = _session(), CommitmentForm()
    return _validated_act(form, lambda: lots.publish_commitment(cs, acting_user(), form.commitment.data),
                          _("The commitment is published."), url_for("debate.show_draw"))  # fmt: skip


@bp.post("/draw/perform")
@allowed(permissions.can_draw)
def perform_draw():
    cs, form = _session(), DrawForm()
    return _validated_act(form, lambda: lots.perform_draw(cs, acting_user(), form.secret.data, form.public_value.data),
                          _("The lots are drawn."), url_for("debate.show_draw"))  # fmt: skip


@bp.post("/draw/void")
@allowed(permissions.can_draw)
def void_draw():
    cs, form = _session(), VoidForm()
    return _validated_act(form, lambda: lots.void_draw(cs, acting_user(), form.reason.data), _("The draw is voided."),
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
    """The working list for the Chair to print; anyone else gets the latest published version's PDF."""
    if not permissions.can_see_working_list(current_user):
        return _published(pdf=True)
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
    """The general debate's entries of the audit log, newest first: both delegations named, before and after."""
    cs = _session()
    number = request.args.get("page", 1, type=int) or 1
    return render_template("debate/log.html", cs=cs, page=services.log_page(cs, number))
