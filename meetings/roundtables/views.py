"""The roundtables' pages: the list, a roundtable with its co-chairs and the nomination form, the
secretariat's decisions on nominations. Part B adds the panel and the summary on this blueprint
(meetings.roundtables.panel_views)."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from meetings.actions import attempt
from meetings.auth.decorators import acting_user, allowed
from meetings.i18n.words import _, shown
from meetings.programme.services import require_commission_session
from meetings.roundtables import nominations, permissions
from meetings.roundtables.forms import DecisionForm, EmptyForm, NominationForm, RoundtableForm, WithdrawNominationForm
from meetings.roundtables.models import Nomination, NominationStatus, Roundtable
from meetings.timeutil import to_local
from meetings.webforms import errors_sentence

bp = Blueprint("roundtables", __name__, url_prefix="/roundtables")


def _roundtable_form(cs, form: RoundtableForm | None = None) -> RoundtableForm:
    form = form or RoundtableForm(formdata=None)
    form.block_id.choices = [
        (b.id, f"{b.title} · {_local_when(b)} · {b.room.name}") for b in nominations.free_blocks(cs)
    ]
    return form


def _local_when(block) -> str:
    return shown(to_local(block.starts_at, block.commission_session.timezone), "%a %d %b %H:%M")


@bp.get("/")
def list_roundtables():
    cs = require_commission_session()
    return _list(cs)


def _list(cs, form: RoundtableForm | None = None, status: int = 200):
    tables = nominations.roundtables_of(cs)
    form = _roundtable_form(cs, form) if permissions.can_manage_roundtables(current_user) else None
    mine = nominations.cochair_of(cs, acting_user())
    return render_template("roundtables/list.html", cs=cs, roundtables=tables, form=form, mine=mine,
                           cochairs={t.id: nominations.confirmed_cochairs(t) for t in tables},
                           deadline=nominations.deadline_words(cs), open=nominations.nominations_open(cs)), status  # fmt: skip


@bp.post("/")
@allowed(permissions.can_manage_roundtables)
def create_roundtable():
    cs = require_commission_session()
    form = _roundtable_form(cs, RoundtableForm())
    if not form.validate_on_submit():
        return _list(cs, form, 400)
    outcome = attempt(lambda: nominations.create_roundtable(cs, acting_user(), block_id=form.block_id.data,
                                                            number=form.number.data, topic=form.topic.data),
                      form, _("The roundtable is set up."))  # fmt: skip
    if outcome.ok:
        return redirect(url_for("roundtables.show_roundtable", roundtable_id=outcome.value.id))
    return _list(cs, form, outcome.refusal.status)


# --- one roundtable: its co-chairs and the nomination form -----------------------------------


def _nomination_form(form: NominationForm | None = None) -> NominationForm | None:
    """The form as the user may fill it: a delegation nominates for itself; the secretariat names the delegation."""
    if not permissions.can_nominate(current_user):
        return None
    form = form or NominationForm(formdata=None)
    if permissions.can_name_the_delegation(current_user):
        accounts = nominations.accounts_of(None)
    else:
        del form.delegation
        accounts = nominations.accounts_of(current_user.delegation)
    form.account.choices = [("", _("— none yet —"))] + [(u.username, f"{u.full_name} ({u.username})") for u in accounts]
    return form


@bp.get("/<int:roundtable_id>")
def show_roundtable(roundtable_id: int):
    cs = require_commission_session()
    return _show(cs, nominations.roundtable_for(cs, roundtable_id))


def _show(cs, roundtable: Roundtable, form: NominationForm | None = None, status: int = 200):
    user = acting_user()
    if permissions.can_see_nominations(current_user):
        listed = [n for n in roundtable.nominations]
    elif permissions.can_nominate(current_user) and getattr(user, "delegation", None) is not None:
        listed = [n for n in roundtable.nominations if n.delegation_id == user.delegation_id]
    else:
        listed = []
    own = None if permissions.can_name_the_delegation(current_user) else getattr(user, "delegation", None)
    no_group = nominations.no_group_sentence(own) if own is not None and own.regional_group is None else None
    return render_template(
        "roundtables/show.html", cs=cs, roundtable=roundtable, block=roundtable.block, no_group=no_group,
        cochairs=nominations.confirmed_cochairs(roundtable), nominations=listed, form=_nomination_form(form),
        open=nominations.nominations_open(cs), deadline=nominations.deadline_words(cs), decision_form=DecisionForm(),
        empty_form=EmptyForm(), withdraw_form=WithdrawNominationForm(),
    ), status  # fmt: skip


@bp.post("/<int:roundtable_id>/nominations")
@allowed(permissions.can_nominate)
def nominate(roundtable_id: int):
    cs = require_commission_session()
    roundtable = nominations.roundtable_for(cs, roundtable_id)
    form = _nomination_form(NominationForm())
    if not form.validate_on_submit():
        return _show(cs, roundtable, form, 400)

    def run():
        actor = acting_user()
        code = form.delegation.data if "delegation" in form else None
        return nominations.nominate(cs, actor, roundtable, delegation=nominations.nominating_delegation(actor, code),
                                    nominee_name=form.nominee_name.data, nominee_title=form.nominee_title.data or "",
                                    on_behalf_of_group=form.on_behalf_of_group.data, account=form.account.data)  # fmt: skip

    outcome = attempt(run, form, _("The nomination is received; the secretariat will confirm or decline it."))
    if outcome.ok:
        return redirect(url_for("roundtables.show_roundtable", roundtable_id=roundtable.id))
    return _show(cs, roundtable, form, outcome.refusal.status)


# --- the secretariat's decisions ---------------------------------------------------------------


@bp.get("/nominations")
@allowed(permissions.can_see_nominations)
def list_nominations():
    cs = require_commission_session()
    everything = nominations.nominations_of(cs)
    by_status = [(s, [n for n in everything if n.status == s]) for s in NominationStatus]
    return render_template("roundtables/nominations.html", cs=cs, by_status=by_status, decision_form=DecisionForm(),
                           empty_form=EmptyForm(), deadline=nominations.deadline_words(cs),
                           cochairs_per_roundtable=cs.rules.cochairs_per_roundtable)  # fmt: skip


def _back(n: Nomination):
    """Back where the decision was taken: the list of nominations or the roundtable's page."""
    target = request.form.get("next", "")
    if target == "roundtable":
        return redirect(url_for("roundtables.show_roundtable", roundtable_id=n.roundtable_id) + f"#nomination-{n.id}")
    return redirect(url_for("roundtables.list_nominations") + f"#nomination-{n.id}")


@bp.post("/nominations/<int:nomination_id>/confirm")
@allowed(permissions.can_decide_nominations)
def confirm(nomination_id: int):
    cs = require_commission_session()
    n = nominations.nomination_for(cs, nomination_id, acting_user())
    form = EmptyForm()
    if form.validate_on_submit():
        attempt(lambda: nominations.confirm(cs, acting_user(), n),
                done=_("%(nominee)s is confirmed as co-chair.", nominee=nominations.shown_nominee(n)))  # fmt: skip
    else:
        _flash_invalid(form)
    return _back(n)


@bp.post("/nominations/<int:nomination_id>/decline")
@allowed(permissions.can_decide_nominations)
def decline(nomination_id: int):
    cs = require_commission_session()
    n = nominations.nomination_for(cs, nomination_id, acting_user())
    form = DecisionForm()
    if form.validate_on_submit():
        attempt(lambda: nominations.decline(cs, acting_user(), n, form.reason.data or ""),
                done=_("The nomination is declined; the delegation reads the reason."))  # fmt: skip
    else:
        _flash_invalid(form)
    return _back(n)


@bp.post("/nominations/<int:nomination_id>/withdraw")
@login_required
def withdraw(nomination_id: int):
    cs = require_commission_session()
    n = nominations.nomination_for(cs, nomination_id, acting_user())
    form = WithdrawNominationForm()
    if form.validate_on_submit():
        attempt(lambda: nominations.withdraw(cs, acting_user(), n, form.reason.data or ""),
                done=_("The nomination is withdrawn."))  # fmt: skip
    else:
        _flash_invalid(form)
    return redirect(url_for("roundtables.show_roundtable", roundtable_id=n.roundtable_id))


def _flash_invalid(form) -> None:
    flash(errors_sentence(form, _("Nothing was changed: ")), "error")


# --- for other pages -----------------------------------------------------------------------------


@bp.app_template_global()
def roundtable_nominations_of(cs, delegation) -> list:
    """A delegation's nominations of co-chairs, for its home page."""
    return nominations.nominations_of(cs, delegation=delegation) if cs is not None else []


@bp.app_template_global()
def roundtables_cochaired_by(cs, user) -> list:
    """The roundtables a user co-chairs (their consoles), for the home page."""
    return nominations.cochair_of(cs, user) if cs is not None else []
