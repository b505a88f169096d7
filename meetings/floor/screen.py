"""The projector's state endpoint: cheap enough for hundreds of screens polling twice a second.

Each response carries an ETag (block, floor version and language); a screen that already has it gets a
bodiless 304. The database is asked at most every CACHE_S per room and worker: the figures on
the screen still come from the stored timestamps and the server's clock at answer time, so a
worker's cache can delay a change by 2 × CACHE_S at most (an expired entry still answers while one
poll refreshes it) and never shows a wrong time.

A poll that the worker's fresh cache can answer is answered before Flask sees it (`CachedPolls`): no
request context, hooks or database, the same answer and headers. The app is asked only to refresh an
expired entry or build a language not yet built.

A room's screen speaks the room's projector language (Room.projector_language), unless the
address says otherwise (?lang=); the texts in the state (role labels, names of States) are in it.
"""

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from flask import Flask, Response, current_app, jsonify
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from meetings.extensions import db
from meetings.floor import state
from meetings.floor.models import Floor, Turn
from meetings.headers import protect
from meetings.i18n.languages import is_language
from meetings.i18n.setup import language_of, use_language
from meetings.i18n.words import _, current_language
from meetings.programme.models import MeetingBlock, Room
from meetings.timeutil import utcnow

CACHE_S = 0.1


@dataclass
class _Entry:
    """What a worker knows of a room until `expires`: its marker and its snapshot in each language asked."""

    expires: float
    marker: tuple | None  # (projector language, block shown, its version); None: no such room
    snaps: dict[str, dict] = field(default_factory=dict)
    refresh_asked: float | None = None  # when a poll went to the app to refresh this expired entry


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
    key = (id(current_app._get_current_object()), room_id)
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


def _answer(app: Flask, snap: dict, language: str, if_none_match: str | None) -> Response:
    """The state with the server's time, or 304 when the screen already has it."""
    etag = f'"{snap["etag"]}-{language}"'
    if if_none_match == etag:
        response = Response(status=304)
    else:
        response = app.json.response({**state.with_time(snap, utcnow()), "language": language})
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = "no-cache"
    return response


def room_state_response(room_id: int, if_none_match: str | None) -> Response:
    snap = cached_snapshot(room_id)
    if snap is None:
        return jsonify({"message": _("No such room."), "errors": {}}), 404
    return _answer(current_app, snap, current_language(), if_none_match)


class CachedPolls:
    """WSGI middleware: answer a room's poll from the worker's fresh cache, before the app.

    Hundreds of screens poll twice a second; a request context, the session and the hooks would
    cost more than the answer. A GET of a room's state (no query but `?lang=`) is answered here
    when the worker's unexpired entry holds the snapshot in the language the app would choose:
    the same answer as the app's (`_answer`), with the headers the app gives every response (the
    state varies by the session cookie there, so it says so here too). That language is chosen by
    the app's own rule; a signed-in poll whose language the address and the room leave open goes
    to the app, which knows the person's choice. Everything else (an expired entry, a language not
    yet built, another address or method) goes to the app, which refreshes the entry.
    """

    def __init__(self, app: Flask, wsgi_app: Callable) -> None:
        self.app, self.wsgi_app = app, wsgi_app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        response = self.answer(environ) if environ.get("PATH_INFO", "").endswith("/state.json") else None
        if response is None:
            return self.wsgi_app(environ, start_response)
        return response(environ, start_response)

    def _fresh_or_being_refreshed(self, room_id: int) -> _Entry | None:
        """The room's entry while it is fresh. Once it expires, the first poll goes to the app to refresh it
        and the others keep the entry for up to CACHE_S more rather than all asking the database at once."""
        now = time.monotonic()
        with _lock:
            entry = _cache.get((id(self.app), room_id))
            if entry is None or entry.expires > now:
                return entry
            if entry.refresh_asked is None or entry.refresh_asked + CACHE_S <= now:
                entry.refresh_asked = now
                return None
            return entry if now < entry.expires + CACHE_S else None

    def answer(self, environ: dict) -> Response | None:
        if environ.get("REQUEST_METHOD") != "GET":
            return None
        try:
            endpoint, args = self.app.url_map.bind_to_environ(environ).match()
        except Exception:  # no route, another method, a redirect: the app answers that
            return None
        if endpoint != "floor.room_state":
            return None
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if query and (list(query) != ["lang"] or len(query["lang"]) != 1 or not is_language(query["lang"][0])):
            return None
        entry = self._fresh_or_being_refreshed(args["room_id"])
        if entry is None or entry.marker is None:
            return None
        asked_language, room_language = query.get("lang", [None])[0], entry.marker[0]
        signed_in = "HTTP_COOKIE" in environ or "HTTP_AUTHORIZATION" in environ  # may have a language of their own
        if signed_in and not (is_language(asked_language) or is_language(room_language)):
            return None
        accepted = parse_accept_header(environ.get("HTTP_ACCEPT_LANGUAGE"), LanguageAccept)
        language = language_of(asked_language, room_language, accepted)
        snap = entry.snaps.get(language)
        if snap is None:
            return None
        response = _answer(self.app, snap, language, environ.get("HTTP_IF_NONE_MATCH"))
        protect(response.headers, secure=environ.get("wsgi.url_scheme") == "https", signed_in=False)
        response.vary.add("Cookie")
        return response
