"""A database of its own (a SQLite file, or a new database on the test PostgreSQL server),
migrated up to a given revision: for tests of what a migration does to existing rows."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, make_url, text

from meetings import create_app
from meetings.extensions import db


@contextmanager
def app_at_revision(revision: str, tmp_path: Path) -> Iterator[Flask]:
    server_url = os.environ.get("MEETINGS_TEST_DATABASE_URL")
    name = f"meetings_migrating_{uuid.uuid4().hex[:12]}"
    if server_url:
        server = create_engine(server_url, isolation_level="AUTOCOMMIT")
        with server.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{tmp_path / 'migrating.sqlite'}"
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url,
                      "UPLOAD_FOLDER": str(tmp_path / "uploads")})  # fmt: skip
    with app.app_context():
        upgrade(revision=revision)
        try:
            yield app
        finally:
            db.session.remove()
            db.engine.dispose()
    if server_url:
        with server.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.dispose()


def rows(sql: str) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def execute(*statements: str) -> None:
    with db.engine.begin() as conn:
        for sql in statements:
            conn.execute(text(sql))
