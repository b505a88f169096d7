"""Published versions of the general-debate speakers list and of the side-event programme.

A version is a copy of the rows as the public read them (a JSON snapshot), numbered per session
and kind, with the change log against the version before it, kept as structured entries so that
each reader gets it in their own language. Versions are never changed: the next publication adds
one.
"""

import enum
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetings.auth.models import User
from meetings.extensions import db
from meetings.timeutil import UTCDateTime, utcnow


class PublicationKind(enum.StrEnum):
    speakers_list = "speakers_list"
    programme = "programme"

    @property
    def slug(self) -> str:
        """The kind as the public addresses spell it (/session/speakers-list, /session/side-event-programme)."""
        return SLUGS[self]


SLUGS = {PublicationKind.speakers_list: "speakers-list", PublicationKind.programme: "side-event-programme"}


class PublishedVersion(db.Model):
    """Version `number` of a session's speakers list or side-event programme, as published."""

    __tablename__ = "published_version"
    __table_args__ = (
        UniqueConstraint("commission_session_id", "kind", "number", name="uq_published_version_number"),
        CheckConstraint("number >= 1", name="number_positive"),
        CheckConstraint("kind IN ('speakers_list', 'programme')", name="kind_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(ForeignKey("commission_session.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    number: Mapped[int]
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    # The rows as the public pages show them, and the change log against the version before (entries of
    # meetings.publication.rules, put into words for each reader by meetings.publication.words).
    snapshot: Mapped[dict] = mapped_column(JSON)
    changes: Mapped[list] = mapped_column(JSON)

    published_by: Mapped[User | None] = relationship()

    @property
    def publication_kind(self) -> PublicationKind:
        return PublicationKind(self.kind)
