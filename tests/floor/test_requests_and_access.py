"""Floor requests, who may drive the console, the projector's state, the record."""

import csv
import io
import threading
import time
from datetime import UTC, datetime, timedelta

from meetings.floor import queue, services
from meetings.floor.models import FloorRequest, TurnStatus
from tests.conftest import thread_client
from tests.floor.conftest import chair, version_of


def requests_of(db, block) -> list[tuple[str, str]]:
    db.session.rollback()
    rows = db.session.scalars(db.select(FloorRequest).order_by(FloorRequest.requested_at, FloorRequest.id))
    return [(r.delegation.code, r.status.value) for r in rows if r.floor.block_id == block.id]


def test_queue_in_order_of_arrival_and_one_open_request_per_delegation(db, client, rt_block, token_for):
    # The demo queue: BRA, CHN, VNGOC; Austria arrives last.
    austria = token_for("austria")
    url = f"/api/v1/floor/blocks/{rt_block.id}/requests"
    first = client.post(url, json={}, headers=austria)
    assert first.status_code == 201
    again = client.post(url, json={}, headers=austria)
    assert again.status_code == 409
    assert again.get_json()["message"] == (
        "Austria has already asked for the floor in this roundtable; it is in the queue."
    )
    db.session.rollback()
    assert [r.delegation.code for r in queue.open_requests(rt_block)] == ["BRA", "CHN", "VNGOC", "AUT"]
    other = client.post(url, json={"delegation": "BRA"}, headers=austria)
    assert other.status_code == 403
    # Withdrawn, then asked again: a new request at the end of the queue.
    withdrawn = client.post(f"{url}/{first.get_json()['id']}/withdraw", json={}, headers=austria)
    assert withdrawn.status_code == 200
    assert client.post(url, json={}, headers=austria).status_code == 201
    assert requests_of(db, rt_block).count(("AUT", "withdrawn")) == 1


def test_simultaneous_requests_of_one_delegation_leave_one_open(app, db, rt_block, token_for):
    headers = token_for("kenya")
    url = f"/api/v1/floor/blocks/{rt_block.id}/requests"
    barrier, codes = threading.Barrier(5), []

    def press():
        with thread_client(app) as c:
            barrier.wait()
            codes.append(c.post(url, json={}, headers=headers).status_code)

    threads = [threading.Thread(target=press) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [201, 409, 409, 409, 409]
    assert requests_of(db, rt_block).count(("KEN", "open")) == 1


def test_chair_gives_the_floor_with_the_floor_limit_or_drops(db, client, rt_block, chair_api):
    queued = queue.open_requests(rt_block)
    base = f"/floor/blocks/{rt_block.id}/requests"
    granted = chair_api(f"{base}/{queued[0].id}/grant")
    assert granted.status_code == 200
    assert (granted.get_json()["delegation_code"], granted.get_json()["limit_s"]) == ("BRA", 180)
    assert granted.get_json()["role"] == "rt_floor"
    assert chair_api(f"{base}/{queued[0].id}/grant").status_code == 409  # already granted
    assert chair_api(f"{base}/{queued[1].id}/drop").status_code == 200
    nameplate = chair_api(base, {"delegation": "rus"})
    assert nameplate.status_code == 201
    assert chair_api(base, {"delegation": ""}).status_code == 400
    assert requests_of(db, rt_block) == [("BRA", "granted"), ("CHN", "dropped"), ("VNGOC", "open"), ("RUS", "open")]
    assert db.session.get(FloorRequest, nameplate.get_json()["id"]).raised_in_room


def test_another_delegation_cannot_withdraw_and_no_requests_in_the_general_debate(
    client, rt_block, gd_block, token_for
):
    req = queue.open_requests(rt_block)[0]  # Brazil's
    url = f"/api/v1/floor/blocks/{rt_block.id}/requests/{req.id}/withdraw"
    assert client.post(url, json={}, headers=token_for("austria")).status_code == 403
    gd = client.post(f"/api/v1/floor/blocks/{gd_block.id}/requests", json={}, headers=token_for("austria"))
    assert gd.status_code == 400 and "speakers list" in gd.get_json()["message"]


def test_a_delegation_user_cannot_drive_the_console(db, client, log_in, gd_block, token_for):
    austria = token_for("austria")
    v = version_of(gd_block)
    api = client.post(f"/api/v1/floor/blocks/{gd_block.id}/actions", json={"action": "next", "version": v},
                      headers=austria)  # fmt: skip
    assert api.status_code == 403
    assert client.get(f"/api/v1/floor/blocks/{gd_block.id}", headers=austria).status_code == 403
    log_in("austria")
    assert client.get(f"/floor/blocks/{gd_block.id}").status_code == 403
    html = client.post(f"/floor/blocks/{gd_block.id}/act", data={"action": "next", "version": v})
    assert html.status_code == 403
    db.session.rollback()
    assert services.current(services.floor_of(gd_block)) is None


def test_console_in_the_browser_refuses_a_stale_second_press(db, client, log_in, gd_block):
    log_in("chair")
    v = version_of(gd_block)
    assert client.post(f"/floor/blocks/{gd_block.id}/act", data={"action": "next", "version": v}).status_code == 302
    stale = client.post(f"/floor/blocks/{gd_block.id}/act", data={"action": "next", "version": v})
    assert stale.status_code == 409
    assert "nothing was done" in stale.get_data(as_text=True)
    db.session.rollback()
    assert services.current(services.floor_of(gd_block)).delegation.code == "KEN"


def test_projector_state_is_public_with_etag_and_server_time(client, gd_block, chair_api):
    chair_api(f"/floor/blocks/{gd_block.id}/actions", {"action": "start", "version": version_of(gd_block)})
    url = f"/floor/rooms/{gd_block.room_id}/state.json"
    first = client.get(url)
    body = first.get_json()
    assert first.status_code == 200 and body["status"] == "running"
    assert body["current"]["delegation"] == "Kenya" and [n["delegation"] for n in body["next"]] == ["Austria", "Brazil"]
    assert body["server_now_ms"] > 0 and 0 <= body["elapsed_ms"] < 5000 and body["phase"] == "normal"
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    assert client.get(f"/api/v1/floor/rooms/{gd_block.room_id}/state").get_json()["block"] == gd_block.title
    assert client.get("/floor/rooms/99999/state.json").status_code == 404


def test_speaking_time_report_as_csv_and_pdf(db, client, log_in, gd_block, tmp_path):
    t0 = datetime(2024, 3, 14, 9, 5, tzinfo=UTC)
    offset = 0
    for seconds in (400, 310, 125):
        services.act(gd_block, chair(db), "next", version_of(gd_block), now=t0 + timedelta(seconds=offset))
        offset += seconds
    services.act(gd_block, chair(db), "end", version_of(gd_block), now=t0 + timedelta(seconds=835))
    db.session.commit()
    log_in("chair")
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(f"/floor/blocks/{gd_block.id}/report.csv").get_data(as_text=True).lstrip("\ufeff"))
        )
    )
    assert [(r["Delegation"], r["Limit (m:ss)"], r["Spoken (m:ss)"], r["Overrun (m:ss)"]) for r in rows] == [
        ("Kenya", "7:00", "6:40", ""), ("Austria", "5:00", "5:10", "0:10"), ("Brazil", "5:00", "2:05", "")]  # fmt: skip
    # local times, the zone in the header; in French the headers are French and the data the same
    assert rows[0]["Started (Europe/Vienna)"] == "2024-03-14 10:05:00"
    french = client.get(f"/floor/blocks/{gd_block.id}/report.csv?lang=fr").get_data(as_text=True)
    assert french.lstrip("\ufeff").startswith("#,Délégation,Code,")
    pdf = client.get(f"/floor/blocks/{gd_block.id}/report.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    (tmp_path / "r.pdf").write_bytes(pdf.data)
    from pypdf import PdfReader

    text = PdfReader(str(tmp_path / "r.pdf")).pages[0].extract_text()
    assert "+0:10" in text and "Speaking-time report" in text
    assert [t.status for t in services.floor_of(gd_block).turns][:3] == [TurnStatus.done] * 3


def test_every_read_computes_the_time_from_the_stored_timestamps(client, gd_block, chair_api):
    url = f"/floor/rooms/{gd_block.room_id}/state.json"
    base = f"/floor/blocks/{gd_block.id}/actions"
    chair_api(base, {"action": "start", "version": version_of(gd_block)})
    a = client.get(url).get_json()
    time.sleep(0.3)
    b = client.get(url).get_json()  # a reload: the same speech, later
    assert b["elapsed_ms"] - a["elapsed_ms"] >= 250 and b["etag"] == a["etag"]
    chair_api(base, {"action": "pause", "version": version_of(gd_block)})
    time.sleep(0.25)  # past the per-worker cache
    p1 = client.get(url).get_json()
    time.sleep(0.3)
    p2 = client.get(url).get_json()
    assert p1["status"] == p2["status"] == "paused" and p1["elapsed_ms"] == p2["elapsed_ms"] >= 300


def test_the_speaking_time_csv_never_hands_a_spreadsheet_a_formula(db, client, log_in, gd_block):
    from meetings.floor.models import TurnRole
    from tests import factories

    turn = factories.turn(gd_block, "AUT", '=HYPERLINK("http://evil.example","click")', TurnRole.gd_national)
    services.act(gd_block, chair(db), "start", version_of(gd_block), turn_id=turn.id)
    services.act(gd_block, chair(db), "end", version_of(gd_block))
    db.session.commit()
    log_in("chair")
    text = client.get(f"/floor/blocks/{gd_block.id}/report.csv").get_data(as_text=True).lstrip("\ufeff")
    speakers = [r["Speaker"] for r in csv.DictReader(io.StringIO(text))]
    assert '\'=HYPERLINK("http://evil.example","click")' in speakers
    assert not any(s.startswith(("=", "+", "-", "@")) for s in speakers)
