"""What the calendars have published, and the secret addresses that calendar applications subscribe to.

A client that holds an event trusts its SEQUENCE: it replaces its copy only with a higher one. So
each event's SEQUENCE is kept here, with the time, place and status it was last published with,
and rises by one whenever one of them changes, whatever feed shows the change first; every feed
that carries the event then says the same. A published event stays known for the rest of the
session, so that a withdrawn or rejected one can still be shown as cancelled where it was shown.
"""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetings.auth.models import User
from meetings.delegations.models import Delegation
from meetings.extensions import db
from meetings.timeutil import UTCDateTime, utcnow


class PublishedEvent(db.Model):
    """An event as the calendars last published it: its UID, SEQUENCE, time, place and status."""

    __tablename__ = "calendar_event"
    __table_args__ = (
        UniqueConstraint("commission_session_id", "uid", name="uq_calendar_event_uid"),
        CheckConstraint("sequence >= 0", name="sequence_not_negative"),
        CheckConstraint("ends_at >= starts_at", name="ends_after_start"),
        CheckConstraint("status IN ('CONFIRMED', 'TENTATIVE', 'CANCELLED')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(ForeignKey("commission_session.id", ondelete="CASCADE"))
    uid: Mapped[str] = mapped_column(String(200))
    sequence: Mapped[int] = mapped_column(default=0)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    location: Mapped[str] = mapped_column(String(400), default="")
    status: Mapped[str] = mapped_column(String(12), default="CONFIRMED")
    # Shown in a public feed at least once: only then may a public feed show it cancelled.
    public: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # When its time, place or status last changed (its DTSTAMP and LAST-MODIFIED).
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PublishedFeed(db.Model):
    """A feed in one language as last served: the digest of its bytes (its ETag) and since when it reads so."""

    __tablename__ = "calendar_feed"
    __table_args__ = (UniqueConstraint("commission_session_id", "key", "language", name="uq_calendar_feed_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(ForeignKey("commission_session.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(80))
    language: Mapped[str] = mapped_column(String(8))
    etag: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CalendarAddress(db.Model):
    """The secret address of a delegation's or a user's calendar, once renewed or revoked.

    The address carries the owner's id and this version, signed with the app's secret key; an owner
    with no row has version 1, never revoked. Renewing raises the version (every older address stops
    working); revoking stops the current one until it is renewed.
    """

    __tablename__ = "calendar_address"
    __table_args__ = (
        CheckConstraint("(delegation_id IS NULL) <> (user_id IS NULL)", name="one_owner"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegation.id", ondelete="CASCADE"), unique=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), unique=True)
    version: Mapped[int] = mapped_column(default=1)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    delegation: Mapped[Delegation | None] = relationship()
    user: Mapped[User | None] = relationship()
