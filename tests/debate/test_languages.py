"""The general debate speaks the reader's language: form labels, refusals (dates and names included),
flash messages and API messages, while English stays as it was and the record keeps its English words."""

from datetime import timedelta
from html import unescape

from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.debate import rules
from meetings.debate.models import Draw, Inscription
from meetings.i18n import words
from meetings.i18n.dates import format_in
from meetings.timeutil import to_local, utcnow
from tests.conftest import browser_login, screenshot


def count(db, model) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count(model.id)))


def test_the_inscription_form_reads_in_french_and_the_same_page_stays_english(client, gd, log_in):
    log_in("secretariat")
    page = unescape(client.get("/debate/inscribe?lang=fr").get_data(as_text=True))
    for words_ in ("Code de la délégation", "Réservé au secrétariat : par exemple AUT.", "Nom de l'orateur",
                   "Titre ou fonction", "Niveau protocolaire", "Niveau ministériel", "Supérieur au niveau ministériel",
                   "Au nom d'un groupe d'États", "Inscrire l'orateur", "Débat général"):  # fmt: skip
        assert words_ in page, words_
    english = unescape(client.get("/debate/inscribe").get_data(as_text=True))
    assert "Speaker's name" in english and "Protocol level" in english and "Inscribe the speaker" in english
    assert "Higher than ministerial" in english and "Niveau protocolaire" not in english


def test_a_refused_second_inscription_says_why_in_spanish_and_changes_nothing(client, gd, db, log_in, inscribe):
    inscribe("AUT")
    log_in("austria")
    refused = client.post("/debate/inscribe", data={"speaker_name": "Otra", "level": "ministerial"},
                          headers={"Accept-Language": "es"})  # fmt: skip
    assert refused.status_code == 400
    assert "La delegación de Austria ya está inscrita para su declaración nacional (una por delegación)." in unescape(
        refused.get_data(as_text=True)
    )
    assert count(db, Inscription) == 1
    english = client.post("/debate/inscribe", data={"speaker_name": "Another", "level": "ministerial"})
    assert "Austria is already inscribed for its national statement (one per delegation)." in unescape(
        english.get_data(as_text=True)
    )
    assert count(db, Inscription) == 1


def test_the_closing_date_of_a_refusal_is_written_in_french(client, gd, db, log_in):
    gd.rules.gd_inscription_closes = utcnow() - timedelta(hours=3)
    db.session.commit()
    closes = to_local(gd.rules.gd_inscription_closes, gd.timezone)
    log_in("austria")
    refused = client.post("/debate/inscribe?lang=fr", data={"speaker_name": "Tard", "level": "ministerial"})
    page = unescape(refused.get_data(as_text=True))
    assert refused.status_code == 400
    when = format_in(closes, "%d %B %Y at %H:%M", "fr")
    assert f"Les inscriptions ont été closes le {when}. Le secrétariat peut encore ajouter un orateur" in page
    assert " at " not in when and closes.strftime("%B") not in when  # the French month, not the English one
    assert count(db, Inscription) == 0


def test_a_done_message_names_the_state_in_chinese_and_the_record_keeps_english(client, gd, db, log_in):
    log_in("austria")
    done = client.post("/debate/inscribe", data={"speaker_name": "王", "level": "ministerial"},
                       headers={"Accept-Language": "zh"})  # fmt: skip
    assert done.status_code == 302
    page = unescape(client.get("/debate/", headers={"Accept-Language": "zh"}).get_data(as_text=True))
    assert "奥地利已登记。" in page
    db.session.rollback()
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.feature == "debate"))
    assert entry.record_label == "Austria's national statement"


def test_the_list_filter_reads_in_french(client, gd, inscribe, log_in):
    inscribe("AUT")
    log_in("austria")
    page = unescape(client.get("/debate/?lang=fr").get_data(as_text=True))
    for words_ in ("Délégation, orateur ou code contenant", "Niveau ministériel", "Inférieur au niveau ministériel"):
        assert words_ in page, words_
    # The choices of the status filter are translated (whichever part's catalogue words them).
    for english in ("Delegation, speaker or code contains", "Regional group", "Speaking slot", "Waiting list"):
        assert english not in page, english


def test_the_api_refuses_a_bad_commitment_in_russian_and_keeps_nothing(client, gd, db, token_for):
    headers = {**token_for("secretariat"), "Accept-Language": "ru"}
    refused = client.post("/api/v1/debate/draw/commitment", json={"commitment": "xyz"}, headers=headers)
    body = refused.get_json()
    assert refused.status_code == 400
    assert body["message"] == "Обязательство должно быть хеш-значением SHA-256: 64 шестнадцатеричных символа."
    assert body["errors"] == {"commitment": ["64 шестнадцатеричных символа."]}
    assert count(db, Draw) == 0
    english = client.post(
        "/api/v1/debate/draw/commitment", json={"commitment": "xyz"}, headers=token_for("secretariat")
    )
    assert english.get_json()["message"] == "The commitment must be a SHA-256 digest: 64 hexadecimal characters."


def test_quotas_that_do_not_add_up_are_refused_in_arabic_with_the_numbers(client, gd, db, token_for):
    quotas = {"AFR": 32, "APG": 32, "EEG": 14, "GRULAC": 19, "WEOG": 16}
    headers = {**token_for("secretariat"), "Accept-Language": "ar"}
    refused = client.put("/api/v1/debate/quotas", json=quotas, headers=headers)
    assert refused.status_code == 400
    assert refused.get_json()["message"] == "لم تُحفظ الحصص: مجموع الحصص 113، لكن عدد الأدوار 114."
    assert client.get("/api/v1/debate/quotas").get_json()["by_hand"] is False


def test_a_swap_refused_in_french_names_the_other_delegation(client, gd, db, inscribe, close_and_draw, token_for):
    aut = inscribe("AUT")
    inscribe("BRA")
    close_and_draw()
    proposed = client.post(f"/api/v1/debate/inscriptions/{aut.id}/swaps", json={"other": "BRA"},
                           headers=token_for("austria"))  # fmt: skip
    assert proposed.status_code == 201
    swap = proposed.get_json()["id"]
    refused = client.post(f"/api/v1/debate/swaps/{swap}/decline", json={},
                          headers={**token_for("austria"), "Accept-Language": "fr"})  # fmt: skip
    assert refused.status_code == 403
    assert refused.get_json()["message"] == "Cet échange ne peut être refusé que par l'autre délégation : Brésil."
    assert client.get("/api/v1/debate/standing/BRA", headers=token_for("secretariat")).get_json()["incoming_swaps"]


def test_outside_a_request_the_words_are_english():
    """A command or a test calling a rule has no reader: the English text, its placeholders filled."""
    assert words._("%(delegation)s is inscribed.", delegation="Austria") == "Austria is inscribed."
    assert str(rules.LEVEL_LABELS["ministerial"]) == "Ministerial"
    assert rules.quota_problems({"AFR": 1}, 2, {"AFR"}) == ["The quotas add up to 1, but there are 2 slots."]
    assert rules.quota_problems({"AFR": 0}, 1, {"AFR"}) == ["The quotas add up to 0, but there is 1 slot."]


def test_a_refusal_in_arabic_reads_right_to_left_and_the_swap_form_in_chinese(
    page, live_server, gd, inscribe, close_and_draw
):
    """Screenshots: test-artifacts/debate-ar-inscribe-refused.png, debate-zh-inscription.png."""
    inscribe("ARE")
    browser_login(page, live_server, "uae")
    page.goto(live_server + "/debate/inscribe?lang=ar")
    assert page.get_attribute("html", "dir") == "rtl"
    page.fill("#speaker_name", "الشيخ سيف بن زايد آل نهيان")
    page.click("#submit")
    page.wait_for_load_state()
    flash = page.locator(".flash.error").first
    assert "وفد الإمارات العربية المتحدة مسجل بالفعل للإدلاء ببيانه الوطني (بيان واحد لكل وفد)." in flash.inner_text()
    box = flash.bounding_box()
    assert box["x"] + box["width"] > page.viewport_size["width"] / 2, "the sentence starts at the right"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "nothing overflows"
    assert "المستوى البروتوكولي" in page.content()
    screenshot(page, "debate-ar-inscribe-refused")
    aut = inscribe("AUT")
    close_and_draw()
    browser_login(page, live_server, "austria")
    page.select_option("#language-choice", "zh")  # kept on the account: the form's answer speaks it too
    page.click(".language-switch button")
    page.wait_for_load_state()
    page.goto(live_server + f"/debate/inscriptions/{aut.id}")
    assert page.get_attribute("html", "lang") == "zh"
    content = page.content()
    assert "职衔" in content and "互换对象（代表团代码）" in content and "提议互换" in content
    page.fill("#other", "ATL")
    page.click("text=提议互换")
    page.wait_for_load_state()
    assert "ATL在名单上没有发言位次。" in page.locator(".flash.error").first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(page, "debate-zh-inscription")
