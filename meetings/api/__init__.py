"""The JSON API under /api/v1 and the OpenAPI document generated from its routes.

Every route is declared with `api_route`, which records its summary, the WTForms form that
validates its body and the roles it admits; /api/v1/openapi.json is built from that record,
so the document cannot drift from the code.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps

from flask import Blueprint, abort, g, jsonify, request
from flask_login import current_user
from sqlalchemy.orm import joinedload
from werkzeug.datastructures import MultiDict

from meetings.auth.models import ApiToken, Role, User
from meetings.extensions import db
from meetings.refusal import Refusal

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@dataclass
class RouteDoc:
    rule: str
    methods: list[str]
    summary: str
    endpoint: str
    form: type | None = None
    roles: tuple[Role, ...] | None = None
    public: bool = False
    produces: str = "application/json"
    params: dict = field(default_factory=dict)


ROUTES: list[RouteDoc] = []


class ApiError(Refusal):
    """A refusal raised by the API layer itself (authentication, body parsing)."""

    def __init__(self, message: str, status: int = 400, errors: dict | None = None):
        super().__init__(message, errors, status)


def json_error(message: str, status: int, errors: dict | None = None):
    return jsonify({"message": message, "errors": errors or {}}), status


@bp.errorhandler(Refusal)
def _api_error(exc: Refusal):
    db.session.rollback()
    return json_error(exc.message, exc.status, exc.errors)


def api_user() -> User | None:
    """The user of a bearer token; a browser's login cookie counts for reads only."""
    if "api_user" in g:
        return g.api_user
    user = None
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        digest = ApiToken.digest(header[7:].strip())
        token = db.session.scalar(
            db.select(ApiToken)
            .options(joinedload(ApiToken.user).joinedload(User.delegation))
            .where(ApiToken.token_hash == digest)
        )
        if token is None or token.revoked_at is not None or not token.user.active:
            raise ApiError("The API token is unknown or revoked.", 401)
        user = token.user
    elif request.method in ("GET", "HEAD") and current_user.is_authenticated:
        user = current_user._get_current_object()
    g.api_user = user
    return user


def api_route(
    rule: str,
    methods: list[str] | None = None,
    *,
    summary: str,
    form: type | None = None,
    roles: tuple[Role, ...] | None = None,
    public: bool = False,
    produces: str = "application/json",
) -> Callable:
    """Declare an API route. `roles=None` with public=False admits any logged-in user."""
    methods = methods or ["GET"]

    def decorator(fn: Callable) -> Callable:
        @wraps(fn)
        def wrapper(*args, **kwargs):
            if not public:
                user = api_user()
                if user is None:
                    raise ApiError("Authentication required: send 'Authorization: Bearer <token>'.", 401)
                if roles is not None and user.role not in roles:
                    raise ApiError("Your role does not allow this.", 403)
            result = fn(*args, **kwargs)
            if request.method != "GET":
                db.session.commit()
            return result

        endpoint = fn.__name__
        bp.add_url_rule(rule, endpoint, wrapper, methods=methods)
        ROUTES.append(RouteDoc(rule, methods, summary, endpoint, form, roles, public, produces))
        return wrapper

    return decorator


def json_formdata() -> MultiDict:
    """The JSON body as form data, so that the HTML forms validate API input too."""
    payload = request.get_json(silent=True)
    if payload is None:
        if request.mimetype == "application/json" or request.data:
            raise ApiError("The body is not valid JSON.", 400)
        payload = {}
    if not isinstance(payload, dict):
        raise ApiError("The body must be a JSON object.", 400)
    data = MultiDict()
    for key, value in payload.items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, dict | list):
                raise ApiError(f"Field '{key}' has the wrong type.", 400, {key: ["Wrong type."]})
            if isinstance(item, bool):
                item = "y" if item else ""
            data.add(key, "" if item is None else str(item))
    return data


def validated(form_class: type, prepare: Callable | None = None, **kwargs):
    """Build and validate a form from the JSON body; refuse with per-field errors.

    `prepare(form)` runs before validation, e.g. to set the choices of a select.
    """
    form = form_class(formdata=json_formdata(), meta={"csrf": False}, **kwargs)
    if prepare is not None:
        prepare(form)
    if not form.validate():
        raise ApiError("Some fields are not valid.", 422, form.errors)
    return form


def require(condition: bool, message: str = "You are not allowed to see or change this.", status: int = 403) -> None:
    if not condition:
        raise ApiError(message, status)


def not_found(what: str = "record"):
    raise ApiError(f"No such {what}.", 404)


from meetings.api import openapi  # noqa: E402,F401  (registers /openapi.json)

__all__ = ["ApiError", "abort", "api_route", "api_user", "bp", "json_error", "validated", "require"]
