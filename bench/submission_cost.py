"""What one high-level side-event submission costs the server, against a bare JSON route of the same app.

In one process (Flask's test client, no network), interleaved so that a busy machine slows both
alike: the API submission (`POST /api/v1/side-events/submit`, token, form, lock, queue decision,
audit entry with its hash chain, one commit) and a route added to the same app that only returns
JSON; wall time (median) and the thread's CPU time (mean: the clock ticks too coarsely for a median).
Also counts the SQL statements of one submission (SQLAlchemy's before_cursor_execute), times
how long a submission holds the writers' lock (SQLite's write lock from BEGIN IMMEDIATE, PostgreSQL's
lock on the session row, each to the end of the commit), and a bare durable commit of the same database (one INSERT, COMMIT), the floor under any write.

    .venv/bin/python bench/submission_cost.py              # SQLite
    .venv/bin/python bench/submission_cost.py --profile    # and where the time of 100 submissions goes (cProfile)
"""

import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask import jsonify  # noqa: E402
from sqlalchemy import event, text  # noqa: E402

from bench.procstat import load_average  # noqa: E402
from bench.side_events_window import body  # noqa: E402
from bench.side_events_window import prepared_app as window_app  # noqa: E402
from meetings.extensions import db  # noqa: E402

SAMPLES = 150


def prepared_app(url: str):
    """The window's prepared app (bench/side_events_window.py) with a bare JSON route beside it."""
    app, tokens = window_app(url)
    app.add_url_rule("/bench-bare", "bench_bare", lambda: jsonify({"ok": True}))
    return app, tokens


def measure(url: str, profile: bool = False) -> dict:
    app, tokens = prepared_app(url)
    client, codes = app.test_client(), list(tokens)
    with app.app_context():
        engine = db.engine
    statements: list[str] = []
    locked_at: list[float] = []  # when the statement that takes the writers' lock ran
    held: list[float] = []  # from it to the end of the commit, per transaction that took it

    sent: list[tuple[str, object]] = []  # (statement, parameters) as the driver received them

    def on_statement(conn, cursor, stmt, parameters, *rest) -> None:
        statements.append(stmt)
        sent.append((stmt, parameters))
        if not locked_at and ("BEGIN IMMEDIATE" in stmt or "FOR NO KEY UPDATE" in stmt):
            locked_at.append(time.perf_counter())

    def on_commit(session) -> None:
        if locked_at:
            held.append((time.perf_counter() - locked_at.pop()) * 1000)

    event.listen(engine, "before_cursor_execute", on_statement)
    event.listen(db.session, "after_commit", on_commit)

    def submit(i: int) -> None:
        code = codes[i % len(codes)]
        response = client.post("/api/v1/side-events/submit", data=body(code, i // len(codes) + 1),
                               headers={"Authorization": f"Bearer {tokens[code]}", "Content-Type": "application/json"})  # fmt: skip
        assert response.status_code == 201, response.data

    for i in range(12):  # the first ones warm the caches (compiled statements, catalogues)
        submit(i)
        client.get("/bench-bare")
    statements.clear()
    sent.clear()
    commit = engine.dialect.do_commit
    engine.dialect.do_commit = lambda dbapi_connection: dbapi_connection.rollback()  # so that it can be sent again
    try:
        submit(12)
    finally:
        engine.dialect.do_commit = commit
    per_submission = list(statements)
    statements_ms = _replay(engine, sent)  # before the next submission takes the position it took
    statements.clear()
    client.get("/bench-bare")
    bare_statements = len(statements)
    held.clear()
    sub_ms, bare_ms, sub_cpu, bare_cpu = [], [], [], []
    for i in range(13, 13 + SAMPLES):
        t, c = time.perf_counter(), time.thread_time()
        submit(i)
        sub_ms.append((time.perf_counter() - t) * 1000)
        sub_cpu.append((time.thread_time() - c) * 1000)
        t, c = time.perf_counter(), time.thread_time()
        client.get("/bench-bare")
        bare_ms.append((time.perf_counter() - t) * 1000)
        bare_cpu.append((time.thread_time() - c) * 1000)
    held_ms = statistics.median(held)
    commit_ms = []
    with app.app_context(), engine.connect() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS bench_floor (n INTEGER)"))
        conn.commit()
        for n in range(50):
            t = time.perf_counter()
            conn.execute(text("INSERT INTO bench_floor (n) VALUES (:n)"), {"n": n})
            conn.commit()
            commit_ms.append((time.perf_counter() - t) * 1000)
    stats = None
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for i in range(400, 500):
            submit(i)
        profiler.disable()
        stats = pstats.Stats(profiler)
    engine.dispose()
    return {"submit_ms": statistics.median(sub_ms), "bare_ms": statistics.median(bare_ms),
            "submit_cpu": statistics.mean(sub_cpu), "bare_cpu": statistics.mean(bare_cpu),
            "statements": per_submission, "bare_statements": bare_statements,
            "commit_ms": statistics.median(commit_ms), "held_ms": held_ms, "statements_ms": statements_ms, "load": load_average(), "stats": stats}  # fmt: skip


def _replay(engine, sent: list[tuple[str, object]], rounds: int = 100) -> float:
    """The statements of one submission alone, sent again through the bare driver with the same
    parameters, each round in its own transaction that is rolled back (the durable commit is timed
    apart): the part of a submission that no Python above the driver can remove. Median ms."""
    body = [(stmt, params) for stmt, params in sent if not stmt.startswith("BEGIN")]
    begin = next((stmt for stmt, _params in sent if stmt.startswith("BEGIN")), "BEGIN")
    raw = engine.raw_connection()
    times = []
    try:
        cursor = raw.cursor()
        for _ in range(rounds):
            start = time.perf_counter()
            if engine.dialect.name == "sqlite":
                cursor.execute(begin)
            for stmt, params in body:
                cursor.execute(stmt, params)
                if cursor.description is not None:
                    cursor.fetchall()
            times.append((time.perf_counter() - start) * 1000)
            raw.rollback() if engine.dialect.name != "sqlite" else cursor.execute("ROLLBACK")
    finally:
        raw.close()
    return statistics.median(times)


def report(label: str, r: dict) -> None:
    ratio = r["submit_ms"] / r["bare_ms"]
    print(f"== one high-level submission vs a bare JSON route, same app, same process ({label}; {r['load']}) ==")
    print(f"submission {r['submit_ms']:.2f} ms, bare route {r['bare_ms']:.3f} ms: ratio {ratio:.1f} (goal at most 4)")
    print(
        f"CPU time (this thread, mean; what other processes on the cores cannot inflate): submission "
        f"{r['submit_cpu']:.2f} ms, bare route {r['bare_cpu']:.3f} ms: ratio {r['submit_cpu'] / r['bare_cpu']:.1f}"
    )
    print(f"SQL statements per submission: {len(r['statements'])} (bare route: {r['bare_statements']})")
    for stmt in r["statements"]:
        print("   ", " ".join(stmt.split())[:110])
    print(f"the same statements alone, through the bare driver (no ORM, no Flask; rolled back): "
          f"{r['statements_ms']:.2f} ms (= {r['statements_ms'] / r['bare_ms']:.1f} bare routes), and the durable commit "
          f"below")  # fmt: skip
    print(f"the writers' lock is held {r['held_ms']:.2f} ms per submission (median; from the statement that takes it "
          f"to the end of the commit): one after another, 386 submissions hold it {386 * r['held_ms'] / 1000:.2f} s "
          "whatever the number of workers and cores")  # fmt: skip
    print(f"a bare durable INSERT + COMMIT on the same database: {r['commit_ms']:.2f} ms "
          f"(= {r['commit_ms'] / r['bare_ms']:.1f} bare routes by itself)", flush=True)  # fmt: skip
    if r["stats"] is not None:
        phases(r["stats"])


PHASES = (  # (file name, function, what it is), outermost first
    ("submission_cost.py", "submit", "the whole request, through Flask's test client"),
    ("app.py", "preprocess_request", "before-request hooks (input check, token)"),
    ("inputs.py", "check_request", "  the input check"),
    ("__init__.py", "api_user", "  the token and its user (1 statement, SQLite: BEGIN IMMEDIATE first)"),
    ("services.py", "require_commission_session", "the session and its rules (1 statement)"),
    ("__init__.py", "validated", "the form (WTForms, 12 fields)"),
    ("services.py", "submit", "the decision under the lock"),
    ("services.py", "_by_key", "  the submission key (1 statement)"),
    ("services.py", "_enter_queue", "  the queue: slots, queue state, INSERT, audit entry kept"),
    ("services.py", "_queue_state", "    the queue state (1 statement)"),
    ("scoping.py", "commit", "the commit"),
    ("services.py", "seal", "  the audit chain: head, entry, head (3 statements)"),
    ("api.py", "as_dict", "the answer's JSON"),
)


def phases(stats) -> None:
    """Where a submission's time goes: each phase's share of the whole (cProfile's cumulative times)."""
    cumulative: dict[tuple[str, str], float] = {}
    for (file, _line, function), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():
        key = (Path(file).name, function)
        cumulative[key] = cumulative.get(key, 0.0) + ct
    whole = cumulative[PHASES[0][:2]]
    print("== where the time of a submission goes (cProfile, 100 submissions; share of the whole request) ==")
    for file, function, what in PHASES:
        print(f"{what:<70} {cumulative.get((file, function), 0.0) / whole:6.1%}")
    own: dict[str, float] = {}
    for (file, _line, _function), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():
        own[_library(file)] = own.get(_library(file), 0.0) + tt
    print("== the same time by whose code runs (cProfile's own time per function, summed) ==")
    for name, seconds in sorted(own.items(), key=lambda item: -item[1]):
        print(f"{name:<70} {seconds / whole:6.1%}")


def _library(file: str) -> str:
    """Which package a profiled function belongs to: the app, a library, the driver, or Python itself."""
    if file.startswith("{") or file == "~":
        return "built-ins and C code (the sqlite3 driver's calls included)"
    parts = Path(file).parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].split(".")[0]
    if "meetings" in parts:
        return "meetings (the app)"
    if "bench" in parts:
        return "the benchmark"
    return "Python's standard library"


def main() -> None:
    url = os.environ.get("MEETINGS_TEST_DATABASE_URL")
    url = url or f"sqlite:///{tempfile.mkdtemp(prefix='meetings-bench-')}/bench.sqlite"
    report("PostgreSQL" if url.startswith("postgresql") else "SQLite", measure(url, "--profile" in sys.argv))


if __name__ == "__main__":
    main()
