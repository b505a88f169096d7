"""The projector's state endpoint: cheap enough for hundreds of screens polling twice a second.

Each response carries an ETag (block, floor version and language); a screen that already has it gets a
bodiless 304. The database is asked at most every CACHE_S per room and worker: the figures on
the screen still come from the stored timestamps and the server's clock at answer time, so a
worker's cache can delay a change by CACHE_S at most and never shows a wrong time.

A room's screen speaks the room's projector language (Room.projector_language), unless the
address says otherwise (?lang=); the texts in the state (role labels, names of States) are in it.
"""

import threading
import time
from dataclasses import dataclass, field

from flask import Response, current_app, jsonify
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from meetings.extensions import db
from meetings.floor import state
from meetings.floor.models import Floor, Turn
from meetings.i18n.setup import use_language
from meetings.i18n.words import _, current_language
from meetings.programme.models import MeetingBlock, Room
from meetings.timeutil import utcnow

CACHE_S = 0.2


@dataclass
class _Entry:
    """What a worker knows of a room until `expires`: its marker and its snapshot in each language asked."""

    expires: float
    marker: tuple | None  # (projector language, block shown, its version); None: no such room
    snaps: dict[str, dict] = field(default_factory=dict)


_cache: dict[tuple[int, int], _Entry] = {}
_lock = threading.Lock()


def _room_snapshot(room_id: int) -> dict | None:
    room = db.session.get(Room, room_id)
    if room is None:
        return None
    block = state.block_for_room(room)
    if block is None:
        return {"etag": f"r{room.id}-idle", "version": 0, "block_id": None, "block": "", "room": room.name,
                "status": "idle", "anchor_ms": None, "paused_ms": 0, "current": None, "next": [],
                "held": None}  # fmt: skip
    # The floor with its turns and their delegations in two statements, not one more per speaker shown.
    floor = db.session.scalar(
        select(Floor)
        .options(selectinload(Floor.turns).joinedload(Turn.delegation))
        .where(Floor.block_id == block.id)
        .execution_options(populate_existing=True)
    )
    return state.snapshot(floor, block)


def _room_version(room_id: int) -> tuple | None:
    """Two indexed rows: the room's projector language, which floor it shows and its version. Cheap to ask often."""
    room = db.session.execute(select(Room.projector_language).where(Room.id == room_id)).first()
    if room is None:
        return None
    row = db.session.execute(
        select(Floor.block_id, Floor.version)
        .join(MeetingBlock, MeetingBlock.id == Floor.block_id)
        .where(Floor.room_id == room_id, MeetingBlock.cancelled_at.is_(None))  # as state.block_for_room
        .order_by(Floor.updated_at.desc(), Floor.id.desc())
        .limit(1)
    ).first()
    return (room[0], *(tuple(row) if row else (None, None)))


def cached_snapshot(room_id: int) -> dict | None:
    """The room's snapshot in the room's projector language (or ?lang=), rebuilt only when the
    (language, block, version) the room shows has changed. The request speaks that language after the call."""
    key = (id(current_app), room_id)
    now = time.monotonic()
    with _lock:
        entry = _cache.get(key)
    if entry is None or entry.expires <= now:
        marker = _room_version(room_id)
        snaps = entry.snaps if entry is not None and entry.marker == marker else {}
        entry = _Entry(now + CACHE_S, marker, snaps)
        with _lock:
            _cache[key] = entry
    if entry.marker is None:
        db.session.rollback()
        return None
    use_language(entry.marker[0])
    language = current_language()
    snap = entry.snaps.get(language)
    if snap is None:
        snap = _room_snapshot(room_id)
        with _lock:
            entry.snaps[language] = snap
    db.session.rollback()  # end the read transaction now rather than at teardown
    return snap


def forget() -> None:
    """Drop every worker-held snapshot. A marker names a state only while ids and versions only rise:
    after the database is emptied or restored (identities restarted), the same marker can come back."""
    with _lock:
        _cache.clear()


def room_state_response(room_id: int, if_none_match: str | None) -> Response:
    snap = cached_snapshot(room_id)
    if snap is None:
        return jsonify({"message": _("No such room."), "errors": {}}), 404
    language = current_language()
    etag = f'"{snap["etag"]}-{language}"'
    if if_none_match == etag:
        response = Response(status=304)
    else:
        response = jsonify({**state.with_time(snap, utcnow()), "language": language})
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = "no-cache"
    return response
