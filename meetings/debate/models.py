"""General debate: inscriptions, quotas, the drawing of lots, swaps and the log of changes."""

import enum
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Enum, ForeignKey, Index, String, Text, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetings.auth.models import User
from meetings.delegations.models import Delegation, RegionalGroup
from meetings.extensions import db
from meetings.timeutil import UTCDateTime, utcnow


class Level(enum.StrEnum):
    higher_than_ministerial = "higher_than_ministerial"
    ministerial = "ministerial"
    lower_than_ministerial = "lower_than_ministerial"

    @property
    def label(self) -> str:
        from meetings.debate.rules import LEVEL_LABELS

        return LEVEL_LABELS[self.value]


class ChangeKind(enum.StrEnum):
    inscribed = "inscribed"
    accepted_late = "accepted_late"
    speaker_changed = "speaker_changed"
    withdrawn = "withdrawn"
    swapped = "swapped"
    absent = "absent"
    statement_uploaded = "statement_uploaded"
    quotas_set = "quotas_set"
    quota_released = "quota_released"
    draw_committed = "draw_committed"
    draw_performed = "draw_performed"
    draw_voided = "draw_voided"


class Inscription(db.Model):
    """A speaker inscribed by a delegation: its national statement, or one on behalf of a group."""

    __tablename__ = "gd_inscription"
    __table_args__ = (
        # One national statement in force per delegation (a withdrawn one stays on record, and
        # the secretariat may reinstate it only if no other has been inscribed meanwhile);
        # statements on behalf of a group are separate.
        Index(
            "uq_gd_inscription_national",
            "commission_session_id",
            "delegation_id",
            unique=True,
            sqlite_where=text("on_behalf_of_group = 0 AND withdrawn_at IS NULL"),
            postgresql_where=text("NOT on_behalf_of_group AND withdrawn_at IS NULL"),
        ),
        CheckConstraint("NOT on_behalf_of_group OR group_name <> ''", name="group_statements_name_the_group"),
        CheckConstraint("length(speaker_name) > 0", name="speaker_named"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(ForeignKey("commission_session.id", ondelete="CASCADE"))
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegation.id", ondelete="RESTRICT"))
    speaker_name: Mapped[str] = mapped_column(String(200))
    speaker_title: Mapped[str] = mapped_column(String(200), default="")
    level: Mapped[Level] = mapped_column(Enum(Level, name="gd_level"))
    on_behalf_of_group: Mapped[bool] = mapped_column(default=False)
    group_name: Mapped[str] = mapped_column(String(200), default="")
    late: Mapped[bool] = mapped_column(default=False)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="RESTRICT"))
    statement_file: Mapped[str | None] = mapped_column(String(200))
    statement_uploaded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The speaker takes the floor online; the link the chair uses to bring them in (never public).
    remote: Mapped[bool] = mapped_column(default=False, server_default=false())
    connection_link: Mapped[str] = mapped_column(String(500), default="", server_default="")
    # The last projected start published in calendars, and the calendar SEQUENCE.
    projected_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ical_sequence: Mapped[int] = mapped_column(default=0)

    delegation: Mapped[Delegation] = relationship()
    created_by: Mapped[User] = relationship()

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class Quota(db.Model):
    """A regional group's share of the slots, set by hand by the secretariat."""

    __tablename__ = "gd_quota"
    __table_args__ = (
        UniqueConstraint("commission_session_id", "regional_group_id", name="uq_gd_quota_group"),
        CheckConstraint("slots >= 0", name="slots_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(ForeignKey("commission_session.id", ondelete="CASCADE"))
    regional_group_id: Mapped[int] = mapped_column(ForeignKey("regional_group.id", ondelete="RESTRICT"))
    slots: Mapped[int]

    regional_group: Mapped[RegionalGroup] = relationship()


class DebateState(db.Model):
    """Per-session switches of the list: whether unused quota has been released."""

    __tablename__ = "gd_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(
        ForeignKey("commission_session.id", ondelete="CASCADE"), unique=True
    )
    unused_quota_released_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Draw(db.Model):
    """A drawing of lots: the commitment published before inscription closes; at the draw, the secret
    revealed and the public value fixed in the room, which give the seed (meetings.debate.rules)."""

    __tablename__ = "gd_draw"
    __table_args__ = (
        # At most one draw that is not voided per session.
        Index(
            "uq_gd_draw_current",
            "commission_session_id",
            unique=True,
            sqlite_where=text("voided_at IS NULL"),
            postgresql_where=text("voided_at IS NULL"),
        ),
        CheckConstraint("length(commitment) = 64", name="commitment_is_sha256"),
        CheckConstraint("voided_at IS NULL OR length(void_reason) > 0", name="voiding_has_a_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(ForeignKey("commission_session.id", ondelete="CASCADE"))
    commitment: Mapped[str] = mapped_column(String(64))
    committed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    committed_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="RESTRICT"))
    secret: Mapped[str | None] = mapped_column(String(200))  # revealed at the draw
    public_value: Mapped[str | None] = mapped_column(String(200))  # fixed in the room at the draw
    seed: Mapped[str | None] = mapped_column(String(200))  # derived from both (the secret itself in older draws)
    inputs: Mapped[list | None] = mapped_column(JSON)  # the delegation codes, sorted
    result: Mapped[dict | None] = mapped_column(JSON)  # code → lot
    performed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    performed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="RESTRICT"))
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    voided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="RESTRICT"))
    void_reason: Mapped[str] = mapped_column(Text, default="")

    committed_by: Mapped[User] = relationship(foreign_keys=[committed_by_id])
    performed_by: Mapped[User | None] = relationship(foreign_keys=[performed_by_id])
    voided_by: Mapped[User | None] = relationship(foreign_keys=[voided_by_id])

    @property
    def performed(self) -> bool:
        return self.performed_at is not None


class Swap(db.Model):
    """A swap of places proposed by one delegation; applied when the other confirms."""

    __tablename__ = "gd_swap"
    __table_args__ = (CheckConstraint("first_id <> second_id", name="swap_two_different"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(ForeignKey("commission_session.id", ondelete="CASCADE"))
    first_id: Mapped[int] = mapped_column(ForeignKey("gd_inscription.id", ondelete="CASCADE"))
    second_id: Mapped[int] = mapped_column(ForeignKey("gd_inscription.id", ondelete="CASCADE"))
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="RESTRICT"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="RESTRICT"))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reason: Mapped[str] = mapped_column(Text, default="")
    # Declined by the other delegation, or lapsed when one of the two withdrew.
    declined_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="RESTRICT"))
    declined_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decline_reason: Mapped[str] = mapped_column(Text, default="", server_default="")

    first: Mapped[Inscription] = relationship(foreign_keys=[first_id])
    second: Mapped[Inscription] = relationship(foreign_keys=[second_id])
    proposed_by: Mapped[User] = relationship(foreign_keys=[proposed_by_id])

    @property
    def pending(self) -> bool:
        return self.confirmed_at is None and self.declined_at is None


class LevelRequestStatus(enum.StrEnum):
    pending = "pending"
    confirmed = "confirmed"
    declined = "declined"
    cancelled = "cancelled"  # by the delegation, or lapsed when the inscription was withdrawn


class LevelRequest(db.Model):
    """After the draw, a delegation's request to raise its protocol level (a minister arrives).

    Until the secretariat confirms it, the inscription keeps its speaker, level and place; the
    request holds the speaker and level that the confirmation applies.
    """

    __tablename__ = "gd_level_request"
    __table_args__ = (
        # At most one request waits for the secretariat per inscription.
        Index(
            "uq_gd_level_request_pending",
            "inscription_id",
            unique=True,
            sqlite_where=text("status = 'pending'"),
            postgresql_where=text("status = 'pending'"),
        ),
        CheckConstraint("from_level <> to_level", name="level_changes"),
        CheckConstraint("length(speaker_name) > 0", name="speaker_named"),
        CheckConstraint("status <> 'declined' OR length(decision_reason) > 0", name="declining_has_a_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(ForeignKey("commission_session.id", ondelete="CASCADE"))
    inscription_id: Mapped[int] = mapped_column(ForeignKey("gd_inscription.id", ondelete="CASCADE"))
    from_level: Mapped[Level] = mapped_column(Enum(Level, name="gd_level"))
    to_level: Mapped[Level] = mapped_column(Enum(Level, name="gd_level"))
    speaker_name: Mapped[str] = mapped_column(String(200))
    speaker_title: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[LevelRequestStatus] = mapped_column(
        Enum(LevelRequestStatus, name="gd_level_request_status"), default=LevelRequestStatus.pending
    )
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="RESTRICT"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="RESTRICT"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_reason: Mapped[str] = mapped_column(Text, default="")

    inscription: Mapped[Inscription] = relationship()
    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])


class Change(db.Model):
    """What the list replays (accepted swaps, absences, in order), with the kinds of change it has always noted.

    The record people read (/debate/log, an inscription's page) is the audit log, which also holds
    the later actions (reinstatement, level requests, declined swaps): one record, not two.
    """

    __tablename__ = "gd_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(ForeignKey("commission_session.id", ondelete="CASCADE"))
    kind: Mapped[ChangeKind] = mapped_column(Enum(ChangeKind, name="gd_change_kind"))
    inscription_id: Mapped[int | None] = mapped_column(ForeignKey("gd_inscription.id", ondelete="CASCADE"))
    other_inscription_id: Mapped[int | None] = mapped_column(ForeignKey("gd_inscription.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="RESTRICT"))
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)

    by: Mapped[User] = relationship()
    inscription: Mapped[Inscription | None] = relationship(foreign_keys=[inscription_id])
