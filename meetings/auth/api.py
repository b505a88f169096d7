from flask import jsonify, request
from flask_babel import gettext as _

from meetings.api import ApiError, ApiRoutes, api_user, validated
from meetings.api.schemas import BOOL, INSTANT, INT, MESSAGE, STR, arr, maybe, obj
from meetings.auth import permissions, services
from meetings.auth.forms import ChangePasswordForm, LanguageForm, RevokeTokenForm
from meetings.auth.models import ApiToken

routes = ApiRoutes()

TOKEN = obj(id=INT, label=STR, user=STR, created_at=INSTANT, revoked_at=maybe(INSTANT))


@routes.route(
    "/me",
    response=obj(
        username=STR, full_name=STR, role=STR, delegation=maybe(STR), must_change_password=BOOL, language=maybe(STR)
    ),
    summary="The user of the token, its role and delegation",
)
def me():
    user = api_user()
    return jsonify(
        {
            "username": user.username,
            "full_name": user.full_name,
            "role": user.role.value,
            "delegation": user.delegation.code if user.delegation else None,
            "must_change_password": user.must_change_password,
            "language": user.language,
        }
    )


def token_as_dict(t: ApiToken) -> dict:
    return {
        "id": t.id,
        "label": t.label,
        "user": t.user.username,
        "created_at": t.created_at.isoformat(),
        "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
    }


@routes.route(
    "/me/password",
    ["POST"],
    response=MESSAGE,
    summary="Change your own password (the current one is required)",
    form=ChangePasswordForm,
    allow=permissions.can_change_own_password,
)
def change_my_password():
    form = validated(ChangePasswordForm)
    services.change_own_password(api_user(), form.current_password.data, form.new_password.data)
    return jsonify({"message": _("Your password is changed.")})


@routes.route(
    "/me/language",
    ["POST"],
    response=obj(language=maybe(STR)),
    summary="Keep one of the six official languages (ar, zh, en, fr, ru, es) on your account",
    form=LanguageForm,
    allow=permissions.can_choose_language,
)
def choose_my_language():
    form = validated(LanguageForm)
    user = services.choose_language(api_user(), form.language.data)
    return jsonify({"language": user.language})


@routes.route(
    "/me/tokens", response=arr(TOKEN), summary="Your own API tokens, newest first", allow=permissions.can_manage_tokens
)
def list_my_tokens():
    return jsonify([token_as_dict(t) for t in services.tokens_of(api_user())])


@routes.route(
    "/tokens/<int:token_id>/revoke",
    ["POST"],
    response=TOKEN,
    summary="Revoke an API token: your own, or any user's for the secretariat; it stops working at once",
    form=RevokeTokenForm,
    allow=permissions.can_manage_tokens,
)
def revoke_api_token(token_id: int):
    validated(RevokeTokenForm)
    return jsonify(token_as_dict(services.revoke_token(api_user(), token_id)))


# While a one-time password is in force, a token of its user may only read /me and change the password.
WHILE_ONE_TIME = {"api.me", "api.change_my_password"}


def until_new_password():
    """Before every API request: refuse a token whose user must first replace a one-time password."""
    if request.blueprint != "api" or request.endpoint in WHILE_ONE_TIME:
        return None
    try:
        user = api_user()
    except ApiError:
        return None  # a bad token: the route answers 401 itself (or serves the public)
    if user is not None and user.must_change_password:
        raise ApiError(_("Choose your own password first: the secretariat gave you a one-time password. "
                         "Send it as current_password to POST /api/v1/me/password."), 403)  # fmt: skip
    return None
