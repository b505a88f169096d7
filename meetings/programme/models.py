"""The Commission's session and its calendar.

"CommissionSession" is the Commission's session (CND 67); it is never the database session
nor the browser session.
"""

import enum
from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, Enum, ForeignKey, String, Text, UniqueConstraint, false, func, literal_column
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetings.extensions import db
from meetings.i18n.words import _
from meetings.timeutil import UTCDateTime


class SegmentKind(enum.StrEnum):
    high_level = "high_level"
    regular = "regular"


class BlockKind(enum.StrEnum):
    general_debate = "general_debate"
    roundtable = "roundtable"
    plenary = "plenary"
    opening = "opening"

    @property
    def label(self) -> str:
        """The kind as a page shows it, in the reader's language."""
        return {
            "general_debate": _("General debate"),
            "roundtable": _("Roundtable"),
            "plenary": _("Plenary"),
            "opening": _("Opening"),
        }[self.value]


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
        """The segment's name as a page shows it, in the reader's language."""
        return _("High-level segment") if self.kind == SegmentKind.high_level else _("Regular segment")


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
    # The language the room's projector speaks (meetings.i18n); None is English.
    projector_language: Mapped[str | None] = mapped_column(String(8))

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
    # A meeting that holds records is cancelled, not deleted: kept, shown as cancelled, its room freed.
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancel_reason: Mapped[str] = mapped_column(Text, default="", server_default="")

    commission_session: Mapped[CommissionSession] = relationship(back_populates="blocks")
    room: Mapped[Room] = relationship()

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


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
        CheckConstraint("se_day_ends > se_day_starts", name="side_event_day_in_order"),
        CheckConstraint("rt_ngo_panelists_max >= 0 AND rt_ngo_floor_max >= 0", name="rt_ngo_split_not_negative"),
        CheckConstraint(
            "floor_point_of_order_s > 0 AND floor_reply_first_s > 0 AND floor_reply_second_s > 0 "
            "AND floor_replies_max >= 0",
            name="floor_rules_valid",
        ),
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
    # NGO participants of a roundtable: panelists and speakers from the floor (rt_ngo_max in all).
    rt_ngo_panelists_max: Mapped[int] = mapped_column(default=1, server_default="1")
    rt_ngo_floor_max: Mapped[int] = mapped_column(default=3, server_default="3")
    # When set, no regional group has co-chairs in two roundtables of the session.
    rt_groups_distinct_across: Mapped[bool] = mapped_column(default=False, server_default=false())
    nominations_close: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hl_window_opens: Mapped[datetime] = mapped_column(UTCDateTime())
    hl_window_closes: Mapped[datetime] = mapped_column(UTCDateTime())
    hl_cap_total: Mapped[int] = mapped_column(default=11)
    hl_cap_per_organizer: Mapped[int] = mapped_column(default=2)
    se_max_minutes: Mapped[int] = mapped_column(default=90)
    se_period_start: Mapped[date | None]
    se_period_end: Mapped[date | None]
    # The hours of a day within which side events take place (local time of the session).
    se_day_starts: Mapped[time] = mapped_column(default=time(8, 0))
    se_day_ends: Mapped[time] = mapped_column(default=time(21, 0))
    # The floor beyond the list (ECOSOC practice): the limit of a point of order, and rights of reply
    # at the end of a meeting: the first and the second reply's limits, and how many per delegation.
    floor_point_of_order_s: Mapped[int] = mapped_column(default=120, server_default="120")
    floor_reply_first_s: Mapped[int] = mapped_column(default=300, server_default="300")
    floor_reply_second_s: Mapped[int] = mapped_column(default=180, server_default="180")
    floor_replies_max: Mapped[int] = mapped_column(default=2, server_default="2")

    commission_session: Mapped[CommissionSession] = relationship(back_populates="rules")


class HolderKind(enum.StrEnum):
    """What holds a room: each kind refers to its record through its own column below."""

    meeting = "meeting"
    side_event = "side_event"
    bilateral = "bilateral"  # a booked slot of a bilateral room (meetings.bilaterals)

    @property
    def column(self) -> str:
        return {"meeting": "meeting_block_id", "side_event": "side_event_id",
                "bilateral": "bilateral_booking_id"}[self.value]  # fmt: skip


# Each kind of holder fills its own column and only it (meetings.bilaterals adds the bilateral slots).
ONE_HOLDER_OF_ITS_KIND = (
    "(holder_kind = 'meeting' AND meeting_block_id IS NOT NULL AND side_event_id IS NULL "
    "AND bilateral_booking_id IS NULL) OR "
    "(holder_kind = 'side_event' AND side_event_id IS NOT NULL AND meeting_block_id IS NULL "
    "AND bilateral_booking_id IS NULL) OR "
    "(holder_kind = 'bilateral' AND bilateral_booking_id IS NOT NULL AND meeting_block_id IS NULL "
    "AND side_event_id IS NULL)"
)


class RoomBooking(db.Model):
    """One room held from `starts_at` to `ends_at` by one thing: the room occupancy of the session.

    meetings.programme.rooms is the one service that writes here. On PostgreSQL an exclusion
    constraint refuses two overlapping bookings of a room, whatever the application does (it
    needs the btree_gist extension); on SQLite every writer is serialized (BEGIN IMMEDIATE).
    Touching ends do not overlap ([start, end)). A booked bilateral slot is a kind with its own
    column, like a side event.
    """

    __tablename__ = "room_booking"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint(ONE_HOLDER_OF_ITS_KIND, name="one_holder_of_its_kind"),
        ExcludeConstraint(
            (literal_column("room_id"), "="),
            (func.tsrange(literal_column("starts_at"), literal_column("ends_at")), "&&"),
            using="gist",
            name="ex_room_booking_no_overlap",
        ).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(
        ForeignKey("commission_session.id", ondelete="CASCADE"), index=True
    )
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="RESTRICT"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    holder_kind: Mapped[HolderKind] = mapped_column(Enum(HolderKind, name="room_holder_kind"))
    # The holder's record; deleting it frees the room (a draft side event, a block with no records).
    meeting_block_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_block.id", ondelete="CASCADE"), unique=True
    )
    side_event_id: Mapped[int | None] = mapped_column(ForeignKey("side_event.id", ondelete="CASCADE"), unique=True)
    bilateral_booking_id: Mapped[int | None] = mapped_column(
        ForeignKey("bilateral_booking.id", ondelete="CASCADE"), unique=True
    )
    # What a refusal names: "the meeting “General debate, 1st meeting”", "“Title” (Austria)".
    label: Mapped[str] = mapped_column(String(400))

    room: Mapped[Room] = relationship()

    @property
    def holder_id(self) -> int:
        return getattr(self, self.holder_kind.column)
