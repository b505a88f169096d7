import re
from datetime import datetime

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import selectinload

from meetings.actions import attempt, perform
from meetings.auth import permissions as accounts
from meetings.auth import services as account_services
from meetings.auth.decorators import acting_user, allowed, ensure
from meetings.auth.forms import RevokeTokenForm
from meetings.auth.models import ApiToken, User
from meetings.delegations import permissions, services
from meetings.delegations.forms import AccountStateForm, DelegationForm, OneTimePasswordForm, UserForm
from meetings.delegations.models import Delegation, DelegationKind, RegionalGroup
from meetings.exports.filters import group_choices, group_of, in_force, list_filter, refusal_of, row_filter
from meetings.exports.lists import delegations_csv
from meetings.exports.views import send_bytes
from meetings.extensions import db
from meetings.i18n.words import shown
from meetings.programme.services import current_commission_session
from meetings.timeutil import to_local
from meetings.webforms import fields_of

bp = Blueprint("delegations", __name__, url_prefix="/delegations")


@bp.get("/")
def list_delegations():
    groups = db.session.scalars(
        select(RegionalGroup).options(selectinload(RegionalGroup.delegations)).order_by(RegionalGroup.position)
    ).all()
    others = db.session.scalars(
        select(Delegation).where(Delegation.regional_group_id.is_(None)).order_by(Delegation.kind, Delegation.name)
    ).all()
    form, keep = _delegations_filter()
    total = sum(len(g.delegations) for g in groups) + len(others)
    if form.errors:  # a wrong filter shows nothing, and the form says why
        groups, others = [], []
    shown = {g.code: sorted((d for d in g.delegations if keep(d)), key=lambda d: d.name) for g in groups}
    others = [d for d in others if keep(d)]
    return render_template("delegations/list.html", groups=groups, others=others, shown=shown, total=total,
                           count=sum(map(len, shown.values())) + len(others), filter_form=form,
                           filters=in_force(form)), 400 if form.errors else 200  # fmt: skip


def _delegations_filter():
    """The list's filter: regional group, kind, and a name (in any language) or code."""
    form = list_filter(request.args, _("Name or code contains"), {
        "group": (_("Regional group"), group_choices()),
        "kind": (_("Kind"), [(k.value, k.label) for k in DelegationKind]),
    })  # fmt: skip
    keep = row_filter(form, {"group": group_of, "kind": lambda d: d.kind.value},
                      lambda d: [d.code, d.name, *(d.names or {}).values()])  # fmt: skip
    return form, keep


@bp.get("/list.csv")
def export_delegations():
    """The delegations the filter shows, as CSV (the list is public, so is the file)."""
    form, keep = _delegations_filter()
    refusal = refusal_of(form)
    if refusal is not None:
        raise refusal
    rows = db.session.scalars(
        select(Delegation).options(selectinload(Delegation.regional_group)).order_by(Delegation.name)
    ).all()
    return send_bytes(delegations_csv(d for d in rows if keep(d)), "text/csv; charset=utf-8", "delegations.csv")


@bp.get("/<code>")
@login_required
def show_delegation(code: str):
    delegation = services.require_delegation(code)
    ensure(permissions.can_see_own_pages(current_user, delegation))
    tracked = permissions.keeps_last_visit(current_user, delegation)
    since = _note_visit(delegation) if tracked else None
    cs = current_commission_session()
    changes = services.changes_for(delegation, cs.id if cs else None, since, acting_user() if tracked else None)
    users = db.session.scalars(select(User).where(User.delegation_id == delegation.id).order_by(User.username)).all()
    return render_template("delegations/home.html", delegation=delegation, users=users, cs=cs, changes=changes,
                           tracked=tracked, changed_values=changed_values)  # fmt: skip


def _shown(value, tz: str) -> str:
    """A recorded value in words: instants in the session's time zone, nothing as a dash."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str) and _INSTANT.match(value):
        return shown(to_local(datetime.fromisoformat(value), tz), "%d %b %Y %H:%M")
    if isinstance(value, list):
        return ", ".join(_shown(v, tz) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')}: {_shown(v, tz)}" for k, v in value.items())
    return str(value)


_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$")


def changed_values(entry, tz: str, at_most: int = 3) -> list[tuple[str, str | None, str]]:
    """What an entry changed, as (field, before or None, after) in words; the first `at_most` fields."""
    before, after = entry.before or {}, entry.after or {}
    keys = [k for k in dict.fromkeys([*after, *before]) if before.get(k) != after.get(k)]
    return [(k.replace("_", " "), _shown(before[k], tz) if k in before else None, _shown(after.get(k), tz))
            for k in keys[:at_most]]  # fmt: skip


def _note_visit(delegation):
    """Keep this visit (committed by the runner, not audited: see services.record_home_visit).

    The page's reads so far end first, so that the visit's write starts a transaction of its own
    (the page reads again afterwards). A page must not fail for its bookmark: should the write
    still lose a race, the page shows without it.
    """
    user = acting_user()
    db.session.rollback()  # nothing was written: this only ends the reads
    try:
        return perform(lambda: services.record_home_visit(user, delegation))
    except OperationalError:
        current_app.logger.warning("The visit of %s to %s's home page was not kept.", user.username, delegation.code)
        return None


def _save(form, action, done: str, template: str, **context):
    """Run a registration action from a validated form, or show the form with the reasons."""
    if form.validate_on_submit() and attempt(lambda: action(acting_user(), **fields_of(form)), form, done).ok:
        return None
    return render_template(template, form=form, **context), 400 if form.errors else 200


@bp.route("/new", methods=["GET", "POST"])
@allowed(permissions.can_register)
def register_delegation():
    form = DelegationForm()
    services.offer_groups(form)
    return _save(
        form, services.register_delegation, _("The delegation is registered."), "delegations/new.html"
    ) or redirect(url_for("delegations.list_delegations"))


@bp.route("/users", methods=["GET", "POST"])
@allowed(permissions.can_register)
def manage_users():
    form = UserForm()
    users = db.session.scalars(select(User).order_by(User.role, User.username)).all()
    live = dict(db.session.execute(
        select(ApiToken.user_id, func.count()).where(ApiToken.revoked_at.is_(None)).group_by(ApiToken.user_id)
    ).all())  # fmt: skip
    return _save(
        form, services.register_user, _("The user is created."), "delegations/users.html", users=users,
        live_tokens=live, state_form=AccountStateForm(formdata=None),
    ) or redirect(url_for("delegations.manage_users"))  # fmt: skip


def _account_page(user: User, one_time_password: str | None = None, status: int = 200):
    html = render_template(
        "delegations/user.html", user=user, tokens=account_services.tokens_of(user), one_time_password=one_time_password,
        state_form=AccountStateForm(formdata=None), otp_form=OneTimePasswordForm(formdata=None),
        revoke_form=RevokeTokenForm(formdata=None), cs=current_commission_session(),
    )  # fmt: skip
    return html, status, {"Cache-Control": "no-store"} if one_time_password else {}


@bp.get("/users/<username>")
@allowed(accounts.can_manage_accounts)
def show_user(username: str):
    return _account_page(account_services.user_named(username))


def _account_action(username: str, form, action, done: str):
    """Run a disable, enable or revoke from the user's page and return to it (or to the list: ?back=list)."""
    if form.validate_on_submit():
        attempt(action, form, done)
    else:
        reasons = " ".join(m for ms in form.errors.values() for m in ms) or _("the form expired; reload and try again.")
        flash(_("Nothing was changed: %(reasons)s", reasons=reasons), "error")
    if request.args.get("back") == "list":
        return redirect(url_for("delegations.manage_users"))
    return redirect(url_for("delegations.show_user", username=username))


@bp.post("/users/<username>/disable")
@allowed(accounts.can_manage_accounts)
def disable_user(username: str):
    form = AccountStateForm()
    return _account_action(
        username, form, lambda: account_services.disable_user(acting_user(), username, form.reason.data or ""),
        _("%(name)s is disabled: they cannot log in, and their sessions and API tokens stopped working.", name=username),
    )  # fmt: skip


@bp.post("/users/<username>/enable")
@allowed(accounts.can_manage_accounts)
def enable_user(username: str):
    form = AccountStateForm()
    return _account_action(
        username, form, lambda: account_services.enable_user(acting_user(), username, form.reason.data or ""),
        _("%(name)s is enabled again.", name=username),
    )  # fmt: skip


@bp.post("/users/<username>/tokens/<int:token_id>/revoke")
@allowed(accounts.can_manage_accounts)
def revoke_user_token(username: str, token_id: int):
    return _account_action(
        username, RevokeTokenForm(), lambda: account_services.revoke_token(acting_user(), token_id),
        _("The token is revoked: it stopped working."),
    )  # fmt: skip


@bp.post("/users/<username>/one-time-password")
@allowed(accounts.can_manage_accounts)
def set_one_time_password(username: str):
    """Shown once, in this response only: not in a flash (kept in the cookie), not after a redirect."""
    user = account_services.user_named(username)
    if not OneTimePasswordForm().validate_on_submit():
        flash(_("The form expired. Reload the page and try again."), "error")
        return redirect(url_for("delegations.show_user", username=user.username))
    outcome = attempt(lambda: account_services.set_one_time_password(acting_user(), username))
    return _account_page(account_services.user_named(username), outcome.value, 200 if outcome.ok else 400)
