"""How many projector screens one server keeps within one second of a chair's action.

Run against PostgreSQL (the target):
    bash scripts/with-postgres.sh /work/main/.venv/bin/python bench/projector_screens.py 100 300 500
Without MEETINGS_TEST_DATABASE_URL it uses a temporary SQLite file.

For each N it starts gunicorn (gthread workers, as in production), opens N simulated screens
(asyncio, one keep-alive HTTP/1.1 connection each, polling the room's state every 0.5 s with
If-None-Match, as static/projector.js does), lets the chair press "next" through the API a few
times, and measures for every screen the delay between the chair's request and the first poll
that saw the new state; then the same screens poll for 6 s while nothing changes, as nearly every
poll of a session does. The same N pollers then hit a bare Flask route (bench/bare_app.py) in
the same run: the ratio of server CPU per request is the cost of the real endpoint, with the chair's
actions (every screen then fetches the new state) and without.
The client runs on the same 2 cores, shared with other work: absolute figures are pessimistic.
"""

import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.procstat import cpu_seconds, free_port, load_average, worker_rss_mb  # noqa: E402

GUNICORN = str(Path(sys.executable).parent / "gunicorn")
WORKERS, THREADS = int(os.environ.get("BENCH_WORKERS", 2)), int(os.environ.get("BENCH_THREADS", 16))
POLL_S, ACTIONS = 0.5, 4


def prepare_database(url: str) -> tuple[str, int, int]:
    """Schema, demo data and a chair's token; returns (token, block id, room id)."""
    from flask_migrate import upgrade

    from meetings import create_app
    from meetings.auth.models import User
    from meetings.auth.services import issue_token
    from meetings.demo import load_demo
    from meetings.extensions import db
    from meetings.floor.models import TurnRole
    from meetings.floor.services import add_turn, floor_of

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
        cs = load_demo()
        chair = db.session.scalar(db.select(User).where(User.username == "chair"))
        token = issue_token(chair, chair, "bench")
        block = next(b for b in cs.blocks if floor_of(b) is not None and b.kind.value == "general_debate")
        for i in range(60):  # enough speakers for every "next" of the run
            add_turn(block, chair, None, f"Bench speaker {i}", TurnRole.gd_national)
        db.session.commit()
        return token, block.id, block.room_id


def start_server(target: str, url: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, "MEETINGS_DATABASE_URL": url, "MEETINGS_SECRET_KEY": "bench"}
    cmd = [GUNICORN, "-w", str(WORKERS), "-k", "gthread", "--threads", str(THREADS), "--keep-alive", "5",
           "-b", f"127.0.0.1:{port}", "--log-level", "warning", target]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, port
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


class Screen:
    def __init__(self, port: int, path: str):
        self.port, self.path, self.etag, self.seen, self.requests = port, path, None, [], 0

    async def run(self, stop: asyncio.Event) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
        await asyncio.sleep(random.random() * POLL_S)
        while not stop.is_set():
            head = f"GET {self.path} HTTP/1.1\r\nHost: bench\r\n"
            if self.etag:
                head += f"If-None-Match: {self.etag}\r\n"
            writer.write((head + "\r\n").encode())
            status, headers, _ = await read_response(reader)
            self.requests += 1
            if status == 200 and headers.get("etag") != self.etag:
                self.etag = headers.get("etag")
                self.seen.append((time.monotonic(), self.etag))
            await asyncio.sleep(POLL_S)
        writer.close()


async def read_response(reader) -> tuple[int, dict, bytes]:
    status = int((await reader.readline()).split()[1])
    headers = {}
    while (line := await reader.readline()) not in (b"\r\n", b""):
        k, v = line.decode().split(":", 1)
        headers[k.strip().lower()] = v.strip()
    body = await reader.readexactly(int(headers.get("content-length", 0)))
    return status, headers, body


async def chair_next(port: int, token: str, block_id: int, version: int) -> tuple[float, str]:
    body = json.dumps({"action": "next", "version": version}).encode()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    sent = time.monotonic()
    writer.write(f"POST /api/v1/floor/blocks/{block_id}/actions HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer "
                 f"{token}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)  # fmt: skip
    status, _, data = await read_response(reader)
    writer.close()
    assert status == 200, data
    state = json.loads(data)
    return sent, state["etag"]


async def load(port: int, path: str, n: int, seconds: float, act=None) -> dict:
    screens = [Screen(port, path) for _ in range(n)]
    stop = asyncio.Event()
    tasks = [asyncio.create_task(s.run(stop)) for s in screens]
    await asyncio.sleep(1.5)  # every screen connected and has the state
    before_req, t0 = sum(s.requests for s in screens), time.monotonic()
    delays: list[float] = []
    if act is None:
        await asyncio.sleep(seconds)
    else:
        for _ in range(ACTIONS):
            sent, etag = await act()
            await asyncio.sleep(1.6)
            for s in screens:
                # the screen's ETag is the state's, followed by the screen's language
                when = next((t for t, e in s.seen if e and e.strip('"').rsplit("-", 1)[0] == etag), None)
                delays.append(when - sent if when is not None else float("inf"))
    elapsed = time.monotonic() - t0
    requests = sum(s.requests for s in screens) - before_req
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    return {"delays": delays, "rps": requests / elapsed, "elapsed": elapsed}


def measure(n: int, url: str, token: str, block_id: int, room_id: int, rounds: int = 1) -> dict:
    """N screens against the app (`rounds` times on the same server, the workers' memory after each), then the bare route."""
    proc, port = start_server("wsgi:app", url)
    version = {"v": None}

    async def act():
        if version["v"] is None:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(f"GET /floor/rooms/{room_id}/state.json HTTP/1.1\r\nHost: b\r\n\r\n".encode())
            _, _, data = await read_response(reader)
            writer.close()
            version["v"] = json.loads(data)["version"]
        sent, etag = await chair_next(port, token, block_id, version["v"])
        version["v"] += 1
        return sent, etag

    try:
        memory = []
        for _ in range(rounds):
            cpu0 = cpu_seconds(proc.pid)
            result = asyncio.run(load(port, f"/floor/rooms/{room_id}/state.json", n, 0, act))
            result["cpu"] = (cpu_seconds(proc.pid) - cpu0) / (result["elapsed"] + 1.5)
            memory.append(worker_rss_mb(proc.pid))
        result["rss_mb"], result["rss_rounds"], result["load"] = memory[-1], memory, load_average()
        cpu0 = cpu_seconds(proc.pid)  # then the same screens while nothing changes, as the bare route is measured
        steady = asyncio.run(load(port, f"/floor/rooms/{room_id}/state.json", n, 6.0))
        steady["cpu"] = (cpu_seconds(proc.pid) - cpu0) / (steady["elapsed"] + 1.5)
        result["steady"] = steady
    finally:
        proc.terminate()
        proc.wait()
    bare, bport = start_server("bench.bare_app:app", url)
    try:
        cpu0 = cpu_seconds(bare.pid)
        base = asyncio.run(load(bport, "/ping", n, 6.0))
        base["cpu"] = (cpu_seconds(bare.pid) - cpu0) / (base["elapsed"] + 1.5)
    finally:
        bare.terminate()
        bare.wait()
    return {"floor": result, "bare": base}


def report(n: int, r: dict) -> None:
    d = sorted(r["floor"]["delays"])
    within = sum(1 for x in d if x <= 1.0) / len(d)
    f, b = r["floor"], r["bare"]
    per_req_f, per_req_b = f["cpu"] / f["rps"] * 1e6, b["cpu"] / b["rps"] * 1e6
    print(f"N={n:4d} screens | delay p50 {statistics.median(d):.2f}s p95 {d[int(0.95 * (len(d) - 1))]:.2f}s "
          f"max {d[-1]:.2f}s | within 1 s: {within:6.1%} | {f['rps']:6.0f} req/s, server CPU {f['cpu']:.2f} cores, "
          f"{per_req_f:5.0f} µs/req, {f['cpu'] / n * 1000:.2f} mcore/screen | bare Flask {b['rps']:6.0f} req/s, "
          f"{per_req_b:5.0f} µs/req | cost ×{per_req_f / per_req_b:.1f}", flush=True)  # fmt: skip
    st = f["steady"]
    per_req_s = st["cpu"] / st["rps"] * 1e6
    print(f"        while nothing changes (nearly every poll): {st['rps']:6.0f} req/s, {per_req_s:5.0f} µs/req | bare Flask "
          f"{per_req_b:5.0f} µs/req | cost ×{per_req_s / per_req_b:.1f}", flush=True)  # fmt: skip
    print(f"        workers' resident memory after {n} screens: " + ", ".join(f"{m:.0f} MB" for m in f["rss_mb"])
          + f"; {f['load']}", flush=True)  # fmt: skip


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [100, 300]
    url = os.environ.get("MEETINGS_TEST_DATABASE_URL")
    if not url:
        url = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite"
    token, block_id, room_id = prepare_database(url)
    print(f"database: {url.split(':')[0]}; gunicorn {WORKERS} gthread workers × {THREADS} threads; "
          f"screens poll every {POLL_S} s; {ACTIONS} chair actions per size; {os.cpu_count()} cores (shared)")  # fmt: skip
    for n in sizes:
        report(n, measure(n, url, token, block_id, room_id))


if __name__ == "__main__":
    main()
