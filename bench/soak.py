"""A soak: mixed traffic for ten minutes against gunicorn and PostgreSQL, memory per worker each minute.

Starts a PostgreSQL server of its own with the default durability (fsync and synchronous commit
on; `initdb`/`pg_ctl` in a temporary folder, as the `postgres` user when run as root), loads the
demo session, starts gunicorn (4 gthread workers) on a loopback port and sends, at once:

- projector polls: 8 screens asking their room's state twice a second with If-None-Match;
- submissions: regular side-event applications and requests for the floor in a roundtable;
- chair actions: the chair gives the floor to the oldest request and calls the next speaker (a
  "next" that meets a floor changed meanwhile, by a request for the floor, is refused with 409 by
  design: the chair looks again and repeats, as a person would; these are counted apart);
- PDF downloads: the speakers list, the side-event programme, a roundtable's report;
- public pages: home, speakers list, side events, timeline, session.

It prints the requests and errors per kind (every answer must be 2xx or 304), latency p50/p99
per kind, the load average, and the resident memory of each worker sampled each minute (first,
last, max and the slope of a least-squares line).

    .venv/bin/python bench/soak.py                 # 10 minutes
    .venv/bin/python bench/soak.py --minutes 1     # a short run
    .venv/bin/python bench/soak.py --minutes 4 --malloc-arena-max 0   # glibc's default arenas, for comparison
    .venv/bin/python bench/soak.py --minutes 4 --read-only            # no submissions or chair: data stays the same
    .venv/bin/python bench/soak.py --minutes 4 --trace /tmp/trace.txt # one worker's tracemalloc growth each minute
    MEETINGS_SOAK_DATABASE_URL=postgresql://... .venv/bin/python bench/soak.py   # a server of yours

gunicorn runs with MALLOC_ARENA_MAX=2, the production setting (README): with glibc's default of
8 malloc arenas per core, each of a worker's threads allocates in an arena of its own and the
freed memory stays scattered over them, so resident memory kept climbing under traffic.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import select  # noqa: E402

from bench.procstat import free_port  # noqa: E402
from meetings import create_app  # noqa: E402
from meetings.auth.actors import System  # noqa: E402
from meetings.auth.models import Role, User  # noqa: E402
from meetings.auth.services import create_user, issue_token  # noqa: E402
from meetings.delegations.models import Delegation, DelegationKind  # noqa: E402
from meetings.demo import load_demo  # noqa: E402
from meetings.extensions import db  # noqa: E402
from meetings.programme.models import BlockKind, MeetingBlock  # noqa: E402
from meetings.roundtables.models import Roundtable  # noqa: E402

BENCH = System(because="soak set-up")
WORKERS, THREADS, SCREENS = 4, 8, 8


# --- a PostgreSQL server with the default durability ---------------------------------------


class Postgres:
    def __init__(self) -> None:
        found = subprocess.run(["bash", "-c", "command -v initdb || ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1"],
                               capture_output=True, text=True).stdout.strip().splitlines()  # fmt: skip
        self.bin = Path(os.path.realpath(found[-1])).parent
        self.dir = Path(tempfile.mkdtemp(prefix="meetings-soak-pg."))
        self.dir.chmod(0o755)
        self.port = free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        if self.as_postgres:
            subprocess.run(["chown", "postgres", str(self.dir)], check=True)

    def run(self, *args: str) -> None:
        subprocess.run([*self.as_postgres, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)

    def start(self) -> str:
        data = self.dir / "data"
        self.run(str(self.bin / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        self.run(str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(self.dir / "server.log"), "-w", "-o",
                 f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=200", "start")  # fmt: skip
        self.run(str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "soak")
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/soak"

    def stop(self) -> None:
        subprocess.run([*self.as_postgres, str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)  # fmt: skip
        subprocess.run(["rm", "-rf", str(self.dir)])


# --- the data the traffic needs ------------------------------------------------------------


def prepare(url: str) -> dict:
    """The demo session, a chair token, and a user with a token for each Member State."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "soak", "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1"})
    with app.app_context():
        upgrade()
        load_demo()
        chair = db.session.scalar(select(User).where(User.username == "chair"))
        tokens = {}
        for d in db.session.scalars(select(Delegation).where(Delegation.kind == DelegationKind.member_state)):
            user = create_user(BENCH, f"soak-{d.code.lower()}", "soak-pw-1", Role.delegation, d.name, d)
            tokens[d.code] = issue_token(user, user, "soak")
        gd = db.session.scalars(select(MeetingBlock).where(MeetingBlock.kind == BlockKind.general_debate)
                                .order_by(MeetingBlock.starts_at)).first()  # fmt: skip
        rt = db.session.scalars(select(Roundtable).order_by(Roundtable.number)).first()
        rooms = sorted({gd.room_id, rt.block.room_id})
        out = {"chair": issue_token(chair, chair, "soak"), "tokens": tokens, "gd": gd.id, "rt_block": rt.block_id,
               "roundtable": rt.id, "rooms": rooms}  # fmt: skip
        db.session.commit()
        return out


# --- the traffic ---------------------------------------------------------------------------


class Tally:
    """Latencies and errors per kind of request, shared by the traffic threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.examples: list[str] = []
        self.repeated = 0

    def repeat(self) -> None:
        with self.lock:
            self.repeated += 1

    def add(self, kind: str, status: int, seconds: float, what: str, body: bytes = b"") -> None:
        with self.lock:
            self.latency[kind].append(seconds)
            if not (200 <= status < 300 or status == 304):
                self.errors[kind] += 1
                if len(self.examples) < 10:
                    self.examples.append(f"{kind} {what} -> {status} {body[:200]!r}")


def call(base: str, path: str, *, token: str | None = None, data: dict | None = None,
         headers: dict | None = None) -> tuple[int, bytes, dict, float]:  # fmt: skip
    """One request; (status, body, headers, seconds)."""
    h = dict(headers or {})
    if token:
        h["Authorization"] = f"Bearer {token}"
    body = None
    if data is not None:
        body, h["Content-Type"] = json.dumps(data).encode(), "application/json"
    request = urllib.request.Request(base + path, data=body, method="POST" if data is not None else "GET", headers=h)
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, payload, got = response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        status, payload, got = exc.code, exc.read(), dict(exc.headers)
    except OSError as exc:
        status, payload, got = 0, str(exc).encode(), {}
    return status, payload, got, time.perf_counter() - start


def every(seconds: float, stop: threading.Event, step) -> None:
    """Run `step()` every `seconds` (from its start) until `stop`."""
    while not stop.is_set():
        started = time.perf_counter()
        step()
        stop.wait(max(0.0, seconds - (time.perf_counter() - started)))


def projector(base: str, room: int, tally: Tally, stop: threading.Event) -> None:
    etag = None

    def poll() -> None:
        nonlocal etag
        status, body, headers, s = call(base, f"/floor/rooms/{room}/state.json",
                                        headers={"If-None-Match": etag} if etag else None)  # fmt: skip
        etag = headers.get("ETag") or etag
        tally.add("projector poll", status, s, f"room {room}", body)

    every(0.5, stop, poll)


def submitter(base: str, env: dict, tally: Tally, stop: threading.Event) -> None:
    codes, n = sorted(env["tokens"]), 0

    def submit() -> None:
        nonlocal n
        n += 1
        code = codes[n % len(codes)]
        if n % 2:
            data = {"kind": "regular", "title": f"Soak event {n}", "partners": "UNODC", "format": "in_person",
                    "contact_name": "Focal point", "contact_email": f"focal@{code.lower()}.example",
                    "description": "Soak.", "duration_minutes": 60, "preferred_times": ["2024-03-19 13:00"],
                    "submission_key": f"soak-{n}"}  # fmt: skip
            status, body, _, s = call(base, "/api/v1/side-events/submit", token=env["tokens"][code], data=data)
            tally.add("side-event application", status, s, code, body)
        else:
            status, body, _, s = call(base, f"/api/v1/floor/blocks/{env['rt_block']}/requests",
                                      token=env["tokens"][code], data={})  # fmt: skip
            tally.add("floor request", status, s, code, body)

    every(1.5, stop, submit)


def chair(base: str, env: dict, tally: Tally, stop: threading.Event) -> None:
    n = 0

    def act() -> None:
        nonlocal n
        n += 1
        block = env["gd"] if n % 2 else env["rt_block"]
        status, body, _, s = call(base, f"/api/v1/floor/blocks/{block}", token=env["chair"])
        tally.add("chair: read the console", status, s, str(block), body)
        if status != 200:
            return
        floor = json.loads(body)
        if floor["requests"]:
            req = floor["requests"][0]["id"]
            status, body, _, s = call(base, f"/api/v1/floor/blocks/{block}/requests/{req}/grant",
                                      token=env["chair"], data={})  # fmt: skip
            tally.add("chair: give the floor", status, s, str(req), body)
        elif not floor["next"]:
            status, body, _, s = call(base, f"/api/v1/floor/blocks/{block}/turns", token=env["chair"],
                                      data={"speaker_name": f"Soak speaker {n}", "role": "rt_floor" if block == env["rt_block"] else "gd_national"})  # fmt: skip
            tally.add("chair: add a speaker", status, s, str(block), body)
        for attempt in (1, 2):  # a chair whose click met a newer floor looks again and repeats (409 by design)
            status, body, _, s = call(base, f"/api/v1/floor/blocks/{block}", token=env["chair"])
            version = json.loads(body)["version"] if status == 200 else 0
            status, body, _, s = call(base, f"/api/v1/floor/blocks/{block}/actions", token=env["chair"],
                                      data={"action": "next", "version": version})  # fmt: skip
            if status == 409 and attempt == 1 and b"changed since your screen" in body:
                tally.repeat()
                continue
            tally.add("chair: next speaker", status, s, str(block), body)
            break

    every(1.5, stop, act)  # each meeting every 3 s: the roundtable's requests come as often


PDFS = ["/debate/speakers.pdf", "/side-events/programme.pdf", "/roundtables/{roundtable}/report.pdf"]
PAGES = ["/", "/debate/", "/side-events/", "/side-events/timeline", "/session/", "/roundtables/"]


def reader(base: str, kind: str, paths: list[str], period: float, tally: Tally, stop: threading.Event) -> None:
    n = 0

    def read() -> None:
        nonlocal n
        path = paths[n % len(paths)]
        n += 1
        status, body, _, s = call(base, path)
        tally.add(kind, status, s, path, body if status >= 400 else b"")

    every(period, stop, read)


# --- memory and load -----------------------------------------------------------------------


def workers(master: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                out.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return sorted(out)


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def slope(values: list[float]) -> float:
    """Least-squares slope per sample (per minute here)."""
    if len(values) < 2:
        return 0.0
    xs = range(len(values))
    mx, my = statistics.fmean(xs), statistics.fmean(values)
    return sum((x - mx) * (y - my) for x, y in zip(xs, values, strict=True)) / sum((x - mx) ** 2 for x in xs)


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


# --- the run -------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long the traffic runs (default 10)")
    parser.add_argument("--malloc-arena-max", type=int, default=2, metavar="N",
                        help="MALLOC_ARENA_MAX in gunicorn's environment, as in production (README); default 2, "
                             "0 leaves it unset (glibc's default: 8 arenas per core)")  # fmt: skip
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="leave out the submissions and the chair's actions: the data does not grow",
    )
    parser.add_argument(
        "--trace",
        metavar="FILE",
        help="one worker writes its tracemalloc growth to FILE each minute (bench/gunicorn_trace.py)",
    )
    args = parser.parse_args()
    minutes = args.minutes
    pg = None
    url = os.environ.get("MEETINGS_SOAK_DATABASE_URL")
    if not url:
        pg = Postgres()
        url = pg.start()
    server = None
    try:
        env = prepare(url)
        port = free_port()
        server_env = {**os.environ, "MEETINGS_DATABASE_URL": url, "MEETINGS_SECRET_KEY": "soak"}
        if args.malloc_arena_max:
            server_env["MALLOC_ARENA_MAX"] = str(args.malloc_arena_max)
        config = []
        if args.trace:
            server_env["MEETINGS_TRACEMALLOC"] = args.trace
            config = ["-c", str(ROOT / "bench" / "gunicorn_trace.py")]
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", *config, "-w", str(WORKERS), "--threads", str(THREADS),
                                   "-b", f"127.0.0.1:{port}", "--log-level", "warning", "wsgi:app"], cwd=ROOT,
                                  env=server_env)  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            if call(base, "/api/v1/session")[0] == 200:
                break
            time.sleep(0.1)
        else:
            raise SystemExit("gunicorn did not start")
        print(f"MALLOC_ARENA_MAX: {server_env.get('MALLOC_ARENA_MAX', 'unset (glibc default, 8 per core)')}"
              f"{' (the production setting, README)' if args.malloc_arena_max == 2 else ''}; "
              f"traffic: {'read-only' if args.read_only else 'mixed'}"
              f"{f'; tracemalloc of the first worker in {args.trace}' if args.trace else ''}")  # fmt: skip
        run(base, env, server.pid, minutes, read_only=args.read_only)
    finally:
        if server is not None:
            server.terminate()
            server.wait(20)
        if pg is not None:
            pg.stop()


def run(base: str, env: dict, master: int, minutes: float, *, read_only: bool = False) -> None:
    tally, stop = Tally(), threading.Event()
    pdfs = [p.format(roundtable=env["roundtable"]) for p in PDFS]
    threads = [threading.Thread(target=projector, args=(base, env["rooms"][i % len(env["rooms"])], tally, stop))
               for i in range(SCREENS)]  # fmt: skip
    if not read_only:
        threads += [
            threading.Thread(target=submitter, args=(base, env, tally, stop)),
            threading.Thread(target=chair, args=(base, env, tally, stop)),
        ]
    threads += [
        threading.Thread(target=reader, args=(base, "PDF download", pdfs, 3.0, tally, stop)),
        threading.Thread(target=reader, args=(base, "public page", PAGES, 0.5, tally, stop)),
        threading.Thread(target=reader, args=(base, "public page", PAGES[::-1], 0.5, tally, stop)),
    ]
    pids = workers(master)
    memory: dict[int, list[float]] = {pid: [] for pid in pids}
    loads = [loadavg()]
    print(f"soak: {minutes:g} min, gunicorn {len(pids)} workers x {THREADS} threads, PostgreSQL (default durability)")
    print(f"load average at the start: {loads[0]}", flush=True)
    started = time.monotonic()
    for t in threads:
        t.start()
    samples = max(1, round(minutes))
    interval = minutes * 60 / samples  # a minute, unless the run is shorter
    for minute in range(samples + 1):
        if minute:
            stop.wait(max(0.0, started + minute * interval - time.monotonic()))
        for pid in pids:
            memory[pid].append(rss_mb(pid) or float("nan"))
        loads.append(loadavg())
        done = sum(len(v) for v in tally.latency.values())
        print(f"  minute {minute}: {done} requests, errors {sum(tally.errors.values())}, load {loads[-1]}, "
              f"RSS MB {' '.join(f'{memory[p][-1]:.1f}' for p in pids)}", flush=True)  # fmt: skip
    stop.set()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    report(tally, memory, loads, elapsed, workers(master) == pids)


def report(tally: Tally, memory: dict[int, list[float]], loads: list[str], elapsed: float, same_workers: bool) -> None:
    total = sum(len(v) for v in tally.latency.values())
    errors = sum(tally.errors.values())
    print(f"\n== {total} requests in {elapsed / 60:.1f} min ({total / elapsed:.1f}/s); errors: {errors} ==")
    print(f"{'kind':28} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p99 ms':>8}")
    for kind in sorted(tally.latency):
        lat = tally.latency[kind]
        print(f"{kind:28} {len(lat):8d} {tally.errors[kind]:6d} {pct(lat, 50) * 1000:8.1f} {pct(lat, 99) * 1000:8.1f}")
    for line in tally.examples:
        print("  error:", line)
    print(
        f"chair's 'next' refused with 409 because a request for the floor came in meanwhile, then repeated: "
        f"{tally.repeated}"
    )
    print("\nresident memory per worker (MB), sampled each minute:")
    print("(first: before any traffic; the slope leaves out that warm-up and fits minutes 1 to the end)")
    print(f"{'worker':>8} {'first':>7} {'last':>7} {'max':>7} {'slope MB/min':>13}")
    for pid, values in memory.items():
        warm = values[1:] if len(values) > 2 else values
        print(f"{pid:>8} {values[0]:7.1f} {values[-1]:7.1f} {max(values):7.1f} {slope(warm):13.2f}")
    print("workers unchanged during the run:", "yes" if same_workers else "NO (a worker was restarted)")
    print("load average (1, 5, 15 min) at the start, each minute and the end:", " | ".join(loads))
    print("verdict:", "no error" if not errors else f"{errors} ERRORS")


if __name__ == "__main__":
    main()
