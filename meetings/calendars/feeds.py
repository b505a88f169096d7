"""Serving a calendar feed: publish what it shows, commit once, answer with its ETag and Last-Modified.

Every feed goes through `serve`: the session agenda, a delegation's public feed, one side event's
file, and the secret feeds. Clients ask again with If-None-Match or If-Modified-Since and get a
304 while nothing changed; the bytes of an unchanged feed do not change (DTSTAMP is the last
change of each event), so neither does its ETag.
"""

from flask import Response, request

from meetings.actions import perform
from meetings.calendars import services
from meetings.exports.agenda import agenda_feed
from meetings.exports.ical import CalendarItem
from meetings.extensions import db
from meetings.programme.models import CommissionSession

CONTENT_TYPE = "text/calendar; charset=utf-8"


def serve(cs: CommissionSession, feed: services.Feed, items: list[CalendarItem], secret: bool = False) -> Response:
    """Publish the items (a GET that writes: see services.publish) and send the feed.

    The reads that built the items end first, so that the write begins a transaction of its own,
    which the runner commits: on SQLite, a transaction begun by the runner takes the write lock
    from its first statement, so it never has to upgrade a read it began before another writer.
    A secret feed is never kept by a shared cache.
    """
    cs_id = cs.id
    db.session.rollback()  # nothing was written: this only ends the reads
    published = perform(lambda: services.publish(cs_id, services.READER, feed, items))
    response = Response(published.body, status=200, content_type=CONTENT_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{feed.filename}"'
    response.set_etag(published.etag)
    response.last_modified = published.changed_at
    response.cache_control.no_cache = True  # keep it, but ask whether it changed (a 304 when it did not)
    if secret:
        response.cache_control.private = True
        response.headers["X-Robots-Tag"] = "noindex"
        response.headers["Referrer-Policy"] = "no-referrer"
    response.vary.update(("Accept-Language", "Cookie"))  # the words follow the reader's language
    return response.make_conditional(request)


def serve_agenda(cs: CommissionSession, delegation=None, private: bool = False, secret: bool = False) -> Response:
    """The session agenda, a delegation's public feed or (private) its secret feed."""
    feed, items = agenda_feed(cs, delegation, private)
    return serve(cs, feed, items, secret=secret)
