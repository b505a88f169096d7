"""Sign-in throttling: per account and per address, in the database that every worker shares; a growing
wait answered with 429 and Retry-After; never a lockout for good."""

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from sqlalchemy import select

from meetings.auth import throttle
from meetings.auth.models import LoginThrottle
from meetings.timeutil import utcnow
from tests import factories
from tests.conftest import ARTIFACTS

ROOT = Path(__file__).resolve().parents[2]


def _post(client, username: str, password: str, address: str = "192.0.2.7"):
    return client.post("/login", data={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": address})  # fmt: skip


def _failures(db, kind: str, key: str) -> int:
    db.session.rollback()
    row = db.session.get(LoginThrottle, (kind, key))
    return row.failures if row else 0


def test_after_five_free_failures_an_account_waits_and_is_told_how_long(db, client):
    factories.users("austria")
    db.session.commit()
    for _ in range(6):
        assert _post(client, "austria", "wrong password").status_code == 401
    refused = _post(client, "austria", "austria-cnd67")  # even the right password waits: it is not checked
    assert refused.status_code == 429 and 1 <= int(refused.headers["Retry-After"]) <= 2
    assert "Too many attempts to sign in. Try again in" in refused.text
    assert _failures(db, "account", "austria") == 6  # the attempt that waited counted nothing
    other = _post(client, "kenya", "wrong password", address="198.51.100.9")  # another account, another address
    assert other.status_code == 401
    time.sleep(int(refused.headers["Retry-After"]) + 0.1)
    assert _post(client, "austria", "austria-cnd67").status_code == 302
    assert _failures(db, "account", "austria") == 0  # a sign-in forgets the account's failures


def test_the_wait_doubles_and_is_never_longer_than_a_quarter_of_an_hour(db):
    factories.users("austria")
    db.session.commit()
    now = utcnow()
    waits = []
    for _ in range(25):
        outcome = throttle.sign_in("austria", "wrong", "192.0.2.7", now=now)
        assert outcome.user is None and outcome.retry_after == 0
        waits.append(throttle.seconds_to_wait("austria", "192.0.2.7", now))
        now += timedelta(seconds=max(waits[-1], 0))
    assert waits[:5] == [0, 0, 0, 0, 0]
    assert waits[5:10] == [2, 4, 8, 16, 32]
    assert max(waits) == 900 and waits[-1] == 900
    # an hour without failure forgets them all
    later = now + throttle.FORGET_AFTER + timedelta(seconds=1)
    assert throttle.seconds_to_wait("austria", "192.0.2.7", later) == 0
    throttle.sign_in("austria", "wrong", "192.0.2.7", now=later)
    db.session.commit()
    assert _failures(db, "account", "austria") == 1


def test_one_address_guessing_many_accounts_waits_too(db, client):
    factories.users("austria")
    db.session.commit()
    for n in range(21):
        assert _post(client, f"nobody{n}", "guess").status_code == 401
    assert _post(client, "austria", "austria-cnd67").status_code == 429
    assert _post(client, "austria", "austria-cnd67", address="198.51.100.9").status_code == 302


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _sign_in(base: str, username: str, password: str) -> tuple[int, dict]:
    """A browser's sign-in: the form (for its CSRF token and session cookie), then the post."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    page = opener.open(f"{base}/login").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, "username": username, "password": password}).encode()
    opener.addheaders = [("Referer", f"{base}/login")]
    try:
        response = opener.open(urllib.request.Request(f"{base}/login", data=data))
        return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


@pytest.fixture
def gunicorn(test_config, db):
    """The app served by three gunicorn workers on the test database, with CSRF on as in production."""
    port = _free_port()
    env = {**os.environ, "MEETINGS_DATABASE_URL": test_config["SQLALCHEMY_DATABASE_URI"],
           "MEETINGS_SECRET_KEY": "gunicorn-test"}  # fmt: skip
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / "gunicorn-throttle.log", "w")  # noqa: SIM115
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", "3", "-b", f"127.0.0.1:{port}",
                               "--log-level", "warning", "wsgi:app"], cwd=ROOT, env=env, stdout=log, stderr=log)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{base}/login", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base
    server.terminate()
    server.wait(timeout=10)
    log.close()


def test_several_workers_count_every_failure_and_all_make_the_account_wait(db, gunicorn):
    factories.users("austria")
    db.session.commit()
    barrier, statuses = threading.Barrier(12), []

    def guess():
        barrier.wait()
        statuses.append(_sign_in(gunicorn, "austria", "wrong password")[0])

    threads = [threading.Thread(target=guess) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert set(statuses) <= {401, 429} and 401 in statuses
    assert _failures(db, "account", "austria") == statuses.count(401)  # no failure lost between workers
    waiting = [_sign_in(gunicorn, "austria", "austria-cnd67") for _ in range(3)]  # whichever worker answers
    assert all(status == 429 and int(headers["Retry-After"]) >= 1 for status, headers in waiting), waiting
    rows = db.session.scalars(select(LoginThrottle).where(LoginThrottle.kind == "address")).all()
    assert [r.failures for r in rows] == [statuses.count(401)]


# --- signed-in browsers end on the server ---------------------------------------------------------------


def test_a_cookie_kept_from_before_signing_out_no_longer_signs_in(app, db, client, log_in):
    factories.users("austria")
    db.session.commit()
    log_in("austria")
    assert client.get("/account/password").status_code == 200
    kept = client.get_cookie("session").value
    assert client.post("/logout").status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", kept)
    assert thief.get("/account/password").status_code == 302  # to the login page
    # another browser signed in as the same user is not signed out by it
    other = app.test_client()
    assert other.post("/login", data={"username": "austria", "password": "austria-cnd67"}).status_code == 302
    assert other.get("/account/password").status_code == 200


def test_an_idle_browser_and_a_day_old_one_are_signed_out(app, db, client, log_in):
    factories.users("austria")
    db.session.commit()
    log_in("austria")
    with client.session_transaction() as session:
        session["seen"] -= app.config["SESSION_IDLE_MINUTES"] * 60 + 1
    assert client.get("/account/password").status_code == 302
    log_in("austria")
    assert client.get("/account/password").status_code == 200
    db.session.rollback()
    from meetings.auth.models import SignedIn

    for row in db.session.scalars(select(SignedIn)):
        row.started_at -= timedelta(hours=app.config["SESSION_MAX_HOURS"], seconds=1)
    db.session.commit()
    assert client.get("/account/password").status_code == 302


def test_behind_a_reverse_proxy_the_forwarded_address_is_the_one_counted(test_config, db):
    from meetings import create_app

    proxied = create_app({**test_config, "PROXY_HOPS": 1}).test_client()
    headers = {"X-Forwarded-For": "203.0.113.50", "X-Forwarded-Proto": "https"}
    assert proxied.post("/login", data={"username": "nobody", "password": "guess"}, headers=headers).status_code == 401
    assert _failures(db, "address", "203.0.113.50") == 1
    direct = create_app(dict(test_config)).test_client()  # without the setting, a forged header is not believed
    direct.post("/login", data={"username": "nobody", "password": "guess"}, headers=headers)
    assert _failures(db, "address", "203.0.113.50") == 1
