"""Builders and fixtures shared by the registration tests (imported by the test modules that use them)."""

import io

import pytest

from meetings.registration import services
from meetings.registration.models import Participant, Registration
from tests import factories
from tests.pdfs import PLAIN_PDF

# The smallest file that passes as a PDF (its first bytes are %PDF-).
PDF = PLAIN_PDF


def person(**over) -> dict:
    """A participant as the API and the form take it; `over` changes fields."""
    values = {"name": "Alexander Schallenberg", "title": "H.E. Mr.",
              "function": "Federal Minister for European and International Affairs", "head_of_delegation": True,
              "segment": "high_level", "attendance": "in_person"}  # fmt: skip
    return {**values, **over}


def add(client, headers: dict, code: str = "AUT", **over):
    return client.post(f"/api/v1/registration/delegations/{code}/participants", json=person(**over), headers=headers)


def upload(client, headers: dict, code: str = "AUT", data: bytes = PDF, name: str = "note.pdf"):
    return client.post(f"/api/v1/registration/delegations/{code}/note-verbale", headers=headers,
                       data={"note_verbale": (io.BytesIO(data), name)}, content_type="multipart/form-data")  # fmt: skip


def registered(cs, code: str = "AUT", people: list[dict] | None = None, *, submit: bool = True,
               approve: bool = False, username: str | None = None) -> Registration:  # fmt: skip
    """A registration made through the services by the delegation's demo user (and the secretariat's decision)."""
    delegation = factories.delegations(code)[code]
    user = factories.user(username, delegation=code) if username else factories.user(factories.demo_username(code))
    for p in people or [person()]:
        services.add_participant(cs, user, delegation, **p)
    services.upload_note_verbale(cs, user, delegation, PDF)
    if submit:
        services.submit(cs, user, delegation)
    r = services.registration_of(cs, delegation)
    if approve:
        services.approve(cs, factories.user("secretariat"), r)
    return r


def participants(db) -> list[Participant]:
    db.session.rollback()
    return list(db.session.scalars(db.select(Participant).order_by(Participant.id)))


def registration(db, code: str = "AUT") -> Registration | None:
    db.session.rollback()
    delegation = factories.delegations(code)[code]
    return db.session.scalar(db.select(Registration).where(Registration.delegation_id == delegation.id))


@pytest.fixture
def headers(token_for):
    """Bearer headers by user name, made once per test."""
    made: dict = {}

    def get(username: str) -> dict:
        if username not in made:
            made[username] = token_for(username)
        return made[username]

    return get
