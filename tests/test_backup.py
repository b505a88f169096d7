"""Nothing lost: the whole database backed up and restored (compared table by table), and a request
that fails after writing leaves nothing half-written. On SQLite and on PostgreSQL."""

import pytest
from sqlalchemy import select, text

from meetings import create_app
from meetings.actions import perform
from meetings.auth.models import User
from meetings.delegations.models import Delegation
from meetings.extensions import db as _db
from meetings.side_events.models import SideEvent


def _every_table(db) -> dict[str, list[tuple]]:
    db.session.rollback()
    out = {}
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(select(table)).all()
        out[table.name] = sorted(tuple(str(v) for v in row) for row in rows)
    db.session.rollback()
    return out


def test_a_backup_restores_every_table_as_it_was(app, db_app, db, demo, tmp_path):
    before = _every_table(db)
    assert sum(len(rows) for rows in before.values()) > 500  # the demo: its delegations, inscriptions, audit log
    copy = tmp_path / "cnd67.backup"
    runner = app.test_cli_runner()
    done = runner.invoke(args=["backup", str(copy)])
    assert done.exit_code == 0, done.output
    assert copy.stat().st_size > 0
    # the day goes on: a name changed, a user added, the side events lost
    db.session.scalar(select(Delegation).where(Delegation.code == "AUT")).name = "Changed"
    db.session.add(User(username="intruder", password_hash="x", full_name="Intruder", role="secretariat"))
    db.session.execute(SideEvent.__table__.delete())
    db.session.commit()
    assert _every_table(db) != before
    restored = runner.invoke(args=["restore", str(copy), "--yes"])
    assert restored.exit_code == 0, restored.output
    for some_app in (app, db_app):
        with some_app.app_context():
            _db.engine.dispose()  # as workers restart after a restore
    assert _every_table(db) == before


def test_restore_refuses_a_file_that_is_not_there(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["restore", str(tmp_path / "missing.backup"), "--yes"])
    assert result.exit_code != 0 and "does not exist" in result.output


@pytest.fixture
def failing_app(test_config):
    """The app with one more route that writes, then fails: as a bug in the middle of a request would."""
    app = create_app(dict(test_config))

    @app.post("/test-fails-after-writing")
    def fails_after_writing():
        def write_then_fail():
            _db.session.add(User(username="half", password_hash="x", full_name="Half written", role="secretariat"))
            _db.session.flush()
            raise RuntimeError("a bug after the write")

        perform(write_then_fail)

    @app.post("/test-writes-without-committing")
    def writes_without_committing():
        _db.session.add(User(username="uncommitted", password_hash="x", full_name="Never", role="secretariat"))
        _db.session.flush()
        raise RuntimeError("a bug before any commit")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    return app


def test_an_exception_after_a_write_leaves_nothing_half_written(failing_app, db):
    client = failing_app.test_client()
    for path in ("/test-fails-after-writing", "/test-writes-without-committing"):
        assert client.post(path).status_code == 500
    db.session.rollback()
    assert db.session.scalar(select(User).where(User.username.in_(["half", "uncommitted"]))) is None
    assert db.session.execute(text("SELECT 1")).scalar() == 1  # the connection is usable after the failures
