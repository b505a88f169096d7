"""The HTML side: forms of the secretariat, the public pages, the demo list, the floor's line-up."""

import threading

from sqlalchemy import func, select

from meetings.debate import rules, services
from meetings.debate.listing import build_list, debate_blocks
from meetings.debate.models import Draw, Inscription, Quota
from meetings.delegations.services import delegation_by_code
from tests.debate.conftest import SEED, user
from tests.debate.drawing import PUBLIC
from tests.debate.test_draw import close
from tests.working_list import as_secretariat


def test_quota_form_refuses_quotas_that_do_not_add_up(client, gd, db, log_in):
    log_in("secretariat")
    page = client.get("/debate/quotas").get_data(as_text=True)
    assert 'value="32"' in page and 'value="17"' in page
    bad = client.post("/debate/quotas", data={"AFR": 40, "APG": 32, "EEG": 14, "GRULAC": 19, "WEOG": 17})
    assert bad.status_code == 400 and "add up to 122" in bad.get_data(as_text=True)
    db.session.rollback()
    assert db.session.scalar(select(func.count(Quota.id))) == 0
    good = client.post("/debate/quotas", data={"AFR": 31, "APG": 33, "EEG": 14, "GRULAC": 19, "WEOG": 17})
    assert good.status_code == 302
    assert "AFR 31" in client.get("/debate/").get_data(as_text=True)


def test_secretariat_commits_and_draws_through_the_pages(client, gd, db, inscribe, log_in):
    inscribe("AUT")
    inscribe("KEN")
    log_in("secretariat")
    client.post("/debate/draw/commitment", data={"commitment": rules.commitment_of(SEED)})
    close(db, gd)
    wrong = client.post("/debate/draw/perform", data={"secret": "nope", "public_value": PUBLIC}, follow_redirects=True)
    assert "does not match" in wrong.get_data(as_text=True)
    client.post("/debate/draw/perform", data={"secret": SEED, "public_value": PUBLIC})
    db.session.rollback()
    draw = db.session.scalar(select(Draw))
    assert (draw.secret, draw.public_value) == (SEED, PUBLIC) and set(draw.result) == {"AUT", "KEN"}
    assert draw.seed == rules.derive_seed(SEED, PUBLIC)
    public = client.get("/debate/draw").get_data(as_text=True)
    assert draw.commitment in public and "Match" in public and PUBLIC in public and draw.seed in public
    assert "Order fixed by the drawing of lots" in client.get("/debate/").get_data(as_text=True)


def test_log_page_says_who_did_what_and_why(client, gd, db, inscribe, close_and_draw, token_for):
    inscribe("AUT")
    inscribe("BRA")
    close_and_draw()
    i = db.session.scalar(
        select(Inscription).join(Inscription.delegation).where(Inscription.delegation.has(code="AUT"))
    )
    client.post(f"/api/v1/debate/inscriptions/{i.id}/withdraw", json={"reason": "Delegation cannot attend"},
                headers=token_for("austria"))  # fmt: skip
    page = client.get("/debate/log").get_data(as_text=True)
    assert "Delegation cannot attend" in page and "Permanent Mission of Austria" in page and "withdrawn" in page


def test_demo_shows_a_full_list_with_native_scripts(client, demo, log_in):
    listing = client.get("/api/v1/debate/list", headers=as_secretariat()).get_json()
    assert listing["drawn"] and len(listing["speakers"]) >= 100
    assert listing["quotas"] == {"AFR": 32, "APG": 32, "EEG": 14, "GRULAC": 19, "WEOG": 17}
    assert [s["on_behalf_of_group"] for s in listing["speakers"][:3]] == [True, True, True]
    page = log_in("secretariat").get("/debate/").get_data(as_text=True)
    for name in ("Сергей Викторович Лавров", "王小洪", "الشيخ سيف بن زايد آل نهيان"):
        assert name in page
    assert client.get("/debate/draws/1/verify").status_code == 200


def test_floor_lineup_gives_each_meeting_its_speakers_and_takes_actual_times(gd, db, inscribe, close_and_draw):
    for code in ("AUT", "BRA", "KEN"):
        inscribe(code)
    inscribe("KEN", level="ministerial", group="the Group of African States")
    close_and_draw()
    first = debate_blocks(gd)[0]
    lineup = services.floor_lineup(first)
    assert [r["on_behalf_of_group"] for r in lineup] == [True, False, False, False]
    assert lineup[0]["limit_s"] == 420 and lineup[1]["limit_s"] == 300
    assert {"entry_id", "delegation", "speaker_name", "speaker_title", "limit_s"} <= set(lineup[0])
    faster = services.floor_lineup(first, actual={lineup[0]["entry_id"]: 60})
    assert (lineup[1]["starts_at"] - faster[1]["starts_at"]).total_seconds() == 360
    assert build_list(gd).rows[1].starts_at == lineup[1]["starts_at"]


def test_two_simultaneous_inscriptions_of_one_delegation_give_one(app, gd, db):
    db.session.commit()
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def attempt(n: int) -> None:
        with app.app_context():
            from meetings.extensions import db as app_db
            from meetings.programme.services import require_commission_session
            from meetings.refusal import Refusal

            barrier.wait()
            try:
                services.inscribe(require_commission_session(), user(app_db, "austria"), delegation_by_code("AUT"),
                                  speaker_name=f"Speaker {n}", level="ministerial")  # fmt: skip
                app_db.session.commit()
                outcomes.append("ok")
            except Refusal:
                app_db.session.rollback()
                outcomes.append("refused")
            finally:
                app_db.session.remove()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused"]
    db.session.rollback()
    assert db.session.scalar(select(func.count(Inscription.id))) == 1


def test_manage_page_changes_the_speaker_and_refuses_other_delegations(client, gd, db, inscribe, log_in):
    i = inscribe("AUT")
    log_in("brazil")
    assert client.get(f"/debate/inscriptions/{i.id}").status_code == 403
    denied = client.post(f"/debate/inscriptions/{i.id}/speaker", data={"speaker_name": "X", "level": "ministerial"})
    assert denied.status_code == 403
    client.post("/logout")
    log_in("austria")
    assert "Change the speaker" in client.get(f"/debate/inscriptions/{i.id}").get_data(as_text=True)
    bad = client.post(f"/debate/inscriptions/{i.id}/speaker", data={"speaker_name": "", "level": "ministerial"})
    assert bad.status_code == 400
    ok = client.post(f"/debate/inscriptions/{i.id}/speaker",
                     data={"speaker_name": "Karl Nehammer", "level": "higher_than_ministerial", "reason": "Chancellor"})  # fmt: skip
    assert ok.status_code == 302
    db.session.rollback()
    changed = db.session.get(Inscription, i.id)
    assert changed.speaker_name == "Karl Nehammer" and changed.level.value == "higher_than_ministerial"


def test_page_forms_refuse_what_their_fields_refuse_and_change_nothing(
    client, gd, db, inscribe, close_and_draw, log_in
):
    inscribe("AUT")
    inscribe("BRA")
    close_and_draw()
    log_in("secretariat")
    aut = db.session.scalar(select(Inscription).where(Inscription.delegation.has(code="AUT")))
    too_long = client.post(f"/debate/inscriptions/{aut.id}/withdraw", data={"reason": "x" * 501}, follow_redirects=True)
    assert "Field cannot be longer than 500 characters." in too_long.get_data(as_text=True)
    no_reason = client.post("/debate/draw/void", data={"reason": ""}, follow_redirects=True)
    assert "This field is required." in no_reason.get_data(as_text=True)
    db.session.rollback()
    assert aut.withdrawn_at is None
    assert db.session.scalar(select(Draw)).voided_at is None
