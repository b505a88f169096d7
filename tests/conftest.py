"""Shared fixtures. The suite runs on SQLite by default and on PostgreSQL when
MEETINGS_TEST_DATABASE_URL is set (scripts/with-postgres.sh starts a throwaway server)."""

import os
import re
import threading
import time
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from werkzeug.serving import make_server

from meetings import create_app
from meetings.auth.models import Role, User
from meetings.auth.services import create_user, issue_token
from meetings.demo import demo_password, load_demo
from meetings.extensions import db as _db
from meetings.floor import screen
from tests import factories
from tests.factories import SETUP

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def pytest_report_header(config) -> str:
    url = os.environ.get("MEETINGS_TEST_DATABASE_URL")
    return "database: " + ("PostgreSQL" if url else "SQLite (temporary file)")


@pytest.fixture(scope="session")
def test_config(tmp_path_factory) -> dict:
    url = os.environ.get("MEETINGS_TEST_DATABASE_URL")
    instance = tmp_path_factory.mktemp("instance")
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": url or f"sqlite:///{instance / 'test.sqlite'}",
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "UPLOAD_FOLDER": str(instance / "uploads"),
    }


class CommittingClient(FlaskClient):
    """Ends the test's own transaction before each request.

    The request then sees what the test wrote, and the test's next read starts a new
    transaction that sees what the request wrote (SQLite readers keep their snapshot).
    """

    def open(self, *args, **kwargs):
        _db.session.commit()
        return super().open(*args, **kwargs)


def thread_client(app) -> FlaskClient:
    """A client of the serving app for another thread: it does not touch the test's own session."""
    return FlaskClient(app, app.response_class)


@pytest.fixture(scope="session")
def app(test_config):
    """The app that serves requests (test client, live server). Its schema comes from the migrations."""
    app = create_app(dict(test_config))
    app.test_client_class = CommittingClient
    with app.app_context():
        upgrade()
    return app


@pytest.fixture(scope="session")
def db_app(app, test_config):
    """A second app on the same database, for the test's own reads and writes.

    Requests then run in their own app context, with their own database session and `g`,
    as they do in production, instead of sharing the test's.
    """
    return create_app({**test_config, "SQLITE_BEGIN": "DEFERRED"})


@pytest.fixture(autouse=True)
def db(db_app):
    """A clean database for each test; the schema stays (built once by the migrations).

    To see what a request has written, end the test's transaction: db.session.rollback().
    """
    ctx = db_app.app_context()
    ctx.push()
    yield _db
    _db.session.rollback()
    _db.session.remove()
    _empty_all_tables()
    screen.forget()
    ctx.pop()


def _empty_all_tables(attempts: int = 5) -> None:
    """Empty every table for the next test.

    A browser test's live server may still be answering a projector poll when its test ends.
    On PostgreSQL that poll's reads and the TRUNCATE can deadlock; the server aborts one of them,
    and when it is the TRUNCATE, it is tried again once the poll is over.
    """
    tables = [t.name for t in reversed(_db.metadata.sorted_tables)]
    for attempt in range(attempts):
        try:
            with _db.engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
                else:
                    for table in tables:
                        conn.execute(text(f'DELETE FROM "{table}"'))
            return
        except OperationalError as error:
            if attempt == attempts - 1 or getattr(error.orig, "sqlstate", None) != "40P01":
                raise
            time.sleep(0.2 * (attempt + 1))


@pytest.fixture
def demo(db):
    """The whole CND 67 demo session, committed: the slowest fixture, for the tests of the demo's own
    content. A test that needs a session and a few records builds them with tests.factories."""
    cs = load_demo()
    db.session.commit()
    return cs


@pytest.fixture
def cs(db):
    """CND 67 as the demo sets it up, without content: its rules, rooms and high-level meetings,
    the nine demo users (log_in("austria") works) and their delegations; committed."""
    cs = factories.cnd67()
    db.session.commit()
    return cs


@pytest.fixture
def bare_cs(db):
    """CND 67 without meetings: the session, the nine demo users and their delegations; committed.
    For logins, the pages of delegations and users, which need no programme."""
    cs = factories.cnd67(blocks=False)
    db.session.commit()
    return cs


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def login(client, username: str, password: str | None = None):
    return client.post("/login", data={"username": username, "password": password or demo_password(username)})


@pytest.fixture
def log_in(client):
    def do(username: str):
        response = login(client, username)
        assert response.status_code == 302, response.data
        return client

    return do


@pytest.fixture
def token_for(db):
    """Bearer headers for a user by name."""

    def make(username: str) -> dict:
        user = db.session.scalar(db.select(User).where(User.username == username))
        secret = issue_token(user, user, "test")
        db.session.commit()
        return {"Authorization": f"Bearer {secret}"}

    return make


@pytest.fixture
def make_user(db):
    def make(username: str, role: Role = Role.delegation, delegation=None, password: str = "pw-123456"):
        user = create_user(SETUP, username, password, role, username.title(), delegation)
        db.session.commit()
        return user

    return make


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert match, "no CSRF token in the page"
    return match.group(1)


# --- a real server and a real browser -------------------------------------------------------


@pytest.fixture(scope="session")
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )  # fmt: skip
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, app):
    app.config["WTF_CSRF_ENABLED"] = True
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    app.config["WTF_CSRF_ENABLED"] = False


def browser_login(page, live_server: str, username: str, password: str | None = None) -> None:
    """Log in through the login page, as a person would."""
    page.goto(live_server + "/login")
    page.fill("#username", username)
    page.fill("#password", password or demo_password(username))
    page.click("#submit")
    page.wait_for_load_state()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
