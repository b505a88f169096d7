"""The SQL statements the app's requests send: counted, so that a statement added by accident shows."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from meetings.extensions import db


@contextmanager
def statements_of(app) -> Iterator[list[str]]:
    """The SQL statements the app's requests send inside the block."""
    with app.app_context():
        engine = db.engine
    seen: list[str] = []

    def count(conn, cursor, statement, *rest) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)
