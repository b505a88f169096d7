"""The session's set-up in the reader's language, and each room's projector language.

Pages and refusals speak the language asked for (?lang=, Accept-Language) and English stays as it
was; the secretariat sets a room's projector language on the session page and through the API
(one of the six, refused otherwise with nothing changed, each change recorded once).
"""

import threading

import pytest
from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.programme.models import MeetingBlock, Room
from tests.conftest import browser_login, screenshot, thread_client

PLENARY = "Plenary Hall (M Building)"


def room_named(db, name: str) -> Room | None:
    db.session.rollback()
    return db.session.scalar(select(Room).where(Room.name == name))


def room_entries(db, action: str) -> list[AuditEntry]:
    db.session.rollback()
    stmt = select(AuditEntry).where(AuditEntry.feature == "programme", AuditEntry.action == action)
    return list(db.session.scalars(stmt.order_by(AuditEntry.id)))


def counts(db) -> tuple[int, int]:
    db.session.rollback()
    return db.session.scalar(select(func.count(Room.id))), db.session.scalar(select(func.count(AuditEntry.id)))


@pytest.fixture
def sec(token_for, cs):
    return token_for("secretariat")


# --- pages and refusals in the reader's language ------------------------------------------------


def test_the_session_page_reads_in_french_and_stays_english_otherwise(client, cs):
    french = client.get("/session/?lang=fr").get_data(as_text=True)
    assert "Règles de cette session" in french and "Débat de haut niveau : du" in french
    assert "<th>Séance</th>" in french and "<th>Salle</th>" in french
    assert "Clôture des inscriptions" in french and "Les salles et ce qui les occupe" in french
    assert "Rules of this session" not in french
    english = client.get("/session/").get_data(as_text=True)
    assert (
        "Rules of this session" in english
        and "High-level segment: Thursday 14 March to Friday 15 March 2024" in english
    )
    assert "<th>Meeting</th>" in english and "Rooms and what holds them" in english


def test_the_rooms_page_names_meetings_in_arabic_and_chinese(client, cs):
    arabic = client.get("/session/rooms?lang=ar").get_data(as_text=True)
    assert 'dir="rtl"' in arabic and "القاعات" in arabic
    assert "الجلسة «General debate, 1st meeting»" in arabic and "جهاز العرض: الإنجليزية" in arabic
    chinese = client.get("/session/rooms?lang=zh").get_data(as_text=True)
    assert "会议“General debate, 1st meeting”" in chinese and "占用者" in chinese
    english = client.get("/session/rooms").get_data(as_text=True)
    assert "The meeting “General debate, 1st meeting”" in english and "Projector: English" in english


def test_a_refused_rule_says_why_in_spanish_and_changes_nothing(client, cs, sec, db):
    rules = client.get("/api/v1/session", headers=sec).get_json()["rules"]
    bad = {**rules, "gd_limit_national_min": 5, "gd_limit_group_min": 7, "rt_limit_panelist_min": 5,
           "rt_limit_floor_min": 3, "hl_window_closes": rules["hl_window_opens"][:16]}  # fmt: skip
    bad = {k: v[:16] if isinstance(v, str) and k.startswith(("hl_window", "gd_insc", "nomin")) else v
           for k, v in bad.items() if v is not None}  # fmt: skip
    before = counts(db)
    refused = client.put("/api/v1/session/rules", json=bad, headers={**sec, "Accept-Language": "es"})
    assert refused.status_code == 400, refused.get_json()
    assert refused.get_json()["message"] == (
        "Las normas no se han guardado: El plazo de presentación de solicitudes debe cerrarse después de abrirse."
    )
    assert counts(db) == before
    english = client.put("/api/v1/session/rules", json=bad, headers=sec).get_json()["message"]
    assert english == "The rules were not saved: The application window must close after it opens."


def test_a_room_clash_is_refused_in_arabic_naming_the_meeting(client, cs, sec, db):
    plenary = room_named(db, PLENARY).id
    body = {"title": "Bureau", "kind": "plenary", "day": "2024-03-14", "start": "11:00", "end": "12:00",
            "room_id": plenary}  # fmt: skip
    refused = client.post("/api/v1/session/blocks", json=body, headers={**sec, "Accept-Language": "ar"})
    assert refused.status_code == 409
    assert refused.get_json()["message"].startswith(
        "Plenary Hall (M Building) تشغلها في ذلك الوقت الجلسة «General debate, 1st meeting» (الخميس، 14 مارس"
    )
    assert refused.get_json()["errors"] == {"room_id": ["تشغلها في ذلك الوقت الجلسة «General debate, 1st meeting»."]}
    db.session.rollback()
    assert db.session.scalar(select(MeetingBlock).where(MeetingBlock.title == "Bureau")) is None


def test_a_form_refused_on_the_page_says_why_in_russian(log_in, cs, db):
    browser = log_in("secretariat")
    before = counts(db)
    page = browser.post("/session/details?lang=ru", data={
        "name": "CND 67", "venue": "Vienna", "timezone": "Mars/Olympus", "hl_start": "2024-03-14",
        "hl_end": "2024-03-15", "regular_start": "2024-03-18", "regular_end": "2024-03-22"})  # fmt: skip
    html = page.get_data(as_text=True)
    assert page.status_code == 400
    assert "Сессия не изменена: Mars/Olympus не является названием часового пояса" in html
    assert "Сведения о сессии" in html and "Часовой пояс" in html
    assert counts(db) == before


def test_the_api_s_refusal_names_who_may_in_french(client, cs, token_for):
    refused = client.post("/api/v1/session/rooms", json={"name": "Room X"},
                          headers={**token_for("austria"), "Accept-Language": "fr"})  # fmt: skip
    assert refused.status_code == 403
    assert "Détails, règles, séances et salles : le secrétariat." in refused.get_json()["message"]


# --- the projector language of a room -----------------------------------------------------------


def test_the_secretariat_adds_a_room_with_its_projector_language_on_the_page(log_in, cs, db):
    browser = log_in("secretariat")
    form = browser.get("/session/").get_data(as_text=True)
    assert 'name="projector_language"' in form and '<option value="fr">French</option>' in form
    done = browser.post("/session/rooms", data={"name": "Room M2", "capacity": "40", "projector_language": "fr"})
    assert done.status_code == 302
    room = room_named(db, "Room M2")
    assert (room.capacity, room.projector_language) == (40, "fr")
    assert room_entries(db, "room.add")[-1].after == {"name": "Room M2", "capacity": 40, "projector_language": "fr"}
    page = browser.get("/session/").get_data(as_text=True)
    assert "Room M2 (40 seats)" in page and "projector in French" in page


def test_english_is_kept_as_no_language_and_listed_as_en(log_in, cs, db, client):
    log_in("secretariat").post("/session/rooms", data={"name": "Room M2", "projector_language": "en"})
    assert room_named(db, "Room M2").projector_language is None
    assert room_entries(db, "room.add")[-1].after == {"name": "Room M2", "capacity": None}
    listed = {r["name"]: r for r in client.get("/api/v1/session/rooms").get_json()}
    assert listed["Room M2"]["projector_language"] == "en"


def test_a_language_not_of_the_six_is_refused_on_the_page_and_nothing_changes(log_in, cs, db):
    browser = log_in("secretariat")
    before = counts(db)
    browser.post("/session/rooms", data={"name": "Room M2", "projector_language": "de"})
    page = browser.get("/session/").get_data(as_text=True)
    assert "The room was not added: Language of the projector: Choose one of the six languages:" in page
    assert counts(db) == before and room_named(db, "Room M2") is None
    plenary = room_named(db, PLENARY)
    changed = browser.post(f"/session/rooms/{plenary.id}", data={"name": PLENARY, "projector_language": "klingon"})
    assert changed.status_code == 400
    assert "Choose one of the six languages: ar, zh, en, fr, ru or es." in changed.get_data(as_text=True)
    assert counts(db) == before and room_named(db, PLENARY).projector_language is None


def test_the_secretariat_changes_a_room_s_projector_language_on_its_page(log_in, cs, db):
    browser = log_in("secretariat")
    plenary = room_named(db, PLENARY)
    page = browser.get(f"/session/rooms/{plenary.id}").get_data(as_text=True)
    assert "Room: Plenary Hall (M Building)" in page and '<option selected value="en">English</option>' in page
    saved = browser.post(f"/session/rooms/{plenary.id}", data={"name": PLENARY, "projector_language": "ar"})
    assert saved.status_code == 302
    assert room_named(db, PLENARY).projector_language == "ar"
    [entry] = room_entries(db, "room.update")
    assert (entry.before, entry.after, entry.record_label) == ({"projector_language": "en"},
                                                              {"projector_language": "ar"}, PLENARY)  # fmt: skip
    again = browser.post(f"/session/rooms/{plenary.id}", data={"name": PLENARY, "projector_language": "ar"})
    assert again.status_code == 302 and len(room_entries(db, "room.update")) == 1  # no change, no entry


def test_the_api_creates_and_changes_a_room_s_projector_language(client, cs, sec, db):
    made = client.post("/api/v1/session/rooms", json={"name": "Room M2", "capacity": 40, "projector_language": "zh"},
                       headers=sec)  # fmt: skip
    assert made.status_code == 201
    assert made.get_json() == {"id": made.get_json()["id"], "name": "Room M2", "capacity": 40,
                               "projector_language": "zh"}  # fmt: skip
    changed = client.put(f"/api/v1/session/rooms/{made.get_json()['id']}",
                         json={"name": "Room M2", "capacity": 40, "projector_language": "ru"}, headers=sec)  # fmt: skip
    assert changed.status_code == 200 and changed.get_json()["projector_language"] == "ru"
    listed = {r["name"]: r for r in client.get("/api/v1/session/rooms").get_json()}
    assert listed["Room M2"]["projector_language"] == "ru" and listed[PLENARY]["projector_language"] == "en"
    assert {r["name"]: r["projector_language"] for r in client.get("/api/v1/session").get_json()["rooms"]}[
        "Room M2"
    ] == "ru"
    [entry] = room_entries(db, "room.update")
    assert (entry.before, entry.after) == ({"projector_language": "zh"}, {"projector_language": "ru"})
    spec = client.get("/api/v1/openapi.json").get_json()
    body = spec["paths"]["/api/v1/session/rooms"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["projector_language"]["enum"] == ["ar", "zh", "en", "fr", "ru", "es"]


def test_the_api_refuses_a_language_not_of_the_six_and_changes_nothing(client, cs, sec, db):
    plenary = room_named(db, PLENARY).id
    before = counts(db)
    refused = client.post("/api/v1/session/rooms", json={"name": "Room M2", "projector_language": "de"}, headers=sec)
    assert refused.status_code == 422
    assert refused.get_json()["errors"] == {
        "projector_language": ["Choose one of the six languages: ar, zh, en, fr, ru or es."]
    }
    refused = client.put(f"/api/v1/session/rooms/{plenary}", json={"name": PLENARY, "projector_language": "EN"},
                         headers={**sec, "Accept-Language": "es"})  # fmt: skip
    assert refused.status_code == 422
    assert refused.get_json()["errors"]["projector_language"] == [
        "Elija uno de los seis idiomas: ar, zh, en, fr, ru o es."
    ]
    assert counts(db) == before and room_named(db, PLENARY).projector_language is None


def test_the_service_refuses_a_language_not_of_the_six_in_words(cs, db):
    from meetings.programme import services
    from meetings.refusal import Refusal
    from tests.factories import SETUP

    with pytest.raises(Refusal) as refused:
        services.add_room(cs, SETUP, "Room M2", None, "de")
    assert refused.value.message == "The projector speaks one of the six official languages: ar, zh, en, fr, ru or es."


def test_only_the_secretariat_changes_a_room_and_a_taken_name_is_refused(client, cs, sec, token_for, db):
    plenary, austria = room_named(db, PLENARY).id, token_for("austria")
    before = counts(db)
    body = {"name": PLENARY, "projector_language": "fr"}
    assert client.put(f"/api/v1/session/rooms/{plenary}", json=body, headers=austria).status_code == 403
    assert client.put("/api/v1/session/rooms/999999", json=body, headers=sec).status_code == 404
    taken = client.put(f"/api/v1/session/rooms/{plenary}", json={"name": "Conference Room M3"}, headers=sec)
    assert taken.status_code == 400
    assert taken.get_json()["message"] == "There is already a room called Conference Room M3."
    assert counts(db) == before and room_named(db, PLENARY).projector_language is None


@pytest.mark.concurrency
def test_two_rooms_renamed_to_one_name_at_once_cannot_both_win(app, cs, sec, db):
    m3, m7 = room_named(db, "Conference Room M3").id, room_named(db, "Conference Room M7").id
    barrier, results = threading.Barrier(2), [None, None]

    def rename(i: int, room: int) -> None:
        c = thread_client(app)
        barrier.wait()
        response = c.put(f"/api/v1/session/rooms/{room}", json={"name": "Room Twin"}, headers=sec)
        results[i] = (response.status_code, response.get_json())

    threads = [threading.Thread(target=rename, args=(i, room)) for i, room in enumerate((m3, m7))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(status for status, _ in results) == [200, 400], results
    loser = next(body for status, body in results if status != 200)
    assert loser["message"] == "There is already a room called Room Twin."
    db.session.rollback()
    assert db.session.scalar(select(func.count(Room.id)).where(Room.name == "Room Twin")) == 1
    assert len(room_entries(db, "room.update")) == 1


# --- in a browser -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ar", "zh"])
def test_the_session_and_rooms_pages_in_arabic_and_chinese(page, live_server, cs, language):
    page.set_extra_http_headers({"Accept-Language": language})  # the pages after a redirect too
    browser_login(page, live_server, "secretariat")
    page.set_viewport_size({"width": 1100, "height": 900})
    page.goto(f"{live_server}/session/?lang={language}")
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator("h2#rooms").inner_text() == {"ar": "القاعات", "zh": "会议室"}[language]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(page, f"programme-session-{language}")
    page.goto(f"{live_server}/session/rooms?lang={language}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(page, f"programme-rooms-{language}")
    plenary = page.locator("h2", has_text="Plenary Hall").get_attribute("id").removeprefix("room-")
    page.goto(f"{live_server}/session/rooms/{plenary}?lang={language}")
    page.select_option("#projector_language", "fr")
    page.click("#submit")
    page.wait_for_load_state()
    assert {"ar": "حُفظت القاعة.", "zh": "会议室已保存。"}[language] in page.content()
    screenshot(page, f"programme-room-saved-{language}")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server}/session/?lang={language}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(page, f"programme-session-{language}-phone")


def test_a_meeting_s_page_and_its_cancellation_refused_in_french_and_spanish(log_in, cs, db, client, sec):
    opening = db.session.scalar(select(MeetingBlock).where(MeetingBlock.title.like("Opening%")))
    refused = client.post(f"/api/v1/session/blocks/{opening.id}/cancel", json={"reason": ""},
                          headers={**sec, "Accept-Language": "es"})  # fmt: skip
    assert refused.status_code == 422
    assert refused.get_json()["errors"] == {"reason": ["Indique el motivo de la cancelación."]}
    page = log_in("secretariat").get(f"/session/blocks/{opening.id}?lang=fr").get_data(as_text=True)
    assert "Séance : Opening of the high-level segment" in page and "Annuler ou supprimer cette séance" in page
    assert "Cette séance ne contient encore aucune trace" in page and "Motif de l'annulation" in page
    assert 'data-confirm="Supprimer cette séance ? Elle ne sera pas conservée."' in page
    db.session.rollback()
    assert not db.session.get(MeetingBlock, opening.id).is_cancelled
