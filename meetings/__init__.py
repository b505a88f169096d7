"""meetings: the software that runs an intergovernmental session of a UN commission."""

import importlib
import os
from datetime import datetime
from pathlib import Path

from flask import Flask, g, has_request_context, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from werkzeug.middleware.proxy_fix import ProxyFix

from meetings import headers, inputs, webforms
from meetings.config import Defaults, database_url, secret_key
from meetings.extensions import csrf, db, login_manager, migrate


def create_app(test_config: dict | None = None) -> Flask:
    root = Path(__file__).resolve().parent.parent
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(root / "templates"),
        static_folder=str(root / "static"),
    )
    app.config.from_object(Defaults)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.update(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.setdefault("SQLALCHEMY_DATABASE_URI", database_url(app.instance_path))
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret_key(app.instance_path)
    app.config.setdefault("UPLOAD_FOLDER", os.path.join(app.instance_path, "uploads"))

    db.init_app(app)
    _configure_sqlite(app)
    migrate.init_app(app, db, directory=str(root / "migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)
    webforms.init_app(app)
    inputs.init_app(app)  # before any route: the `int` of every address is bounded
    headers.init_app(app)
    _init_features(app)
    _register_errors(app)
    _register_template_helpers(app)
    if hops := app.config["PROXY_HOPS"]:  # outermost: what the features wrap sees the client's address and scheme
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    return app


def _init_features(app: Flask) -> None:
    """Wire every feature, explicitly and in this order; nothing registers itself by being imported.

    Each feature's init_app adds its blueprint, its routes on this app's API blueprint, and
    what it plugs into the others (navigation, agenda, floor, rules listeners) to this app's
    hooks; the API blueprint is registered after them all.
    """
    from meetings import (
        api,
        audit,
        auth,
        bilaterals,
        calendars,
        cli,
        debate,
        delegations,
        exports,
        floor,
        hooks,
        programme,
        publication,
        registration,
        report,
        roundtables,
        side_events,  # fmt: skip
    )
    from meetings.i18n import setup as i18n

    hooks.init_app(app)
    i18n.init_app(app)
    api.init_app(app)
    for feature in (
        audit,
        auth,
        programme,
        delegations,
        exports,
        debate,
        floor,
        side_events,
        roundtables,
        registration,
        bilaterals,
        calendars,
        publication,
        report,
    ):
        feature.init_app(app)
    api.register_blueprint(app)
    cli.init_app(app)

    @app.get("/")
    def index():
        from meetings.programme.services import current_commission_session

        return render_template("index.html", cs=current_commission_session())


def _register_errors(app: Flask) -> None:
    from flask_wtf.csrf import CSRFError

    from meetings.api import json_error
    from meetings.refusal import Refusal

    def wants_json() -> bool:
        return request.path.startswith("/api/")

    def error_page(code: int, message: str):
        return render_template("error.html", code=code, message=message, **_ways_out()), code

    @app.errorhandler(Refusal)
    def refused(exc: Refusal):
        db.session.rollback()
        if wants_json():
            return json_error(exc.message, exc.status, exc.errors)
        return error_page(exc.status, exc.message)

    @app.errorhandler(CSRFError)
    def csrf_error(exc):
        return error_page(400, _("The form has expired or was not sent from this site. Reload the page and try again."))

    for code, message in (
        (400, _l("The request could not be understood.")),
        (401, _l("Please log in.")),
        (403, _l("You are not allowed to see or change this.")),
        (404, _l("There is nothing at this address.")),
        (405, _l("This address does not accept that method.")),
        (409, _l("This conflicts with the current state.")),
        (413, _l("The upload is too large.")),
        (415, _l("The body is not of a type this address accepts.")),
        (422, _l("Some of what was sent is not valid.")),
        (500, _l("Something went wrong on the server; what you sent was not saved. Try again in a moment.")),
    ):

        def handler(exc, code=code, message=message):
            # Our own sentence (abort(409, "...")) is kept; werkzeug's stock English is not.
            text = getattr(exc, "description", None)
            if code in (404, 405) or text == getattr(type(exc), "description", None):
                text = None
            if wants_json():
                return json_error(text or str(message), code)
            return error_page(code, text or str(message))

        app.register_error_handler(code, handler)


def _ways_out() -> dict:
    """Where an error page can send its reader: the page they came from (on this site), the list
    of the part of the site the address belongs to, and the login page that returns here."""
    from urllib.parse import urlsplit

    from flask import url_for

    from meetings.hooks import hooks_of

    came_from = request.referrer
    parts = urlsplit(came_from or "")
    if not came_from or parts.netloc != request.host or parts.path == request.path:
        came_from = None
    sections = [(_("Session"), "programme.show_session"), (_("Delegations"), "delegations.list_delegations")]
    sections += [(item.label, item.endpoint) for item in hooks_of().nav_items]
    section = None
    for label, endpoint in sections:
        url = url_for(endpoint)
        if request.path.startswith(url) and request.path != url:
            section = (label, url)
    here = request.full_path.rstrip("?") if request.method == "GET" else (came_from and parts.path) or None
    return {"came_from": came_from, "section": section, "login_url": url_for("auth.login", next=here)}


def _register_template_helpers(app: Flask) -> None:
    from types import SimpleNamespace

    from meetings.hooks import hooks_of
    from meetings.i18n.words import current_language, shown
    from meetings.timeutil import to_local

    # Templates show or hide an action by asking the same predicates the services enforce.
    may = SimpleNamespace(**{
        name: importlib.import_module(f"meetings.{name}.permissions")
        for name in ("audit", "auth", "programme", "delegations", "debate", "floor", "side_events", "roundtables",
                     "bilaterals", "registration", "calendars", "publication", "report")
    })  # fmt: skip

    def language_form():
        from meetings.auth.forms import LanguageForm

        return LanguageForm(formdata=None, language=current_language(), next=request.full_path.rstrip("?"))

    @app.context_processor
    def shared_parts() -> dict:
        hooks = hooks_of()
        return {"nav_items": hooks.nav_items, "delegation_sections": hooks.delegation_sections, "may": may,
                "language_form": language_form}  # fmt: skip

    @app.template_filter("local")
    def local(instant, fmt: str = "%d %b %Y %H:%M"):
        """An instant in the session's time zone (a calendar day as it is), written in the reader's language."""
        if instant is None:
            return ""
        if not isinstance(instant, datetime):  # a day: no time zone to convert to
            return shown(instant, fmt)
        return shown(to_local(instant, getattr(g, "tz", None) or "UTC"), fmt)

    @app.template_filter("minutes")
    def minutes(seconds: int | None) -> str:
        """A duration or limit as m:ss (420 -> "7:00"), the way the room speaks of it."""
        if seconds is None:
            return ""
        m, s = divmod(int(seconds), 60)
        return f"{m}:{s:02d}"


def _configure_sqlite(app: Flask) -> None:
    """Foreign keys on, WAL, a generous busy wait; transactions begun by us, not by pysqlite.

    Every transaction of the serving app that may write takes the write lock at its start
    (BEGIN IMMEDIATE; a GET only reads, so many screens can read while one writer works):
    capacity decisions (11 side events, 114 slots) read then write, and a deferred
    transaction could read a count that another writer is about to change. PostgreSQL uses
    row locks instead (meetings.locking). SQLITE_BEGIN="DEFERRED" suits a reader that must
    not block writers, such as a test looking at the database between requests. A GET that
    writes (a calendar feed) does so through the runner, in a transaction begun there: that
    one is a writer's too (meetings.actions.running).
    """
    from meetings.actions import running

    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "sqlite":
        return
    begin = "BEGIN " + app.config.get("SQLITE_BEGIN", "IMMEDIATE")

    @event.listens_for(engine, "connect")
    def pragmas(dbapi_connection, connection_record) -> None:
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def begin_transaction(conn) -> None:
        reading = has_request_context() and request.method in ("GET", "HEAD") and not running()
        conn.exec_driver_sql("BEGIN" if reading else begin)
