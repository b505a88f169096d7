"""One commit per request through the one runner; every role test in a permissions module."""

import re
from pathlib import Path

import pytest

from meetings import create_app
from meetings.actions import perform
from meetings.extensions import db

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fresh_app(test_config):
    return create_app(dict(test_config))


def test_a_view_that_commits_by_itself_is_refused(fresh_app, bare_cs):
    @fresh_app.post("/commits-by-itself")
    def commits_by_itself():
        db.session.commit()
        return "done"

    @fresh_app.post("/commits-twice")
    def commits_twice():
        perform(lambda: None)
        perform(lambda: None)
        return "done"

    @fresh_app.post("/commits-once")
    def commits_once():
        perform(lambda: None)
        return "done"

    fresh_app.config["PROPAGATE_EXCEPTIONS"] = False
    client = fresh_app.test_client()
    assert client.post("/commits-by-itself").status_code == 500
    assert client.post("/commits-twice").status_code == 500
    assert client.post("/commits-once").status_code == 200


ROLE_TEST = re.compile(
    r"\b(is_secretariat|is_chair|can_act_for|Role\.(secretariat|chair|delegation)|\.role\s*(==|!=|in\b))"
)


def test_no_role_test_outside_the_permissions_modules():
    allowed = {"meetings/auth/models.py", "meetings/auth/cli.py"}  # the roles themselves; the operator's command
    found = []
    for path in list((ROOT / "meetings").rglob("*.py")) + list((ROOT / "templates").rglob("*.html")):
        name = path.relative_to(ROOT).as_posix()
        if name in allowed or path.name in ("permissions.py", "demo.py"):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ROLE_TEST.search(line):
                found.append(f"{name}:{n}: {line.strip()}")
    assert found == []


def test_nothing_commits_outside_the_runner():
    allowed = {"meetings/actions.py"}
    found = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "meetings").rglob("*.py")
        if ".commit()" in path.read_text(encoding="utf-8") and path.relative_to(ROOT).as_posix() not in allowed
    ]
    assert found == []
