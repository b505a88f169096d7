"""Protocol level after the draw: a delegation's raise is a request the secretariat decides; lowering is at once."""

import threading

import pytest
from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.debate.models import Inscription, LevelRequest, LevelRequestStatus
from tests.conftest import thread_client
from tests.working_list import as_secretariat

CODES = ("AUT", "BRA", "KEN", "RUS", "CHN", "ARE")
MINISTER = {
    "speaker_name": "Minister of Foreign Affairs",
    "speaker_title": "Minister",
    "level": "higher_than_ministerial",
}


def speakers(client) -> list[dict]:
    return client.get("/api/v1/debate/list", headers=as_secretariat()).get_json()["speakers"]


def order(client) -> list[str]:
    return [s["delegation"] for s in speakers(client)]


def entry(client, code: str) -> dict:
    return next(s for s in speakers(client) if s["delegation"] == code)


def logged(db, action: str) -> list[AuditEntry]:
    db.session.rollback()
    stmt = select(AuditEntry).where(AuditEntry.feature == "debate", AuditEntry.action == action)
    return list(db.session.scalars(stmt.order_by(AuditEntry.seq)))


def requests(db) -> list[LevelRequest]:
    db.session.rollback()
    return list(db.session.scalars(select(LevelRequest).order_by(LevelRequest.id)))


@pytest.fixture
def drawn(gd, db, inscribe, close_and_draw):
    for code in CODES:
        inscribe(code, level="lower_than_ministerial")
    close_and_draw()
    return gd


def test_before_the_draw_a_raise_takes_effect_at_once(client, gd, db, inscribe, token_for):
    i = inscribe("AUT", level="lower_than_ministerial")
    done = client.put(f"/api/v1/debate/inscriptions/{i.id}", json=MINISTER, headers=token_for("austria"))
    assert done.status_code == 200 and done.get_json()["level"] == "higher_than_ministerial"
    assert requests(db) == []


def test_after_the_draw_a_raise_waits_for_the_secretariat_and_keeps_the_place(client, drawn, db, token_for):
    before = order(client)
    last = before[-1]
    mine = entry(client, last)
    user = {"AUT": "austria", "BRA": "brazil", "KEN": "kenya", "RUS": "russia", "CHN": "china", "ARE": "uae"}[last]
    asked = client.put(f"/api/v1/debate/inscriptions/{mine['id']}", headers=token_for(user),
                       json={**MINISTER, "reason": "The minister arrives on Thursday"})  # fmt: skip
    assert asked.status_code == 202
    body = asked.get_json()
    assert body["level"] == "lower_than_ministerial" and body["level_request"]["status"] == "pending"
    assert order(client) == before and entry(client, last)["speaker_name"] == mine["speaker_name"]
    (e,) = logged(db, "level_requested")
    assert e.reason == "The minister arrives on Thursday" and e.after["level"] == "higher_than_ministerial"
    again = client.put(f"/api/v1/debate/inscriptions/{mine['id']}", headers=token_for(user), json=MINISTER)
    assert again.status_code == 400 and "waits for the secretariat" in again.get_json()["message"]
    pending = client.get("/api/v1/debate/level-requests", headers=token_for("secretariat")).get_json()
    assert [r["delegation"] for r in pending] == [last]
    assert client.get("/api/v1/debate/level-requests", headers=token_for("kenya" if last != "KEN" else "brazil")
                      ).get_json() == []  # fmt: skip
    request_id = pending[0]["id"]
    by_delegation = client.post(f"/api/v1/debate/level-requests/{request_id}/confirm", json={}, headers=token_for(user))
    assert by_delegation.status_code == 403 and order(client) == before
    confirmed = client.post(f"/api/v1/debate/level-requests/{request_id}/confirm", json={"reason": "Verified"},
                            headers=token_for("secretariat"))  # fmt: skip
    assert confirmed.status_code == 200 and confirmed.get_json()["status"] == "confirmed"
    assert order(client)[0] == last and entry(client, last)["lot"] == mine["lot"]
    assert entry(client, last)["speaker_name"] == MINISTER["speaker_name"]
    (e,) = logged(db, "level_confirmed")
    assert e.before["slot"] == len(before) and e.after["slot"] == 1 and e.actor.username == "secretariat"
    twice = client.post(f"/api/v1/debate/level-requests/{request_id}/decline", json={"reason": "No"},
                        headers=token_for("secretariat"))  # fmt: skip
    assert twice.status_code == 400 and "already confirmed" in twice.get_json()["message"]


def test_a_declined_request_needs_a_reason_and_changes_nothing(client, drawn, db, token_for, log_in):
    aut = entry(client, "AUT")
    before = order(client)
    client.put(f"/api/v1/debate/inscriptions/{aut['id']}", json=MINISTER, headers=token_for("austria"))
    (req,) = requests(db)
    log_in("secretariat")
    page = client.get("/debate/level-requests").get_data(as_text=True)
    assert "Austria" in page and "Higher than ministerial" in page and MINISTER["speaker_name"] in page
    no_reason = client.post(f"/debate/level-requests/{req.id}/decline", data={"reason": ""}, follow_redirects=True)
    assert "Why it is declined" in no_reason.get_data(as_text=True)
    assert requests(db)[0].status == LevelRequestStatus.pending
    api_no_reason = client.post(f"/api/v1/debate/level-requests/{req.id}/decline", json={},
                                headers=token_for("secretariat"))  # fmt: skip
    assert api_no_reason.status_code == 422
    declined = client.post(f"/debate/level-requests/{req.id}/decline", data={"reason": "No credentials received"})
    assert declined.status_code == 302
    assert requests(db)[0].status == LevelRequestStatus.declined and order(client) == before
    (e,) = logged(db, "level_declined")
    assert e.reason == "No credentials received" and e.delegation.code == "AUT"
    assert "request to speak at higher than ministerial level" in e.record_label


def test_lowering_and_the_secretariats_own_change_take_effect_at_once(client, gd, db, inscribe, close_and_draw,
                                                                      token_for):  # fmt: skip
    for code in CODES:
        inscribe(code, level="ministerial")
    close_and_draw()
    aut = entry(client, "AUT")
    lower = client.put(f"/api/v1/debate/inscriptions/{aut['id']}", headers=token_for("austria"),
                       json={"speaker_name": "Ambassador", "level": "lower_than_ministerial"})  # fmt: skip
    assert lower.status_code == 200 and order(client)[-1] == "AUT"
    bra = entry(client, "BRA")
    by_secretariat = client.put(f"/api/v1/debate/inscriptions/{bra['id']}", json=MINISTER,
                                headers=token_for("secretariat"))  # fmt: skip
    assert by_secretariat.status_code == 200 and order(client)[0] == "BRA"
    assert requests(db) == []


def test_the_inscription_page_shows_the_pending_request_and_the_delegation_cancels_it(client, drawn, db, token_for,
                                                                                     log_in):  # fmt: skip
    aut = entry(client, "AUT")
    log_in("austria")
    asked = client.post(f"/debate/inscriptions/{aut['id']}/speaker", data=MINISTER, follow_redirects=True)
    text = asked.get_data(as_text=True)
    assert "The request for a higher level is sent to the secretariat" in text
    assert "Request to speak at higher than ministerial level" in text and "Cancel the request" in text
    (req,) = requests(db)
    other = client.post(f"/api/v1/debate/level-requests/{req.id}/cancel", json={}, headers=token_for("brazil"))
    assert other.status_code == 403
    cancelled = client.post(f"/debate/level-requests/{req.id}/cancel", data={})
    assert cancelled.status_code == 302 and requests(db)[0].status == LevelRequestStatus.cancelled
    assert logged(db, "level_request_cancelled")[0].actor.username == "austria"
    db.session.rollback()
    assert db.session.get(Inscription, aut["id"]).level.value == "lower_than_ministerial"


def test_two_requests_at_once_leave_one_pending_and_two_decisions_one_outcome(app, client, drawn, db, token_for):
    aut = entry(client, "AUT")
    austria, sec = token_for("austria"), token_for("secretariat")
    barrier, statuses = threading.Barrier(2), []

    def ask(n: int) -> None:
        c = thread_client(app)
        barrier.wait()
        r = c.put(f"/api/v1/debate/inscriptions/{aut['id']}", headers=austria, json={**MINISTER, "reason": f"try {n}"})
        statuses.append(r.status_code)

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(statuses) == [202, 400]
    db.session.rollback()
    assert db.session.scalar(select(func.count(LevelRequest.id))) == 1
    (req,) = requests(db)
    barrier, outcomes = threading.Barrier(2), []

    def decide(decision: str) -> None:
        c = thread_client(app)
        barrier.wait()
        r = c.post(f"/api/v1/debate/level-requests/{req.id}/{decision}", json={"reason": "Decided"}, headers=sec)
        outcomes.append((decision, r.status_code))

    threads = [threading.Thread(target=decide, args=(d,)) for d in ("confirm", "decline")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(s for _, s in outcomes) == [200, 400]
    won = next(d for d, s in outcomes if s == 200)
    assert requests(db)[0].status.value == {"confirm": "confirmed", "decline": "declined"}[won]
    assert len(logged(db, "level_confirmed")) + len(logged(db, "level_declined")) == 1
