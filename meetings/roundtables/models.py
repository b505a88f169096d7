"""Roundtables: each one a meeting block of kind roundtable, with its co-chair nominations,
its panelists in order and the co-chairs' summary.

Integrity in the schema:
- a nomination holds `confirmed_group_id` and `seat` only while confirmed: two confirmed
  co-chairs of one roundtable can never share a regional group (unique roundtable, group) nor a
  seat (unique roundtable, seat; the seats are 1..cochairs_per_roundtable, given under the
  session lock);
- with the session's option that keeps groups distinct across all roundtables,
  `exclusive_group_id` is set too, unique per session.
"""

import enum
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Enum, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetings.auth.models import User
from meetings.delegations.models import Delegation, RegionalGroup
from meetings.extensions import db
from meetings.i18n.words import lazy_pgettext
from meetings.programme.models import CommissionSession, MeetingBlock
from meetings.timeutil import UTCDateTime, utcnow


class Roundtable(db.Model):
    __tablename__ = "roundtable"
    __table_args__ = (
        UniqueConstraint("commission_session_id", "number", name="uq_roundtable_number"),
        CheckConstraint("number > 0", name="number_positive"),
        CheckConstraint("(summary_final_at IS NULL) OR (length(summary) > 0)", name="final_summary_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(ForeignKey("commission_session.id", ondelete="CASCADE"))
    number: Mapped[int]
    topic: Mapped[str] = mapped_column(String(300))
    # Day, time and room: the meeting block (kind roundtable), which holds the room through the room service.
    block_id: Mapped[int] = mapped_column(ForeignKey("meeting_block.id", ondelete="RESTRICT"), unique=True)
    summary: Mapped[str] = mapped_column(Text, default="", server_default="")
    summary_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    summary_final_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    commission_session: Mapped[CommissionSession] = relationship()
    block: Mapped[MeetingBlock] = relationship()
    nominations: Mapped[list["Nomination"]] = relationship(back_populates="roundtable", order_by="Nomination.id")
    panelists: Mapped[list["Panelist"]] = relationship(back_populates="roundtable", order_by="Panelist.position")


class NominationStatus(enum.StrEnum):
    pending = "pending"
    confirmed = "confirmed"
    declined = "declined"
    withdrawn = "withdrawn"

    @property
    def label(self) -> str:
        # In the context of a co-chair nomination: other features have statuses of the same names.
        return {
            "pending": lazy_pgettext("a co-chair nomination", "Pending"),
            "confirmed": lazy_pgettext("a co-chair nomination", "Confirmed"),
            "declined": lazy_pgettext("a co-chair nomination", "Declined"),
            "withdrawn": lazy_pgettext("a co-chair nomination", "Withdrawn"),
        }[self.value]


class Nomination(db.Model):
    """A person nominated as co-chair of a roundtable by a delegation (or a regional group through its chair's delegation)."""

    __tablename__ = "roundtable_nomination"
    __table_args__ = (
        UniqueConstraint("roundtable_id", "confirmed_group_id", name="uq_nomination_group_per_roundtable"),
        UniqueConstraint("roundtable_id", "seat", name="uq_nomination_seat"),
        UniqueConstraint("commission_session_id", "exclusive_group_id", name="uq_nomination_group_per_session"),
        CheckConstraint("(status = 'confirmed') = (seat IS NOT NULL)", name="seat_only_confirmed"),
        CheckConstraint("(status = 'confirmed') = (confirmed_group_id IS NOT NULL)", name="group_only_confirmed"),
        CheckConstraint(
            "exclusive_group_id IS NULL OR exclusive_group_id = confirmed_group_id", name="exclusive_is_confirmed"
        ),
        CheckConstraint("seat IS NULL OR seat > 0", name="seat_positive"),
        CheckConstraint("status <> 'declined' OR length(reason) > 0", name="declined_with_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(ForeignKey("commission_session.id", ondelete="CASCADE"))
    roundtable_id: Mapped[int] = mapped_column(ForeignKey("roundtable.id", ondelete="CASCADE"))
    # The nominee's delegation: its regional group is the co-chair's group.
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegation.id", ondelete="RESTRICT"))
    # Set when a regional group nominates through its chair's delegation.
    on_behalf_of_group_id: Mapped[int | None] = mapped_column(ForeignKey("regional_group.id", ondelete="RESTRICT"))
    nominee_name: Mapped[str] = mapped_column(String(200))
    nominee_title: Mapped[str] = mapped_column(String(200), default="")
    # The account the co-chair logs in with, to run the roundtable's console once confirmed.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    status: Mapped[NominationStatus] = mapped_column(
        Enum(NominationStatus, name="nomination_status"), default=NominationStatus.pending
    )
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reason: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    seat: Mapped[int | None]
    confirmed_group_id: Mapped[int | None] = mapped_column(ForeignKey("regional_group.id", ondelete="RESTRICT"))
    exclusive_group_id: Mapped[int | None] = mapped_column(ForeignKey("regional_group.id", ondelete="RESTRICT"))

    roundtable: Mapped[Roundtable] = relationship(back_populates="nominations")
    delegation: Mapped[Delegation] = relationship()
    on_behalf_of_group: Mapped[RegionalGroup | None] = relationship(foreign_keys=[on_behalf_of_group_id])
    user: Mapped[User | None] = relationship()


class Panelist(db.Model):
    """A panelist of a roundtable, in the order they speak."""

    __tablename__ = "roundtable_panelist"
    __table_args__ = (
        UniqueConstraint("roundtable_id", "position", name="uq_panelist_position"),
        CheckConstraint("position > 0", name="position_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    roundtable_id: Mapped[int] = mapped_column(ForeignKey("roundtable.id", ondelete="CASCADE"))
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegation.id", ondelete="RESTRICT"))
    remote: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    roundtable: Mapped[Roundtable] = relationship(back_populates="panelists")
    delegation: Mapped[Delegation] = relationship()
