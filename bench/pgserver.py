"""A throwaway PostgreSQL server for the benchmarks, with the server's default durability.

Unlike scripts/with-postgres.sh (which turns fsync and synchronous_commit off to run the tests
fast), this server keeps every default: fsync on, synchronous_commit on, full_page_writes on.
A submission's commit therefore waits for its WAL record to reach the disk, as in production.
"""

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from bench.procstat import free_port

DURABILITY = "default durability (fsync=on, synchronous_commit=on, full_page_writes=on)"


def _bin() -> str:
    found = shutil.which("initdb")
    if found:
        return str(Path(found).resolve().parent)
    return sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: [int(x) for x in p.split("/")[4].split(".")])[
        -1
    ]


@contextlib.contextmanager
def postgres() -> Iterator[str]:
    """Start a server in a temporary folder; yield its SQLAlchemy URL; stop and remove it."""
    bindir, folder, port = _bin(), tempfile.mkdtemp(prefix="meetings-bench-pg-"), free_port()
    os.chmod(folder, 0o755)
    as_user = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    if as_user:
        shutil.chown(folder, "postgres")
    data = f"{folder}/data"

    def run(*cmd: str) -> None:
        subprocess.run([*as_user, *cmd], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)

    try:
        run(f"{bindir}/initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8")
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=300"
        run(f"{bindir}/pg_ctl", "-D", data, "-l", f"{folder}/server.log", "-w", "-o", options, "start")
        run(f"{bindir}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "bench")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/bench"
    finally:
        subprocess.run([*as_user, f"{bindir}/pg_ctl", "-D", data, "-m", "immediate", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


def settings(url: str) -> str:
    """The durability settings the server reports, to print with the figures."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as c:
        values = [f"{name}={c.execute(text(f'SHOW {name}')).scalar()}"
                  for name in ("fsync", "synchronous_commit", "full_page_writes")]  # fmt: skip
    engine.dispose()
    return ", ".join(values)
