"""The audit log's chain: sealed at commit, forgotten on rollback, tamper-evident, immutable on PostgreSQL."""

import pytest
from sqlalchemy import text

from meetings.audit import chain
from meetings.audit import services as audit
from meetings.audit.models import AuditEntry
from meetings.audit.services import verify
from meetings.auth.actors import System
from meetings.auth.models import Role

ACTOR = System(because="a test")


def _record(db, n: int) -> None:
    for k in range(n):
        audit.record(ACTOR, "programme", "test", kind="note", record_id=k, label=f"Note {k}", after={"k": k})
    db.session.commit()


def test_entries_are_numbered_linked_and_sealed_at_commit(db):
    _record(db, 3)
    entries = db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.seq)).all()
    assert [e.seq for e in entries] == [1, 2, 3]
    assert entries[0].prev_hash == chain.GENESIS
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
    assert verify().ok and verify().checked == 3


def test_a_rolled_back_change_leaves_no_entry(db):
    audit.record(ACTOR, "programme", "test", kind="note", label="Never happened")
    db.session.rollback()
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id))) == 0


def test_values_keep_their_hash_through_the_database(db, make_user):
    user = make_user("someone", Role.secretariat)
    audit.record(user, "programme", "test", kind="note", label="Ünïcödé: Российская Федерация, 中国, الإمارات",
                 before={1: "one", "when": __import__("datetime").date(2024, 3, 14)}, after={"nested": {"x": [1, 2]}},
                 reason="because")  # fmt: skip
    db.session.commit()
    db.session.expire_all()
    assert verify().ok


def _tamper(db, sql: str) -> None:
    """What a database administrator could do by hand (on PostgreSQL with the trigger switched off)."""
    postgres = db.engine.dialect.name == "postgresql"
    with db.engine.begin() as conn:
        if postgres:
            conn.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_immutable"))
        conn.execute(text(sql))
        if postgres:
            conn.execute(text("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_immutable"))


@pytest.mark.parametrize(
    ("sql", "seq", "words"),
    [
        ("UPDATE audit_entry SET reason = 'edited' WHERE seq = 2", 2, "was changed"),
        ("DELETE FROM audit_entry WHERE seq = 2", 3, "entry number 2 is missing"),
        ("DELETE FROM audit_entry WHERE seq = 4", 4, "entries at the end were removed"),
    ],
)
def test_verify_audit_names_the_first_entry_that_does_not_match(db, db_app, sql, seq, words):
    _record(db, 4)
    _tamper(db, sql)
    db.session.rollback()
    result = db_app.test_cli_runner().invoke(args=["verify-audit"])
    assert result.exit_code == 1, result.output
    assert f"NOT INTACT at entry {seq}" in result.output and words in result.output


def test_verify_audit_says_intact(db, db_app):
    _record(db, 2)
    result = db_app.test_cli_runner().invoke(args=["verify-audit"])
    assert result.exit_code == 0 and "Intact: 2 entries" in result.output


@pytest.mark.skipif(
    __import__("os").environ.get("MEETINGS_TEST_DATABASE_URL") is None,
    reason="the trigger that refuses changes exists on PostgreSQL only",
)
def test_postgresql_refuses_to_update_or_delete_an_entry(db):
    from sqlalchemy.exc import DBAPIError

    _record(db, 1)
    for sql in ("UPDATE audit_entry SET reason = 'x'", "DELETE FROM audit_entry"):
        with pytest.raises(DBAPIError, match="audit entries cannot be changed"), db.engine.begin() as conn:
            conn.execute(text(sql))
    assert verify().ok


@pytest.mark.concurrency
def test_concurrent_writers_keep_one_unbroken_chain(app, db, demo, token_for):
    """Twelve requests that each write entries at once: numbered without a gap, linked, verified."""
    import threading

    from tests.conftest import thread_client

    headers = [token_for(name) for name in ("austria", "kenya", "russia", "uae", "mexico", "japan")]
    block_id = next(b.id for b in demo.blocks if b.kind.value == "roundtable")
    start, statuses = threading.Barrier(12), []

    def ask(n: int) -> None:
        client = thread_client(app)
        start.wait()
        if n % 2:
            response = client.post(f"/api/v1/floor/blocks/{block_id}/requests", json={}, headers=headers[n // 2])
        else:
            response = client.post("/api/v1/debate/draw/void", json={"reason": f"try {n}"}, headers=token_for_sec)
        statuses.append(response.status_code)

    token_for_sec = token_for("secretariat")
    before = db.session.scalar(db.select(db.func.max(AuditEntry.seq)))
    threads = [threading.Thread(target=ask, args=(n,)) for n in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    db.session.rollback()
    seqs = db.session.scalars(db.select(AuditEntry.seq).where(AuditEntry.seq > before).order_by(AuditEntry.seq)).all()
    # Six floor requests (one each) and exactly one of the six voids succeed; each wrote one entry.
    assert sorted(statuses).count(201) == 6 and statuses.count(200) == 1
    assert seqs == list(range(before + 1, before + 8))
    assert verify().ok
