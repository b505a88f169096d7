"""gunicorn settings for the soak: with MEETINGS_TRACEMALLOC=<file>, one worker traces its allocations.

    gunicorn -c bench/gunicorn_trace.py ... wsgi:app

Only the first worker traces (tracing slows it and costs memory of its own, so the others stay
comparable). It takes a `tracemalloc` snapshot after its first minute (the warm-up: imports, caches
filled by the first requests), then every minute writes to the file the Python memory it holds
and the 15 source lines whose allocations grew most since that snapshot. Without the variable
this file changes nothing.
"""

import os
import threading
import time
import tracemalloc

TOP = 15


def post_fork(server, worker) -> None:  # noqa: ANN001 - gunicorn's hook signature
    out = os.environ.get("MEETINGS_TRACEMALLOC")
    if not out or worker.age != 1:
        return
    tracemalloc.start(1)
    threading.Thread(target=_watch, args=(out, worker.pid), daemon=True, name="tracemalloc").start()


def _watch(out: str, pid: int) -> None:
    started = time.monotonic()
    time.sleep(60)
    base = tracemalloc.take_snapshot()
    with open(out, "w") as f:
        f.write(f"worker {pid}: snapshot after warm-up, traced {tracemalloc.get_traced_memory()[0] / 1024:.0f} KiB\n")
    ignore = [
        tracemalloc.Filter(False, tracemalloc.__file__),
        tracemalloc.Filter(False, "<frozen importlib._bootstrap*"),
    ]
    minute = 1
    while True:
        minute += 1
        time.sleep(max(0.0, started + minute * 60 - time.monotonic()))
        now = tracemalloc.take_snapshot().filter_traces(ignore)
        diff = now.compare_to(base.filter_traces(ignore), "lineno")
        current, peak = tracemalloc.get_traced_memory()
        rss = _rss_mb()
        with open(out, "a") as f:
            f.write(f"\n-- minute {minute}: traced {current / 1024:.0f} KiB (peak {peak / 1024:.0f} KiB), "
                    f"growth since warm-up {sum(d.size_diff for d in diff) / 1024:+.0f} KiB, RSS {rss:.1f} MB\n")  # fmt: skip
            for stat in diff[:TOP]:
                f.write(f"{stat}\n")


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")
