"""Two secretariat users publishing at the same moment, each from its own thread: never two versions
with one number (SQLite and PostgreSQL)."""

from datetime import timedelta

from sqlalchemy import select

from meetings.auth.models import Role
from meetings.publication.models import PublishedVersion
from meetings.timeutil import utcnow
from tests import factories
from tests.concurrency import at_once

NOTHING = "Nothing has changed in the speakers list since version {n} was published: no new version was made."


def numbers(db) -> list[int]:
    db.session.rollback()
    return list(db.session.scalars(select(PublishedVersion.number).order_by(PublishedVersion.number)))


def test_two_publishers_at_once_make_one_version_each_change_never_two_with_one_number(app, cs, db, token_for,
                                                                                       make_user):  # fmt: skip
    cs.rules.gd_inscription_closes = utcnow() + timedelta(days=1)
    for code in ("AUT", "KEN", "PER"):
        factories.inscription(cs, code)
    factories.draw(cs)
    db.session.commit()
    make_user("secretariat2", Role.secretariat)
    one, two = token_for("secretariat"), token_for("secretariat2")
    call = [
        ("POST", "/api/v1/publication/speakers_list", one, {}),
        ("POST", "/api/v1/publication/speakers_list", two, {}),
    ]

    first = at_once(app, call)
    assert sorted(status for status, _ in first) == [201, 409]
    assert next(body for status, body in first if status == 409)["message"] == NOTHING.format(n=1)
    assert numbers(db) == [1]

    factories.inscription(cs, "BRA")  # late: at the end of the list
    db.session.commit()
    second = at_once(app, call)
    made = sorted(body["number"] for status, body in second if status == 201)
    assert made == [2]
    assert numbers(db) == [1, 2]
