"""The audit log as people read it: the secretariat's page and CSV, a delegation's history, the API, the check."""

import csv
import io

from sqlalchemy import text

from tests.audit.test_chain import _tamper
from tests.audit.test_every_change import rules_body
from tests.working_list import as_secretariat


def _withdraw_austria(client, token_for) -> None:
    speakers = client.get("/api/v1/debate/list", headers=as_secretariat()).get_json()["speakers"]
    austria = next(s for s in speakers if s["delegation"] == "AUT")
    response = client.post(f"/api/v1/debate/inscriptions/{austria['id']}/withdraw", json={"reason": "Minister ill"},
                           headers=token_for("austria"))  # fmt: skip
    assert response.status_code == 200


def test_secretariat_filters_pages_and_exports_the_log(client, demo, log_in, token_for):
    _withdraw_austria(client, token_for)
    browser = log_in("secretariat")
    page = browser.get("/audit?feature=debate&delegation=AUT&actor=Austria")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Austria&#39;s national statement" in html and "Minister ill" in html and "Withdrawn" in html
    assert "Permanent Mission of Austria" in html and "Kenya" not in html
    everything = browser.get("/audit").get_data(as_text=True)
    assert "page 1 of" in everything and "Older" in everything
    older = browser.get("/audit?page=2")
    assert older.status_code == 200 and "Newer" in older.get_data(as_text=True)
    exported = browser.get("/audit.csv?feature=debate&delegation=AUT")
    assert exported.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:4] == ["No.", "When (Europe/Vienna)", "Who", "Because of"]
    withdrawn = [r for r in rows[1:] if r[5] == "Withdrawn"]
    assert (
        len(withdrawn) == 1 and withdrawn[0][2] == "Permanent Mission of Austria" and withdrawn[0][12] == "Minister ill"
    )
    bad = browser.get("/audit?delegation=ZZZ&since=yesterday")
    assert bad.status_code == 400 and "There is no delegation with the code ZZZ" in bad.get_data(as_text=True)


def test_the_log_is_the_secretariats_and_a_delegation_sees_its_own_history(client, demo, log_in, token_for):
    _withdraw_austria(client, token_for)
    austria = log_in("austria")
    assert austria.get("/audit").status_code == 403
    assert austria.get("/audit/verify").status_code == 403
    assert "/delegations/AUT/history" in austria.get("/delegations/AUT").get_data(as_text=True)
    own = austria.get("/delegations/AUT/history")
    assert own.status_code == 200 and "Minister ill" in own.get_data(as_text=True)
    assert austria.get("/delegations/KEN/history").status_code == 403
    assert log_in("chair").get("/audit").status_code == 403


def test_the_api_restricts_a_delegation_to_its_own_entries(client, demo, token_for):
    _withdraw_austria(client, token_for)
    mine = client.get("/api/v1/audit", headers=token_for("austria"))
    assert mine.status_code == 200
    entries = mine.get_json()["entries"]
    assert entries and all("AUT" in (e["delegation"], e["other_delegation"]) for e in entries)
    withdrawn = next(e for e in entries if e["action"] == "withdrawn")
    assert withdrawn["actor"]["name"] == "Permanent Mission of Austria" and withdrawn["reason"] == "Minister ill"
    assert withdrawn["before"]["status"] == "inscribed" and withdrawn["after"] == {"status": "withdrawn"}
    other = client.get("/api/v1/audit?delegation=KEN", headers=token_for("austria"))
    assert other.status_code == 403 and "Austria" in other.get_json()["message"]
    assert client.get("/api/v1/audit", headers=token_for("chair")).status_code == 403
    assert client.get("/api/v1/audit").status_code == 401
    sec = client.get("/api/v1/audit?feature=debate&delegation=AUT&since=2020-01-01", headers=token_for("secretariat"))
    assert sec.status_code == 200 and sec.get_json()["total"] >= 2
    assert client.get("/api/v1/audit?since=soon", headers=token_for("secretariat")).status_code == 422


def test_the_check_page_and_api_name_a_changed_entry(client, demo, db, log_in, token_for):
    sec = token_for("secretariat")
    intact = client.get("/api/v1/audit/verify", headers=sec).get_json()
    assert intact["intact"] is True and intact["checked"] == intact["head"]["seq"] > 100
    _tamper(db, "UPDATE audit_entry SET actor_name = 'Someone else' WHERE seq = 7")
    db.session.rollback()
    broken = client.get("/api/v1/audit/verify", headers=sec).get_json()
    assert broken["intact"] is False and broken["first_break"]["seq"] == 7 and broken["checked"] == 6
    page = log_in("secretariat").get("/audit/verify")
    assert page.status_code == 409 and "Not intact: entry 7" in page.get_data(as_text=True)
    assert db.session.execute(text("SELECT count(*) FROM audit_entry")).scalar() > 100


def test_granting_rejecting_and_new_rules_show_with_the_users_name(client, demo, db, log_in, token_for):
    from meetings.floor.models import FloorRequest

    chair, sec = token_for("chair"), token_for("secretariat")
    db.session.rollback()
    request = db.session.scalars(db.select(FloorRequest).order_by(FloorRequest.id)).first()
    block_id = request.floor.block_id
    assert client.post(f"/api/v1/floor/blocks/{block_id}/requests/{request.id}/grant", headers=chair).status_code == 200
    accepted = next(
        e for e in client.get("/api/v1/side-events/queue", headers=sec).get_json() if e["status"] == "accepted"
    )
    rejected = client.post(
        f"/api/v1/side-events/{accepted['id']}/reject", json={"reason": "Not high-level"}, headers=sec
    )
    assert rejected.status_code == 200
    assert client.put("/api/v1/session/rules", json=rules_body(client, gd_ngo_max=2), headers=sec).status_code == 200
    browser = log_in("secretariat")
    assert browser.post("/session/rooms", data={"name": "Room M9"}).status_code == 302
    html = browser.get("/audit").get_data(as_text=True)
    assert "Rules: update" in html and "gd_ngo_max" in html
    assert "Request granted" in html and "Chair of the 67th session" in html
    assert "Rejected" in html and "Not high-level" in html and "Room: add" in html and "CND Secretariat" in html
    entries = client.get("/api/v1/audit", headers=sec).get_json()["entries"]
    by_action = {e["action"]: e["actor"]["name"] for e in entries}
    assert by_action["request_granted"] == "Chair of the 67th session"
    assert by_action["rejected"] == by_action["room.add"] == by_action["rules.update"] == "CND Secretariat"


def test_an_inscription_page_shows_its_own_history(client, demo, log_in, token_for):
    _withdraw_austria(client, token_for)
    speakers = client.get("/api/v1/debate/list", headers=as_secretariat()).get_json()["speakers"]
    kenya = next(s for s in speakers if s["delegation"] == "KEN")
    # Kenya's own level: after the draw a delegation's raise would be a request (tests/debate/test_levels.py).
    body = {"speaker_name": "Dr. Wanjiru", "level": kenya["level"], "reason": "The minister arrives"}
    assert (
        client.put(f"/api/v1/debate/inscriptions/{kenya['id']}", json=body, headers=token_for("kenya")).status_code
        == 200
    )
    page = log_in("kenya").get(f"/debate/inscriptions/{kenya['id']}").get_data(as_text=True)
    assert "Record" in page and "Speaker changed" in page and "Dr. Wanjiru" in page and "The minister arrives" in page
    assert "Minister ill" not in page
