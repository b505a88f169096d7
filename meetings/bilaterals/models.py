"""Bilateral meeting rooms: the session's grid of slots, the rooms that follow it, and the bookings.

One grid per session (slot length, periods of the days, when booking opens) is shared by every
bilateral room, so a slot is named by its start: two active bookings of one room at one start,
or one delegation in two meetings at one start, are refused by unique indexes on both databases
(and on PostgreSQL the room's booking also meets the room service's exclusion constraint).

- `bilateral_booking`: (room, start) is unique among active bookings (held or confirmed); the
  booking delegation's seat of the day (1..cap) is unique and set only while the booking is active.
- `bilateral_party`: one row per delegation taking part in an active booking, unique on
  (delegation, start); the rows go when the booking is cancelled or declined.
"""

import enum
from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, Enum, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetings.auth.models import User
from meetings.delegations.models import Delegation
from meetings.extensions import db
from meetings.i18n.words import pgettext
from meetings.programme.models import Room
from meetings.timeutil import UTCDateTime

ACTIVE_SQL = "state IN ('held', 'confirmed')"


class BookingState(enum.StrEnum):
    held = "held"  # booked, awaiting the counterpart
    confirmed = "confirmed"
    declined = "declined"
    cancelled = "cancelled"

    @property
    def active(self) -> bool:
        return self in (BookingState.held, BookingState.confirmed)

    @property
    def label(self) -> str:
        return {
            BookingState.held: pgettext("a bilateral meeting", "held, awaiting the counterpart"),
            BookingState.confirmed: pgettext("a bilateral meeting", "confirmed"),
            BookingState.declined: pgettext("a bilateral meeting", "declined"),
            BookingState.cancelled: pgettext("a bilateral meeting", "cancelled"),
        }[self]


class BilateralGrid(db.Model):
    """The slots of the session's bilateral rooms: their length, the periods they fill, when booking opens."""

    __tablename__ = "bilateral_grid"
    __table_args__ = (
        CheckConstraint("slot_minutes >= 5 AND slot_minutes <= 240", name="slot_length_sensible"),
        CheckConstraint("daily_cap > 0", name="daily_cap_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(
        ForeignKey("commission_session.id", ondelete="CASCADE"), unique=True
    )
    slot_minutes: Mapped[int] = mapped_column(default=30)
    booking_opens: Mapped[datetime] = mapped_column(UTCDateTime())
    # How many meetings a delegation may book on one day (held and confirmed ones count).
    daily_cap: Mapped[int] = mapped_column(default=4)
    # Only delegations whose high-level registration is approved may book (meetings.registration).
    needs_high_level: Mapped[bool] = mapped_column(default=False)

    periods: Mapped[list["BilateralPeriod"]] = relationship(
        back_populates="grid", order_by="[BilateralPeriod.day, BilateralPeriod.starts]", cascade="all, delete-orphan"
    )


class BilateralPeriod(db.Model):
    """A stretch of one day, in the session's time zone, cut into slots of the grid's length."""

    __tablename__ = "bilateral_period"
    __table_args__ = (
        UniqueConstraint("grid_id", "day", "starts", name="uq_bilateral_period_start"),
        CheckConstraint("ends > starts", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("bilateral_grid.id", ondelete="CASCADE"), index=True)
    day: Mapped[date]
    starts: Mapped[time]
    ends: Mapped[time]

    grid: Mapped[BilateralGrid] = relationship(back_populates="periods")


class BilateralRoom(db.Model):
    """One of the session's rooms, set aside for bilateral meetings."""

    __tablename__ = "bilateral_room"

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(
        ForeignKey("commission_session.id", ondelete="CASCADE"), index=True
    )
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="RESTRICT"), unique=True)

    room: Mapped[Room] = relationship()


class BilateralBooking(db.Model):
    __tablename__ = "bilateral_booking"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("(counterpart_id IS NULL) <> (counterpart_name = '')", name="one_counterpart"),
        CheckConstraint("counterpart_id IS NULL OR counterpart_id <> booked_by_id", name="not_with_oneself"),
        CheckConstraint(f"({ACTIVE_SQL}) = (day_seat IS NOT NULL)", name="seat_while_active"),
        CheckConstraint("day_seat IS NULL OR day_seat > 0", name="seat_positive"),
        UniqueConstraint("commission_session_id", "booked_by_id", "submission_key", name="uq_bilateral_booking_key"),
        UniqueConstraint("booked_by_id", "day", "day_seat", name="uq_bilateral_booking_day_seat"),
        Index("uq_bilateral_booking_room_slot", "room_id", "starts_at", unique=True,
              sqlite_where=text(ACTIVE_SQL), postgresql_where=text(ACTIVE_SQL)),
        Index("ix_bilateral_booking_session_start", "commission_session_id", "starts_at"),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(ForeignKey("commission_session.id", ondelete="CASCADE"))
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="RESTRICT"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The slot's day in the session's time zone: the daily cap counts by it.
    day: Mapped[date]
    booked_by_id: Mapped[int] = mapped_column(ForeignKey("delegation.id", ondelete="RESTRICT"))
    # The other side: a delegation (which confirms or declines), or an organization named in words.
    counterpart_id: Mapped[int | None] = mapped_column(ForeignKey("delegation.id", ondelete="RESTRICT"))
    counterpart_name: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(String(300), default="")
    state: Mapped[BookingState] = mapped_column(Enum(BookingState, name="bilateral_state"), default=BookingState.held)
    # The booking delegation's seat among its meetings of that day (1..cap), while active.
    day_seat: Mapped[int | None]
    submission_key: Mapped[str | None] = mapped_column(String(64))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    booked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # When it was confirmed, declined or cancelled, and the reason given, if any.
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reason: Mapped[str] = mapped_column(Text, default="")
    ical_sequence: Mapped[int] = mapped_column(default=0)

    room: Mapped[Room] = relationship()
    booked_by: Mapped[Delegation] = relationship(foreign_keys=[booked_by_id])
    counterpart: Mapped[Delegation | None] = relationship(foreign_keys=[counterpart_id])
    created_by: Mapped[User | None] = relationship()
    parties: Mapped[list["BookingParty"]] = relationship(back_populates="booking", cascade="all, delete-orphan")

    @property
    def counterpart_shown(self) -> str:
        """The other side as a reader sees it: a delegation in the reader's language, an organization as written."""
        return self.counterpart.shown_name if self.counterpart is not None else self.counterpart_name

    @property
    def counterpart_written(self) -> str:
        """The other side as the record keeps it (English name of a delegation)."""
        return self.counterpart.name if self.counterpart is not None else self.counterpart_name


class BookingParty(db.Model):
    """A delegation taking part in an active booking at its start: never two meetings at once."""

    __tablename__ = "bilateral_party"
    __table_args__ = (
        UniqueConstraint("delegation_id", "starts_at", name="uq_bilateral_party_delegation_slot"),
        UniqueConstraint("booking_id", "delegation_id", name="uq_bilateral_party_once"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bilateral_booking.id", ondelete="CASCADE"))
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegation.id", ondelete="RESTRICT"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())

    booking: Mapped[BilateralBooking] = relationship(back_populates="parties")
