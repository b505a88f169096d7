"""One check of what comes in: control characters, lone surrogates, foreign body types, deep nesting and
ids beyond the database's range are refused before any route runs, with JSON under /api/."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from meetings.debate.models import Inscription
from meetings.timeutil import utcnow
from tests import factories


@pytest.fixture
def gd(db):
    """CND 67 with inscription open for another day."""
    cs = factories.cnd67(gd_inscription_closes=utcnow() + timedelta(days=1))
    db.session.commit()
    return cs


def _inscriptions(db) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count(Inscription.id)))


@pytest.mark.parametrize("bad", ["Ana\x00Lima", "Ana\x07Lima", "Ana\x1bLima", "Ana\ud800Lima", "Ana\x7fLima"])
def test_a_name_with_a_control_or_invalid_character_is_refused_and_nothing_is_stored(client, gd, db, token_for,
                                                                                     bad):  # fmt: skip
    sent = client.post("/api/v1/debate/inscriptions", headers=token_for("austria"),
                       json={"speaker_name": bad, "level": "ministerial"})  # fmt: skip
    assert sent.status_code == 422 and "not allowed" in sent.get_json()["message"]
    assert _inscriptions(db) == 0


def test_tabs_and_line_ends_stay_allowed(client, gd, db, token_for):
    sent = client.post(
        "/api/v1/debate/inscriptions",
        headers=token_for("austria"),
        json={"speaker_name": "Ana Lima", "speaker_title": "Minister\tof Health", "level": "ministerial"},
    )
    assert sent.status_code == 201, sent.get_json()


def test_a_page_form_with_a_nul_is_refused_too(client, gd, db, log_in):
    log_in("austria")
    page = client.post("/debate/inscribe", data={"speaker_name": "Ana\x00Lima", "level": "ministerial"})
    assert page.status_code == 422 and "not allowed" in page.text
    assert _inscriptions(db) == 0


def test_a_json_route_sent_another_type_answers_415(client, gd, db, token_for):
    sent = client.post(
        "/api/v1/debate/inscriptions",
        headers=token_for("austria"),
        data="speaker_name=Ana&level=ministerial",
        content_type="application/x-www-form-urlencoded",
    )
    assert sent.status_code == 415 and sent.is_json and "JSON" in sent.get_json()["message"]
    assert _inscriptions(db) == 0


def test_deep_nesting_answers_400_before_it_is_parsed(client, gd, token_for):
    deep = "[" * 100_000 + "]" * 100_000
    sent = client.post("/api/v1/debate/inscriptions", headers=token_for("austria"), data=deep,
                       content_type="application/json")  # fmt: skip
    assert sent.status_code == 400 and "nested too deeply" in sent.get_json()["message"]


def test_ids_beyond_the_databases_range_are_not_found(client, gd, token_for):
    for path in ("/side-events/99999999999999999999", "/api/v1/side-events/2147483648",
                 "/floor/rooms/9223372036854775808/state.json", "/roundtables/4294967296"):  # fmt: skip
        response = client.get(path, headers=token_for("secretariat"))
        assert response.status_code == 404, path
    assert client.get("/api/v1/side-events/2147483648").is_json


def test_a_server_error_under_the_api_is_json(test_config):
    from meetings import create_app

    app = create_app(dict(test_config))

    @app.get("/api/v1/test-fails")
    def fails():
        raise RuntimeError("a bug")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/api/v1/test-fails")
    assert response.status_code == 500 and response.is_json and "not saved" in response.get_json()["message"]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "2200-01-01"])
def test_a_date_out_of_any_sensible_range_is_refused_and_nothing_is_added(client, gd, db, token_for, day):
    from meetings.programme.models import MeetingBlock, Room

    room = db.session.scalars(select(Room.id)).first()
    before = db.session.scalar(select(func.count(MeetingBlock.id)))
    block = {"title": "Extra meeting", "kind": "plenary", "day": day, "start": "10:00", "end": "11:00",
             "room_id": room}  # fmt: skip
    sent = client.post("/api/v1/session/blocks", json=block, headers=token_for("secretariat"))
    assert sent.status_code == 422 and "between the years 1900 and 2199" in sent.get_json()["message"]
    db.session.rollback()
    assert db.session.scalar(select(func.count(MeetingBlock.id))) == before
    fine = client.post("/api/v1/session/blocks", json={**block, "day": "2024-03-18"}, headers=token_for("secretariat"))
    assert fine.status_code == 201, fine.get_json()
