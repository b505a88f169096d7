"""Side events: the application, its place in the queue, its time and room, and the record of decisions.

The queue is backed by the schema as well as by the lock: a queue position, an accepted seat
(1..cap) and an organizer's slot (1..cap per organizer) are each unique within the session, so
two transactions that both believed seat 11 or an organizer's 2nd slot free cannot both commit.
"""

import enum
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Enum, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetings.auth.models import User
from meetings.delegations.models import Delegation
from meetings.extensions import db
from meetings.i18n.words import _
from meetings.programme.models import Room
from meetings.timeutil import UTCDateTime


class SideEventKind(enum.StrEnum):
    high_level = "high_level"
    regular = "regular"

    @property
    def label(self) -> str:
        return _("High-level") if self is SideEventKind.high_level else _("Regular")

    @property
    def event_label(self) -> str:
        """The kind with its noun, as a page names it ("High-level side event")."""
        return _("High-level side event") if self is SideEventKind.high_level else _("Regular side event")


class SideEventFormat(enum.StrEnum):
    in_person = "in_person"
    virtual = "virtual"

    @property
    def label(self) -> str:
        return _("In person") if self is SideEventFormat.in_person else _("Virtual")


class SideEventStatus(enum.StrEnum):
    draft = "draft"
    accepted = "accepted"
    waitlisted = "waitlisted"
    withdrawn = "withdrawn"
    rejected = "rejected"

    @property
    def active(self) -> bool:
        return self in (SideEventStatus.accepted, SideEventStatus.waitlisted)

    @property
    def label(self) -> str:
        """The status as the badge of a page shows it (in English, its value)."""
        return {
            SideEventStatus.draft: _("draft"),
            SideEventStatus.accepted: _("accepted"),
            SideEventStatus.waitlisted: _("waitlisted"),
            SideEventStatus.withdrawn: _("withdrawn"),
            SideEventStatus.rejected: _("rejected"),
        }[self]


class SideEvent(db.Model):
    __tablename__ = "side_event"
    __table_args__ = (
        UniqueConstraint("commission_session_id", "queue_position", name="uq_side_event_queue_position"),
        UniqueConstraint("commission_session_id", "accepted_seat", name="uq_side_event_accepted_seat"),
        UniqueConstraint("commission_session_id", "organizer_id", "organizer_slot", name="uq_side_event_organizer_slot"),
        UniqueConstraint("commission_session_id", "organizer_id", "submission_key", name="uq_side_event_submission_key"),
        CheckConstraint("duration_minutes IS NULL OR (duration_minutes > 0 AND duration_minutes <= 480)",
                        name="duration_sensible"),
        CheckConstraint("kind = 'high_level' OR (queue_position IS NULL AND accepted_seat IS NULL "
                        "AND organizer_slot IS NULL)", name="queue_is_high_level"),
        CheckConstraint("(status = 'draft') = (submitted_at IS NULL)", name="submitted_unless_draft"),
        CheckConstraint("status = 'accepted' OR kind = 'regular' OR accepted_seat IS NULL", name="seat_only_accepted"),
        CheckConstraint("status IN ('accepted', 'waitlisted') OR organizer_slot IS NULL", name="slot_only_active"),
        CheckConstraint("accepted_seat IS NULL OR accepted_seat > 0", name="seat_positive"),
        CheckConstraint("organizer_slot IS NULL OR organizer_slot > 0", name="slot_positive"),
        CheckConstraint("(starts_at IS NULL) = (ends_at IS NULL) AND (starts_at IS NULL) = (room_id IS NULL)",
                        name="scheduled_fully_or_not"),
        CheckConstraint("ends_at IS NULL OR ends_at > starts_at", name="ends_after_start"),
        Index("ix_side_event_session_status", "commission_session_id", "status"),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(ForeignKey("commission_session.id", ondelete="CASCADE"))
    kind: Mapped[SideEventKind] = mapped_column(Enum(SideEventKind, name="side_event_kind"))
    organizer_id: Mapped[int] = mapped_column(ForeignKey("delegation.id", ondelete="RESTRICT"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200), default="")
    partners: Mapped[str] = mapped_column(Text, default="")
    format: Mapped[SideEventFormat | None] = mapped_column(Enum(SideEventFormat, name="side_event_format"))
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    duration_minutes: Mapped[int | None]
    # Local wall-clock times the organizer prefers, "YYYY-MM-DDTHH:MM", in order of preference.
    preferred_times: Mapped[list] = mapped_column(JSON, default=list)
    submission_key: Mapped[str | None] = mapped_column(String(64))

    status: Mapped[SideEventStatus] = mapped_column(
        Enum(SideEventStatus, name="side_event_status"), default=SideEventStatus.draft
    )
    # Receipt time of the complete application, to the microsecond, taken under the lock.
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    queue_position: Mapped[int | None]
    accepted_seat: Mapped[int | None]
    organizer_slot: Mapped[int | None]

    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="RESTRICT"))
    ical_sequence: Mapped[int] = mapped_column(default=0)
    # A virtual event's meeting link: for registered participants only, never on public pages or feeds.
    meeting_link: Mapped[str] = mapped_column(String(500), default="", server_default="")

    organizer: Mapped[Delegation] = relationship()
    room: Mapped[Room | None] = relationship()
    created_by: Mapped[User | None] = relationship()

    @property
    def is_high_level(self) -> bool:
        return self.kind == SideEventKind.high_level

    @property
    def partner_list(self) -> list[str]:
        return [p.strip() for p in (self.partners or "").splitlines() if p.strip()]
