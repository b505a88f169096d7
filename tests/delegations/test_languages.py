"""The delegations, their users and the audit log in the six languages: a State named in the reader's
language with its English name kept beside it, the regional groups translated, refusals in the
reader's language (nothing changed), English unchanged. Screenshots in test-artifacts/ (i18n-common-*)."""

from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.delegations.models import Delegation
from tests.conftest import browser_login, screenshot


def count(db, model) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(model))


def fits_the_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


# --- the list and the home page ---------------------------------------------------------------


def test_the_list_names_states_and_groups_in_arabic_with_the_english_name_kept(client, bare_cs):
    html = client.get("/delegations/?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html and "<h1>الوفود</h1>" in html
    assert "الدول الأفريقية" in html and "دول أوروبا الغربية ودول أخرى" in html
    assert '<span dir="auto">النمسا</span> · <span lang="en" dir="auto">Austria</span>' in html, (
        "Austria in Arabic, then in English"
    )
    assert "<h2>المراقبون والمنظمات</h2>" in html
    filtered = client.get("/delegations/?lang=fr&group=WEOG").get_data(as_text=True)
    assert (
        '<span dir="auto">Autriche</span> · <span lang="en" dir="auto">Austria</span>' in filtered
        and "Kenya" not in filtered
    )
    assert "États d&#39;Europe occidentale et autres États" in filtered
    assert "correspondent au filtre." in filtered and "Exporter en CSV" in filtered


def test_the_list_in_english_is_unchanged(client, bare_cs):
    html = client.get("/delegations/").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in html and "<h1>Delegations</h1>" in html
    assert (
        "Western European and other States (" in html
        and '<span dir="auto">Austria</span> · <span lang="ar" dir="auto">النمسا</span>' in html
    )
    assert "Observers and organizations" in html and "Print the list (PDF)" in html


def test_a_wrong_filter_is_refused_in_spanish(client, bare_cs):
    page = client.get("/delegations/?kind=planet", headers={"Accept-Language": "es"})
    html = page.get_data(as_text=True)
    assert page.status_code == 400 and "No se muestra nada: corrija el filtro de arriba." in html
    assert "Austria" not in html


def test_the_home_page_in_chinese_keeps_the_english_name_visible(client, bare_cs, log_in):
    log_in("austria")
    html = client.get("/delegations/AUT?lang=zh").get_data(as_text=True)
    assert '<h1 id="delegation-name">奥地利</h1>' in html
    assert '<p lang="en" id="delegation-name-en">Austria</p>' in html
    assert "会员国 · 西欧和其他国家 · 代码 AUT" in html
    assert "该代表团的用户" in html and "我方记录的完整历史" in html
    assert '<p lang="zh">奥地利</p>' not in html, "the shown name is not repeated"
    english = client.get("/delegations/AUT").get_data(as_text=True)
    assert '<h1 id="delegation-name">Austria</h1>' in english and "delegation-name-en" not in english
    assert "Member State · Western European and other States · code AUT" in english


def test_the_header_names_the_users_delegation_in_the_readers_language(client, bare_cs, log_in):
    log_in("uae")
    html = client.get("/delegations/?lang=ar").get_data(as_text=True)
    assert ">الإمارات العربية المتحدة</a>" in html and "تسجيل الخروج" in html


# --- registering: refusals in the reader's language ----------------------------------------


def test_registering_a_taken_code_is_refused_in_spanish_and_nothing_is_added(client, bare_cs, db, log_in):
    log_in("secretariat")
    before = count(db, Delegation)
    form = {"code": "AUT", "name": "Another Austria", "kind": "observer_state", "regional_group": ""}
    response = client.post("/delegations/new", data=form, headers={"Accept-Language": "es"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "La delegación no se ha registrado: Ya hay una delegación registrada con el código AUT." in html
    assert "Registrar una delegación" in html and "Nombre en árabe" in html
    assert count(db, Delegation) == before
    english = client.post("/delegations/new", data=form).get_data(as_text=True)
    assert "The delegation was not registered: A delegation with the code AUT is already registered." in english


def test_the_group_choices_are_translated_and_a_new_delegation_is_registered(client, bare_cs, db, log_in):
    log_in("secretariat")
    page = client.get("/delegations/new?lang=ru").get_data(as_text=True)
    assert "Государства Африки" in page and "Зарегистрировать делегацию" in page
    response = client.post("/delegations/new?lang=ru", data={
        "code": "UNICEF", "name": "UNICEF", "kind": "igo", "regional_group": "",
    })  # fmt: skip
    assert response.status_code == 302
    followed = client.get(response.headers["Location"] + "?lang=ru").get_data(as_text=True)
    assert "Делегация зарегистрирована." in followed


def test_the_api_refuses_another_delegations_record_in_french(client, bare_cs, token_for):
    headers = {**token_for("austria"), "Accept-Language": "fr"}
    response = client.get("/api/v1/delegations/KEN", headers=headers)
    assert (
        response.status_code == 403
        and response.get_json()["message"] == "Ce dossier appartient à une autre délégation."
    )
    missing = client.get("/api/v1/delegations/ATL", headers=headers)
    assert missing.status_code == 404 and missing.get_json()["message"] == "Aucune délégation de ce type."
    english = client.get("/api/v1/delegations/KEN", headers=token_for("austria"))
    assert english.get_json()["message"] == "This is another delegation's record."
    data = client.get("/api/v1/delegations", headers={"Accept-Language": "ar"}).get_json()
    assert next(d for d in data if d["code"] == "AUT")["name"] == "Austria", "data fields keep the English name"


# --- the audit log --------------------------------------------------------------------------


def test_the_audit_log_in_french_and_a_wrong_filter_refused(client, bare_cs, db, log_in):
    log_in("secretariat")
    client.post("/delegations/new", data={"code": "UNICEF", "name": "UNICEF", "kind": "igo", "regional_group": ""})
    html = client.get("/audit?lang=fr").get_data(as_text=True)
    assert "<h1>Journal d'audit</h1>" in html
    assert "<th>Quand (Europe/Vienna)</th>" in html and "Délégation enregistrée" in html
    assert "vérifiez qu'aucune ne l'a été" in html, "a sentence with a link, translated whole"
    assert "UNICEF" in html, "the record's label stays as written"
    entries = count(db, AuditEntry)
    wrong = client.get("/audit?delegation=ZZZ", headers={"Accept-Language": "fr"})
    assert wrong.status_code == 400
    assert "Il n&#39;existe aucune délégation portant le code ZZZ." in wrong.get_data(as_text=True)
    assert count(db, AuditEntry) == entries
    english = client.get("/audit").get_data(as_text=True)
    assert "<h1>Audit log</h1>" in english and "Delegation registered" in english
    csv = client.get("/audit.csv?lang=es").get_data(as_text=True)
    assert csv.splitlines()[0].lstrip("\ufeff").startswith("N.º,Cuándo (Europe/Vienna),Quién")


def test_the_audit_api_and_the_check_in_the_readers_language(client, bare_cs, log_in, token_for):
    headers = {**token_for("austria"), "Accept-Language": "ru"}
    refused = client.get("/api/v1/audit?delegation=KEN", headers=headers)
    assert (
        refused.status_code == 403
        and refused.get_json()["message"] == "Вы можете читать только историю делегации «Австрия»."
    )
    wrong = client.get("/api/v1/audit?since=yesterday", headers=headers)
    assert wrong.status_code == 422 and wrong.get_json()["message"] == "Некоторые фильтры недействительны."
    log_in("secretariat")
    check = client.get("/audit/verify?lang=ar").get_data(as_text=True)
    assert "التحقق من سجل التدقيق" in check and "سليم: جميع القيود" in check
    history = client.get("/delegations/AUT/history?lang=zh").get_data(as_text=True)
    assert "奥地利 的记录历史" in history


def test_the_error_pages_speak_the_readers_language(client, bare_cs, log_in):
    missing = client.get("/no-such-page?lang=fr")
    html = missing.get_data(as_text=True)
    assert missing.status_code == 404 and "Page introuvable" in html and "Il n&#39;y a rien à cette adresse." in html
    log_in("austria")
    closed = client.get("/delegations/KEN", headers={"Accept-Language": "es"})
    html = closed.get_data(as_text=True)
    assert closed.status_code == 403 and "No autorizado" in html
    assert "Ha iniciado sesión como <strong>Permanent Mission of Austria</strong> por Austria." in html
    english = client.get("/delegations/KEN").get_data(as_text=True)
    assert "You are logged in as <strong>Permanent Mission of Austria</strong> for Austria." in english


# --- in a browser: Arabic mirrored, Chinese drawn -------------------------------------------


def test_the_delegations_pages_in_arabic_and_chinese(page, live_server, bare_cs):
    browser_login(page, live_server, "secretariat")
    page.goto(live_server + "/delegations/?lang=ar")
    assert page.get_attribute("html", "dir") == "rtl"
    heading = page.locator("main h1").first.bounding_box()
    assert heading["x"] + heading["width"] > page.viewport_size["width"] / 2, "the heading starts at the right"
    assert fits_the_width(page)
    screenshot(page, "i18n-common-ar-delegations")
    page.goto(live_server + "/delegations/AUT?lang=ar")
    assert page.inner_text("#delegation-name") == "النمسا" and page.inner_text("#delegation-name-en") == "Austria"
    assert fits_the_width(page)
    screenshot(page, "i18n-common-ar-home")
    page.goto(live_server + "/delegations/users?lang=zh")
    assert page.get_attribute("html", "lang") == "zh" and fits_the_width(page)
    screenshot(page, "i18n-common-zh-users")
    page.goto(live_server + "/audit?lang=zh")
    assert fits_the_width(page)
    screenshot(page, "i18n-common-zh-audit")


def test_the_home_page_of_the_session_writes_its_dates_in_the_readers_language(client, cs):
    french = client.get("/?lang=fr").get_data(as_text=True)
    assert '<html lang="fr" dir="ltr">' in french and "Calendrier (iCalendar)" in french
    assert "du 14 mars au 15 mars 2024" in french
    english = client.get("/").get_data(as_text=True)
    assert "times in Europe/Vienna" in english and "14 March to 15 March 2024" in english
