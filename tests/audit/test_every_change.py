"""Each kind of change writes exactly one entry, with its actor, the record's label and before/after values."""

import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from meetings.audit.models import AuditEntry
from meetings.debate import rules as debate_rules
from meetings.floor.models import FloorRequest, RequestStatus
from meetings.programme.models import BlockKind, MeetingBlock
from meetings.side_events.models import SideEvent
from meetings.timeutil import utcnow
from tests.pdfs import PLAIN_PDF
from tests.side_events.conftest import complete, move_clock


class Log:
    """The entries written since the last look."""

    def __init__(self, db):
        self.db = db
        self.seen = self._last()

    def _last(self) -> int:
        self.db.session.rollback()
        return self.db.session.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1)) or 0

    def new(self) -> list[AuditEntry]:
        self.db.session.rollback()
        rows = self.db.session.scalars(select(AuditEntry).where(AuditEntry.seq > self.seen).order_by(AuditEntry.seq))
        rows = list(rows)
        self.seen = rows[-1].seq if rows else self.seen
        return rows

    def one(self, feature: str, action: str, actor: str | None = None) -> AuditEntry:
        """Exactly one new entry of this kind; any others must be the system's consequences."""
        rows = self.new()
        mine = [e for e in rows if (e.feature, e.action) == (feature, action)]
        assert len(mine) == 1, [(e.feature, e.action) for e in rows]
        assert all(e.by_system for e in rows if e is not mine[0]), [(e.feature, e.action) for e in rows]
        entry = mine[0]
        if actor is not None:
            assert entry.actor is not None and entry.actor.username == actor and not entry.by_system
        assert entry.record_label and entry.at is not None
        return entry


def rules_body(client, **changes) -> dict:
    """The session's rules as PUT /api/v1/session/rules takes them (minutes, local times), with changes."""
    rules = client.get("/api/v1/session").get_json()["rules"]
    body = {k: v for k, v in rules.items() if v is not None and not k.endswith("_s")}
    body.update({k[:-2] + "_min": rules[k] / 60 for k in rules if k.startswith(("gd_limit", "rt_limit"))})
    body["changeover_s"] = rules["changeover_s"]
    for name in ("gd_inscription_closes", "nominations_close", "hl_window_opens", "hl_window_closes"):
        body[name] = rules[name][:16]
    return {**body, **changes}


@pytest.fixture
def log(db, demo):
    return Log(db)


def ok(response, status=(200, 201, 302)):
    assert response.status_code in (status if isinstance(status, tuple) else (status,)), response.get_data(True)[:500]
    return response


def test_setup_delegations_users_and_tokens(client, log, token_for, log_in, demo, db):
    sec = token_for("secretariat")
    log.new()
    ok(client.put("/api/v1/session", headers=sec, json={
        "name": "CND 67", "venue": "VIC", "timezone": "Europe/Vienna", "hl_start": "2024-03-14",
        "hl_end": "2024-03-15", "regular_start": "2024-03-18", "regular_end": "2024-03-22"}))  # fmt: skip
    e = log.one("programme", "session.details", "secretariat")
    assert e.before["name"] == "67th session of the Commission on Narcotic Drugs" and e.after["name"] == "CND 67"
    ok(client.put("/api/v1/session/rules", json=rules_body(client, gd_limit_national_min=4), headers=sec))
    e = log.one("programme", "rules.update", "secretariat")
    assert e.before == {"gd_limit_national_s": 300} and e.after == {"gd_limit_national_s": 240}
    block = {"title": "Informal consultations", "kind": "plenary", "day": "2024-03-19", "start": "19:00",
             "end": "20:00", "room_id": demo.rooms[0].id}  # fmt: skip
    made = ok(client.post("/api/v1/session/blocks", json=block, headers=sec)).get_json()
    assert log.one("programme", "block.create", "secretariat").after["title"] == "Informal consultations"
    ok(client.put(f"/api/v1/session/blocks/{made['id']}", json={**block, "end": "20:30"}, headers=sec))
    e = log.one("programme", "block.update", "secretariat")
    assert e.before["ends_at"].endswith("20:00:00+01:00") and e.after["ends_at"].endswith("20:30:00+01:00")
    ok(client.delete(f"/api/v1/session/blocks/{made['id']}", headers=sec))
    assert log.one("programme", "block.delete", "secretariat").record_id == made["id"]
    browser = log_in("secretariat")
    ok(browser.post("/session/rooms", data={"name": "Room M2", "capacity": "40"}))
    assert log.one("programme", "room.add", "secretariat").after == {"name": "Room M2", "capacity": 40}
    ok(client.post("/api/v1/delegations", headers=sec, json={"code": "XYZ", "name": "Observer of XYZ",
                                                             "kind": "observer_state", "regional_group": ""}))  # fmt: skip
    e = log.one("delegations", "delegation_registered", "secretariat")
    assert e.delegation.code == "XYZ" and e.record_label == "Observer of XYZ"
    ok(client.post("/api/v1/users", headers=sec, json={"username": "xyz", "full_name": "Mission of XYZ",
                                                       "role": "delegation", "delegation": "XYZ",
                                                       "password": "long-password-1"}))  # fmt: skip
    e = log.one("delegations", "user_created", "secretariat")
    assert e.after["username"] == "xyz" and "password" not in str(e.after)
    ok(browser.post("/account/tokens", data={"label": "laptop"}), 200)
    e = log.one("auth", "token_issued", "secretariat")
    ok(browser.post(f"/account/tokens/{e.record_id}/revoke"))
    assert log.one("auth", "token_revoked", "secretariat").after == {"revoked": True}


def test_general_debate_from_inscription_to_draw(client, log, token_for, demo, db):
    from tests.debate.conftest import SEED

    sec, austria, kenya, chair = (token_for(name) for name in ("secretariat", "austria", "kenya", "chair"))
    rules_of = demo.rules
    log.new()
    # A fresh list: the demo's draw voided, inscription open again.
    ok(client.post("/api/v1/debate/draw/void", json={"reason": "Rehearsal"}, headers=sec))
    e = log.one("debate", "draw_voided", "secretariat")
    assert e.before == {"state": "drawn"} and e.after == {"state": "voided"} and e.reason == "Rehearsal"
    ok(client.post("/api/v1/debate/inscriptions/{}/withdraw".format(
        client.get("/api/v1/debate/list", headers=sec).get_json()["speakers"][0]["id"]), json={"reason": "Minister ill"},
        headers=sec))  # fmt: skip
    e = log.one("debate", "withdrawn", "secretariat")
    assert e.after == {"status": "withdrawn"} and e.reason == "Minister ill" and e.delegation is not None
    ok(client.put("/api/v1/debate/quotas", headers=sec, json={"AFR": 30, "APG": 32, "EEG": 14, "GRULAC": 21,
                                                             "WEOG": 17}))  # fmt: skip
    e = log.one("debate", "quotas_set", "secretariat")
    assert e.before["AFR"] == 32 and e.after["AFR"] == 30
    # The commitment goes out while inscription is open; the lots are drawn after it closes.
    rules_of.gd_inscription_closes = utcnow() + timedelta(hours=1)
    db.session.commit()
    ok(client.post("/api/v1/debate/draw/commitment", json={"commitment": debate_rules.commitment_of(SEED)},
                   headers=sec))  # fmt: skip
    assert log.one("debate", "draw_committed", "secretariat").after["commitment"] == debate_rules.commitment_of(SEED)
    rules_of.gd_inscription_closes = utcnow()
    db.session.commit()
    ok(client.post("/api/v1/debate/draw", json={"secret": SEED, "public_value": "17 04 33"}, headers=sec))
    e = log.one("debate", "draw_performed", "secretariat")
    assert e.after["secret"] == SEED and e.after["public_value"] == "17 04 33" and "AUT" in e.after["result"]
    listing = client.get("/api/v1/debate/list", headers=sec).get_json()["speakers"]
    aut = next(s for s in listing if s["delegation"] == "AUT")
    ken = next(s for s in listing if s["delegation"] == "KEN")
    ok(client.put(f"/api/v1/debate/inscriptions/{aut['id']}", headers=austria,
                  json={"speaker_name": "A. Schallenberg", "level": "lower_than_ministerial", "reason": "Swap"}))  # fmt: skip
    e = log.one("debate", "speaker_changed", "austria")
    assert e.before["level"] == "ministerial" and e.after["level"] == "lower_than_ministerial"
    assert e.record_label == "Austria's national statement"
    swap = ok(client.post(f"/api/v1/debate/inscriptions/{aut['id']}/swaps", json={"other": "KEN"},
                          headers=austria)).get_json()  # fmt: skip
    e = log.one("debate", "swap_proposed", "austria")
    assert e.other_delegation.code == "KEN" and "Austria and Kenya" in e.record_label
    ok(client.post(f"/api/v1/debate/swaps/{swap['id']}/confirm", headers=kenya))
    e = log.one("debate", "swapped", "kenya")
    assert (e.before["first_slot"], e.before["second_slot"]) == (e.after["second_slot"], e.after["first_slot"])
    pdf = io.BytesIO(PLAIN_PDF)
    ok(client.post(f"/api/v1/debate/inscriptions/{ken['id']}/statement", headers=kenya,
                   data={"statement": (pdf, "statement.pdf")}, content_type="multipart/form-data"))  # fmt: skip
    assert log.one("debate", "statement_uploaded", "kenya").after["bytes"] == len(PLAIN_PDF)
    ok(client.post(f"/api/v1/debate/inscriptions/{ken['id']}/absent", json={}, headers=chair))
    e = log.one("debate", "absent", "chair")
    assert e.after["slot"] == e.before["slot"] + 1
    ok(client.post("/api/v1/debate/quotas/release", headers=sec))
    assert log.one("debate", "quota_released", "secretariat").before == {"released": 0}
    ok(client.post("/api/v1/debate/inscriptions", headers=sec,
                   json={"delegation": "AUT", "speaker_name": "A late speaker", "level": "ministerial",
                         "on_behalf_of_group": True, "group_name": "the Friends of Vienna"}), 201)  # fmt: skip
    assert log.one("debate", "accepted_late", "secretariat").after["late"] is True
    assert rules_of.gd_inscription_closes < utcnow()


def test_every_chair_action_on_the_floor(client, log, token_for, demo, db):
    chair, brazil, china = token_for("chair"), token_for("brazil"), token_for("china")
    log.new()
    blocks = db.session.scalars(select(MeetingBlock).order_by(MeetingBlock.starts_at)).all()
    gd = [b for b in blocks if b.kind == BlockKind.general_debate][1]
    rt = next(b for b in blocks if b.kind == BlockKind.roundtable)
    url = f"/api/v1/floor/blocks/{gd.id}"
    ok(client.post(f"{url}/lineup", headers=chair))
    assert log.one("floor", "lineup_loaded", "chair").after["added"] > 3

    def act(action: str):
        version = client.get(url, headers=chair).get_json()["version"]
        return ok(client.post(f"{url}/actions", json={"action": action, "version": version}, headers=chair))

    for action in ("start", "pause", "resume", "end", "next", "absent"):
        act(action)
        e = log.one("floor", action, "chair")
        assert e.before is not None and e.after is not None and e.record_label.startswith(gd.title)
    turn = client.get(url, headers=chair).get_json()["next"][0]
    ok(client.post(f"{url}/turns/{turn['id']}/limit", json={"limit_s": 240}, headers=chair))
    e = log.one("floor", "limit_changed", "chair")
    assert e.before == {"limit_s": 300} and e.after == {"limit_s": 240}
    ok(client.post(f"{url}/turns", json={"speaker_name": "Observer", "role": "other"}, headers=chair), 201)
    assert log.one("floor", "speaker_added", "chair").after["speaker_name"] == "Observer"
    rurl = f"/api/v1/floor/blocks/{rt.id}/requests"
    db.session.rollback()
    open_ = {r.delegation.code: r.id for r in db.session.scalars(select(FloorRequest))
             if r.status == RequestStatus.open}  # fmt: skip
    ok(client.post(f"{rurl}/{open_['BRA']}/withdraw", headers=brazil))
    assert log.one("floor", "request_withdrawn", "brazil").delegation.code == "BRA"
    ok(client.post(f"{rurl}/{open_['CHN']}/grant", headers=chair))
    e = log.one("floor", "request_granted", "chair")
    assert e.before == {"status": "open"} and e.after["status"] == "granted"
    ok(client.post(f"{rurl}/{open_['VNGOC']}/drop", headers=chair))
    assert log.one("floor", "request_dropped", "chair").after == {"status": "dropped"}
    ok(client.post(rurl, json={}, headers=china), 201)
    assert log.one("floor", "request_made", "china").after["raised_in_room"] is False


def test_side_events_from_draft_to_schedule_and_the_cap(app, client, log, token_for, demo, db):
    sec, kenya = token_for("secretariat"), token_for("kenya")
    log.new()
    move_clock(app, demo.rules.hl_window_opens + timedelta(hours=1))
    try:
        draft = ok(client.post("/api/v1/side-events", json={"title": "Youth"}, headers=kenya), 201).get_json()
        e = log.one("side_events", "draft_saved", "kenya")
        assert e.before is None and e.after["title"] == "Youth"
        ok(client.delete(f"/api/v1/side-events/{draft['id']}", headers=kenya))
        assert log.one("side_events", "draft_deleted", "kenya").before["title"] == "Youth"
        made = ok(client.post("/api/v1/side-events/submit", json=complete(title="Kenya's event"), headers=kenya),
                  201).get_json()  # fmt: skip
        e = log.one("side_events", "submitted", "kenya")
        assert e.after["status"] == "waitlisted" and e.after["queue_position"] == made["queue_position"]
        first = next(ev for ev in client.get("/api/v1/side-events/queue", headers=sec).get_json()
                     if ev["status"] == "accepted")  # fmt: skip
        ok(client.post(f"/api/v1/side-events/{first['id']}/reject", json={"reason": "Off topic"}, headers=sec))
        rows = log.new()
        rejected = [e for e in rows if e.action == "rejected"]
        promoted = [e for e in rows if e.action == "promoted"]
        assert len(rejected) == 1 and rejected[0].reason == "Off topic" and rejected[0].actor.username == "secretariat"
        assert len(promoted) == 1 and promoted[0].by_system and "rule:" in promoted[0].cause
        ok(client.put(f"/api/v1/side-events/{promoted[0].record_id}/schedule", headers=sec,
                      json={"day": "2024-03-14", "start": "08:00", "room_id": demo.rooms[-1].id}))  # fmt: skip
        e = log.one("side_events", "scheduled", "secretariat")
        assert e.before["starts_at"] is None and e.after["room"] == demo.rooms[-1].name
        ok(client.put(f"/api/v1/side-events/{promoted[0].record_id}/schedule", headers=sec,
                      json={"day": "2024-03-15", "start": "09:30", "room_id": demo.rooms[1].id}))  # fmt: skip
        assert log.one("side_events", "moved", "secretariat").before["starts_at"] is not None
        ok(client.post(f"/api/v1/side-events/{made['id']}/withdraw", json={"reason": "No minister"}, headers=kenya))
        assert log.one("side_events", "withdrawn", "kenya").before["status"] in ("accepted", "waitlisted")
        db.session.rollback()
        demo.rules.hl_cap_total = 11
        ok(client.put("/api/v1/session/rules", json=rules_body(client, hl_cap_total=9), headers=sec))
        rows = log.new()
        assert [e.action for e in rows if not e.by_system] == ["rules.update"]
        lowered = [e for e in rows if e.action == "waitlisted"]
        assert lowered and all(e.by_system and "changed from 11 to 9" in e.cause for e in lowered)
    finally:
        app.config.pop("SIDE_EVENTS_CLOCK_OFFSET", None)
    assert db.session.scalar(select(SideEvent.id).limit(1)) is not None


def test_a_refused_action_writes_nothing(client, log, token_for):
    speakers = client.get("/api/v1/debate/list", headers=token_for("secretariat")).get_json()["speakers"]
    other = next(s for s in speakers if s["delegation"] != "AUT")
    austria = token_for("austria")
    log.new()
    refused = client.post(f"/api/v1/debate/inscriptions/{other['id']}/withdraw", json={}, headers=austria)
    assert refused.status_code == 403
    assert log.new() == []
