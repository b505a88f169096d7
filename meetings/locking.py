"""The lock under which capacity decisions are taken (DESIGN.md, convention 8)."""

from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from meetings.extensions import db
from meetings.programme.models import CommissionSession

# The rules are read again under the lock, in the same statement: a decision uses the cap in force.
# Built once: every decision that counts against a limit asks it.
_LOCKED = (
    select(CommissionSession)
    .options(joinedload(CommissionSession.rules))
    .where(CommissionSession.id == bindparam("id"))
    .with_for_update(of=CommissionSession, key_share=True)
    .execution_options(populate_existing=True)
)


def lock_commission_session(commission_session_id: int) -> CommissionSession:
    """Serialize writers that decide a limit of this Commission session until the commit.

    PostgreSQL: a row lock on the session row, FOR NO KEY UPDATE: writers queue on it, while
    rows that merely refer to the session (an audit entry's foreign key takes KEY SHARE) are
    not held up, so a writer sealing the audit log never waits for one that holds this lock.
    SQLite: every transaction already began with BEGIN IMMEDIATE, which holds the write lock.
    """
    if db.session.get_bind().dialect.name != "postgresql":
        return db.session.get(CommissionSession, commission_session_id)
    return db.session.execute(_LOCKED, {"id": commission_session_id}).scalar_one()
