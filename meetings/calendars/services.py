"""Publishing calendar feeds (the SEQUENCE each event has, for every feed) and the secret feed addresses."""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from hashlib import sha256

from flask import current_app, has_app_context
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from meetings.audit import services as audit
from meetings.auth.actors import Actor, System
from meetings.auth.models import User
from meetings.calendars import permissions
from meetings.calendars.models import CalendarAddress, PublishedEvent, PublishedFeed
from meetings.delegations.models import Delegation
from meetings.exports.ical import CANCELLED, CONFIRMED, CalendarItem, build_calendar, page_url, to_minute
from meetings.extensions import db
from meetings.i18n.languages import DEFAULT
from meetings.i18n.words import _, current_language
from meetings.locking import lock_commission_session
from meetings.programme.models import CommissionSession
from meetings.refusal import Refusal, require
from meetings.timeutil import utcnow

# Who publishes when a feed is read: nobody in particular, the rule below.
READER = System(because="a calendar feed was read; rule: an event's SEQUENCE rises when its time, place or status "
                        "changes, the same in every feed")  # fmt: skip
REFRESH = timedelta(minutes=30)
SALT = "meetings.calendars.address"


@dataclass(frozen=True)
class Feed:
    """One feed: what it is called, whether anyone may read it, and how it is written.

    `public` feeds show only what is public, and a cancelled event only if a public feed showed it
    before; the secret feeds of a delegation also show its applications and nominations awaiting a
    decision. `key` names the feed (with the language) for its ETag and Last-Modified.
    """

    key: str
    name: str
    public: bool
    tz: str
    years: tuple[int, int] | None
    language: str
    filename: str


@dataclass(frozen=True)
class Published:
    body: bytes
    etag: str
    changed_at: datetime


def feed_of(cs: CommissionSession, key: str, name: str, filename: str, public: bool = True) -> Feed:
    """A feed of this session in the current language; its time zone covers the session's years."""
    days = [d for s in cs.segments for d in (s.start_date, s.end_date)]
    years = (min(days).year, max(days).year) if days else None
    return Feed(key, name, public, cs.timezone, years, current_language(), filename)


def refresh_interval() -> timedelta:
    """How often clients should look again: the instance's CALENDAR_REFRESH, else 30 minutes."""
    return current_app.config.get("CALENDAR_REFRESH", REFRESH) if has_app_context() else REFRESH


def publish(cs_id: int, actor: Actor, feed: Feed, items: list[CalendarItem]) -> Published:
    """Keep what this feed shows of each event, then write the feed.

    An event's SEQUENCE rises by one when its time, place or status differs from what any feed last
    published, and never otherwise: clients replace their copy only with a higher SEQUENCE. Reading
    a feed therefore writes: the SEQUENCE is a promise to every client that already holds the event,
    and must be kept at the first read that shows a change, whichever feed that is. The rows are
    decided under the session's lock, so two workers serving feeds at once can neither both raise an
    event (a rise counted twice) nor both keep the old number for two different times (a rise lost).

    Not audited, by design: these rows record what the calendars showed, not a decision of anyone;
    they change only as a consequence of changes the log already holds, and an entry per reading
    would bury the log. `actor` is the system acting on the rule above (READER).
    """
    lock_commission_session(cs_id)
    shown = stamp(cs_id, items, feed.public)
    body = build_calendar(feed.name, feed.tz, shown, feed.years, refresh_interval())
    etag = sha256(body).hexdigest()
    changed_at = _note_feed(cs_id, feed, etag)
    db.session.flush()
    return Published(body, etag, changed_at)


def _now() -> datetime:
    return utcnow().replace(microsecond=0)  # an HTTP date and a DTSTAMP count whole seconds


def stamp(cs_id: int, items: list[CalendarItem], public: bool) -> list[CalendarItem]:
    """The items as published: their stored SEQUENCE, time, place, status and last change, by start.

    A cancelled item without a time is shown as it was last published, and left out where it never
    was (in a public feed: unless a public feed showed it).
    """
    now = _now()
    uids = sorted({item.uid for item in items})
    rows = {}
    if uids:
        query = select(PublishedEvent).where(PublishedEvent.commission_session_id == cs_id,
                                             PublishedEvent.uid.in_(uids))  # fmt: skip
        rows = {row.uid: row for row in db.session.scalars(query.execution_options(populate_existing=True))}
    shown = []
    for item in sorted(items, key=lambda i: i.uid):
        row = rows.get(item.uid)
        if item.starts_at is None or item.ends_at is None:
            if row is None or (public and not row.public):
                continue
            wanted = (row.starts_at, row.ends_at, row.location, CANCELLED)
        else:
            start = to_minute(item.starts_at)
            wanted = (start, max(to_minute(item.ends_at), start), item.location[:400], item.status or CONFIRMED)
        if row is None:
            row = PublishedEvent(commission_session_id=cs_id, uid=item.uid, sequence=max(item.sequence, 0),
                                 created_at=now, changed_at=now, public=public)  # fmt: skip
            row.starts_at, row.ends_at, row.location, row.status = wanted
            db.session.add(row)
        elif (row.starts_at, row.ends_at, row.location, row.status) != wanted:
            row.starts_at, row.ends_at, row.location, row.status = wanted
            row.sequence, row.changed_at = row.sequence + 1, now
        row.public = row.public or public
        shown.append(replace(item, starts_at=row.starts_at, ends_at=row.ends_at, location=row.location,
                             status=row.status, sequence=row.sequence, last_modified=row.changed_at,
                             created=row.created_at))  # fmt: skip
    return sorted(shown, key=lambda i: (i.starts_at, i.uid))


def _note_feed(cs_id: int, feed: Feed, etag: str) -> datetime:
    """Since when the feed reads as it does now (its Last-Modified), keeping its new ETag.

    An HTTP date counts whole seconds: a feed that changes twice within one second moves its date a
    second on, so that a client asking If-Modified-Since with the first date still gets the second.
    """
    row = db.session.scalar(
        select(PublishedFeed).where(
            PublishedFeed.commission_session_id == cs_id,
            PublishedFeed.key == feed.key,
            PublishedFeed.language == feed.language,
        )  # fmt: skip
    )
    if row is None:
        row = PublishedFeed(commission_session_id=cs_id, key=feed.key, language=feed.language, etag=etag,
                            changed_at=_now())  # fmt: skip
        db.session.add(row)
    elif row.etag != etag:
        row.etag, row.changed_at = etag, max(_now(), row.changed_at + timedelta(seconds=1))
    return row.changed_at


# --- secret addresses ------------------------------------------------------------------------------

Owner = Delegation | User


@dataclass(frozen=True)
class Address:
    """A secret feed address as its owner sees it."""

    owner: Owner
    version: int
    active: bool
    url: str  # https (or http): to copy into a calendar application
    webcal: str  # the same with webcal://, which opens the calendar application

    @property
    def kind(self) -> str:
        return "delegation" if isinstance(self.owner, Delegation) else "user"


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt=SALT)


def _owner_key(owner: Owner) -> list:
    return ["d", owner.id] if isinstance(owner, Delegation) else ["u", owner.id]


def _row_of(owner: Owner) -> CalendarAddress | None:
    column = CalendarAddress.delegation_id if isinstance(owner, Delegation) else CalendarAddress.user_id
    query = select(CalendarAddress).where(column == owner.id).execution_options(populate_existing=True)
    return db.session.scalar(query)


def address_of(owner: Owner, language: str | None = None) -> Address:
    """The owner's current secret address (version 1 until it is first renewed), asking for `language`
    when it is not English (a user's feed speaks the user's own language without it)."""
    row = _row_of(owner)
    version = row.version if row is not None else 1
    token = _signer().dumps([*_owner_key(owner), version])
    url = page_url("calendars.secret_feed", token=token)
    if url and language and language != DEFAULT:
        url += f"?lang={language}"
    webcal = "webcal://" + url.split("://", 1)[1] if "://" in url else ""
    return Address(owner, version, row is None or row.revoked_at is None, url, webcal)


def owner_of(token: str) -> Owner:
    """The delegation or user a secret address belongs to; refused when it was renewed or revoked."""
    unknown = Refusal(_("There is no calendar at this address."), status=404)
    try:
        kind, owner_id, version = _signer().loads(token)
    except (BadSignature, TypeError, ValueError):
        raise unknown from None
    if kind not in ("d", "u") or not isinstance(owner_id, int) or not isinstance(version, int):
        raise unknown
    owner = db.session.get(Delegation if kind == "d" else User, owner_id)
    if owner is None:
        raise unknown
    row = _row_of(owner)
    current = row.version if row is not None else 1
    if version != current or (row is not None and row.revoked_at is not None) or not getattr(owner, "active", True):
        raise Refusal(_("This calendar address was renewed or revoked. The new address is on the home page."),
                      status=410)  # fmt: skip
    return owner


def _state(row: CalendarAddress | None) -> dict:
    return {"version": row.version if row is not None else 1, "active": row is None or row.revoked_at is None}


def _label(owner: Owner) -> str:
    if isinstance(owner, Delegation):
        return f"{owner.name}'s calendar address"
    return f"Calendar address of {owner.full_name} ({owner.username})"


def _locked_row(cs: CommissionSession, actor: Actor, owner: Owner) -> tuple[CalendarAddress, dict]:
    if isinstance(owner, Delegation):
        require(permissions.can_manage_delegation_address(actor, owner),
                _("Only the delegation's own users and the secretariat can change its calendar address."))  # fmt: skip
    else:
        require(permissions.can_manage_user_address(actor, owner),
                _("Only its user and the secretariat can change a user's calendar address."))  # fmt: skip
    lock_commission_session(cs.id)  # two renewals at once make two versions, never the same one twice
    row = _row_of(owner)
    before = _state(row)
    if row is None:
        row = CalendarAddress(version=1, changed_at=utcnow())
        if isinstance(owner, Delegation):
            row.delegation = owner
        else:
            row.user = owner
        db.session.add(row)
    return row, before


def _record(cs: CommissionSession, actor: Actor, owner: Owner, row: CalendarAddress, action: str,
            before: dict) -> None:  # fmt: skip
    db.session.flush()
    delegation = owner if isinstance(owner, Delegation) else owner.delegation
    audit.record(actor, "calendars", action, target=row, commission_session=cs, label=_label(owner),
                 delegation=delegation, before=before, after=_state(row))  # fmt: skip


def renew_address(cs: CommissionSession, actor: Actor, owner: Owner) -> Address:
    """A new secret address: the old one answers 410 Gone from now on (a revoked one works again, renewed)."""
    row, before = _locked_row(cs, actor, owner)
    row.version, row.revoked_at, row.changed_at = row.version + 1, None, utcnow()
    _record(cs, actor, owner, row, "calendar_address_renewed", before)
    return address_of(owner)


def revoke_address(cs: CommissionSession, actor: Actor, owner: Owner) -> Address:
    """The secret address stops working (410 Gone) until it is renewed."""
    row, before = _locked_row(cs, actor, owner)
    if row.revoked_at is not None:
        raise Refusal(_("This calendar address is already revoked: renew it to have one again."), status=409)
    row.revoked_at = row.changed_at = utcnow()
    _record(cs, actor, owner, row, "calendar_address_revoked", before)
    return address_of(owner)
