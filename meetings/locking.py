"""The lock under which capacity decisions are taken (DESIGN.md, convention 8)."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from meetings.extensions import db
from meetings.programme.models import CommissionSession


def lock_commission_session(commission_session_id: int) -> CommissionSession:
    """Serialize writers that decide a limit of this Commission session until the commit.

    PostgreSQL: a row lock (SELECT ... FOR UPDATE) on the session row. SQLite: every
    transaction already began with BEGIN IMMEDIATE, which holds the database's write lock.
    """
    if db.session.get_bind().dialect.name != "postgresql":
        return db.session.get(CommissionSession, commission_session_id)
    # The rules are read again under the lock, in the same statement: a decision uses the cap in force.
    stmt = (
        select(CommissionSession)
        .options(joinedload(CommissionSession.rules))
        .where(CommissionSession.id == commission_session_id)
        .with_for_update(of=CommissionSession)
    )
    return db.session.execute(stmt.execution_options(populate_existing=True)).scalar_one()
