"""Every benchmark in one run, each against its baseline measured in the same run, then the table.

    .venv/bin/python bench/all.py          (or: make bench)          two to ten minutes on 2 cores, as busy as they are

The rows of the table (issue "Performance"):
1. one high-level submission vs a bare JSON route of the same app, same process;
2. 386 submissions within 1 s, gunicorn 4 workers, p99, SQLite: spread evenly over 1 s, and released together;
3. the same on PostgreSQL with the server's default durability (a throwaway server: bench/pgserver.py);
4. the speakers-list PDF (193 inscriptions) vs a bare ReportLab table of the same rows;
5. the projector's state request vs a bare Flask route (server CPU per request);
6. screens kept within 1 s of a chair's action by 2 workers (1,000 screens).
Then how cost grows (submissions per second for 1, 2 and 4 workers; the list and PDF for 50, 193 and
400 inscriptions) and each worker's resident memory after the burst and after 1,000 screens, each
measured after each of several rounds on the same server to show that it does not grow. Every figure is printed with the
load average of the shared machine at the time; ratios to a baseline of the same run are what counts.
"""

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import debate_bench, pgserver, projector_screens, side_events_window, submission_cost  # noqa: E402
from bench.procstat import load_average  # noqa: E402

SCREENS = 1000


def sqlite_url() -> str:
    return f"sqlite:///{tempfile.mkdtemp(prefix='meetings-bench-')}/bench.sqlite"


def growth(rounds: list[list[float]]) -> str:
    """Each round's figures per worker, and the largest change between the last two rounds (the first warms up)."""
    shown = " | ".join(", ".join(f"{m:.0f}" for m in r) + " MB" for r in rounds)
    change = [b - a for a, b in zip(rounds[-2], rounds[-1], strict=False)]
    return shown + (f" (largest change between the last two rounds {max(change, key=abs):+.1f} MB)" if change else "")


def main() -> None:
    rows = []
    print(f"== start; {load_average()} ==", flush=True)

    cost = submission_cost.measure(sqlite_url())
    submission_cost.report("SQLite", cost)
    ratio = cost["submit_ms"] / cost["bare_ms"]
    rows.append(("submission vs bare JSON route, same process", f"{cost['submit_ms']:.1f} ms vs {cost['bare_ms']:.2f} ms "
                 f"({ratio:.1f}×), {len(cost['statements'])} statements", "≤ 4×", ratio <= 4, cost["load"]))  # fmt: skip

    label = "SQLite"
    bursts = side_events_window.measure(sqlite_url(), 4, ("spread", "barrier", "spread", "barrier"))
    for r in bursts:
        side_events_window.report(label, r)
    spread, barrier = bursts[0], bursts[1]
    ok = all(r["p99"] < 1.0 and not r["errors"] and not r["broken"] for r in (spread, barrier))
    rows.append(("386 submissions, 4 workers, p99 (SQLite)", f"spread {spread['p99']:.2f} s; together {barrier['p99']:.2f} s",
                 "< 1 s both ways", ok, barrier["load"]))  # fmt: skip
    memory_burst = [r["rss_mb"] for r in bursts]

    with pgserver.postgres() as url:
        durability = pgserver.settings(url)
        print(f"== PostgreSQL: a throwaway server with {pgserver.DURABILITY}; the server reports {durability} ==")
        pg = side_events_window.measure(url, 4, ("spread", "barrier"))
        for r in pg:
            side_events_window.report(f"PostgreSQL ({durability})", r)
    ok = all(r["p99"] < 1.0 and not r["errors"] and not r["broken"] for r in pg)
    rows.append(("same on PostgreSQL, default durability", f"spread {pg[0]['p99']:.2f} s; together {pg[1]['p99']:.2f} s",
                 "< 1 s", ok, pg[1]["load"]))  # fmt: skip

    lists = {}
    for count in (50, 193, 400):
        lists[count] = debate_bench.measure(count)
        debate_bench.report(lists[count])
    pdf = lists[193]
    rows.append(("speakers-list PDF vs bare ReportLab table (193)", f"{pdf['pdf']:.0f} ms vs {pdf['bare']:.0f} ms "
                 f"({pdf['pdf'] / pdf['bare']:.2f}×)", "≤ 1.5×", pdf["pdf"] / pdf["bare"] <= 1.5, pdf["load"]))  # fmt: skip

    url = sqlite_url()
    token, block_id, room_id = projector_screens.prepare_database(url)
    screens = projector_screens.measure(SCREENS, url, token, block_id, room_id, rounds=3)
    projector_screens.report(SCREENS, screens)
    f, b = screens["floor"], screens["bare"]
    steady_x = (f["steady"]["cpu"] / f["steady"]["rps"]) / (b["cpu"] / b["rps"])
    acting_x = (f["cpu"] / f["rps"]) / (b["cpu"] / b["rps"])
    rows.append(("projector state request vs bare route (CPU/request)", f"{steady_x:.1f}× unchanged; {acting_x:.1f}× "
                 f"with {projector_screens.ACTIONS} chair actions", "≤ 1.5×", steady_x <= 1.5, f["load"]))  # fmt: skip
    delays = sorted(f["delays"])
    within = sum(1 for d in delays if d <= 1.0) / len(delays)
    rows.append((f"{SCREENS} screens within 1 s of the chair, 2 workers", f"{within:.1%} within 1 s "
                 f"(p95 {delays[int(0.95 * (len(delays) - 1))]:.2f} s)", "≥ 1,000 screens", within >= 0.99,
                 f["load"]))  # fmt: skip

    print("\n== how cost grows ==")
    throughput = {4: spread["throughput"]}
    for workers in (1, 2):
        r = side_events_window.measure(sqlite_url(), workers, ("spread",))[0]
        side_events_window.report(label, r)
        throughput[workers] = r["throughput"]
    print("submissions per second (SQLite, spread burst): " + ", ".join(
        f"{w} worker{'s' if w > 1 else ''} {throughput[w]:.0f}/s" for w in (1, 2, 4))
          + f"; 2 vs 1: ×{throughput[2] / throughput[1]:.2f}, 4 vs 1: ×{throughput[4] / throughput[1]:.2f}"
          + " (2 cores: at most ×2)")  # fmt: skip
    for key, name in (("whole list from the database", "list build"), ("pdf", "PDF")):
        base = lists[50][key] / 50
        print(f"{name}: " + ", ".join(f"{n}: {lists[n][key]:.0f} ms ({lists[n][key] / n:.2f} ms each, "
                                      f"×{lists[n][key] / n / base:.2f} per inscription vs 50)" for n in (50, 193, 400))
              + " — linear or better when the per-inscription factor stays ≤ 1")  # fmt: skip

    print("\n== memory (resident, per worker) ==")
    print(f"after each of the four bursts (SQLite, 4 workers) on the same server: "
          f"{growth(memory_burst)}")  # fmt: skip
    print(f"after each of three rounds of {SCREENS} screens (2 workers) on the same server: "
          f"{growth(f['rss_rounds'])}")  # fmt: skip

    print("\n== the table ==")
    width = max(len(r[0]) for r in rows)
    for name, value, goal, met, load in rows:
        print(f"{name:<{width}} | {value:<44} | goal {goal:<16} | {'met' if met else 'NOT met':<7} | {load}")
    print(f"== end; {load_average()} ==")


if __name__ == "__main__":
    main()
