"""Changes after the draw, each logged and reflected in the list, its times, the PDF and the calendar."""

import subprocess

from icalendar import Calendar
from sqlalchemy import select

from meetings.debate.models import Change, ChangeKind, Inscription
from meetings.exports.ical import to_minute
from tests.debate.test_draw import close
from tests.working_list import as_secretariat

CODES = ("AUT", "BRA", "KEN", "RUS", "CHN", "ARE")


def order(client) -> list[str]:
    return [s["delegation"] for s in client.get("/api/v1/debate/list", headers=as_secretariat()).get_json()["speakers"]]


def entry(client, code: str) -> dict:
    return next(
        s
        for s in client.get("/api/v1/debate/list", headers=as_secretariat()).get_json()["speakers"]
        if s["delegation"] == code
    )


def logged(db, kind: ChangeKind) -> list[Change]:
    db.session.rollback()
    return list(db.session.scalars(select(Change).where(Change.kind == kind)))


def test_new_level_moves_tier_and_keeps_lot(client, gd, db, inscribe, close_and_draw, token_for):
    for code in CODES:
        inscribe(code, level="ministerial")
    close_and_draw()
    before = order(client)
    last = before[-1]
    lot = entry(client, last)["lot"]
    i = entry(client, last)["id"]
    body = {"speaker_name": "Head of State", "level": "higher_than_ministerial", "reason": "The President will attend"}
    response = client.put(f"/api/v1/debate/inscriptions/{i}", json=body, headers=token_for("secretariat"))
    assert response.status_code == 200
    after = order(client)
    assert after[0] == last and entry(client, last)["lot"] == lot
    change = logged(db, ChangeKind.speaker_changed)[0]
    assert change.reason == "The President will attend" and change.by.username == "secretariat"
    assert change.details["before"]["level"] == "ministerial"
    bad = client.put(
        f"/api/v1/debate/inscriptions/{i}", json={**body, "level": "king"}, headers=token_for("secretariat")
    )
    assert bad.status_code == 422


def test_withdrawal_frees_a_slot_for_the_next_on_the_waiting_list(client, gd, db, inscribe, close_and_draw, token_for):
    quotas = {"AFR": 1, "APG": 110, "EEG": 1, "GRULAC": 1, "WEOG": 1}
    assert (
        client.put("/api/v1/debate/quotas", json={**quotas, "AFR": 2}, headers=token_for("secretariat")).status_code
        == 400
    )
    assert client.get("/api/v1/debate/quotas").get_json()["by_hand"] is False
    assert client.put("/api/v1/debate/quotas", json=quotas, headers=token_for("secretariat")).status_code == 200
    for code in ("KEN", "NGA", "EGY"):
        inscribe(code)
    close_and_draw()
    listing = client.get("/api/v1/debate/list", headers=as_secretariat()).get_json()
    admitted = [s["delegation"] for s in listing["speakers"]]
    waiting = [s["delegation"] for s in listing["waiting"]["AFR"]]
    assert len(admitted) == 1 and len(waiting) == 2
    mine = listing["speakers"][0]
    user = {"KEN": "kenya"}.get(mine["delegation"], "secretariat")
    gone = client.post(f"/api/v1/debate/inscriptions/{mine['id']}/withdraw", json={"reason": "Minister unwell"},
                       headers=token_for(user))  # fmt: skip
    assert gone.status_code == 200
    assert order(client) == [waiting[0]]
    assert logged(db, ChangeKind.withdrawn)[0].reason == "Minister unwell"


def test_swap_needs_the_other_delegations_confirmation(client, gd, db, inscribe, close_and_draw, token_for):
    for code in CODES:
        inscribe(code)
    close_and_draw()
    before = order(client)
    aut, bra = entry(client, "AUT")["id"], entry(client, "BRA")["id"]
    unknown = client.post(
        f"/api/v1/debate/inscriptions/{aut}/swaps", json={"other": "ZZZ"}, headers=token_for("austria")
    )
    assert unknown.status_code == 400 and unknown.get_json()["message"] == "ZZZ has no slot on the list."
    proposed = client.post(f"/api/v1/debate/inscriptions/{aut}/swaps", json={"other": "BRA", "reason": "agreed"},
                           headers=token_for("austria"))  # fmt: skip
    assert proposed.status_code == 201
    swap_id = proposed.get_json()["id"]
    assert order(client) == before
    self_confirm = client.post(f"/api/v1/debate/swaps/{swap_id}/confirm", headers=token_for("austria"))
    assert self_confirm.status_code == 403
    third = client.post(f"/api/v1/debate/swaps/{swap_id}/confirm", headers=token_for("kenya"))
    assert third.status_code == 403
    assert order(client) == before and logged(db, ChangeKind.swapped) == []
    confirmed = client.post(f"/api/v1/debate/swaps/{swap_id}/confirm", headers=token_for("brazil"))
    assert confirmed.status_code == 200
    expected = list(before)
    a, b = expected.index("AUT"), expected.index("BRA")
    expected[a], expected[b] = expected[b], expected[a]
    assert order(client) == expected
    assert client.post(f"/api/v1/debate/swaps/{swap_id}/confirm", headers=token_for("brazil")).status_code == 400
    assert bra in {c.other_inscription_id for c in logged(db, ChangeKind.swapped)}


def test_absent_when_called_moves_to_the_next_slot_and_times_follow(client, gd, db, inscribe, close_and_draw,
                                                                      token_for):  # fmt: skip
    for code in CODES:
        inscribe(code)
    close_and_draw()
    before = order(client)
    first = entry(client, before[0])
    start_of_second = entry(client, before[1])["projected_start"]
    refused = client.post(f"/api/v1/debate/inscriptions/{first['id']}/absent", json={}, headers=token_for("austria"))
    assert refused.status_code == 403
    moved = client.post(f"/api/v1/debate/inscriptions/{first['id']}/absent", json={}, headers=token_for("chair"))
    assert moved.status_code == 200
    assert order(client) == [before[1], before[0], *before[2:]]
    assert entry(client, before[1])["projected_start"] == first["projected_start"]
    assert entry(client, before[0])["projected_start"] == start_of_second
    assert logged(db, ChangeKind.absent)[0].by.username == "chair"


def test_speakers_pdf_lists_speakers_in_order_with_times(client, gd, db, inscribe, close_and_draw, tmp_path, log_in):
    inscribe("RUS", name="Сергей Лавров")
    inscribe("CHN", name="王小洪")
    inscribe("ARE", name="سيف بن زايد")
    inscribe("KEN", level="lower_than_ministerial", group="the Group of African States")
    close_and_draw()
    speakers = client.get("/api/v1/debate/list", headers=as_secretariat()).get_json()["speakers"]
    block = speakers[0]["block_id"]
    log_in("chair")
    response = client.get(f"/debate/blocks/{block}/speakers.pdf")
    assert response.status_code == 200
    path = tmp_path / "list.pdf"
    path.write_bytes(response.data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert text.index("Kenya") < text.index("Russian Federation")
    positions = [text.index(s["delegation_name"]) for s in speakers]
    assert positions == sorted(positions)
    assert "Сергей Лавров" in text and "王小洪" in text and "10:00" in text and "10:07" in text
    assert "Notes" in text


def test_calendar_keeps_its_uid_and_raises_sequence_when_the_time_changes(client, gd, db, inscribe, close_and_draw,
                                                                           token_for):  # fmt: skip
    for code in CODES:
        inscribe(code)
    close_and_draw()

    def event(code: str):
        cal = Calendar.from_ical(client.get(f"/delegations/{code}/agenda.ics").data)
        (ev,) = [c for c in cal.walk("VEVENT") if str(c["UID"]).startswith("gd-slot-")]
        return ev

    first = order(client)[0]
    before = event(first)
    assert before["DTSTART"].params["TZID"] == "Europe/Vienna"
    i = entry(client, first)["id"]
    client.post(f"/api/v1/debate/inscriptions/{i}/absent", json={}, headers=token_for("chair"))
    after = event(first)
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after["DTSTART"].dt > before["DTSTART"].dt
    db.session.rollback()
    # calendars write the projected start to the minute (issue 13, point 5)
    assert to_minute(db.session.get(Inscription, i).projected_at) == after["DTSTART"].dt


def test_unused_quota_is_released_to_other_groups_after_the_deadline(client, gd, db, inscribe, token_for):
    quotas = {"AFR": 1, "APG": 110, "EEG": 1, "GRULAC": 1, "WEOG": 1}
    client.put("/api/v1/debate/quotas", json=quotas, headers=token_for("secretariat"))
    inscribe("KEN")
    inscribe("NGA")
    early = client.post("/api/v1/debate/quotas/release", headers=token_for("secretariat"))
    assert early.status_code == 400
    close(db, gd)
    done = client.post("/api/v1/debate/quotas/release", headers=token_for("secretariat"))
    assert done.status_code == 200 and done.get_json()["released"] == 1
    assert sorted(order(client)) == ["KEN", "NGA"]
