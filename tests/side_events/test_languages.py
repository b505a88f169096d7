"""Side events in the six languages: pages, refusals and flashes in the reader's language, English unchanged."""

from datetime import timedelta

from sqlalchemy import func, select

from meetings.programme.models import Room
from meetings.side_events.models import SideEvent, SideEventStatus
from tests import factories
from tests.side_events.conftest import complete


def count(db) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count(SideEvent.id)))


def austrias(db) -> SideEvent:
    db.session.rollback()
    return db.session.scalar(select(SideEvent).where(SideEvent.title == "Prevention that works: evidence from Europe"))


def test_the_side_events_page_speaks_french_and_english_stays_as_it_was(client, demo_side_events):
    french = client.get("/side-events/?lang=fr").get_data(as_text=True)
    assert '<html lang="fr" dir="ltr">' in french
    assert "<h1>Manifestations parallèles</h1>" in french
    assert "selon l'ordre d'arrivée ; au plus 11 acceptées, 2 par organisateur, 90 minutes chacune" in french
    assert "Haut niveau · En présentiel" in french and "<td>Autriche</td>" in french
    assert "Prevention that works: evidence from Europe" in french  # a title is the organizer's words
    english = client.get("/side-events/").get_data(as_text=True)
    assert "<h1>Side events</h1>" in english and "first come, first served; at most 11 accepted" in english
    assert "High-level · In person" in english and "<td>Austria</td>" in english


def test_an_incomplete_application_is_refused_in_spanish_and_nothing_is_stored(client, cs, window_open, token_for, db):
    austria = token_for("austria")
    spanish = {**austria, "Accept-Language": "es"}
    refused = client.post("/api/v1/side-events/submit", json={"title": "Prevención"}, headers=spanish)
    assert refused.status_code == 422
    assert refused.json["message"].startswith("La solicitud está incompleta; para presentarla, indique: asociados,")
    assert "correo electrónico de contacto" in refused.json["message"]
    assert refused.json["message"].endswith("Puede guardarla como borrador.")
    assert refused.json["errors"]["partners"] == ["Obligatorio para presentar la solicitud."]
    assert count(db) == 0
    english = client.post("/api/v1/side-events/submit", json={"title": "Prevention"}, headers=austria)
    assert english.json["message"].startswith("The application is incomplete; to submit it, give: partners, format")
    assert english.json["errors"]["partners"] == ["Required to submit."]
    assert count(db) == 0


def test_the_window_refusal_writes_its_date_in_the_readers_language(client, cs, clock, token_for, db):
    clock(cs.rules.hl_window_opens - timedelta(minutes=5))
    headers = {**token_for("austria"), "Accept-Language": "es"}
    early = client.post("/api/v1/side-events/submit", json=complete(), headers=headers)
    assert early.status_code == 409
    assert early.json["message"] == (
        "El plazo de solicitud de actos paralelos de alto nivel se abre el jue, 4 de enero de 2024, 0:00 "
        "(hora de Europe/Vienna)."
    )
    assert count(db) == 0


def test_a_bad_e_mail_on_the_page_is_refused_in_french_and_nothing_is_stored(client, cs, window_open, log_in, db):
    log_in("austria")
    data = {**complete(), "preferred_times": "2024-03-14 08:00", "contact_email": "pas-une-adresse", "submit": "1"}
    page = client.post("/side-events/new", data=data, headers={"Accept-Language": "fr"})
    assert page.status_code == 400
    text = page.get_data(as_text=True)
    assert "Indiquez une adresse électronique valide, par exemple name@mission.org." in text
    assert "<h1>Demander une manifestation parallèle</h1>" in text
    assert "Adresse électronique de contact" in text and 'value="Soumettre la demande"' in text
    assert count(db) == 0
    english = client.post("/side-events/new", data=data).get_data(as_text=True)
    assert "Give a valid e-mail address, such as name@mission.org." in english
    assert count(db) == 0


def test_the_submission_is_confirmed_in_russian(client, cs, window_open, log_in, db):
    log_in("austria")
    data = {**complete(), "preferred_times": "2024-03-14 08:00", "submit": "1"}
    done = client.post("/side-events/new", data=data, headers={"Accept-Language": "ru"}, follow_redirects=True)
    text = done.get_data(as_text=True)
    assert "Получена; место 1 в очереди: принята." in text
    assert "Параллельное мероприятие высокого уровня" in text and "место в очереди: 1" in text
    assert count(db) == 1


def test_the_secretariats_queue_in_arabic_reads_right_to_left(client, demo_side_events, log_in):
    log_in("secretariat")
    text = client.get("/side-events/queue?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in text
    assert "<h1>الأحداث الجانبية الرفيعة المستوى: قائمة الأسبقية</h1>" in text
    assert "مقبول: المقعد 1 من 11." in text and "في قائمة الانتظار برقم 1" in text
    assert '<span class="badge accepted">مقبول</span>' in text and '<span class="badge withdrawn">مسحوب</span>' in text
    english = client.get("/side-events/queue").get_data(as_text=True)
    assert "Accepted: seat 1 of 11." in english and '<span class="badge accepted">accepted</span>' in english


def test_a_rejection_without_a_reason_is_refused_in_russian(client, demo_side_events, token_for, db):
    event = austrias(db)
    headers = {**token_for("secretariat"), "Accept-Language": "ru"}
    refused = client.post(f"/api/v1/side-events/{event.id}/reject", json={"reason": " "}, headers=headers)
    assert refused.status_code == 422
    assert refused.json["message"] == "Укажите причину отклонения."
    assert refused.json["errors"] == {"reason": ["Укажите причину."]}
    assert austrias(db).status == SideEventStatus.accepted


def test_a_time_outside_the_period_is_refused_in_french_with_french_dates(client, demo_side_events, token_for, db):
    event = austrias(db)
    room = db.session.scalar(select(Room).where(Room.commission_session_id == demo_side_events.id))
    before = (event.starts_at, event.room_id)
    headers = {**token_for("secretariat"), "Accept-Language": "fr"}
    body = {"day": "2024-03-20", "start": "10:00", "room_id": room.id}
    refused = client.put(f"/api/v1/side-events/{event.id}/schedule", json=body, headers=headers)
    assert refused.status_code == 409
    assert refused.json["message"] == "Les manifestations parallèles de ce type ont lieu du 14 mars au 15 mars 2024."
    assert refused.json["errors"] == {"day": ["En dehors de la période des manifestations parallèles."]}
    after = austrias(db)
    assert (after.starts_at, after.room_id) == before
    english = client.put(f"/api/v1/side-events/{event.id}/schedule", json=body, headers=token_for("secretariat"))
    assert english.json["message"] == "Side events of this kind take place from 14 March to 15 March 2024."


def test_the_timeline_writes_its_days_in_chinese(client, demo_side_events):
    text = client.get("/side-events/timeline?lang=zh").get_data(as_text=True)
    assert "<h1>会外活动：时间表</h1>" in text and "<h2>2024年3月14日周四</h2>" in text
    assert '<div class="tl-label">高级别会外活动</div>' in text and "奥地利" in text
    english = client.get("/side-events/timeline").get_data(as_text=True)
    assert "<h2>Thursday 14 March 2024</h2>" in english
    assert '<div class="tl-label">High-level side events</div>' in english


def test_a_delegations_own_table_speaks_its_language(client, cs, log_in):
    factories.side_event(cs, "austria")
    log_in("austria")
    text = client.get("/side-events/?lang=fr").get_data(as_text=True)
    assert "<h2>Vos demandes</h2>" in text and '<span class="badge accepted">acceptée</span>' in text


def test_the_home_page_section_speaks_arabic_and_keeps_the_withdrawal_reason_as_written(
    client, cs, window_open, token_for, log_in
):
    austria = token_for("austria")
    event = client.post("/api/v1/side-events/submit", json=complete(), headers=austria).json
    client.post(f"/api/v1/side-events/{event['id']}/withdraw", json={"reason": "The minister cannot travel."},
                headers=austria)  # fmt: skip
    log_in("austria")
    html = client.get("/delegations/AUT?lang=ar").get_data(as_text=True)
    section = html[html.index('id="side-event-standing"') :]
    assert "<h2>الأحداث الجانبية</h2>" in section and "<th>الوضع الحالي</th>" in section
    assert '<span class="badge withdrawn">مسحوب</span>' in section and "المرتبة 1" in section
    assert "السبب: The minister cannot travel." in section  # the record's words, kept as written
    english = client.get("/delegations/AUT").get_data(as_text=True)
    assert "Reason: The minister cannot travel." in english and "<th>Where it stands</th>" in english
