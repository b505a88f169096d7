"""The session report: each final version, numbered and kept with its signed PDF."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetings.auth.models import User
from meetings.extensions import db
from meetings.timeutil import UTCDateTime, utcnow


class SessionReport(db.Model):
    """A final version of the session report. A new final takes the next number; none is ever overwritten.

    The number is taken under the session lock and unique per session in the schema, so two
    secretariat officers producing a final at once get two numbers, never one twice.
    """

    __tablename__ = "session_report"
    __table_args__ = (
        UniqueConstraint("commission_session_id", "number", name="uq_session_report_number"),
        CheckConstraint("number > 0", name="number_positive"),
        CheckConstraint("length(sha256) = 64", name="sha256_hex"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(ForeignKey("commission_session.id", ondelete="CASCADE"))
    number: Mapped[int]
    language: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="RESTRICT"))
    # The audit log's chain head when the report was signed (printed in it).
    chain_seq: Mapped[int]
    chain_hash: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))

    created_by: Mapped[User | None] = relationship()
