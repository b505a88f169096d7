from flask import Blueprint, abort, render_template
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from meetings.auth.decorators import ensure_can_act_for
from meetings.auth.models import User
from meetings.delegations.models import Delegation, RegionalGroup
from meetings.delegations.services import delegation_by_code
from meetings.extensions import db
from meetings.programme.services import current_commission_session

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
def show_delegation(code: str):
    delegation = delegation_by_code(code)
    if delegation is None:
        abort(404)
    ensure_can_act_for(delegation)
    users = db.session.scalars(select(User).where(User.delegation_id == delegation.id).order_by(User.username)).all()
    return render_template("delegations/home.html", delegation=delegation, users=users, cs=current_commission_session())
