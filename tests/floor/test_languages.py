"""The floor in the six languages: the console, the nameplate, a delegation's requests, refusals, and
the projector that speaks its room's language (Room.projector_language; ?lang= overrides it)."""

import html
import json
import re
import time

import pytest

from meetings.floor import screen, services
from meetings.floor.models import RequestStatus
from meetings.programme.models import Room
from meetings.refusal import Refusal
from tests.floor.conftest import chair, version_of


def text(response) -> str:
    """The page as a reader reads it (' is an apostrophe)."""
    return html.unescape(response.get_data(as_text=True))


def words_of(page: str) -> dict:
    """The words a page gives its scripts (the clock's labels, what the live region says)."""
    return json.loads(re.search(r'<script type="application/json" id="floor-words">(.*?)</script>', page, re.S)[1])


def set_projector_language(db, room_id: int, language: str | None) -> None:
    """As the rooms page will set it (the programme's part); here the column directly."""
    db.session.get(Room, room_id).projector_language = language
    db.session.commit()
    screen._cache.clear()  # this worker's cache: the test need not wait for it


def test_the_console_speaks_french_and_english_stays_as_it_was(db, client, log_in, gd_block):
    log_in("chair")
    french = text(client.get(f"/floor/blocks/{gd_block.id}?lang=fr"))
    assert '<html lang="fr" dir="ltr">' in french
    assert "Donner la parole à Kenya" in french and "Orateurs suivants" in french and "Autriche" in french
    assert "Raccourcis clavier" in french and "Déclaration nationale" in french and "Au nom d'un groupe" in french
    assert "Give the floor to" not in french and "Next speakers" not in french
    english = text(client.get(f"/floor/blocks/{gd_block.id}"))
    assert "Give the floor to Kenya" in english and "Next speakers" in english and "Keyboard shortcuts" in english
    assert "National statement" in english and "Austria" in english


def test_a_refusal_on_the_console_is_in_spanish_and_changes_nothing(db, client, log_in, gd_block, floor_state):
    log_in("chair")
    before = version_of(gd_block)
    url = f"/floor/blocks/{gd_block.id}"
    paused = client.post(url + "/act", data={"action": "pause", "version": before}, headers={"Accept-Language": "es"})
    assert paused.status_code == 409 and "No hay ninguna intervención en curso." in text(paused)
    turn = services.floor_of(gd_block).turns[1]
    bad = client.post(f"{url}/turns/{turn.id}/limit", data={"limit_s": "five"}, headers={"Accept-Language": "es"})
    assert bad.status_code == 400
    assert "No se hizo: Límite (m:ss): Escriba el límite en minutos y segundos, por ejemplo 5:00." in text(bad)
    assert floor_state(gd_block).version == before and floor_state(gd_block).turns[1].limit_s == turn.limit_s
    english = client.post(url + "/act", data={"action": "pause", "version": before})
    assert english.status_code == 409 and "No speech is running." in text(english)


def test_api_refusals_speak_the_readers_language(db, client, gd_block, chair_api, token_for, floor_state):
    before = version_of(gd_block)
    url = f"/api/v1/floor/blocks/{gd_block.id}"
    russian = client.post(url + "/actions", json={"action": "end", "version": before},
                          headers={**chair_api.headers, "Accept-Language": "ru"})  # fmt: skip
    assert russian.status_code == 409 and russian.get_json()["message"] == "Слово никому не предоставлено."
    chinese = client.post(url + "/turns", json={"delegation": "Narnia", "role": "other"},
                          headers={**chair_api.headers, "Accept-Language": "zh"})  # fmt: skip
    assert chinese.status_code == 422
    assert chinese.get_json()["errors"]["delegation"] == ["没有名称或代码为“Narnia”的代表团；请从列表中选择一个名称。"]
    arabic = client.post(url + "/requests", json={}, headers={**token_for("austria"), "Accept-Language": "ar"})
    assert arabic.status_code == 400
    assert arabic.get_json()["message"] == (
        "تُطلب الكلمة في المائدة المستديرة؛ أما في المناقشة العامة فقائمة المتكلمين هي التي تحدد ذلك."
    )
    missing = client.get("/api/v1/floor/blocks/999999", headers={**chair_api.headers, "Accept-Language": "fr"})
    assert missing.status_code == 404 and missing.get_json()["message"] == (
        "Il n'existe pas de séance de ce type où la parole est donnée."
    )
    assert floor_state(gd_block).version == before
    english = chair_api(f"/floor/blocks/{gd_block.id}/actions", {"action": "end", "version": before})
    assert english.get_json()["message"] == "Nobody has the floor."


def test_a_delegation_asks_for_the_floor_in_french_and_reads_where_it_stands(db, client, log_in, rt_block):
    log_in("austria")
    page = text(client.get(f"/floor/blocks/{rt_block.id}/nameplate?lang=fr"))
    assert "Demander la parole" in page and "Request the floor" not in page
    asked = client.post(f"/floor/blocks/{rt_block.id}/requests?lang=fr", data={"speaker_name": ""})
    assert asked.status_code == 302
    page = text(client.get(f"/floor/blocks/{rt_block.id}/nameplate?lang=fr"))
    assert "Autriche a demandé la parole : position 4 dans la file d'attente." in page
    again = client.post(f"/floor/blocks/{rt_block.id}/requests", data={}, headers={"Accept-Language": "fr"})
    assert again.status_code == 302  # back to the nameplate, with the refusal
    page = text(client.get(f"/floor/blocks/{rt_block.id}/nameplate?lang=fr"))
    assert (
        "Autriche a déjà demandé la parole lors de cette table ronde ; sa demande est dans la file d'attente." in page
    )
    home = text(client.get("/delegations/AUT?lang=fr"))
    assert "Tables rondes : demander la parole" in home and "Dans la file d'attente, en position 4." in home
    assert ">ouverte</span>" in home
    english = text(client.get("/delegations/AUT"))
    assert "In the queue as number 4." in english and ">open</span>" in english
    assert RequestStatus.open.label == "open"  # outside a request: English


def test_the_projector_speaks_its_rooms_language_and_lang_overrides_it(db, client, gd_block, chair_api):
    started = chair_api(f"/floor/blocks/{gd_block.id}/actions", {"action": "start", "version": version_of(gd_block)})
    assert started.status_code == 200
    set_projector_language(db, gd_block.room_id, "fr")
    room = gd_block.room_id
    page = text(client.get(f"/floor/rooms/{room}/screen", headers={"Accept-Language": "en"}))
    assert '<html lang="fr" dir="ltr">' in page and "À suivre" in page
    assert words_of(page)["over"] == "Temps dépassé" and words_of(page)["warning"] == "30 dernières secondes"
    assert words_of(page)["say_speaker"] == "%(speaker)s a la parole."  # the script names the speaker
    state = client.get(f"/floor/rooms/{room}/state.json").get_json()
    assert state["language"] == "fr" and state["current"]["role_label"] == "Au nom d'un groupe"
    assert [n["shown_delegation"] for n in state["next"]] == ["Autriche", "Brésil"]
    assert [n["delegation"] for n in state["next"]] == ["Austria", "Brazil"]  # data stays as it is
    api = client.get(f"/api/v1/floor/rooms/{room}/state").get_json()
    assert api["language"] == "fr" and api["next"][0]["role_label"] == "Déclaration nationale"

    arabic = text(client.get(f"/floor/rooms/{room}/screen?lang=ar"))
    assert (
        '<html lang="ar" dir="rtl">' in arabic and f'data-state-url="/floor/rooms/{room}/state.json?lang=ar"' in arabic
    )
    state_ar = client.get(f"/floor/rooms/{room}/state.json?lang=ar")
    assert state_ar.get_json()["next"][0]["shown_delegation"] == "النمسا"
    assert state_ar.get_json()["current"]["role_label"] == "باسم مجموعة"
    # The same floor in another language is another document: a screen never gets a 304 for it.
    state_fr = client.get(f"/floor/rooms/{room}/state.json")
    assert state_ar.headers["ETag"] != state_fr.headers["ETag"]
    assert client.get(f"/floor/rooms/{room}/state.json?lang=ar",
                      headers={"If-None-Match": state_fr.headers["ETag"]}).status_code == 200  # fmt: skip

    set_projector_language(db, room, None)  # no language of its own: the reader's, English by default
    plain = client.get(f"/floor/rooms/{room}/state.json").get_json()
    assert plain["language"] == "en" and plain["current"]["role_label"] == "On behalf of a group"
    assert '<html lang="en" dir="ltr">' in text(client.get(f"/floor/rooms/{room}/screen"))
    spanish = client.get(f"/floor/rooms/{room}/state.json", headers={"Accept-Language": "es"}).get_json()
    assert spanish["current"]["role_label"] == "En nombre de un grupo"


def test_a_room_whose_language_changes_is_followed_within_the_cache_time(db, client, gd_block):
    room = gd_block.room_id
    set_projector_language(db, room, "zh")
    assert client.get(f"/floor/rooms/{room}/state.json").get_json()["language"] == "zh"
    db.session.get(Room, room).projector_language = "ru"
    db.session.commit()  # the cache is not cleared: the marker it compares holds the language
    time.sleep(screen.CACHE_S + 0.05)
    state = client.get(f"/floor/rooms/{room}/state.json").get_json()
    assert state["language"] == "ru" and state["next"][0]["shown_delegation"] == "Кения"
    assert "Далее" in text(client.get(f"/floor/rooms/{room}/screen"))
    missing = client.get("/floor/rooms/999999/state.json", headers={"Accept-Language": "es"})
    assert missing.status_code == 404 and missing.get_json()["message"] == "No existe tal sala."


def test_the_services_speak_english_outside_a_request(db, gd_block):
    """A service called by a command or a test has no reader: its refusals are in English."""
    with pytest.raises(Refusal, match="No speech is running."):
        services.act(gd_block, chair(db), "pause", version_of(gd_block))
