"""The floor of a meeting block: its turns, its timer (as timestamps) and floor requests.

The timer follows DESIGN.md "Timer model": while a speech runs the floor stores `anchor_at`,
the instant at which the speech would have started had it never been paused; while paused it
stores the elapsed milliseconds. Every screen computes the time from these and server time.
"""

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, Enum, ForeignKey, Index, String, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetings.delegations.models import Delegation
from meetings.extensions import db
from meetings.i18n.words import _, _l, lazy, pgettext
from meetings.programme.models import MeetingBlock
from meetings.timeutil import UTCDateTime, utcnow


class TurnRole(enum.StrEnum):
    gd_national = "gd_national"
    gd_group = "gd_group"
    rt_panelist = "rt_panelist"
    rt_floor = "rt_floor"
    other = "other"
    # Interventions beyond the list (ECOSOC practice): heard at once, and at the end of the meeting.
    # (Values of at most 11 letters: SQLite databases made before hold the role as VARCHAR(11).)
    point_of_order = "point_order"
    right_of_reply = "reply"

    @property
    def label(self) -> str:
        """The role as a page, the projector or a PDF names it, in the reader's language."""
        return str(ROLE_LABELS[self.value])


# Lazy: translated when shown, in the language of the request that shows them.
ROLE_LABELS = {
    "gd_national": _l("National statement"),
    "gd_group": _l("On behalf of a group"),
    "rt_panelist": _l("Panelist"),
    "rt_floor": _l("From the floor"),
    "other": _l("Other"),
    "point_order": _l("Point of order"),
    "reply": _l("Right of reply"),
}


def _values(kind: type[enum.Enum]) -> list[str]:
    return [member.value for member in kind]


class TurnStatus(enum.StrEnum):
    waiting = "waiting"
    speaking = "speaking"
    # A speech a point of order interrupted: its spoken time is kept on the floor (held_ms). At most
    # 8 letters, as the other values (VARCHAR(8) on SQLite).
    held = "held"
    done = "done"


class TimerStatus(enum.StrEnum):
    idle = "idle"
    running = "running"
    paused = "paused"


class RequestStatus(enum.StrEnum):
    open = "open"
    granted = "granted"
    dropped = "dropped"
    withdrawn = "withdrawn"

    @property
    def label(self) -> str:
        """The status as a delegation's home page names it, in the reader's language."""
        return str(REQUEST_LABELS[self.value])


# In the context of a request for the floor: other features have statuses of the same name.
REQUEST_LABELS = {
    "open": lazy(lambda: pgettext("floor request", "open")),
    "granted": lazy(lambda: pgettext("floor request", "granted")),
    "dropped": lazy(lambda: pgettext("floor request", "dropped")),
    "withdrawn": lazy(lambda: pgettext("floor request", "withdrawn")),
}


class Floor(db.Model):
    """One per meeting block; `version` rises with every change anyone's screen must show."""

    __tablename__ = "floor"
    __table_args__ = (
        CheckConstraint("version >= 0", name="version_not_negative"),
        CheckConstraint("paused_elapsed_ms >= 0", name="elapsed_not_negative"),
        CheckConstraint("(status = 'running') = (anchor_at IS NOT NULL)", name="running_has_anchor"),
        CheckConstraint("held_ms >= 0", name="held_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # RESTRICT: a meeting whose floor holds a record is cancelled, never deleted (meetings.programme.rooms).
    block_id: Mapped[int] = mapped_column(ForeignKey("meeting_block.id", ondelete="RESTRICT"), unique=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="RESTRICT"), index=True)
    version: Mapped[int] = mapped_column(default=0)
    status: Mapped[TimerStatus] = mapped_column(Enum(TimerStatus, name="timer_status"), default=TimerStatus.idle)
    anchor_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    paused_elapsed_ms: Mapped[int] = mapped_column(default=0)
    # While a point of order is heard: the interrupted speech's elapsed milliseconds, and whether its
    # clock was running, so that it resumes as it was when the point of order ends.
    held_ms: Mapped[int] = mapped_column(default=0, server_default="0")
    held_running: Mapped[bool] = mapped_column(default=False, server_default=false())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    block: Mapped[MeetingBlock] = relationship()
    turns: Mapped[list["Turn"]] = relationship(
        back_populates="floor", order_by=lambda: [Turn.position, Turn.id], cascade="all, delete-orphan"
    )


class Turn(db.Model):
    """A speaker's turn: planned (waiting), speaking, or done with its record."""

    __tablename__ = "floor_turn"
    __table_args__ = (
        UniqueConstraint("floor_id", "source_ref", name="uq_floor_turn_source_once"),
        CheckConstraint("limit_s > 0", name="limit_positive"),
        CheckConstraint("duration_s IS NULL OR duration_s >= 0", name="duration_not_negative"),
        CheckConstraint("(status = 'done') = (ended_at IS NOT NULL)", name="done_has_end"),
        Index(
            "uq_floor_turn_one_speaking",
            "floor_id",
            unique=True,
            sqlite_where=text("status = 'speaking'"),
            postgresql_where=text("status = 'speaking'"),
        ),
        # One speech at a time waits for a point of order to end.
        Index(
            "uq_floor_turn_one_held",
            "floor_id",
            unique=True,
            sqlite_where=text("status = 'held'"),
            postgresql_where=text("status = 'held'"),
        ),
        # A delegation's first, second, ... right of reply in a meeting: each number once.
        Index("uq_floor_turn_reply_once", "floor_id", "delegation_id", "reply_number", unique=True),
        CheckConstraint("reply_number IS NULL OR reply_number > 0", name="reply_number_positive"),
        CheckConstraint("(role = 'reply') = (reply_number IS NOT NULL)", name="reply_numbered"),
        CheckConstraint("times_interrupted >= 0", name="interruptions_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    floor_id: Mapped[int] = mapped_column(ForeignKey("floor.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegation.id", ondelete="RESTRICT"))
    speaker_name: Mapped[str] = mapped_column(String(200))
    speaker_title: Mapped[str] = mapped_column(String(200), default="")
    # Stored by value (the default would store the member's name): see TurnRole.
    role: Mapped[TurnRole] = mapped_column(Enum(TurnRole, name="turn_role", values_callable=_values))
    limit_s: Mapped[int]
    limit_overridden: Mapped[bool] = mapped_column(default=False)
    source_ref: Mapped[str | None] = mapped_column(String(80))
    status: Mapped[TurnStatus] = mapped_column(Enum(TurnStatus, name="turn_status"), default=TurnStatus.waiting)
    times_absent: Mapped[int] = mapped_column(default=0)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    duration_s: Mapped[int | None]
    overrun_s: Mapped[int | None]
    # A right of reply's number among its delegation's replies in this meeting (1: first, 2: second).
    reply_number: Mapped[int | None]
    # How many points of order interrupted this speech (its recorded time excludes them).
    times_interrupted: Mapped[int] = mapped_column(default=0, server_default="0")
    remote: Mapped[bool] = mapped_column(default=False, server_default=false())
    # How the chair brings a remote speaker in: shown on the console only, never on the projector.
    connection_link: Mapped[str] = mapped_column(String(500), default="", server_default="")

    floor: Mapped[Floor] = relationship(back_populates="turns")
    delegation: Mapped[Delegation | None] = relationship()

    @property
    def is_reply(self) -> bool:
        return self.role is TurnRole.right_of_reply

    @property
    def is_point_of_order(self) -> bool:
        return self.role is TurnRole.point_of_order

    @property
    def role_label(self) -> str:
        """The role as screens show it; a delegation's second reply says so."""
        if self.is_reply and (self.reply_number or 1) > 1:
            if self.reply_number == 2:
                return _("Right of reply (second)")
            return _("Right of reply (number %(num)d)", num=self.reply_number)
        return self.role.label

    @property
    def who(self) -> str:
        """The delegation's name as data (English): the audit log, CSV and JSON fields."""
        return self.delegation.name if self.delegation else ""

    @property
    def shown_who(self) -> str:
        """The delegation's name as a reader sees it, in the language of the request."""
        return self.delegation.shown_name if self.delegation else ""


class FloorRequest(db.Model):
    """A raised nameplate in a roundtable: queued in order of arrival until granted or dropped."""

    __tablename__ = "floor_request"
    __table_args__ = (
        Index(
            "uq_floor_request_one_open",
            "floor_id",
            "delegation_id",
            unique=True,
            sqlite_where=text("status = 'open'"),
            postgresql_where=text("status = 'open'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    floor_id: Mapped[int] = mapped_column(ForeignKey("floor.id", ondelete="CASCADE"), index=True)
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegation.id", ondelete="RESTRICT"))
    status: Mapped[RequestStatus] = mapped_column(
        Enum(RequestStatus, name="request_status"), default=RequestStatus.open
    )
    speaker_name: Mapped[str] = mapped_column(String(200), default="")
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    raised_in_room: Mapped[bool] = mapped_column(default=False)
    remote: Mapped[bool] = mapped_column(default=False, server_default=false())
    connection_link: Mapped[str] = mapped_column(String(500), default="", server_default="")
    turn_id: Mapped[int | None] = mapped_column(ForeignKey("floor_turn.id", ondelete="SET NULL"))

    floor: Mapped[Floor] = relationship()
    delegation: Mapped[Delegation] = relationship()
