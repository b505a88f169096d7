"""What the benchmarks need to know of the servers they start: a free port, CPU used."""

import os
import socket
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(master: int) -> float:
    """CPU seconds used so far by a gunicorn master and its workers (Linux /proc)."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat.parent.name) == master or int(fields[1]) == master:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def worker_rss_mb(master: int) -> list[float]:
    """Resident memory (MB) of each worker of a gunicorn master, in order of process id (Linux /proc)."""
    page = os.sysconf("SC_PAGE_SIZE")
    sizes = []
    for stat in sorted(Path("/proc").glob("[0-9]*/stat"), key=lambda p: int(p.parent.name)):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            sizes.append(int(fields[21]) * page / 2**20)
    return sizes


def load_average() -> str:
    """`uptime`'s load average (1, 5, 15 minutes): how busy the shared cores were while measuring."""
    one, five, fifteen = Path("/proc/loadavg").read_text().split()[:3]
    return f"load average {one}, {five}, {fifteen}"
