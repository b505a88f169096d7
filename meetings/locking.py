"""The lock under which capacity decisions are taken (DESIGN.md, convention 8)."""

from sqlalchemy import select

from meetings.extensions import db
from meetings.programme.models import CommissionSession


def lock_commission_session(commission_session_id: int) -> CommissionSession:
    """Serialize writers that decide a limit of this Commission session until the commit.

    PostgreSQL: a row lock (SELECT ... FOR UPDATE) on the session row. SQLite: every
    transaction already began with BEGIN IMMEDIATE, which holds the database's write lock.
    """
    stmt = select(CommissionSession).where(CommissionSession.id == commission_session_id)
    if db.session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    cs = db.session.execute(stmt.execution_options(populate_existing=True)).scalar_one()
    return cs
