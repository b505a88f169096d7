"""The registration's pages: a delegation's registration (participants, note verbale, submit), the secretariat's
overview and decisions, the lists per segment and per delegation, the delegations not registered for the
high-level segment. Thin: every action goes through a service and `meetings.actions.attempt`."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from meetings.actions import attempt
from meetings.audit import services as audit
from meetings.auth.decorators import acting_user, allowed, ensure
from meetings.debate.services import refuse_oversized
from meetings.delegations.services import require_delegation
from meetings.exports.filters import in_force, refusal_of
from meetings.exports.views import send_bytes, send_upload
from meetings.i18n.words import _
from meetings.programme.services import require_commission_session as _session
from meetings.refusal import Refusal
from meetings.registration import documents, lists, permissions, services
from meetings.registration.forms import EmptyForm, NoteVerbaleForm, ParticipantForm, ReopenForm, ReturnForm
from meetings.registration.models import RegistrationStatus
from meetings.webforms import errors_sentence

bp = Blueprint("registration", __name__, url_prefix="/registration")


@bp.get("/")
@allowed(permissions.can_register)
def overview():
    """A delegation goes to its own registration; the secretariat sees every registration by status."""
    cs = _session()
    if not permissions.can_see_all_registrations(current_user):
        return redirect(url_for("registration.show_registration", code=current_user.delegation.code))
    everything = services.registrations_of(cs)
    by_status = [(s, [r for r in everything if r.status == s]) for s in
                 (RegistrationStatus.submitted, RegistrationStatus.returned, RegistrationStatus.approved,
                  RegistrationStatus.draft)]  # fmt: skip
    missing = lists.missing_high_level(cs)
    return render_template("registration/overview.html", cs=cs, by_status=by_status, missing=len(missing),
                           high_level=services.high_level_approved)  # fmt: skip


# --- one delegation's registration -------------------------------------------------------------


def _delegation(code: str):
    cs = _session()
    try:
        delegation = require_delegation(code)
    except Refusal:
        abort(404)
    ensure(permissions.can_see_registration(current_user, delegation))
    return cs, delegation


def _page(cs, delegation, status: int = 200, *, form: ParticipantForm | None = None,
          edit: tuple[int, ParticipantForm] | None = None, note_form: NoteVerbaleForm | None = None,
          return_form: ReturnForm | None = None):  # fmt: skip
    r = services.registration_of(cs, delegation)
    participants = list(r.participants) if r is not None else []
    edit_forms = {
        p.id: ParticipantForm(formdata=None, prefix=f"p{p.id}", obj=p, segment=p.segment.value,
                              attendance=p.attendance.value)
        for p in participants
    }  # fmt: skip
    if edit is not None:
        edit_forms[edit[0]] = edit[1]
    history = []
    if r is not None:
        history = audit.history_of("registration", r.id)
        for p in participants:
            history += audit.history_of("registration_participant", p.id)
        history.sort(key=lambda e: e.seq)
    return render_template(
        "registration/show.html", cs=cs, delegation=delegation, r=r, participants=participants,
        editable=r is None or r.status.value in ("draft", "returned"), form=form or ParticipantForm(formdata=None),
        edit_forms=edit_forms, open_edit=edit[0] if edit else None,
        note_form=note_form or NoteVerbaleForm(formdata=None), return_form=return_form or ReturnForm(formdata=None),
        reopen_form=ReopenForm(formdata=None, prefix="reopen"), empty_form=EmptyForm(formdata=None),
        return_forms={p.id: ReturnForm(formdata=None, prefix=f"r{p.id}") for p in participants}, history=history,
        high_level=services.high_level_approved(cs, delegation),
    ), status  # fmt: skip


@bp.get("/delegations/<code>")
@allowed(permissions.can_register)
def show_registration(code: str):
    cs, delegation = _delegation(code)
    return _page(cs, delegation)


def _back(delegation, anchor: str = ""):
    return redirect(url_for("registration.show_registration", code=delegation.code) + anchor)


@bp.post("/delegations/<code>/participants")
@allowed(permissions.can_register)
def add_participant(code: str):
    cs, delegation = _delegation(code)
    form = ParticipantForm()
    if not form.validate_on_submit():
        flash(errors_sentence(form, _("The participant was not saved: ")), "error")
        return _page(cs, delegation, 422, form=form)
    outcome = attempt(lambda: services.add_participant(cs, acting_user(), delegation, **_fields(form)), form,
                      _("%(name)s is registered.", name=form.name.data.strip()))  # fmt: skip
    if outcome.ok:
        return _back(delegation, "#participants")
    return _page(cs, delegation, outcome.refusal.status, form=form)


def _fields(form: ParticipantForm) -> dict:
    return {"name": form.name.data, "title": form.title.data or "", "function": form.function.data or "",
            "head_of_delegation": bool(form.head_of_delegation.data), "segment": form.segment.data,
            "attendance": form.attendance.data}  # fmt: skip


def _participant(participant_id: int) -> tuple:
    cs = _session()
    try:
        p = services.participant_for(cs, acting_user(), participant_id)
    except Refusal as refusal:
        abort(refusal.status)
    return cs, p, p.registration.delegation


@bp.post("/participants/<int:participant_id>")
@allowed(permissions.can_register)
def change_participant(participant_id: int):
    cs, p, delegation = _participant(participant_id)
    form = ParticipantForm(prefix=f"p{p.id}")
    if not form.validate_on_submit():
        flash(errors_sentence(form, _("The participant was not saved: ")), "error")
        return _page(cs, delegation, 422, edit=(p.id, form))
    outcome = attempt(lambda: services.change_participant(cs, acting_user(), p, **_fields(form)), form,
                      _("The participant is saved."))  # fmt: skip
    if outcome.ok:
        return _back(delegation, f"#participant-{p.id}")
    return _page(cs, delegation, outcome.refusal.status, edit=(p.id, form))


@bp.post("/participants/<int:participant_id>/remove")
@allowed(permissions.can_register)
def remove_participant(participant_id: int):
    cs, p, delegation = _participant(participant_id)
    name = p.name
    if _valid(EmptyForm()):
        attempt(lambda: services.remove_participant(cs, acting_user(), p),
                done=_("%(name)s is no longer registered.", name=name))  # fmt: skip
    return _back(delegation, "#participants")


@bp.post("/participants/<int:participant_id>/return")
@allowed(permissions.can_decide)
def return_participant(participant_id: int):
    cs, p, delegation = _participant(participant_id)
    form = ReturnForm(prefix=f"r{p.id}")
    if _valid(form):
        attempt(lambda: services.return_participant(cs, acting_user(), p, form.reason.data),
                done=_("%(name)s is returned to the delegation with the reason.", name=p.name))  # fmt: skip
    return _back(delegation, f"#participant-{p.id}")


def _valid(form) -> bool:
    if form.validate_on_submit():
        return True
    flash(errors_sentence(form, _("Nothing was changed: ")), "error")
    return False


@bp.post("/delegations/<code>/note-verbale")
@allowed(permissions.can_register)
def upload_note_verbale(code: str):
    cs, delegation = _delegation(code)
    refuse_oversized(request.content_length, "note_verbale")
    form = NoteVerbaleForm()
    if not form.validate_on_submit():
        flash(errors_sentence(form, _("Nothing was changed: ")), "error")
        return _page(cs, delegation, 400, note_form=form)
    data = form.content()
    outcome = attempt(lambda: services.upload_note_verbale(cs, acting_user(), delegation, data), form,
                      _("The note verbale is uploaded."))  # fmt: skip
    if outcome.ok:
        return _back(delegation, "#note-verbale")
    return _page(cs, delegation, outcome.refusal.status, note_form=form)


@bp.get("/delegations/<code>/note-verbale.pdf")
@allowed(permissions.can_register)
def note_verbale(code: str):
    """The note verbale: for its delegation and the secretariat only."""
    cs, delegation = _delegation(code)
    path = services.note_verbale_path(services.registration_of(cs, delegation))
    if path is None or not path.exists():
        abort(404)
    return send_upload(path.read_bytes(), "application/pdf", f"{cs.code}-{delegation.code}-note-verbale.pdf")


@bp.post("/delegations/<code>/submit")
@allowed(permissions.can_register)
def submit(code: str):
    cs, delegation = _delegation(code)
    if _valid(EmptyForm()):
        attempt(lambda: services.submit(cs, acting_user(), delegation),
                done=_("The registration is submitted; the secretariat will approve it or return it."))  # fmt: skip
    return _back(delegation)


@bp.post("/delegations/<code>/reopen")
@allowed(permissions.can_register)
def reopen(code: str):
    cs, delegation = _delegation(code)
    form = ReopenForm(prefix="reopen")
    if _valid(form):
        attempt(lambda: services.reopen(cs, acting_user(), delegation, form.reason.data or ""),
                done=_("The registration is open for changes again. Submit it when it is ready; until the "
                       "secretariat approves it, it does not count as approved."))  # fmt: skip
    return _back(delegation)


def _registration(cs, delegation):
    r = services.registration_of(cs, delegation)
    if r is None:
        abort(404)
    return r


@bp.post("/delegations/<code>/approve")
@allowed(permissions.can_decide)
def approve(code: str):
    cs, delegation = _delegation(code)
    r = _registration(cs, delegation)
    if _valid(EmptyForm()):
        attempt(lambda: services.approve(cs, acting_user(), r),
                done=_("The registration of %(delegation)s is approved.", delegation=delegation.shown_name))  # fmt: skip
    return _back(delegation)


@bp.post("/delegations/<code>/return")
@allowed(permissions.can_decide)
def return_registration(code: str):
    cs, delegation = _delegation(code)
    r = _registration(cs, delegation)
    form = ReturnForm()
    if not form.validate_on_submit():
        flash(errors_sentence(form, _("Nothing was changed: ")), "error")
        return _page(cs, delegation, 422, return_form=form)
    outcome = attempt(lambda: services.return_registration(cs, acting_user(), r, form.reason.data), form,
                      _("The registration is returned to %(delegation)s with the reason.",
                        delegation=delegation.shown_name))  # fmt: skip
    if outcome.ok:
        return _back(delegation)
    return _page(cs, delegation, outcome.refusal.status, return_form=form)


# --- the lists ------------------------------------------------------------------------------------


def _listed(cs):
    """The participants the user may list (a delegation: its own, drafts included) and the filter."""
    form, keep = lists.participants_filter(request.args)
    if permissions.can_see_all_registrations(current_user):
        everyone = lists.participants_of(cs)
    else:
        everyone = lists.participants_of(cs, current_user.delegation, include_drafts=True)
    shown = [p for p in everyone if keep(p)] if not form.errors else []
    return form, everyone, shown


@bp.get("/lists")
@allowed(permissions.can_register)
def show_lists():
    cs = _session()
    form, everyone, shown = _listed(cs)
    segments = lists.segments_shown(form)
    return render_template(
        "registration/lists.html", cs=cs, filter_form=form, filters=in_force(form), segments=segments,
        sections=lists.by_segment(shown, segments), counts=lists.counts_of(shown), count_rows=lists.count_rows(),
        shown_count=len(shown), total=len(everyone), title=lists.segment_title,
    ), 400 if form.errors else 200  # fmt: skip


@bp.get("/lists.csv")
@allowed(permissions.can_register)
def lists_csv():
    cs = _session()
    form, _everyone, shown = _listed(cs)
    refusal = refusal_of(form)
    if refusal is not None:
        raise refusal
    data = documents.participants_csv(shown, lists.segments_shown(form))
    return send_bytes(data, "text/csv; charset=utf-8", f"{cs.code}-participants.csv")


@bp.get("/lists.pdf")
@allowed(permissions.can_register)
def lists_pdf():
    cs = _session()
    form, _everyone, shown = _listed(cs)
    refusal = refusal_of(form)
    if refusal is not None:
        raise refusal
    segments = lists.segments_shown(form)
    data = documents.participants_pdf(cs, shown, segments, lists.counts_of(shown), bool(in_force(form)))
    return send_bytes(data, "application/pdf", f"{cs.code}-participants.pdf", True)


@bp.get("/high-level/missing")
@allowed(permissions.can_see_all_registrations)
def missing_high_level():
    cs = _session()
    form, keep = lists.missing_filter(request.args)
    everyone = lists.missing_high_level(cs)
    shown = [m for m in everyone if keep(m)] if not form.errors else []
    return render_template("registration/missing.html", cs=cs, filter_form=form, filters=in_force(form),
                           missing=shown, total=len(everyone)), 400 if form.errors else 200  # fmt: skip


@bp.get("/high-level/missing.csv")
@allowed(permissions.can_see_all_registrations)
def missing_high_level_csv():
    cs = _session()
    form, keep = lists.missing_filter(request.args)
    refusal = refusal_of(form)
    if refusal is not None:
        raise refusal
    shown = [m for m in lists.missing_high_level(cs) if keep(m)]
    return send_bytes(documents.missing_csv(shown), "text/csv; charset=utf-8",
                      f"{cs.code}-not-registered-high-level.csv")  # fmt: skip


# --- for other pages ------------------------------------------------------------------------------


@bp.app_template_global()
def registration_of_delegation(cs, delegation):
    """A delegation's registration, for its home page."""
    return services.registration_of(cs, delegation) if cs is not None else None
