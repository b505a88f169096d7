"""A copy of the whole database, and the database put back from one.

SQLite: the online backup API copies a consistent snapshot while the app keeps serving; restoring
copies the file's pages back the same way, in one step. PostgreSQL: pg_dump in its custom format,
restored with pg_restore in a single transaction (objects dropped and created again), so that a failed
restore leaves the database as it was. The PostgreSQL client programs are found on PATH, in
MEETINGS_PG_BIN, or in the newest /usr/lib/postgresql/*/bin.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL, make_url


def _pg_program(name: str) -> str:
    def version(folder: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in folder.parent.name.split(".") if part.isdigit())

    installed = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version, reverse=True)
    chosen = os.environ.get("MEETINGS_PG_BIN")
    for folder in ([Path(chosen)] if chosen else []) + installed:
        if (folder / name).exists():
            return str(folder / name)
    found = shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} was not found: install the PostgreSQL client programs or set MEETINGS_PG_BIN.")
    return found


def _libpq_url(url: URL) -> str:
    """The URL as libpq reads it (no SQLAlchemy driver name)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _sqlite_path(url: URL) -> str:
    if not url.database or url.database == ":memory:":
        raise RuntimeError("An in-memory SQLite database has nothing to back up.")
    return url.database


def backup(database_url: str, target: Path) -> None:
    url = make_url(database_url)
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        with sqlite3.connect(_sqlite_path(url)) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        return
    subprocess.run([_pg_program("pg_dump"), "--format=custom", "--no-owner", f"--file={target}",
                    f"--dbname={_libpq_url(url)}"], check=True, capture_output=True, text=True)  # fmt: skip


def restore(database_url: str, source: Path) -> None:
    url = make_url(database_url)
    if not source.is_file():
        raise RuntimeError(f"{source} is not a file.")
    if url.get_backend_name() == "sqlite":
        with sqlite3.connect(source) as copy, sqlite3.connect(_sqlite_path(url)) as live:
            copy.backup(live)
        return
    subprocess.run([_pg_program("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
                    f"--dbname={_libpq_url(url)}", str(source)], check=True, capture_output=True, text=True)  # fmt: skip
