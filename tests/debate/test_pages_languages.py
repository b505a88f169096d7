"""The general debate's pages in the six languages: the words of templates/debate/ come from the
catalogues (translations/debate_pages/), names of States in the reader's language, Arabic right to
left; English, the source, is printed exactly as before. Screenshots: test-artifacts/debate-lang-*.png."""

import pytest
from sqlalchemy import select

from meetings.debate.models import Inscription
from tests.conftest import browser_login, screenshot
from tests.debate.test_withdraw_reinstate import CODES, entry, fresh

NBSP = "\u00a0"  # French puts a no-break space before a colon


def text_of(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def drawn(gd, db, inscribe, close_and_draw):
    """Six national statements and a group statement, the lots drawn."""
    for code in CODES:
        inscribe(code)
    inscribe("KEN", level="lower_than_ministerial", group="the Group of African States")
    close_and_draw()
    return gd


def test_the_list_of_speakers_in_french_and_in_english(client, drawn, log_in):
    log_in("austria")
    french = text_of(client.get("/debate/?lang=fr"))
    assert '<html lang="fr"' in french
    assert f"Débat général{NBSP}: liste des orateurs" in french
    assert "Ordre fixé par le tirage au sort du" in french and "procès-verbal et vérification</a>" in french
    assert "Quotas des 114 créneaux (plus fort reste selon la taille des groupes)" in french
    assert "<td>Autriche <span" in french, "the State's name in the reader's language first"
    assert "General debate: list of speakers" not in french and "record and check" not in french
    english = text_of(client.get("/debate/"))
    assert "General debate: list of speakers" in english and "Order fixed by the drawing of lots of" in english
    assert "Quotas of the 114 slots (largest remainder by group size):" in english
    assert "<td>Austria <span" in english, "English readers see the English name first"


def test_the_draw_and_its_check_in_chinese(client, drawn):
    draw = text_of(client.get("/debate/draw?lang=zh"))
    assert "<h1>抽签</h1>" in draw and "任何人，包括秘书处在内，都无法选择结果" in draw
    assert "一致 · <a" in draw and ">重新计算</a>" in draw
    assert "hmac.new(seed.encode(), c.encode(), hashlib.sha256)" in draw, "the code to recompute stays as it is"
    check = text_of(client.get("/debate/draws/1/verify?lang=zh"))
    assert "第1次抽签的核验" in check and "秘密值的SHA-256与承诺值一致。" in check and "抽签号一致。" in check
    assert "Match: the revealed secret" in text_of(client.get("/debate/draws/1/verify"))


def test_a_delegation_reads_its_place_in_arabic_right_to_left(client, drawn, log_in):
    log_in("austria")
    home = text_of(client.get("/delegations/AUT?lang=ar"))
    assert 'lang="ar" dir="rtl"' in home
    assert "<h2>المناقشة العامة</h2>" in home and "بيان وطني" in home and "مدة الكلمة: 5:00" in home
    section = home.split('id="debate-standing"')[1].split("</section>")[0]
    assert "National statement" not in section and "List of speakers" not in section and "Slot " not in section
    assert "<h2>General debate</h2>" in text_of(client.get("/delegations/AUT"))


def test_a_refused_withdrawal_answers_in_spanish_and_changes_nothing(client, drawn, db, log_in):
    aut = entry(client, "AUT")
    log_in("austria")
    refused = client.post(f"/debate/inscriptions/{aut['id']}/withdraw", data={"reason": ""},
                          headers={"Accept-Language": "es"})  # fmt: skip
    page = text_of(refused)
    assert refused.status_code == 400 and '<html lang="es"' in page
    assert "¿Retirar la declaración nacional de Austria?" in page and "Lo que se perderá:" in page
    assert f"turno {aut['slot']}" in page and "solo la secretaría puede restablecerlo" in page
    assert "Este campo es obligatorio." in page, "the refusal says why, in the reader's language"
    assert fresh(db, aut["id"]).active, "nothing changed"
    english = client.post(f"/debate/inscriptions/{aut['id']}/withdraw", data={"reason": ""})
    assert english.status_code == 400 and "This field is required." in text_of(english)
    assert "Withdraw Austria's national statement?" in text_of(english)


def test_the_secretariats_pages_in_russian(client, drawn, db, log_in):
    log_in("secretariat")
    quotas = text_of(client.get("/debate/quotas?lang=ru"))
    assert "Квоты общих прений" in quotas and "114 мест." in quotas and "Передать неиспользованную квоту" in quotas
    ken = db.session.scalar(select(Inscription).where(Inscription.on_behalf_of_group.is_(True)))
    manage = text_of(client.get(f"/debate/inscriptions/{ken.id}?lang=ru"))
    assert "Кения: заявление от имени the Group of African States" in manage
    assert "Изменить оратора или уровень" in manage and "Обменяться местами с другой делегацией" in manage
    log = text_of(client.get("/debate/log?lang=ru"))
    assert "Общие прения: журнал изменений" in log and "Когда (Europe/Vienna)" in log


@pytest.mark.usefixtures("demo")
def test_the_pages_in_arabic_and_chinese_in_a_browser(page, live_server):
    browser_login(page, live_server, "austria")
    for language, heading in (("ar", "المناقشة العامة: قائمة المتكلمين"), ("zh", "一般性辩论：发言名单")):
        page.goto(f"{live_server}/debate/?lang={language}")
        assert page.inner_text("main h1") == heading
        assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "nothing overflows"
        screenshot(page, f"debate-lang-{language}-list")
        page.goto(f"{live_server}/delegations/AUT?lang={language}")
        standing = page.locator("#debate-standing")
        assert ("بيان وطني" if language == "ar" else "国家发言") in standing.inner_text()
        if language == "ar":
            box = standing.locator("h2").bounding_box()
            assert box["x"] + box["width"] > page.viewport_size["width"] / 2, "the heading stands at the right"
        screenshot(page, f"debate-lang-{language}-home")
        page.goto(f"{live_server}/debate/draw?lang={language}")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        screenshot(page, f"debate-lang-{language}-draw")
