from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from meetings.actions import attempt
from meetings.auth.decorators import acting_user, allowed, ensure
from meetings.auth.models import User
from meetings.delegations import permissions, services
from meetings.delegations.forms import DelegationForm, UserForm
from meetings.delegations.models import Delegation, RegionalGroup
from meetings.extensions import db
from meetings.programme.services import current_commission_session
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
    return render_template("delegations/list.html", groups=groups, others=others)


@bp.get("/<code>")
@login_required
def show_delegation(code: str):
    delegation = services.require_delegation(code)
    ensure(permissions.can_see_own_pages(current_user, delegation))
    users = db.session.scalars(select(User).where(User.delegation_id == delegation.id).order_by(User.username)).all()
    return render_template("delegations/home.html", delegation=delegation, users=users, cs=current_commission_session())


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
        form, services.register_delegation, "The delegation is registered.", "delegations/new.html"
    ) or redirect(url_for("delegations.list_delegations"))


@bp.route("/users", methods=["GET", "POST"])
@allowed(permissions.can_register)
def manage_users():
    form = UserForm()
    users = db.session.scalars(select(User).order_by(User.role, User.username)).all()
    return _save(
        form, services.register_user, "The user is created.", "delegations/users.html", users=users
    ) or redirect(url_for("delegations.manage_users"))
