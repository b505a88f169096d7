"""The audit log: one append-only table for every change people (or the system) make.

Entries are sealed into a hash chain when the transaction commits (meetings.audit.services);
`audit_head` holds the chain's last number and hash, and is the row that writers lock to
append in order. On PostgreSQL a trigger refuses UPDATE and DELETE of an entry.
"""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetings.audit.words import action_words
from meetings.auth.models import User
from meetings.delegations.models import Delegation
from meetings.extensions import db
from meetings.timeutil import UTCDateTime


class AuditEntry(db.Model):
    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_feature", "commission_session_id", "feature", "seq"),
        Index("ix_audit_entry_record", "record_kind", "record_id"),
        Index("ix_audit_entry_delegation", "delegation_id"),
        Index("ix_audit_entry_other_delegation", "other_delegation_id"),
        Index("ix_audit_entry_at", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(unique=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    commission_session_id: Mapped[int | None] = mapped_column(ForeignKey("commission_session.id"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    actor_name: Mapped[str] = mapped_column(String(200))
    by_system: Mapped[bool] = mapped_column(default=False)
    cause: Mapped[str] = mapped_column(Text, default="")
    feature: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(60))
    record_kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int | None]
    record_label: Mapped[str] = mapped_column(String(400))
    delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegation.id"))
    other_delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegation.id"))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)

    actor: Mapped[User | None] = relationship()
    delegation: Mapped[Delegation | None] = relationship(foreign_keys=[delegation_id])
    other_delegation: Mapped[Delegation | None] = relationship(foreign_keys=[other_delegation_id])

    def content(self) -> dict:
        """What the hash covers: everything but the id and the hashes themselves."""
        return {
            "seq": self.seq, "at": self.at, "commission_session_id": self.commission_session_id,
            "actor_id": self.actor_id, "actor_name": self.actor_name, "by_system": self.by_system,
            "cause": self.cause, "feature": self.feature, "action": self.action, "record_kind": self.record_kind,
            "record_id": self.record_id, "record_label": self.record_label, "delegation_id": self.delegation_id,
            "other_delegation_id": self.other_delegation_id, "before": self.before, "after": self.after,
            "reason": self.reason,
        }  # fmt: skip

    @property
    def who(self) -> str:
        """Who made the change, in the reader's language (a user's name as recorded)."""
        if self.by_system:
            return _("the system (after %(name)s)", name=self.actor_name) if self.actor_id else _("the system")
        return self.actor_name

    @property
    def what(self) -> str:
        """The action in words, in the reader's language (the code stays in `action`)."""
        return action_words(self.action)


class AuditHead(db.Model):
    """The chain's last entry number and hash; one row, locked by each writer to append in order."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int]
    hash: Mapped[str] = mapped_column(String(64))
