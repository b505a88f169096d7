"""The Commission's session and its calendar.

"CommissionSession" is the Commission's session (CND 67); it is never the database session
nor the browser session.
"""

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Enum, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetings.extensions import db
from meetings.timeutil import UTCDateTime


class SegmentKind(enum.StrEnum):
    high_level = "high_level"
    regular = "regular"


class BlockKind(enum.StrEnum):
    general_debate = "general_debate"
    roundtable = "roundtable"
    plenary = "plenary"
    opening = "opening"


class CommissionSession(db.Model):
    __tablename__ = "commission_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    venue: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))

    segments: Mapped[list["Segment"]] = relationship(
        back_populates="commission_session", order_by="Segment.start_date", cascade="all, delete-orphan"
    )
    rooms: Mapped[list["Room"]] = relationship(
        back_populates="commission_session", order_by="Room.name", cascade="all, delete-orphan"
    )
    blocks: Mapped[list["MeetingBlock"]] = relationship(
        back_populates="commission_session", order_by="MeetingBlock.starts_at", cascade="all, delete-orphan"
    )
    rules: Mapped["SessionRules"] = relationship(
        back_populates="commission_session", uselist=False, cascade="all, delete-orphan"
    )

    @property
    def first_day(self) -> date:
        return min(s.start_date for s in self.segments)

    @property
    def last_day(self) -> date:
        return max(s.end_date for s in self.segments)

    def segment(self, kind: SegmentKind) -> "Segment | None":
        return next((s for s in self.segments if s.kind == kind), None)


class Segment(db.Model):
    __tablename__ = "segment"
    __table_args__ = (
        UniqueConstraint("commission_session_id", "kind"),
        CheckConstraint("end_date >= start_date", name="dates_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(ForeignKey("commission_session.id", ondelete="CASCADE"))
    kind: Mapped[SegmentKind] = mapped_column(Enum(SegmentKind, name="segment_kind"))
    start_date: Mapped[date]
    end_date: Mapped[date]

    commission_session: Mapped[CommissionSession] = relationship(back_populates="segments")

    @property
    def label(self) -> str:
        return "High-level segment" if self.kind == SegmentKind.high_level else "Regular segment"


class Room(db.Model):
    __tablename__ = "room"
    __table_args__ = (
        UniqueConstraint("commission_session_id", "name"),
        CheckConstraint("capacity IS NULL OR capacity > 0", name="capacity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(ForeignKey("commission_session.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    capacity: Mapped[int | None]

    commission_session: Mapped[CommissionSession] = relationship(back_populates="rooms")


class MeetingBlock(db.Model):
    """A stretch of formal proceedings in one room: a general-debate meeting, a roundtable."""

    __tablename__ = "meeting_block"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(ForeignKey("commission_session.id", ondelete="CASCADE"))
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="RESTRICT"))
    kind: Mapped[BlockKind] = mapped_column(Enum(BlockKind, name="block_kind"))
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The evening meeting runs "until the list is exhausted": ends_at is then the planned end.
    open_ended: Mapped[bool] = mapped_column(default=False)
    # Raised whenever the time or room changes, so calendar clients update the event.
    ical_sequence: Mapped[int] = mapped_column(default=0)

    commission_session: Mapped[CommissionSession] = relationship(back_populates="blocks")
    room: Mapped[Room] = relationship()


class SessionRules(db.Model):
    """The numbers the Chair's briefing gives, as data the secretariat can change."""

    __tablename__ = "session_rules"
    __table_args__ = (
        CheckConstraint("gd_slot_count > 0", name="slots_positive"),
        CheckConstraint(
            "gd_limit_national_s > 0 AND gd_limit_group_s > 0 AND rt_limit_panelist_s > 0 AND rt_limit_floor_s > 0",
            name="limits_positive",
        ),
        CheckConstraint("changeover_s >= 0", name="changeover_not_negative"),
        CheckConstraint("hl_window_closes > hl_window_opens", name="window_in_order"),
        CheckConstraint("hl_cap_total > 0 AND hl_cap_per_organizer > 0", name="caps_positive"),
        CheckConstraint("se_max_minutes > 0", name="side_event_length_positive"),
        CheckConstraint("cochairs_per_roundtable > 0", name="cochairs_positive"),
        CheckConstraint("gd_ngo_max >= 0 AND rt_ngo_max >= 0", name="ngo_caps_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(
        ForeignKey("commission_session.id", ondelete="CASCADE"), unique=True
    )
    gd_slot_count: Mapped[int] = mapped_column(default=114)
    gd_limit_national_s: Mapped[int] = mapped_column(default=300)
    gd_limit_group_s: Mapped[int] = mapped_column(default=420)
    changeover_s: Mapped[int] = mapped_column(default=30)
    gd_ngo_max: Mapped[int] = mapped_column(default=3)
    gd_inscription_closes: Mapped[datetime | None] = mapped_column(UTCDateTime())
    gd_draw_date: Mapped[date | None]
    rt_limit_panelist_s: Mapped[int] = mapped_column(default=300)
    rt_limit_floor_s: Mapped[int] = mapped_column(default=180)
    rt_ngo_max: Mapped[int] = mapped_column(default=4)
    cochairs_per_roundtable: Mapped[int] = mapped_column(default=2)
    nominations_close: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hl_window_opens: Mapped[datetime] = mapped_column(UTCDateTime())
    hl_window_closes: Mapped[datetime] = mapped_column(UTCDateTime())
    hl_cap_total: Mapped[int] = mapped_column(default=11)
    hl_cap_per_organizer: Mapped[int] = mapped_column(default=2)
    se_max_minutes: Mapped[int] = mapped_column(default=90)
    se_period_start: Mapped[date | None]
    se_period_end: Mapped[date | None]

    commission_session: Mapped[CommissionSession] = relationship(back_populates="rules")
