from flask import jsonify
from sqlalchemy import select

from meetings.api import api_route, api_user, not_found, require, validated
from meetings.auth.models import Role, User
from meetings.delegations import services
from meetings.delegations.forms import DelegationForm, UserForm
from meetings.delegations.models import Delegation
from meetings.delegations.services import delegation_by_code
from meetings.extensions import db
from meetings.webforms import fields_of


def delegation_as_dict(d: Delegation) -> dict:
    return {
        "code": d.code,
        "name": d.name,
        "names": d.names or {},
        "kind": d.kind.value,
        "regional_group": d.regional_group.code if d.regional_group else None,
    }


@api_route("/delegations", summary="All delegations with their kind and regional group", public=True)
def list_delegations():
    rows = db.session.scalars(select(Delegation).order_by(Delegation.name)).all()
    return jsonify([delegation_as_dict(d) for d in rows])


@api_route("/delegations/<code>", summary="A delegation's own record (its users); its users and the secretariat only")
def get_delegation(code: str):
    delegation = delegation_by_code(code)
    if delegation is None:
        not_found("delegation")
    require(api_user().can_act_for(delegation))
    users = db.session.scalars(select(User).where(User.delegation_id == delegation.id).order_by(User.username))
    return jsonify(
        {**delegation_as_dict(delegation), "users": [{"username": u.username, "full_name": u.full_name} for u in users]}
    )


@api_route(
    "/delegations",
    ["POST"],
    summary="Register a delegation (observer, organization, NGO)",
    form=DelegationForm,
    roles=(Role.secretariat,),
)
def register_delegation():
    form = validated(DelegationForm, prepare=services.offer_groups)
    return jsonify(delegation_as_dict(services.register_delegation(**fields_of(form)))), 201


def user_as_dict(u: User) -> dict:
    return {
        "username": u.username,
        "full_name": u.full_name,
        "role": u.role.value,
        "delegation": u.delegation.code if u.delegation else None,
    }


@api_route("/users", summary="All users with their role", roles=(Role.secretariat,))
def list_users():
    return jsonify([user_as_dict(u) for u in db.session.scalars(select(User).order_by(User.username))])


@api_route("/users", ["POST"], summary="Create a user", form=UserForm, roles=(Role.secretariat,))
def create_user():
    form = validated(UserForm)
    return jsonify(user_as_dict(services.register_user(**fields_of(form)))), 201
