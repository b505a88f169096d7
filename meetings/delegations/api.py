from datetime import UTC, datetime

from flask import jsonify, request
from flask_babel import gettext as _
from sqlalchemy import select

from meetings.api import ApiError, ApiRoutes, api_user, not_found, validated
from meetings.api.schemas import AUDIT_ENTRY, BOOL, INT, STR, arr, mapping, maybe, obj
from meetings.audit.services import entry_as_dict
from meetings.auth import permissions as accounts
from meetings.auth import services as account_services
from meetings.auth.api import TOKEN, token_as_dict
from meetings.auth.models import User
from meetings.delegations import permissions, services
from meetings.delegations.forms import AccountStateForm, DelegationForm, OneTimePasswordForm, UserForm
from meetings.delegations.models import Delegation
from meetings.delegations.services import delegation_by_code
from meetings.extensions import db
from meetings.programme.services import current_commission_session
from meetings.refusal import require
from meetings.webforms import fields_of

routes = ApiRoutes()

DELEGATION = obj(code=STR, name=STR, names=mapping(STR), kind=STR, regional_group=maybe(STR))
USER = obj(username=STR, full_name=STR, role=STR, delegation=maybe(STR), active=BOOL, must_change_password=BOOL)


def delegation_as_dict(d: Delegation) -> dict:
    return {
        "code": d.code,
        "name": d.name,
        "names": d.names or {},
        "kind": d.kind.value,
        "regional_group": d.regional_group.code if d.regional_group else None,
    }


@routes.route(
    "/delegations", response=arr(DELEGATION), summary="All delegations with their kind and regional group", public=True
)
def list_delegations():
    rows = db.session.scalars(select(Delegation).order_by(Delegation.name)).all()
    return jsonify([delegation_as_dict(d) for d in rows])


@routes.route(
    "/delegations/<code>",
    response=obj(
        code=STR,
        name=STR,
        names=mapping(STR),
        kind=STR,
        regional_group=maybe(STR),
        users=arr(obj(username=STR, full_name=STR)),
    ),
    summary="A delegation's own record (its users); its users and the secretariat only",
)
def get_delegation(code: str):
    delegation = delegation_by_code(code)
    if delegation is None:
        not_found("delegation")
    require(permissions.can_see_own_pages(api_user(), delegation), _("This is another delegation's record."))
    users = db.session.scalars(select(User).where(User.delegation_id == delegation.id).order_by(User.username))
    return jsonify(
        {**delegation_as_dict(delegation), "users": [{"username": u.username, "full_name": u.full_name} for u in users]}
    )


@routes.route(
    "/delegations",
    ["POST"],
    status=201,
    response=DELEGATION,
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
        "active": u.active,
        "must_change_password": u.must_change_password,
    }


@routes.route("/users", response=arr(USER), summary="All users with their role", allow=permissions.can_register)
def list_users():
    return jsonify([user_as_dict(u) for u in db.session.scalars(select(User).order_by(User.username))])


@routes.route(
    "/users",
    ["POST"],
    status=201,
    response=USER,
    summary="Create a user",
    form=UserForm,
    allow=permissions.can_register,
)
def create_user():
    form = validated(UserForm)
    return jsonify(user_as_dict(services.register_user(api_user(), **fields_of(form)))), 201


@routes.route(
    "/users/<username>/disable",
    ["POST"],
    response=USER,
    summary="Disable a user: no login; their browser sessions and API tokens stop working at once",
    form=AccountStateForm,
    allow=accounts.can_manage_accounts,
)
def disable_user(username: str):
    form = validated(AccountStateForm)
    return jsonify(user_as_dict(account_services.disable_user(api_user(), username, form.reason.data or "")))


@routes.route(
    "/users/<username>/enable",
    ["POST"],
    response=USER,
    summary="Enable a disabled user again (their tokens that were not revoked work again)",
    form=AccountStateForm,
    allow=accounts.can_manage_accounts,
)
def enable_user(username: str):
    form = validated(AccountStateForm)
    return jsonify(user_as_dict(account_services.enable_user(api_user(), username, form.reason.data or "")))


@routes.route(
    "/users/<username>/one-time-password",
    ["POST"],
    status=201,
    response={
        **USER,
        "required": [*USER["required"], "one_time_password"],
        "properties": {**USER["properties"], "one_time_password": STR},
    },
    summary="Set a random one-time password, returned this once; the user must replace it at the next login",
    form=OneTimePasswordForm,
    allow=accounts.can_manage_accounts,
)
def set_one_time_password(username: str):
    validated(OneTimePasswordForm)
    secret = account_services.set_one_time_password(api_user(), username)
    body = {**user_as_dict(account_services.user_named(username)), "one_time_password": secret}
    return jsonify(body), 201, {"Cache-Control": "no-store"}


@routes.route(
    "/users/<username>/tokens",
    response=arr(TOKEN),
    summary="A user's API tokens, newest first",
    allow=accounts.can_manage_accounts,
)
def list_user_tokens(username: str):
    return jsonify([token_as_dict(t) for t in account_services.tokens_of(account_services.user_named(username))])


def _instant(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ApiError(_("since: give an ISO 8601 instant, e.g. 2024-03-14T10:02:00+01:00."), 400,
                       {"since": [_("Not an ISO 8601 instant.")]}) from None  # fmt: skip
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@routes.route(
    "/delegations/<code>/changes",
    response=obj(since=maybe(STR), more=INT, entries=arr(AUDIT_ENTRY)),
    summary="What changed in a delegation's records after ?since= (ISO instant), newest first, at most 20",
)
def delegation_changes(code: str):
    """Read-only: a program keeps its own "last visit" and passes it as `since`."""
    delegation = services.require_delegation(code)
    user = api_user()
    require(permissions.can_see_own_pages(user, delegation), _("This is another delegation's record."))
    cs = current_commission_session()
    changes = services.changes_for(delegation, cs.id if cs else None, _instant(request.args.get("since")))
    return jsonify({"since": changes.since.isoformat() if changes.since else None, "more": changes.more,
                    "entries": [entry_as_dict(e) for e in changes.entries]})  # fmt: skip
