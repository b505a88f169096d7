"""The opening of the high-level side-event window: 193 delegations submit two applications each within ~1 s.

Runs a real gunicorn (4 sync workers) on a loopback port against SQLite (default) or, under
scripts/with-postgres.sh, PostgreSQL; checks the queue's invariants after the burst; prints
p50/p99 latency and errors, as ratios to the uncontended latency measured in the same run.

    .venv/bin/python bench/side_events_window.py                                   # SQLite
    bash scripts/with-postgres.sh .venv/bin/python bench/side_events_window.py     # PostgreSQL
    BENCH_WORKERS=1 ...                                                            # other worker counts
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

from bench.procstat import cpu_seconds, free_port  # noqa: E402
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
        return tokens


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
        with urllib.request.urlopen(request, timeout=30) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except OSError:
        status = 0
    return status, time.perf_counter() - start


def burst(base: str, tokens: dict[str, str]) -> list[tuple[int, float]]:
    """Each of the 2 x 193 submissions starts at its own moment, spread evenly over SPREAD_S seconds."""
    jobs = [(code, n) for n in (1, 2) for code in tokens]
    results: list = [None] * len(jobs)
    t0 = time.perf_counter() + 0.5

    def run(i: int, code: str, n: int) -> None:
        time.sleep(max(0.0, t0 + i * SPREAD_S / len(jobs) - time.perf_counter()))
        results[i] = post(base, tokens[code], body(code, n))

    threads = [threading.Thread(target=run, args=(i, c, n)) for i, (c, n) in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


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


def main() -> None:
    url = os.environ.get("MEETINGS_TEST_DATABASE_URL")
    tmp = tempfile.mkdtemp(prefix="meetings-bench-")
    url = url or f"sqlite:///{tmp}/bench.sqlite"
    label = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    tokens = prepare(url)
    port = free_port()
    env = {**os.environ, "MEETINGS_DATABASE_URL": url, "MEETINGS_SECRET_KEY": "bench"}
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", os.environ.get("BENCH_WORKERS", "4"), "-b", f"127.0.0.1:{port}", "--log-level", "warning", "wsgi:app"],
                              cwd=ROOT, env=env)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/api/v1/session", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit("gunicorn did not start")
        # uncontended baseline: regular side events (no queue), one after another
        regular = json.loads(body("AUT", 0))
        regular.update(kind="regular", submission_key=None)
        baseline = [post(base, tokens["AUT"], json.dumps({**regular, "title": f"r{i}"}).encode())[1] for i in range(20)]
        cpu_before = cpu_seconds(server.pid)
        started = time.perf_counter()
        client_cpu = time.process_time()
        results = burst(base, tokens)
        client_cpu = time.process_time() - client_cpu
        wall = time.perf_counter() - started - 0.5
        cpu_ms = (cpu_seconds(server.pid) - cpu_before) * 1000 / len(results)
    finally:
        server.terminate()
        server.wait(10)
    latencies = [lat for _, lat in results]
    statuses = Counter(status for status, _ in results)
    errors = sum(n for status, n in statuses.items() if status != 201)
    broken = invariants(url, expected=2 * len(tokens))
    base_p50 = statistics.median(baseline)
    p50, p99 = pct(latencies, 50), pct(latencies, 99)
    print(f"== {label}, gunicorn {os.environ.get('BENCH_WORKERS', '4')} sync workers, 2 shared cores ==")
    print(f"submissions: {len(results)} in {wall:.2f} s (sent over {SPREAD_S:.1f} s); statuses {dict(statuses)}")
    print(f"latency p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms")
    print(
        f"uncontended baseline p50 {base_p50 * 1000:.1f} ms; burst p50 = {p50 / base_p50:.1f}x, p99 = {p99 / base_p50:.1f}x"
    )
    print(f"server CPU per request in the burst: {cpu_ms:.1f} ms; "
          f"{len(results)} x {cpu_ms:.1f} ms on 2 cores = {len(results) * cpu_ms / 2000:.1f} s at best")  # fmt: skip
    print(f"client CPU for the burst: {client_cpu * 1000 / len(results):.1f} ms per request")
    print(f"errors: {errors}; invariants: {'all hold' if not broken else '; '.join(broken)}")
    verdict = not errors and not broken and p99 < 1.0
    print("target (no error, invariants hold, p99 < 1 s):", "met" if verdict else "NOT met")


if __name__ == "__main__":
    main()
