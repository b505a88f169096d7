"""Signed-in browsers, ended on the server: signing out, going idle, or a day's length.

The session cookie (signed, HTTP only) carries a random id; the database keeps its hash and whether it
ended. A cookie copied before signing out finds its row ended and counts for nothing. The idle and
absolute limits come from the configuration (SESSION_IDLE_MINUTES, SESSION_MAX_HOURS); the time of the
last request is kept in the signed cookie, so a page view costs no write.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app, session

from meetings.auth.models import SignedIn, User
from meetings.extensions import db
from meetings.timeutil import utcnow

SID, SEEN = "sid", "seen"


def _hash(sid: str) -> str:
    return hashlib.sha256(sid.encode()).hexdigest()


def start(user: User, now: datetime | None = None) -> str:
    """A new signed-in browser for `user`; its id goes into the cookie (`remember`)."""
    sid = secrets.token_urlsafe(32)
    db.session.add(SignedIn(id_hash=_hash(sid), user_id=user.id, started_at=now or utcnow()))
    return sid


def remember(sid: str, now: datetime | None = None) -> None:
    session[SID], session[SEEN] = sid, (now or utcnow()).timestamp()


def end(now: datetime | None = None) -> None:
    """Sign this browser out on the server."""
    sid = session.get(SID)
    row = db.session.get(SignedIn, _hash(sid)) if sid else None
    if row is not None and row.ended_at is None:
        row.ended_at = now or utcnow()


def counts_for(user: User, now: datetime | None = None) -> bool:
    """Whether this browser's cookie still signs `user` in; refreshes the time it was last seen."""
    now = now or utcnow()
    sid, seen = session.get(SID), session.get(SEEN)
    if not sid or seen is None:
        return False
    row = db.session.get(SignedIn, _hash(sid))
    idle = timedelta(minutes=current_app.config["SESSION_IDLE_MINUTES"])
    longest = timedelta(hours=current_app.config["SESSION_MAX_HOURS"])
    if row is None or row.user_id != user.id or row.ended_at is not None:
        return False
    if now - datetime.fromtimestamp(seen, now.tzinfo) > idle or now - row.started_at > longest:
        return False
    session[SEEN] = now.timestamp()
    return True
