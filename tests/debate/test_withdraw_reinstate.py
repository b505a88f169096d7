"""Withdrawal after a page that says what is lost, with a reason; reinstatement by the secretariat only."""

import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from meetings.audit.models import AuditEntry
from meetings.debate.models import Inscription, LevelRequest, LevelRequestStatus, Swap
from meetings.timeutil import to_local
from tests.conftest import thread_client
from tests.working_list import as_secretariat

CODES = ("AUT", "BRA", "KEN", "RUS", "CHN", "ARE")


def speakers(client) -> list[dict]:
    return client.get("/api/v1/debate/list", headers=as_secretariat()).get_json()["speakers"]


def order(client) -> list[str]:
    return [s["delegation"] for s in speakers(client)]


def entry(client, code: str) -> dict:
    return next(s for s in speakers(client) if s["delegation"] == code)


def entries(db, action: str) -> list[AuditEntry]:
    db.session.rollback()
    return list(
        db.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.feature == "debate", AuditEntry.action == action)
            .order_by(AuditEntry.seq)
        )
    )


def fresh(db, inscription_id: int) -> Inscription:
    db.session.rollback()
    return db.session.get(Inscription, inscription_id)


@pytest.fixture
def drawn(gd, db, inscribe, close_and_draw):
    for code in CODES:
        inscribe(code)
    close_and_draw()
    return gd


def test_the_confirmation_page_says_what_is_lost_and_a_reason_is_required(client, drawn, db, log_in):
    aut = entry(client, "AUT")
    when = to_local(fresh(db, aut["id"]).projected_at, "Europe/Vienna")  # as the page shows it
    log_in("austria")
    page = client.get(f"/debate/inscriptions/{aut['id']}/withdraw")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f"slot {aut['slot']}, {when:%A %H:%M}" in text
    assert "your place cannot be taken back by you" in text
    no_reason = client.post(f"/debate/inscriptions/{aut['id']}/withdraw", data={"reason": "  "})
    assert no_reason.status_code == 400 and "Why the inscription is withdrawn" in no_reason.get_data(as_text=True)
    assert fresh(db, aut["id"]).active and entries(db, "withdrawn") == []
    done = client.post(f"/debate/inscriptions/{aut['id']}/withdraw", data={"reason": "The minister cannot travel"})
    assert done.status_code == 302
    assert not fresh(db, aut["id"]).active and "AUT" not in order(client)
    (e,) = entries(db, "withdrawn")
    assert e.reason == "The minister cannot travel" and e.before["slot"] == aut["slot"]
    again = client.get(f"/debate/inscriptions/{aut['id']}/withdraw", follow_redirects=True)
    assert "already withdrawn" in again.get_data(as_text=True)


def test_the_api_needs_a_reason_and_refuses_another_delegation(client, drawn, db, token_for):
    aut = entry(client, "AUT")
    url = f"/api/v1/debate/inscriptions/{aut['id']}/withdraw"
    other = client.post(url, json={"reason": "Intrusion"}, headers=token_for("brazil"))
    assert other.status_code == 403
    none = client.post(url, json={}, headers=token_for("austria"))
    assert none.status_code == 422 and "reason" in none.get_json()["errors"]
    assert fresh(db, aut["id"]).active
    assert client.post(url, json={"reason": "Changed plans"}, headers=token_for("austria")).status_code == 200
    assert not fresh(db, aut["id"]).active


def test_only_the_secretariat_reinstates_and_the_place_comes_back(client, drawn, db, token_for, log_in):
    before = order(client)
    aut = entry(client, "AUT")
    client.post(
        f"/api/v1/debate/inscriptions/{aut['id']}/withdraw", json={"reason": "Ill"}, headers=token_for("austria")
    )
    assert "AUT" not in order(client)
    url = f"/api/v1/debate/inscriptions/{aut['id']}/reinstate"
    assert client.post(url, json={"reason": "Please"}, headers=token_for("austria")).status_code == 403
    log_in("austria")
    assert client.post(f"/debate/inscriptions/{aut['id']}/reinstate", data={"reason": "x"}).status_code == 403
    assert "Reinstate" not in client.get(f"/debate/inscriptions/{aut['id']}").get_data(as_text=True)
    no_reason = client.post(url, json={"reason": ""}, headers=token_for("secretariat"))
    assert no_reason.status_code == 422
    assert not fresh(db, aut["id"]).active and entries(db, "reinstated") == []
    back = client.post(url, json={"reason": "Withdrawn by mistake, says the mission"}, headers=token_for("secretariat"))
    assert back.status_code == 200
    assert order(client) == before and entry(client, "AUT")["lot"] == aut["lot"]
    assert entry(client, "AUT")["projected_start"] == aut["projected_start"]
    (e,) = entries(db, "reinstated")
    assert e.reason == "Withdrawn by mistake, says the mission" and e.actor.username == "secretariat"
    assert e.before["status"] == "withdrawn" and e.after["slot"] == aut["slot"] and e.after["lot"] == aut["lot"]
    again = client.post(url, json={"reason": "Twice"}, headers=token_for("secretariat"))
    assert again.status_code == 400 and "not withdrawn" in again.get_json()["message"]


def test_a_reinstated_speaker_takes_back_its_slot_from_the_waiting_list(client, gd, db, inscribe, close_and_draw,
                                                                       token_for):  # fmt: skip
    quotas = {"AFR": 1, "APG": 110, "EEG": 1, "GRULAC": 1, "WEOG": 1}
    assert client.put("/api/v1/debate/quotas", json=quotas, headers=token_for("secretariat")).status_code == 200
    for code in ("KEN", "NGA", "EGY"):
        inscribe(code)
    close_and_draw()
    first = speakers(client)[0]
    sec = token_for("secretariat")
    client.post(f"/api/v1/debate/inscriptions/{first['id']}/withdraw", json={"reason": "Ill"}, headers=sec)
    promoted = order(client)[0]
    assert promoted != first["delegation"]
    assert client.post(f"/api/v1/debate/inscriptions/{first['id']}/reinstate", json={"reason": "Recovered"},
                       headers=sec).status_code == 200  # fmt: skip
    listing = client.get("/api/v1/debate/list", headers=as_secretariat()).get_json()
    assert order(client) == [first["delegation"]]
    assert listing["waiting"]["AFR"][0]["delegation"] == promoted
    (moved,) = entries(db, "moved_to_waiting_list")
    assert moved.by_system and "reinstatement" in moved.cause and moved.after["position"] == 1


def test_a_late_inscription_stays_late_and_one_absent_from_the_draw_goes_last(client, gd, db, inscribe, close_and_draw,
                                                                            token_for):  # fmt: skip
    for code in ("AUT", "BRA", "KEN"):
        inscribe(code)
    early = inscribe("RUS")
    sec = token_for("secretariat")
    client.post(f"/api/v1/debate/inscriptions/{early.id}/withdraw", json={"reason": "Unsure"}, headers=sec)
    draw = close_and_draw()
    assert "RUS" not in draw.inputs
    late = client.post("/api/v1/debate/inscriptions", headers=sec,
                       json={"delegation": "CHN", "speaker_name": "Late", "level": "higher_than_ministerial"})  # fmt: skip
    assert late.status_code == 201 and late.get_json()["late"] is True
    drawn_order = order(client)
    client.post(f"/api/v1/debate/inscriptions/{late.get_json()['id']}/withdraw", json={"reason": "x"}, headers=sec)
    client.post(f"/api/v1/debate/inscriptions/{late.get_json()['id']}/reinstate", json={"reason": "y"}, headers=sec)
    assert order(client) == drawn_order and entry(client, "CHN")["late"] is True
    back = client.post(f"/api/v1/debate/inscriptions/{early.id}/reinstate", json={"reason": "Confirmed"}, headers=sec)
    assert back.status_code == 200 and back.get_json()["late"] is True and back.get_json()["lot"] is None
    # Both took no part in the draw: after every drawn speaker, in the order they were first inscribed.
    assert order(client) == [*drawn_order[:-1], "RUS", "CHN"]


def test_reinstating_is_refused_when_the_delegation_inscribed_again(client, gd, db, inscribe, token_for):
    first = inscribe("AUT", name="First speaker")
    sec = token_for("secretariat")
    client.post(f"/api/v1/debate/inscriptions/{first.id}/withdraw", json={"reason": "Wrong name"},
                headers=token_for("austria"))  # fmt: skip
    again = client.post("/api/v1/debate/inscriptions", json={"speaker_name": "Second speaker", "level": "ministerial"},
                        headers=token_for("austria"))  # fmt: skip
    assert again.status_code == 201
    refused = client.post(f"/api/v1/debate/inscriptions/{first.id}/reinstate", json={"reason": "Put back"}, headers=sec)
    message = refused.get_json()["message"]
    assert refused.status_code == 400 and "inscribed again on" in message and "Second speaker" in message
    assert not fresh(db, first.id).active and entries(db, "reinstated") == []
    # The schema backs the rule: two national statements in force cannot be stored.
    row = fresh(db, first.id)
    row.withdrawn_at = None
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_a_withdrawal_ends_the_proposals_that_involve_it(client, drawn, db, token_for):
    aut, bra = entry(client, "AUT"), entry(client, "BRA")
    swap = client.post(f"/api/v1/debate/inscriptions/{aut['id']}/swaps", json={"other": "BRA"},
                       headers=token_for("austria")).get_json()  # fmt: skip
    raised = client.put(f"/api/v1/debate/inscriptions/{bra['id']}", headers=token_for("brazil"),
                        json={"speaker_name": "President", "level": "higher_than_ministerial"})  # fmt: skip
    assert raised.status_code == 202
    client.post(f"/api/v1/debate/inscriptions/{bra['id']}/withdraw", json={"reason": "Cancelled"},
                headers=token_for("brazil"))  # fmt: skip
    db.session.rollback()
    assert db.session.get(Swap, swap["id"]).declined_at is not None
    assert db.session.scalar(select(LevelRequest)).status == LevelRequestStatus.cancelled
    lapsed = entries(db, "swap_lapsed")[0]
    assert lapsed.by_system and "Austria" in lapsed.record_label and "Brazil" in lapsed.record_label
    late = client.post(f"/api/v1/debate/swaps/{swap['id']}/confirm", headers=token_for("brazil"))
    assert late.status_code == 400 and "declined" in late.get_json()["message"]


def test_reinstating_and_inscribing_again_at_once_leave_one_statement(app, client, gd, db, inscribe, token_for):
    first = inscribe("AUT")
    client.post(f"/api/v1/debate/inscriptions/{first.id}/withdraw", json={"reason": "Unsure"},
                headers=token_for("austria"))  # fmt: skip
    sec, austria = token_for("secretariat"), token_for("austria")
    barrier, results = threading.Barrier(2), {}

    def run(name: str, url: str, body: dict, headers: dict) -> None:
        c = thread_client(app)
        barrier.wait()
        results[name] = c.post(url, json=body, headers=headers)

    threads = [
        threading.Thread(target=run, args=("reinstate", f"/api/v1/debate/inscriptions/{first.id}/reinstate",
                                           {"reason": "Back"}, sec)),
        threading.Thread(target=run, args=("inscribe", "/api/v1/debate/inscriptions",
                                           {"speaker_name": "New", "level": "ministerial"}, austria)),
    ]  # fmt: skip
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    statuses = sorted(r.status_code for r in results.values())
    assert statuses in ([200, 400], [201, 400]), statuses
    refused = next(r for r in results.values() if r.status_code == 400).get_json()["message"]
    assert "already inscribed" in refused or "inscribed again" in refused
    db.session.rollback()
    in_force = db.session.scalar(
        select(func.count(Inscription.id)).where(
            Inscription.withdrawn_at.is_(None), Inscription.on_behalf_of_group.is_(False)
        )
    )
    assert in_force == 1


def test_the_secretariat_sees_a_reinstate_form_and_others_do_not(client, drawn, db, token_for, log_in):
    aut = entry(client, "AUT")
    client.post(
        f"/api/v1/debate/inscriptions/{aut['id']}/withdraw", json={"reason": "Ill"}, headers=token_for("austria")
    )
    log_in("secretariat")
    page = client.get(f"/debate/inscriptions/{aut['id']}").get_data(as_text=True)
    assert "Withdrawn on" in page and "Reinstate the inscription" in page and "Why it is reinstated" in page
    refused = client.post(f"/debate/inscriptions/{aut['id']}/reinstate", data={"reason": ""})
    assert refused.status_code == 400 and not fresh(db, aut["id"]).active
    done = client.post(f"/debate/inscriptions/{aut['id']}/reinstate", data={"reason": "Mission confirmed by note"})
    assert done.status_code == 302 and fresh(db, aut["id"]).active
