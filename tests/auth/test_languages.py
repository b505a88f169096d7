"""The language switch: a visitor's choice in the session, a user's on the account (it follows them to
another device), the browser's language as the default, ?lang= above all, a wrong language refused
with a sentence and nothing changed; the API route and its record; the switch on a phone."""

import re

from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.auth.models import User
from tests.conftest import browser_login, login, screenshot


def lang_of(response) -> tuple[str, str]:
    html = response.get_data(as_text=True)
    match = re.search(r'<html lang="([a-z]+)" dir="(ltr|rtl)">', html)
    assert match, "the page names its language"
    return match.group(1), match.group(2)


def language_of(db, username: str) -> str | None:
    db.session.rollback()
    return db.session.scalar(select(User.language).where(User.username == username))


def entries(db, action: str = "language_chosen") -> list[AuditEntry]:
    db.session.rollback()
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)))


def test_a_visitors_choice_is_kept_in_the_session_and_changes_nothing_stored(client, bare_cs, db):
    before = db.session.scalar(select(func.count()).select_from(AuditEntry))
    response = client.post("/language", data={"language": "fr", "next": "/delegations/"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/delegations/")
    page = client.get("/login")
    assert lang_of(page) == ("fr", "ltr")
    html = page.get_data(as_text=True)
    assert "<h1>Se connecter</h1>" in html and "Nom d'utilisateur" in html and "Mot de passe" in html
    assert lang_of(client.get("/delegations/")) == ("fr", "ltr"), "the choice holds on every page"
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == before


def test_the_browsers_language_is_the_default_and_english_stays_english(client, bare_cs):
    spanish = client.get("/login", headers={"Accept-Language": "es-ES,es;q=0.9,en;q=0.5"})
    assert lang_of(spanish) == ("es", "ltr") and "<h1>Iniciar sesión</h1>" in spanish.get_data(as_text=True)
    arabic = client.get("/login", headers={"Accept-Language": "ar"})
    assert lang_of(arabic) == ("ar", "rtl") and "تسجيل الدخول" in arabic.get_data(as_text=True)
    other = client.get("/login", headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert lang_of(other) == ("en", "ltr"), "a language that is not one of the six falls back to English"
    english = client.get("/login").get_data(as_text=True)
    assert "<h1>Log in</h1>" in english and "User name" in english and "Skip to the content" in english


def test_lang_in_the_address_overrides_every_other_choice_for_that_page_only(client, bare_cs):
    client.post("/language", data={"language": "fr", "next": "/login"})
    page = client.get("/login?lang=ar", headers={"Accept-Language": "es"})
    assert lang_of(page) == ("ar", "rtl")
    assert lang_of(client.get("/login?lang=zh")) == ("zh", "ltr")
    assert "登录" in client.get("/login?lang=zh").get_data(as_text=True)
    assert lang_of(client.get("/login?lang=xx")) == ("fr", "ltr"), "an unknown ?lang= is ignored"
    assert lang_of(client.get("/login")) == ("fr", "ltr"), "the session's choice is untouched"


def test_a_users_choice_is_kept_on_the_account_and_follows_them_to_another_client(app, bare_cs, db):
    first = app.test_client()
    assert login(first, "austria").status_code == 302
    response = first.post("/language", data={"language": "ru", "next": "/delegations/AUT"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/delegations/AUT")
    assert language_of(db, "austria") == "ru"
    [entry] = entries(db)
    assert entry.feature == "auth" and entry.before == {"language": None} and entry.after == {"language": "ru"}
    assert entry.actor_name == "Permanent Mission of Austria"

    second = app.test_client()  # another device: nothing in its session, its browser asks for English
    assert login(second, "austria").status_code == 302
    home = second.get("/delegations/AUT", headers={"Accept-Language": "en-GB"})
    assert lang_of(home) == ("ru", "ltr")
    assert '<h1 id="delegation-name">Австрия</h1>' in home.get_data(as_text=True)
    assert "Пользователи этой делегации" in home.get_data(as_text=True)
    # Choosing the same language again changes nothing and records nothing.
    second.post("/language", data={"language": "ru", "next": "/login"})
    assert len(entries(db)) == 1


def test_a_wrong_language_is_refused_with_a_sentence_and_nothing_changes(app, client, bare_cs, db, log_in):
    log_in("austria")
    client.post("/language", data={"language": "es", "next": "/login"})
    assert language_of(db, "austria") == "es" and len(entries(db)) == 1
    response = client.post("/language", data={"language": "klingon", "next": "/delegations/"}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Elija uno de los seis idiomas oficiales." in html, "the refusal in the reader's language"
    assert language_of(db, "austria") == "es" and len(entries(db)) == 1
    # The same refusal in English for a visitor who reads English; their session keeps no language.
    other = app.test_client()
    response = other.post("/language", data={"language": "", "next": "/login"}, follow_redirects=True)
    assert "Choose one of the six official languages." in response.get_data(as_text=True)
    assert lang_of(response) == ("en", "ltr")
    with other.session_transaction() as session:
        assert "language" not in session


def test_the_next_address_stays_on_this_site(client, bare_cs):
    response = client.post("/language", data={"language": "fr", "next": "https://elsewhere.example/x"})
    assert response.status_code == 302 and response.headers["Location"] in ("/", "http://localhost/")


def test_a_user_with_a_one_time_password_can_still_change_the_language(client, bare_cs, db):
    user = db.session.scalar(select(User).where(User.username == "austria"))
    user.set_password("temporary-pw-1")
    user.must_change_password = True
    db.session.commit()
    assert login(client, "austria", "temporary-pw-1").status_code == 302
    response = client.post("/language", data={"language": "fr", "next": "/account/password"})
    assert response.headers["Location"].endswith("/account/password")
    page = client.get("/account/password")
    assert lang_of(page) == ("fr", "ltr") and "Changer votre mot de passe" in page.get_data(as_text=True)
    assert "Choisissez maintenant votre propre mot de passe" in page.get_data(as_text=True)


# --- the API --------------------------------------------------------------------------------


def test_the_api_keeps_the_language_on_the_account_and_records_it(client, bare_cs, db, token_for):
    headers = token_for("china")
    response = client.post("/api/v1/me/language", json={"language": "zh"}, headers=headers)
    assert response.status_code == 200 and response.get_json() == {"language": "zh"}
    assert client.get("/api/v1/me", headers=headers).get_json()["language"] == "zh"
    [entry] = entries(db)
    assert entry.after == {"language": "zh"} and entry.delegation.code == "CHN"
    assert client.post("/api/v1/me/language", json={"language": "zh"}, headers=headers).status_code == 200
    assert len(entries(db)) == 1, "the same language again records nothing"


def test_the_api_refuses_a_wrong_language_in_the_readers_language(client, bare_cs, db, token_for):
    headers = token_for("austria")
    response = client.post("/api/v1/me/language", json={"language": "tlh"}, headers=headers)
    assert response.status_code == 422 and response.get_json()["message"] == "Some fields are not valid."
    assert "language" in response.get_json()["errors"]
    french = client.post("/api/v1/me/language", json={"language": "tlh"},
                         headers={**headers, "Accept-Language": "fr"})  # fmt: skip
    assert french.status_code == 422 and french.get_json()["message"] == "Certains champs ne sont pas valides."
    assert language_of(db, "austria") is None and entries(db) == []
    anonymous = client.post("/api/v1/me/language", json={"language": "fr"}, headers={"Accept-Language": "ru"})
    assert anonymous.status_code == 401 and anonymous.get_json()["message"].startswith("Требуется аутентификация")
    described = client.get("/api/v1/openapi.json").get_json()["paths"]["/api/v1/me/language"]["post"]
    assert described["requestBody"]["content"]["application/json"]["schema"]["properties"]["language"]["enum"] == [
        "ar", "zh", "en", "fr", "ru", "es"
    ]  # fmt: skip


# --- refusals and pages of the accounts -----------------------------------------------------


def test_a_wrong_password_is_refused_in_french_and_in_english(client, bare_cs):
    french = client.post("/login?lang=fr", data={"username": "austria", "password": "wrong"})
    assert french.status_code == 401
    assert "Le nom d&#39;utilisateur ou le mot de passe est incorrect." in french.get_data(as_text=True)
    english = client.post("/login", data={"username": "austria", "password": "wrong"})
    assert "The user name or password is not right." in english.get_data(as_text=True)


def test_the_password_page_and_its_refusal_in_spanish(client, bare_cs, db, log_in):
    log_in("austria")
    headers = {"Accept-Language": "es"}
    page = client.get("/account/password", headers=headers).get_data(as_text=True)
    assert "Cambiar su contraseña" in page and "Contraseña actual" in page and "Austria" in page
    response = client.post("/account/password", headers=headers, data={
        "current_password": "not-mine-at-all", "new_password": "a-new-password-1",
        "new_password_again": "a-new-password-1",
    })  # fmt: skip
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Su contraseña no se ha cambiado: la contraseña actual no es correcta." in html
    assert "Esta no es su contraseña actual." in html
    assert entries(db, "password_changed") == []


def test_the_users_page_in_french_names_roles_and_states(client, bare_cs, log_in):
    log_in("secretariat")
    html = client.get("/delegations/users?lang=fr").get_data(as_text=True)
    assert "<h1>Utilisateurs</h1>" in html and "<th>Rôle</th>" in html and "<th>Statut</th>" in html
    assert "présidence" in html and "actif" in html and "Créer un utilisateur" in html
    refused = client.post("/delegations/users?lang=fr", data={
        "username": "austria", "full_name": "Someone", "role": "delegation", "delegation": "AUT",
        "password": "long-enough-pw",
    })  # fmt: skip
    assert refused.status_code == 400
    assert "L&#39;utilisateur n&#39;a pas été créé : Le nom d&#39;utilisateur austria est déjà pris." in (
        refused.get_data(as_text=True)
    )
    english = client.get("/delegations/users").get_data(as_text=True)
    assert "<th>Role</th>" in english and "<th>State</th>" in english and ">chair<" in english


# --- on a phone -----------------------------------------------------------------------------


def test_on_a_phone_the_switch_is_in_the_folded_menu_and_works(page, live_server, bare_cs):
    page.set_viewport_size({"width": 375, "height": 740})
    browser_login(page, live_server, "kenya")
    assert not page.is_visible("#language-choice"), "folded away with the menu"
    page.click(".menu-button")
    assert page.is_visible("#language-choice")
    box = page.locator(".language-switch button").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375, "the button fits on the screen"
    page.select_option("#language-choice", "ar")
    page.click(".language-switch button")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "ar" and page.get_attribute("html", "dir") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.click(".menu-button")
    assert page.is_visible("#language-choice")
    assert page.locator("#language-choice").input_value() == "ar"
    screenshot(page, "i18n-common-phone-menu-ar")
