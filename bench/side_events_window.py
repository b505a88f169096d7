"""The opening of the high-level side-event window: 193 delegations submit two applications each within ~1 s.

Runs a real gunicorn (4 sync workers) on a loopback port against SQLite (default) or, under
scripts/with-postgres.sh, PostgreSQL; checks the queue's invariants after the burst; prints
p50/p99 latency and errors, as ratios to the uncontended latency measured in the same run.

    .venv/bin/python bench/side_events_window.py                                   # SQLite
    bash scripts/with-postgres.sh .venv/bin/python bench/side_events_window.py     # PostgreSQL
    BENCH_WORKERS=1 ...                                                            # other worker counts
    ... side_events_window.py barrier          # only the burst released together (default: spread, then barrier)
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import delete, select  # noqa: E402

from bench.procstat import cpu_seconds, free_port, load_average, worker_rss_mb  # noqa: E402
from meetings import create_app  # noqa: E402
from meetings.auth.actors import System  # noqa: E402
from meetings.auth.models import Role  # noqa: E402
from meetings.auth.services import create_user, issue_token  # noqa: E402
from meetings.delegations.models import Delegation, DelegationKind  # noqa: E402
from meetings.demo import load_demo  # noqa: E402
from meetings.extensions import db  # noqa: E402
from meetings.side_events.models import SideEvent, SideEventStatus  # noqa: E402
from meetings.timeutil import utcnow  # noqa: E402

SPREAD_S = 1.0


BENCH = System(because="benchmark set-up")


def prepare(url: str) -> dict[str, str]:
    """Demo session with no side events, the window open now, a user and token for each Member State."""
    return prepared_app(url)[1]


def prepared_app(url: str) -> tuple:
    """The app on that database, prepared as `prepare` says, and the tokens by delegation code."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1"})
    with app.app_context():
        upgrade()
        cs = load_demo()
        db.session.execute(delete(SideEvent))
        cs.rules.hl_window_opens, cs.rules.hl_window_closes = (
            utcnow() - timedelta(hours=1),
            utcnow() + timedelta(days=1),
        )
        tokens = {}
        for d in db.session.scalars(select(Delegation).where(Delegation.kind == DelegationKind.member_state)):
            user = create_user(BENCH, f"bench-{d.code.lower()}", "bench-pw-1", Role.delegation, d.name, d)
            tokens[d.code] = issue_token(user, user, "bench")
        db.session.commit()
    return app, tokens


def body(code: str, n: int) -> bytes:
    return json.dumps({
        "kind": "high_level", "title": f"{code} event {n}", "partners": "UNODC", "format": "in_person",
        "contact_name": "Focal point", "contact_email": f"focal@{code.lower()}.example", "description": "Bench.",
        "duration_minutes": 90, "preferred_times": ["2024-03-14 08:00"], "submission_key": f"{code}-{n}",
    }).encode()  # fmt: skip


def post(base: str, token: str, data: bytes) -> tuple[int, float]:
    request = urllib.request.Request(base + "/api/v1/side-events/submit", data=data, method="POST",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})  # fmt: skip
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except OSError:
        status = 0
    return status, time.perf_counter() - start


def burst(base: str, tokens: dict[str, str], mode: str = "spread") -> list[tuple[int, float]]:
    """The 2 x 193 submissions: `spread`, each at its own moment, evenly over SPREAD_S seconds;
    `barrier`, all released together (every thread waits at a barrier, then sends)."""
    jobs = [(code, n) for n in (1, 2) for code in tokens]
    results: list = [None] * len(jobs)
    t0 = time.perf_counter() + 0.5
    gate = threading.Barrier(len(jobs))

    def run(i: int, code: str, n: int) -> None:
        data = body(code, n)
        if mode == "barrier":
            gate.wait()
        else:
            time.sleep(max(0.0, t0 + i * SPREAD_S / len(jobs) - time.perf_counter()))
        results[i] = post(base, tokens[code], data)

    threads = [threading.Thread(target=run, args=(i, c, n)) for i, (c, n) in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def reset(url: str) -> None:
    """Empty the queue between two bursts against the same server (the audit log keeps its entries)."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        db.session.execute(delete(SideEvent))
        db.session.commit()
        db.engine.dispose()


def invariants(url: str, expected: int) -> list[str]:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    broken = []
    with app.app_context():
        queue = db.session.scalars(select(SideEvent).where(SideEvent.kind == "high_level")
                                   .order_by(SideEvent.queue_position)).all()  # fmt: skip
        if len(queue) != expected:
            broken.append(f"{len(queue)} applications stored, {expected} expected")
        if [e.queue_position for e in queue] != list(range(1, len(queue) + 1)):
            broken.append("queue positions are not 1..n")
        if [e.status for e in queue[:11]] != [SideEventStatus.accepted] * 11 or any(
            e.status != SideEventStatus.waitlisted for e in queue[11:]
        ):
            broken.append("the accepted ones are not exactly the first 11")
        if max(Counter(e.organizer_id for e in queue).values(), default=0) > 2:
            broken.append("an organizer has more than 2")
        receipts = [e.submitted_at for e in queue]
        if receipts != sorted(receipts) or len(set(receipts)) != len(receipts):
            broken.append("receipt times do not follow the queue")
        if len({e.submission_key for e in queue}) != len(queue):
            broken.append("duplicate submissions")
    return broken


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def start(url: str, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "MEETINGS_DATABASE_URL": url, "MEETINGS_SECRET_KEY": "bench"}
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}",
                               "--backlog", "2048", "--graceful-timeout", "5", "--log-level", "warning", "wsgi:app"], cwd=ROOT, env=env)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/api/v1/session", timeout=2)
            return server, base
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def warm_up(base: str, token: str, regular: dict, workers: int) -> None:
    """Every worker answers its first requests once (imports, compiled statements), as long before a window opens."""

    def one(i: int) -> None:
        post(base, token, json.dumps({**regular, "title": f"warm {i}"}).encode())

    threads = [threading.Thread(target=one, args=(i,)) for i in range(8 * workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def measure(url: str, workers: int = 4, modes: tuple[str, ...] = ("spread", "barrier"), tokens=None) -> list[dict]:
    """One server, one burst per mode in turn (the queue emptied before each); a result per burst."""
    tokens = tokens or prepare(url)
    server, base = start(url, workers)
    out = []
    try:
        # uncontended baseline: regular side events (no queue), one after another
        regular = json.loads(body("AUT", 0))
        regular.update(kind="regular", submission_key=None)
        warm_up(base, tokens["AUT"], regular, workers)
        baseline = [post(base, tokens["AUT"], json.dumps({**regular, "title": f"r{i}"}).encode())[1] for i in range(20)]
        for mode in modes:
            reset(url)
            cpu_before = cpu_seconds(server.pid)
            started = time.perf_counter()
            client_cpu = time.process_time()
            results = burst(base, tokens, mode)
            client_cpu = time.process_time() - client_cpu
            wall = time.perf_counter() - started - (0.5 if mode == "spread" else 0.0)
            cpu_ms = (cpu_seconds(server.pid) - cpu_before) * 1000 / len(results)
            latencies = [lat for _, lat in results]
            statuses = Counter(status for status, _ in results)
            out.append({
                "mode": mode, "workers": workers, "n": len(results), "wall": wall, "statuses": dict(statuses),
                "errors": sum(n for status, n in statuses.items() if status != 201),
                "p50": pct(latencies, 50), "p99": pct(latencies, 99), "max": max(latencies),
                "base_p50": statistics.median(baseline), "cpu_ms": cpu_ms,
                "client_cpu_ms": client_cpu * 1000 / len(results), "rss_mb": worker_rss_mb(server.pid),
                "broken": invariants(url, expected=2 * len(tokens)), "load": load_average(),
                "throughput": len(results) / wall,
            })  # fmt: skip
    finally:
        stop(server)
    return out


def report(label: str, r: dict) -> None:
    print(f"== {label}, gunicorn {r['workers']} sync workers, 2 shared cores, {r['mode']} "
          f"({'released together at a barrier' if r['mode'] == 'barrier' else f'spread evenly over {SPREAD_S:.1f} s'})"
          f"; {r['load']} ==")  # fmt: skip
    print(f"submissions: {r['n']} in {r['wall']:.2f} s ({r['throughput']:.0f}/s); statuses {r['statuses']}")
    print(f"latency p50 {r['p50'] * 1000:.0f} ms, p99 {r['p99'] * 1000:.0f} ms, max {r['max'] * 1000:.0f} ms")
    print(f"uncontended baseline p50 {r['base_p50'] * 1000:.1f} ms; burst p50 = {r['p50'] / r['base_p50']:.1f}x, "
          f"p99 = {r['p99'] / r['base_p50']:.1f}x")  # fmt: skip
    print(f"server CPU per request in the burst: {r['cpu_ms']:.1f} ms; "
          f"{r['n']} x {r['cpu_ms']:.1f} ms on 2 cores = {r['n'] * r['cpu_ms'] / 2000:.1f} s at best")  # fmt: skip
    print(f"client CPU for the burst: {r['client_cpu_ms']:.1f} ms per request")
    print("workers' resident memory after the burst: " + ", ".join(f"{m:.0f} MB" for m in r["rss_mb"]))
    print(f"errors: {r['errors']}; invariants: {'all hold' if not r['broken'] else '; '.join(r['broken'])}")
    verdict = not r["errors"] and not r["broken"] and r["p99"] < 1.0
    print("target (no error, invariants hold, p99 < 1 s):", "met" if verdict else "NOT met", flush=True)


def main() -> None:
    url = os.environ.get("MEETINGS_TEST_DATABASE_URL")
    url = url or f"sqlite:///{tempfile.mkdtemp(prefix='meetings-bench-')}/bench.sqlite"
    label = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    modes = tuple(sys.argv[1:]) or ("spread", "barrier")
    for r in measure(url, int(os.environ.get("BENCH_WORKERS", "4")), modes):
        report(label, r)


if __name__ == "__main__":
    main()
