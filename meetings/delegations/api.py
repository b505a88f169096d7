from flask import jsonify
from sqlalchemy import select

from meetings.api import ApiRoutes, api_user, not_found, validated
from meetings.auth.models import User
from meetings.delegations import permissions, services
from meetings.delegations.forms import DelegationForm, UserForm
from meetings.delegations.models import Delegation
from meetings.delegations.services import delegation_by_code
from meetings.extensions import db
from meetings.refusal import require
from meetings.webforms import fields_of

routes = ApiRoutes()


def delegation_as_dict(d: Delegation) -> dict:
    return {
        "code": d.code,
        "name": d.name,
        "names": d.names or {},
        "kind": d.kind.value,
        "regional_group": d.regional_group.code if d.regional_group else None,
    }


@routes.route("/delegations", summary="All delegations with their kind and regional group", public=True)
def list_delegations():
    rows = db.session.scalars(select(Delegation).order_by(Delegation.name)).all()
    return jsonify([delegation_as_dict(d) for d in rows])


@routes.route(
    "/delegations/<code>", summary="A delegation's own record (its users); its users and the secretariat only"
)
def get_delegation(code: str):
    delegation = delegation_by_code(code)
    if delegation is None:
        not_found("delegation")
    require(permissions.can_see_own_pages(api_user(), delegation), "This is another delegation's record.")
    users = db.session.scalars(select(User).where(User.delegation_id == delegation.id).order_by(User.username))
    return jsonify(
        {**delegation_as_dict(delegation), "users": [{"username": u.username, "full_name": u.full_name} for u in users]}
    )


@routes.route(
    "/delegations",
    ["POST"],
    summary="Register a delegation (observer, organization, NGO)",
    form=DelegationForm,
    allow=permissions.can_register,
)
def register_delegation():
    form = validated(DelegationForm, prepare=services.offer_groups)
    return jsonify(delegation_as_dict(services.register_delegation(api_user(), **fields_of(form)))), 201


def user_as_dict(u: User) -> dict:
    return {
        "username": u.username,
        "full_name": u.full_name,
        "role": u.role.value,
        "delegation": u.delegation.code if u.delegation else None,
    }


@routes.route("/users", summary="All users with their role", allow=permissions.can_register)
def list_users():
    return jsonify([user_as_dict(u) for u in db.session.scalars(select(User).order_by(User.username))])


@routes.route("/users", ["POST"], summary="Create a user", form=UserForm, allow=permissions.can_register)
def create_user():
    form = validated(UserForm)
    return jsonify(user_as_dict(services.register_user(api_user(), **fields_of(form)))), 201
