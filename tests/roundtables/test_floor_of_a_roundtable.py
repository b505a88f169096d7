"""The floor of a roundtable: the NGO caps decided when the floor is given, remote speakers marked."""

import csv
import io

from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.floor.models import FloorRequest, Turn
from meetings.programme.models import MeetingBlock
from tests.roundtables.test_panel_fixtures import floor_speakers, ngos, tables

__all__ = ["tables"]  # the fixture, for pytest


def _requests(db, block_id: int) -> list[tuple[str, str]]:
    db.session.rollback()
    rows = db.session.scalars(select(FloorRequest).order_by(FloorRequest.id))
    return [(r.delegation.code, r.status.value) for r in rows if r.floor.block_id == block_id]


def _turns(db, block_id: int) -> list[tuple[str, str, bool]]:
    db.session.rollback()
    rows = db.session.scalars(select(Turn).order_by(Turn.position))
    return [(t.delegation.code, t.role.value, t.remote) for t in rows if t.floor.block_id == block_id]


def test_a_fourth_ngo_from_the_floor_is_refused_with_the_cap_and_its_request_stays_open(client, db, tables,
                                                                                       token_for):  # fmt: skip
    extra = ngos(db, 1)
    floor_speakers(db, tables.block1, "VNGOC", "IDPC", extra[0])
    cochair = token_for("austria")
    base = f"/api/v1/floor/blocks/{tables.block1}/requests"
    raised = client.post(base, json={"delegation": "WFAD"}, headers=cochair)
    assert raised.status_code == 201
    before = _turns(db, tables.block1)
    refused = client.post(f"{base}/{raised.get_json()['id']}/grant", json={}, headers=cochair)
    assert refused.status_code == 409
    assert refused.get_json()["message"] == (
        "World Federation Against Drugs would be NGO speaker number 4 from the floor: the rules allow 3 NGO speakers "
        "from the floor per roundtable."
    )
    assert _turns(db, tables.block1) == before
    assert ("WFAD", "open") in _requests(db, tables.block1)
    granted = db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "request_granted"))
    assert granted == 0
    # A State is not counted: the floor is given
    state = client.post(base, json={"delegation": "DEU"}, headers=cochair)
    assert client.post(f"{base}/{state.get_json()['id']}/grant", json={}, headers=cochair).status_code == 200


def test_a_remote_request_becomes_a_remote_speaker_on_the_console_the_projector_and_the_record(
    client, db, tables, token_for, log_in
):
    base = f"/api/v1/floor/blocks/{tables.block1}"
    asked = client.post(f"{base}/requests", json={"remote": True, "speaker_name": "Dr. Li"}, headers=token_for("china"))
    assert asked.status_code == 201 and asked.get_json()["remote"] is True
    cochair = token_for("austria")
    console = client.get(base, headers=cochair).get_json()
    assert [(r["delegation_code"], r["remote"]) for r in console["requests"]] == [("CHN", True)]
    turn = client.post(f"{base}/requests/{asked.get_json()['id']}/grant", json={}, headers=cochair).get_json()
    assert turn["remote"] is True and turn["speaker"] == "Dr. Li"
    started = client.post(f"{base}/actions", json={"action": "start", "version": console["version"] + 1},
                          headers=cochair)  # fmt: skip
    assert started.status_code == 200, started.get_json()
    assert _turns(db, tables.block1) == [("CHN", "rt_floor", True)]
    log_in("austria")
    page = client.get(f"/floor/blocks/{tables.block1}").text
    assert 'id="current-remote"' in page
    room = db.session.get(MeetingBlock, tables.block1).room_id
    screen = client.get(f"/floor/rooms/{room}/state.json").get_json()
    assert screen["current"]["remote"] is True and screen["current"]["speaker"] == "Dr. Li"
    version = screen["version"]
    assert (
        client.post(f"{base}/actions", json={"action": "end", "version": version}, headers=cochair).status_code == 200
    )
    record = list(
        csv.DictReader(io.StringIO(client.get(f"/floor/blocks/{tables.block1}/report.csv").text.lstrip("\ufeff")))
    )
    assert [(r["Delegation"], r["Speaker"], r["Remote"]) for r in record] == [("China", "Dr. Li", "yes")]


def test_a_delegation_asks_remotely_from_its_page(client, db, tables, log_in):
    log_in("china")
    page = client.get(f"/floor/blocks/{tables.block1}/nameplate").text
    assert 'name="remote"' in page and "Speaks remotely" in page
    client.post(f"/floor/blocks/{tables.block1}/requests", data={"remote": "y"})
    db.session.rollback()
    assert [r.remote for r in db.session.scalars(select(FloorRequest))] == [True]
