"""Sign-in throttling per account and per address, kept in the database so that every worker sees it.

Each key (an account name, a client address) has a number of free failures; each failure beyond
them doubles the wait before the next attempt from that key, up to MAX_WAIT: an attacker is slowed
to a few guesses an hour, and a delegate who mistyped is never locked out for good. An hour
without failure forgets them; a successful sign-in forgets the account's. While a key waits, an
attempt is answered at once (429, Retry-After) without checking the password, so it teaches nothing.

A failure is one atomic upsert (INSERT … ON CONFLICT DO UPDATE failures = failures + 1): two workers
counting failures of one key at the same moment never lose one.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, delete
from sqlalchemy.dialects import postgresql, sqlite

from meetings.auth import services
from meetings.auth.models import LoginThrottle, User
from meetings.extensions import db
from meetings.timeutil import utcnow

FREE_FAILURES = {"account": 5, "address": 20}
MAX_WAIT = timedelta(minutes=15)
FORGET_AFTER = timedelta(hours=1)


@dataclass(frozen=True)
class SignIn:
    """What an attempt came to: the user, or no user; `retry_after` seconds when it came too soon."""

    user: User | None
    retry_after: int = 0


def wait_after(kind: str, failures: int) -> timedelta:
    """How long a key waits after its n-th failure in a row: nothing while free, then 2, 4, 8 … seconds."""
    beyond = failures - FREE_FAILURES[kind]
    if beyond <= 0:
        return timedelta(0)
    return min(timedelta(seconds=2**beyond), MAX_WAIT)


def _keys(username: str, address: str | None) -> list[tuple[str, str]]:
    return [("account", (username or "").strip().lower()[:200]), ("address", (address or "unknown")[:200])]


def seconds_to_wait(username: str, address: str | None, now: datetime | None = None) -> int:
    now = now or utcnow()
    waits = [0]
    for kind, key in _keys(username, address):
        row = db.session.get(LoginThrottle, (kind, key))
        if row is not None and now - row.last_failure_at < FORGET_AFTER:
            until = row.last_failure_at + wait_after(kind, row.failures)
            waits.append(math.ceil((until - now).total_seconds()))
    return max(waits)


def _count_failure(kind: str, key: str, now: datetime) -> None:
    insert = (postgresql if db.engine.dialect.name == "postgresql" else sqlite).insert
    stmt = insert(LoginThrottle).values(kind=kind, key=key, failures=1, last_failure_at=now)
    table = LoginThrottle.__table__
    stale = table.c.last_failure_at < now - FORGET_AFTER
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.kind, table.c.key],
        set_={"failures": case((stale, 1), else_=table.c.failures + 1), "last_failure_at": now},
    )
    db.session.execute(stmt)


def sign_in(username: str, password: str, address: str | None, now: datetime | None = None) -> SignIn:
    """An attempt to sign in from `address`; run inside the request's one commit (meetings.actions)."""
    now = now or utcnow()
    wait = seconds_to_wait(username, address, now)
    if wait > 0:
        return SignIn(None, wait)
    user = services.authenticate(username, password)
    if user is None:
        for kind, key in _keys(username, address):
            _count_failure(kind, key, now)
        return SignIn(None)
    kind, key = _keys(username, address)[0]
    db.session.execute(delete(LoginThrottle).where(LoginThrottle.kind == kind, LoginThrottle.key == key))
    return SignIn(user)
