"""The projector's state endpoint: cheap enough for hundreds of screens polling twice a second.

Each response carries an ETag (block and floor version); a screen that already has it gets a
bodiless 304. The database is asked at most every CACHE_S per room and worker: the figures on
the screen still come from the stored timestamps and the server's clock at answer time, so a
worker's cache can delay a change by CACHE_S at most and never shows a wrong time.
"""

import threading
import time

from flask import Response, current_app, jsonify
from sqlalchemy import select

from meetings.extensions import db
from meetings.floor import services, state
from meetings.floor.models import Floor
from meetings.programme.models import MeetingBlock, Room
from meetings.timeutil import utcnow

CACHE_S = 0.2
_cache: dict[tuple[int, int], tuple[float, tuple | None, dict | None]] = {}
_lock = threading.Lock()


def _room_snapshot(room_id: int) -> dict | None:
    room = db.session.get(Room, room_id)
    if room is None:
        return None
    block = state.block_for_room(room)
    if block is None:
        return {"etag": f"r{room.id}-idle", "version": 0, "block_id": None, "block": "", "room": room.name,
                "status": "idle", "anchor_ms": None, "paused_ms": 0, "current": None, "next": []}  # fmt: skip
    return state.snapshot(services.floor_of(block), block)


def _room_version(room_id: int) -> tuple | None:
    """One indexed row: which floor the room shows and its version. Cheap to ask often."""
    row = db.session.execute(
        select(Floor.block_id, Floor.version)
        .join(MeetingBlock, MeetingBlock.id == Floor.block_id)
        .where(Floor.room_id == room_id, MeetingBlock.cancelled_at.is_(None))  # as state.block_for_room
        .order_by(Floor.updated_at.desc(), Floor.id.desc())
        .limit(1)
    ).first()
    return tuple(row) if row else None


def cached_snapshot(room_id: int) -> dict | None:
    """The room's snapshot, rebuilt only when the (block, version) the room shows has changed."""
    key = (id(current_app), room_id)
    now = time.monotonic()
    with _lock:
        hit = _cache.get(key)
    if hit and hit[0] > now:
        return hit[2]
    marker = _room_version(room_id)
    snap = hit[2] if hit and hit[2] is not None and hit[1] == marker else _room_snapshot(room_id)
    db.session.rollback()  # end the read transaction now rather than at teardown
    with _lock:
        _cache[key] = (now + CACHE_S, marker, snap)
    return snap


def room_state_response(room_id: int, if_none_match: str | None) -> Response:
    snap = cached_snapshot(room_id)
    if snap is None:
        return jsonify({"message": "No such room.", "errors": {}}), 404
    etag = f'"{snap["etag"]}"'
    response = Response(status=304) if if_none_match == etag else jsonify(state.with_time(snap, utcnow()))
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = "no-cache"
    return response
