"""The JSON API under /api/v1 and the OpenAPI document generated from its routes.

Each feature's api.py declares its routes on its own collector, `routes = ApiRoutes()`, with
`@routes.route(...)`, which records the summary, the WTForms form that validates the body, the
roles it admits and what it answers (the JSON Schema of its success body, its status, whether it
answers 304 to a conditional GET, a multipart upload). Nothing is registered by importing:
`init_app` gives each app its own API blueprint, each feature's `init_app` adds its collector to
it (`routes.register(app)`), and `register_blueprint` registers it after the features.
/api/v1/openapi.json is built from the routes of the current app, so the document cannot drift
from the code.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps

from flask import Blueprint, Flask, abort, current_app, g, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload
from werkzeug.datastructures import MultiDict

from meetings.actions import perform
from meetings.auth.models import ApiToken, User
from meetings.extensions import csrf, db
from meetings.refusal import Refusal

KEY = "meetings.api"


@dataclass
class RouteDoc:
    rule: str
    methods: list[str]
    summary: str
    endpoint: str
    form: type | None = None
    allow: Callable | None = None
    public: bool = False
    produces: str = "application/json"
    params: dict = field(default_factory=dict)
    response: dict | None = None
    status: int | tuple[int, ...] = 200
    conditional: bool = False
    consumes: str = "application/json"


class ApiError(Refusal):
    """A refusal raised by the API layer itself (authentication, body parsing)."""

    def __init__(self, message: str, status: int = 400, errors: dict | None = None):
        super().__init__(message, errors, status)


def json_error(message: str, status: int, errors: dict | None = None):
    return jsonify({"message": message, "errors": errors or {}}), status


def _api_error(exc: Refusal):
    return json_error(exc.message, exc.status, exc.errors)


_TOKEN = (  # built once: every API request with a token asks it
    select(ApiToken)
    .options(joinedload(ApiToken.user).joinedload(User.delegation))
    .where(ApiToken.token_hash == bindparam("digest"))
)


def api_user() -> User | None:
    """The user of a bearer token; a browser's login cookie counts for reads only."""
    if "api_user" in g:
        return g.api_user
    user = None
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        digest = ApiToken.digest(header[7:].strip())
        token = db.session.scalar(_TOKEN, {"digest": digest})
        if token is None or token.revoked_at is not None or not token.user.active:
            raise ApiError(_("The API token is unknown or revoked."), 401)
        user = token.user
    elif request.method in ("GET", "HEAD") and current_user.is_authenticated:
        user = current_user._get_current_object()
    g.api_user = user
    return user


def guarded(fn: Callable, doc: RouteDoc) -> Callable:
    """The one wrapper of every API route: authenticate, ask the permission, run a write through the runner."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        if not doc.public:
            user = api_user()
            if user is None:
                raise ApiError(_("Authentication required: send 'Authorization: Bearer <token>'."), 401)
            if doc.allow is not None and not doc.allow(user):
                who = _(allowed_who(doc.allow))  # in the reader's language where a catalogue holds the line
                raise ApiError(_("You are not allowed to do this: %(who)s", who=who), 403)
        if request.method in ("GET", "HEAD"):
            return fn(*args, **kwargs)
        return perform(lambda: fn(*args, **kwargs))

    return wrapper


def allowed_who(predicate: Callable) -> str:
    """The first line of a permission predicate's docstring: who it admits, in words."""
    return ((predicate.__doc__ or "").strip().splitlines() or [predicate.__name__])[0]


class ApiRoutes:
    """A feature's API routes, declared, not yet registered (as a Blueprint collects its views)."""

    def __init__(self) -> None:
        self.routes: list[tuple[RouteDoc, Callable]] = []

    def route(
        self,
        rule: str,
        methods: list[str] | None = None,
        *,
        summary: str,
        form: type | None = None,
        allow: Callable | None = None,
        public: bool = False,
        produces: str = "application/json",
        response: dict | None = None,
        status: int | tuple[int, ...] = 200,
        conditional: bool = False,
        consumes: str = "application/json",
    ) -> Callable:
        """Declare an API route. `allow(user)` is the feature's permission predicate; without it (and
        not public) any logged-in user is admitted, and the service decides on the record.

        `response` is the JSON Schema of the success body (meetings.api.schemas builds them); `status`
        the success status (201 for a creation; a tuple when it answers more than one); `conditional`
        that a GET answers 304 to If-None-Match; `consumes="multipart/form-data"` that the form's
        file field comes as an upload."""
        methods = methods or ["GET"]

        def decorator(fn: Callable) -> Callable:
            doc = RouteDoc(rule, methods, summary, fn.__name__, form, allow, public, produces, {}, response, status,
                           conditional, consumes)  # fmt: skip
            wrapper = guarded(fn, doc)
            self.routes.append((doc, wrapper))
            return wrapper

        return decorator

    def register(self, app: Flask) -> None:
        """Add these routes to the app's API blueprint (before it is registered)."""
        api = app.extensions[KEY]
        for doc, view in self.routes:
            api.blueprint.add_url_rule(doc.rule, doc.endpoint, view, methods=doc.methods)
            api.docs.append(doc)


@dataclass
class Api:
    """One app's API: its blueprint and the documents of the routes added to it."""

    blueprint: Blueprint
    docs: list[RouteDoc] = field(default_factory=list)


def init_app(app: Flask) -> Api:
    """Give the app its own API blueprint (not registered yet), with the OpenAPI document's route."""
    from meetings.api import openapi

    if KEY in app.extensions:
        raise RuntimeError("The API of this app is already set up.")
    bp = Blueprint("api", __name__, url_prefix="/api/v1")
    bp.register_error_handler(Refusal, _api_error)
    app.extensions[KEY] = api = Api(bp)
    openapi.routes.register(app)
    return api


def register_blueprint(app: Flask) -> None:
    """Register the API blueprint, exempt from CSRF (tokens, not cookies, authorize writes)."""
    bp = app.extensions[KEY].blueprint
    csrf.exempt(bp)
    app.register_blueprint(bp)


def route_docs() -> list[RouteDoc]:
    """The API routes of the current app."""
    return current_app.extensions[KEY].docs


def json_formdata(names: set[str] | None = None) -> MultiDict:
    """The JSON body as form data, so that the HTML forms validate API input too.

    With `names`, other keys are left out unread: a record read with GET (its id, its derived
    values) can be sent back as it is to change it."""
    payload = request.get_json(silent=True)
    if payload is None:
        if request.mimetype == "application/json" or request.data:
            raise ApiError(_("The body is not valid JSON."), 400)
        payload = {}
    if not isinstance(payload, dict):
        raise ApiError(_("The body must be a JSON object."), 400)
    data = MultiDict()
    for key, value in payload.items():
        if names is not None and key not in names:
            continue
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, dict | list):
                raise ApiError(_("Field '%(field)s' has the wrong type.", field=key), 400, {key: [_("Wrong type.")]})
            if isinstance(item, bool):
                item = "y" if item else ""
            data.add(key, "" if item is None else str(item))
    return data


_FIELD_NAMES: dict[type, frozenset[str]] = {}


def validated(form_class: type, prepare: Callable | None = None, **kwargs):
    """Build and validate a form from the JSON body; refuse with per-field errors.

    `prepare(form)` runs before validation, e.g. to set the choices of a select.
    """
    names = _FIELD_NAMES.get(form_class)
    if names is None:  # a form's fields are its class's: none here adds or drops one per instance
        names = _FIELD_NAMES[form_class] = frozenset(form_class(formdata=None, meta={"csrf": False}, **kwargs)._fields)
    form = form_class(formdata=json_formdata(names), meta={"csrf": False}, **kwargs)
    if prepare is not None:
        prepare(form)
    if not form.validate():
        raise ApiError(_("Some fields are not valid."), 422, form.errors)
    return form


def not_found(what: str = "record"):
    """A 404 naming what was looked for; the callers' words each have their whole sentence."""
    sentences = {"record": _("No such record."), "delegation": _("No such delegation."),
                 "meeting block": _("No such meeting block.")}  # fmt: skip
    raise ApiError(sentences.get(what) or _("No such %(what)s.", what=what), 404)


__all__ = [
    "ApiError",
    "ApiRoutes",
    "abort",
    "api_user",
    "init_app",
    "json_error",
    "register_blueprint",
    "validated",
]
