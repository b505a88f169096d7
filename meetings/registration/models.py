"""Registration by segment: one registration per delegation and session, its participants, its note verbale.

Integrity in the schema:
- one registration per delegation and session (`uq_registration_delegation`);
- at most one head of delegation per registration (a partial unique index, on both databases);
- a submitted or approved registration holds its note verbale and the time it was submitted; a
  decided one (approved, returned) the time of the decision; a returned one its reason;
- a participant has a name, a segment (high-level, regular or both) and an attendance (in person,
  online) from their enums; a returned participant carries the secretariat's reason.
"""

import enum
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Enum, ForeignKey, Index, String, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetings.delegations.models import Delegation
from meetings.extensions import db
from meetings.i18n.words import lazy_pgettext
from meetings.programme.models import CommissionSession
from meetings.timeutil import UTCDateTime, utcnow


class RegistrationStatus(enum.StrEnum):
    draft = "draft"
    submitted = "submitted"
    approved = "approved"
    returned = "returned"

    @property
    def label(self) -> str:
        # In the context of a registration: other features have statuses of the same names.
        return {
            "draft": lazy_pgettext("a registration", "Draft"),
            "submitted": lazy_pgettext("a registration", "Submitted"),
            "approved": lazy_pgettext("a registration", "Approved"),
            "returned": lazy_pgettext("a registration", "Returned"),
        }[self.value]


class Segment(enum.StrEnum):
    """The segment(s) a participant takes part in."""

    high_level = "high_level"
    regular = "regular"
    both = "both"

    @property
    def label(self) -> str:
        return {
            "high_level": lazy_pgettext("a participant's segment", "High-level segment"),
            "regular": lazy_pgettext("a participant's segment", "Regular segment"),
            "both": lazy_pgettext("a participant's segment", "Both segments"),
        }[self.value]

    @property
    def in_high_level(self) -> bool:
        return self in (Segment.high_level, Segment.both)

    @property
    def in_regular(self) -> bool:
        return self in (Segment.regular, Segment.both)


class Attendance(enum.StrEnum):
    in_person = "in_person"
    online = "online"

    @property
    def label(self) -> str:
        return {
            "in_person": lazy_pgettext("a participant's attendance", "In person"),
            "online": lazy_pgettext("a participant's attendance", "Online"),
        }[self.value]


class ParticipantStatus(enum.StrEnum):
    pending = "pending"
    approved = "approved"
    returned = "returned"

    @property
    def label(self) -> str:
        return {
            "pending": lazy_pgettext("a registered participant", "Pending"),
            "approved": lazy_pgettext("a registered participant", "Approved"),
            "returned": lazy_pgettext("a registered participant", "Returned"),
        }[self.value]


class Registration(db.Model):
    """A delegation's registration for a session: its participants and its note verbale."""

    __tablename__ = "registration"
    __table_args__ = (
        UniqueConstraint("commission_session_id", "delegation_id", name="uq_registration_delegation"),
        CheckConstraint("status = 'draft' OR submitted_at IS NOT NULL", name="submitted_has_a_time"),
        CheckConstraint(
            "status NOT IN ('submitted', 'approved') OR note_verbale_file IS NOT NULL",
            name="submitted_has_a_note_verbale",
        ),  # fmt: skip
        CheckConstraint("status NOT IN ('approved', 'returned') OR decided_at IS NOT NULL", name="decided_has_a_time"),
        CheckConstraint("status <> 'returned' OR length(return_reason) > 0", name="returned_with_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_session_id: Mapped[int] = mapped_column(ForeignKey("commission_session.id", ondelete="CASCADE"))
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegation.id", ondelete="RESTRICT"))
    status: Mapped[RegistrationStatus] = mapped_column(
        Enum(RegistrationStatus, name="registration_status"), default=RegistrationStatus.draft
    )
    # The note verbale as stored under instance/uploads/notes_verbales/ (like the debate's statements).
    note_verbale_file: Mapped[str | None] = mapped_column(String(200))
    note_verbale_uploaded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    return_reason: Mapped[str] = mapped_column(String(1000), default="", server_default="")

    commission_session: Mapped[CommissionSession] = relationship()
    delegation: Mapped[Delegation] = relationship()
    participants: Mapped[list["Participant"]] = relationship(
        back_populates="registration", order_by=lambda: [Participant.head_of_delegation.desc(), Participant.id]
    )


class Participant(db.Model):
    """A person a delegation registers: for the high-level segment, the regular one or both; in person or online."""

    __tablename__ = "registration_participant"
    __table_args__ = (
        # At most one head of delegation per registration (so per delegation and session).
        Index(
            "uq_registration_participant_head",
            "registration_id",
            unique=True,
            sqlite_where=text("head_of_delegation = 1"),
            postgresql_where=text("head_of_delegation"),
        ),
        CheckConstraint("length(name) > 0", name="named"),
        CheckConstraint("status <> 'returned' OR length(return_reason) > 0", name="returned_with_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registration.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    # An honorific or rank as it is printed before the name: "H.E. Mr.", "Dr.", "Ambassador".
    title: Mapped[str] = mapped_column(String(100), default="", server_default="")
    # The post the person holds: "Minister of Health", "Permanent Representative".
    function: Mapped[str] = mapped_column(String(200), default="", server_default="")
    head_of_delegation: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    segment: Mapped[Segment] = mapped_column(Enum(Segment, name="participant_segment"))
    attendance: Mapped[Attendance] = mapped_column(Enum(Attendance, name="participant_attendance"))
    status: Mapped[ParticipantStatus] = mapped_column(
        Enum(ParticipantStatus, name="participant_status"), default=ParticipantStatus.pending
    )
    return_reason: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    registration: Mapped[Registration] = relationship(back_populates="participants")

    @property
    def delegation(self) -> Delegation:
        return self.registration.delegation
