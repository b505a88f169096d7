"""What screens show: the floor as plain data, computed from the stored timestamps and now."""

from datetime import datetime

from sqlalchemy import select

from meetings.extensions import db
from meetings.floor import rules
from meetings.floor.models import Floor, Turn, TurnStatus
from meetings.floor.services import current, held, waiting
from meetings.programme.models import MeetingBlock, Room


def turn_dict(turn: Turn) -> dict:
    """A turn as data; `role_label` and `shown_delegation` are in the language of the request."""
    return {
        "id": turn.id,
        "delegation": turn.who,
        "delegation_code": turn.delegation.code if turn.delegation else None,
        "shown_delegation": turn.shown_who,  # the name a screen shows, in the reader's language
        "speaker": turn.speaker_name,
        "title": turn.speaker_title,
        "role": turn.role.value,
        "role_label": turn.role_label,
        "reply_number": turn.reply_number,
        "point_of_order": turn.is_point_of_order,
        "times_interrupted": turn.times_interrupted,
        "limit_s": turn.limit_s,
        "source_ref": turn.source_ref,
        "status": turn.status.value,
        "started_at": turn.started_at.isoformat() if turn.started_at else None,
        "ended_at": turn.ended_at.isoformat() if turn.ended_at else None,
        "duration_s": turn.duration_s,
        "overrun_s": turn.overrun_s,
        "times_absent": turn.times_absent,
        "remote": turn.remote,
    }


def connection_links(floor: Floor | None) -> dict[int, str]:
    """The links that bring remote speakers in, by turn: for the console (whoever runs the floor), never the
    projector or any public document."""
    return {t.id: t.connection_link for t in (floor.turns if floor else []) if t.remote and t.connection_link}


def snapshot(floor: Floor | None, block: MeetingBlock, upcoming: int | None = 2) -> dict:
    """The floor without the time-dependent part (cacheable for a fraction of a second)."""
    if floor is None:
        return {"etag": f"b{block.id}-v0", "version": 0, "block_id": block.id, "block": block.title,
                "room": block.room.name, "status": "idle", "anchor_ms": None, "paused_ms": 0,
                "current": None, "next": [], "held": None}  # fmt: skip
    speaking = current(floor)
    queue = waiting(floor)
    interrupted = held(floor)
    return {
        "etag": f"b{block.id}-v{floor.version}",
        "version": floor.version,
        "block_id": block.id,
        "block": block.title,
        "room": block.room.name,
        "status": floor.status.value,
        "anchor_ms": int(floor.anchor_at.timestamp() * 1000) if floor.anchor_at else None,
        "paused_ms": floor.paused_elapsed_ms,
        "current": turn_dict(speaking) if speaking else None,
        "next": [turn_dict(t) for t in (queue if upcoming is None else queue[:upcoming])],
        # The speech a point of order interrupted, with the time it keeps (it resumes after).
        "held": {**turn_dict(interrupted), "held_ms": floor.held_ms, "held_running": floor.held_running}
        if interrupted
        else None,
    }


def with_time(snap: dict, now: datetime) -> dict:
    """Add the server's now and the elapsed time; a client counts on from these."""
    now_ms = int(now.timestamp() * 1000)
    status = snap["status"]
    if status == "running":
        elapsed = max(0, now_ms - snap["anchor_ms"])
    elif status == "paused":
        elapsed = snap["paused_ms"]
    else:
        elapsed = 0
    out = {k: v for k, v in snap.items() if k not in ("anchor_ms", "paused_ms")}
    out["server_now_ms"], out["elapsed_ms"], out["warning_s"] = now_ms, elapsed, rules.WARNING_S
    if snap["current"]:
        out["phase"] = rules.phase(elapsed / 1000, snap["current"]["limit_s"])
    else:
        out["phase"] = "idle"
    return out


def block_for_room(room: Room) -> MeetingBlock | None:
    """The meeting a room's projector shows: the one whose floor changed last, else none (never a cancelled one)."""
    floor = db.session.scalar(
        select(Floor)
        .join(MeetingBlock, MeetingBlock.id == Floor.block_id)
        .where(Floor.room_id == room.id, MeetingBlock.cancelled_at.is_(None))
        .order_by(Floor.updated_at.desc(), Floor.id.desc())
        .limit(1)
    )
    return floor.block if floor else None


def record(floor: Floor | None) -> list[Turn]:
    """The speeches heard, in the order they began (a point of order after the speech it interrupted)."""
    if floor is None:
        return []
    return sorted((t for t in floor.turns if t.status == TurnStatus.done), key=lambda t: (t.started_at, t.id))
