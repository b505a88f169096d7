"""A delegation's home page shows where it stands in the debate; swaps are accepted or declined from it;
logs and pages name both delegations."""

import re
from datetime import datetime

import pytest
from sqlalchemy import select

from meetings.audit.models import AuditEntry
from meetings.debate.models import Swap
from meetings.timeutil import to_local
from tests.working_list import as_secretariat

CODES = ("AUT", "BRA", "KEN", "RUS", "CHN", "ARE")


def speakers(client) -> list[dict]:
    return client.get("/api/v1/debate/list", headers=as_secretariat()).get_json()["speakers"]


def order(client) -> list[str]:
    return [s["delegation"] for s in speakers(client)]


def entry(client, code: str) -> dict:
    return next(s for s in speakers(client) if s["delegation"] == code)


def section(html: str) -> str:
    """The general-debate section of a home page."""
    start = html.index('id="debate-standing"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def drawn(gd, db, inscribe, close_and_draw):
    for code in CODES:
        inscribe(code)
    close_and_draw()
    return gd


def test_the_home_page_shows_slot_meeting_time_and_limit(client, drawn, db, log_in):
    aut = entry(client, "AUT")
    log_in("austria")
    html = section(client.get("/delegations/AUT").get_data(as_text=True))
    start = to_local(datetime.fromisoformat(aut["projected_start"]), "Europe/Vienna")
    assert f"Slot {aut['slot']}" in html and "General debate, 1st meeting" in html
    assert f"{start:%A %d %B, %H:%M}" in html and "speaking time 5:00" in html and f"lot {aut['lot']}" in html
    assert "Speaker of AUT" in html and "Ministerial" in html


def test_the_home_page_shows_a_waiting_list_position(client, gd, db, inscribe, close_and_draw, token_for, log_in):
    quotas = {"AFR": 1, "APG": 110, "EEG": 1, "GRULAC": 1, "WEOG": 1}
    client.put("/api/v1/debate/quotas", json=quotas, headers=token_for("secretariat"))
    for code in ("KEN", "NGA", "EGY"):
        inscribe(code)
    close_and_draw()
    waiting = client.get("/api/v1/debate/list", headers=as_secretariat()).get_json()["waiting"]["AFR"]
    assert "KEN" in [w["delegation"] for w in waiting]  # with the tests' secret and public value, Kenya waits
    position = 1 + [w["delegation"] for w in waiting].index("KEN")
    log_in("kenya")
    html = section(client.get("/delegations/KEN").get_data(as_text=True))
    assert f"Waiting list of the regional group AFR: position {position}" in html
    standing = client.get("/api/v1/debate/standing/KEN", headers=token_for("kenya")).get_json()
    assert standing["inscriptions"][0]["waiting_position"] == position
    assert client.get("/api/v1/debate/standing/KEN", headers=token_for("austria")).status_code == 403


def test_the_other_delegation_accepts_a_swap_from_its_home_page(client, drawn, db, token_for, log_in):
    before = order(client)
    aut = entry(client, "AUT")
    proposed = client.post(f"/api/v1/debate/inscriptions/{aut['id']}/swaps", json={"other": "BRA", "reason": "Agreed"},
                           headers=token_for("austria"))  # fmt: skip
    swap_id = proposed.get_json()["id"]
    assert proposed.get_json()["proposed_by_name"] == "Austria" and proposed.get_json()["other_name"] == "Brazil"
    log_in("austria")
    mine = section(client.get("/delegations/AUT").get_data(as_text=True))
    assert "Swaps Austria proposed" in mine and "waiting for Brazil to accept or decline" in mine
    assert "Accept the swap" not in mine
    client.post("/logout")
    log_in("brazil")
    theirs = section(client.get("/delegations/BRA").get_data(as_text=True))
    assert "Swaps proposed to Brazil" in theirs and "Accept the swap" in theirs and "Decline" in theirs
    assert f'action="/debate/swaps/{swap_id}/confirm"' in theirs
    accepted = client.post(f"/debate/swaps/{swap_id}/confirm", data={"next": "/delegations/BRA"})
    assert accepted.status_code == 302 and accepted.headers["Location"].endswith("/delegations/BRA")
    expected = list(before)
    a, b = expected.index("AUT"), expected.index("BRA")
    expected[a], expected[b] = expected[b], expected[a]
    assert order(client) == expected
    assert "Swaps proposed to Brazil" not in section(client.get("/delegations/BRA").get_data(as_text=True))
    log = client.get("/debate/log").get_data(as_text=True)
    assert "Swap of places between Austria and Brazil: swapped" in log and "Austria ↔ Brazil" in log
    assert not re.search(r"↔ #\d+", log)


def test_a_declined_swap_ends_and_nobody_moves(client, drawn, db, token_for, log_in):
    before = order(client)
    aut = entry(client, "AUT")
    swap_id = client.post(f"/api/v1/debate/inscriptions/{aut['id']}/swaps", json={"other": "BRA"},
                          headers=token_for("austria")).get_json()["id"]  # fmt: skip
    by_proposer = client.post(f"/api/v1/debate/swaps/{swap_id}/decline", json={}, headers=token_for("austria"))
    assert by_proposer.status_code == 403
    by_third = client.post(f"/debate/swaps/{swap_id}/decline", data={})
    assert by_third.status_code in (302, 401)  # not logged in: to the login page
    log_in("kenya")
    assert client.post(f"/debate/swaps/{swap_id}/decline", data={}).status_code == 403
    client.post("/logout")
    log_in("brazil")
    declined = client.post(f"/debate/swaps/{swap_id}/decline", data={"reason": "Our minister lands late"})
    assert declined.status_code == 302 and order(client) == before
    db.session.rollback()
    swap = db.session.get(Swap, swap_id)
    assert swap.declined_at is not None and swap.decline_reason == "Our minister lands late"
    e = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "swap_declined"))
    assert e.delegation.code == "BRA" and e.other_delegation.code == "AUT" and e.reason == "Our minister lands late"
    assert "Austria and Brazil" in e.record_label
    late = client.post(f"/api/v1/debate/swaps/{swap_id}/confirm", headers=token_for("brazil"))
    assert late.status_code == 400 and "declined" in late.get_json()["message"] and order(client) == before
    again = client.post(f"/api/v1/debate/inscriptions/{aut['id']}/swaps", json={"other": "BRA"},
                        headers=token_for("austria"))  # fmt: skip
    assert again.status_code == 201  # a declined proposal no longer blocks a new one
    twice = client.post(f"/api/v1/debate/inscriptions/{aut['id']}/swaps", json={"other": "BRA"},
                        headers=token_for("austria"))  # fmt: skip
    assert twice.status_code == 400 and "already proposed" in twice.get_json()["message"]


def test_the_home_page_shows_a_pending_level_request(client, drawn, db, token_for, log_in):
    aut = entry(client, "AUT")
    client.put(f"/api/v1/debate/inscriptions/{aut['id']}", headers=token_for("austria"),
               json={"speaker_name": "Karl Nehammer", "level": "higher_than_ministerial"})  # fmt: skip
    log_in("austria")
    html = section(client.get("/delegations/AUT").get_data(as_text=True))
    assert "Requests for a higher level" in html and "Karl Nehammer at higher than ministerial level" in html
    assert f"Slot {aut['slot']}" in html  # the place stays until the secretariat confirms


def test_no_inscription_and_no_session_section_reads_plainly(client, gd, db, log_in):
    log_in("austria")
    html = section(client.get("/delegations/AUT").get_data(as_text=True))
    assert "has no speaker inscribed" in html and "inscribe a speaker" in html
