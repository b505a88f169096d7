"""Points of order and rights of reply (ECOSOC practice): heard before the next speaker and at the
end of the meeting, with their own limits; through the services and the JSON API."""

import csv
import io
import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.auth.models import User
from meetings.delegations.services import delegation_by_code
from meetings.extensions import db as _db
from meetings.floor import interventions, services, state
from meetings.floor.models import TimerStatus, Turn, TurnRole, TurnStatus
from meetings.programme.models import SessionRules
from meetings.refusal import Refusal
from tests.conftest import thread_client
from tests.floor.conftest import chair, version_of

T0 = datetime(2024, 3, 14, 9, 5, tzinfo=UTC)


def act(block, action, now, turn_id=None):
    return services.act(block, chair(_db), action, version_of(block), turn_id, now=now)


def order(block, now, code="AUT"):
    return interventions.point_of_order(block, chair(_db), delegation_by_code(code), now=now)


def reply(block, code, actor=None):
    return interventions.request_reply(block, actor or chair(_db), code)


def entries(db) -> int:
    return db.session.scalar(select(func.count(AuditEntry.id)))


def turns_of(db, block) -> list[Turn]:
    db.session.rollback()
    return list(services.floor_of(block).turns)


def waiting_codes(block) -> list[str]:
    return [f"{t.delegation.code}{'/' + str(t.reply_number) if t.reply_number else ''}"
            for t in services.waiting(services.floor_of(block))]  # fmt: skip


# --- a point of order -----------------------------------------------------------------------


def test_a_point_of_order_holds_the_running_speech_which_keeps_its_time(db, gd_block):
    act(gd_block, "start", T0)  # Kenya, on behalf of the African Group
    poo = order(gd_block, T0 + timedelta(seconds=60))
    floor = services.floor_of(gd_block)
    kenya = next(t for t in floor.turns if t.delegation.code == "KEN")
    assert services.current(floor) is poo and poo.role is TurnRole.point_of_order
    assert kenya.status == TurnStatus.held and floor.held_ms == 60_000 and floor.held_running
    assert poo.limit_s == 120  # the session's limit for a point of order (2 minutes by default)
    snap = state.with_time(state.snapshot(floor, gd_block), T0 + timedelta(seconds=90))
    assert snap["current"]["role_label"] == "Point of order" and snap["current"]["delegation_code"] == "AUT"
    assert snap["held"]["delegation_code"] == "KEN" and snap["held"]["held_ms"] == 60_000
    assert snap["elapsed_ms"] == 30_000  # the point of order's own timer

    # The point of order ends 90 s later: Kenya has the floor again, running from 1:00.
    act(gd_block, "end", T0 + timedelta(seconds=150))
    floor = services.floor_of(gd_block)
    assert services.current(floor) is kenya and floor.status == TimerStatus.running
    assert state.with_time(state.snapshot(floor, gd_block), T0 + timedelta(seconds=150))["elapsed_ms"] == 60_000
    act(gd_block, "end", T0 + timedelta(seconds=170))
    db.session.commit()
    record = state.record(services.floor_of(gd_block))
    assert [(t.delegation.code, t.role.value, t.duration_s) for t in record] == [
        ("KEN", "gd_group", 80),  # 60 s before the point of order and 20 s after: the 90 s are not hers
        ("AUT", "point_order", 90),
    ]
    assert record[0].times_interrupted == 1 and record[0].overrun_s == 0


def test_a_paused_speech_stays_paused_with_its_time_after_a_point_of_order(db, gd_block):
    act(gd_block, "start", T0)
    act(gd_block, "pause", T0 + timedelta(seconds=30))
    order(gd_block, T0 + timedelta(seconds=40), "BRA")
    floor = act(gd_block, "end", T0 + timedelta(seconds=100))
    assert floor.status == TimerStatus.paused and floor.paused_elapsed_ms == 30_000
    assert services.current(floor).delegation.code == "KEN"
    act(gd_block, "resume", T0 + timedelta(seconds=200))
    act(gd_block, "end", T0 + timedelta(seconds=210))
    db.session.commit()
    assert [(t.delegation.code, t.duration_s) for t in state.record(services.floor_of(gd_block))] == [
        ("KEN", 40), ("BRA", 60)]  # fmt: skip


def test_between_speeches_a_point_of_order_goes_before_the_next_speaker(db, gd_block):
    order(gd_block, T0, "RUS")
    floor = services.floor_of(gd_block)
    assert services.current(floor).delegation.code == "RUS" and waiting_codes(gd_block)[0] == "KEN"
    # "Next" ends the point of order and gives the floor to the next listed speaker.
    floor = act(gd_block, "next", T0 + timedelta(seconds=45))
    assert services.current(floor).delegation.code == "KEN"
    assert [(t.delegation.code, t.duration_s) for t in state.record(floor)] == [("RUS", 45)]


def test_next_during_a_point_of_order_returns_to_the_interrupted_speaker(db, gd_block):
    act(gd_block, "start", T0)
    order(gd_block, T0 + timedelta(seconds=10))
    floor = act(gd_block, "next", T0 + timedelta(seconds=20))
    assert services.current(floor).delegation.code == "KEN"  # not Austria's listed statement
    assert waiting_codes(gd_block)[:1] == ["AUT"]


def test_a_second_point_of_order_while_one_is_heard_is_refused_and_changes_nothing(db, gd_block):
    act(gd_block, "start", T0)
    order(gd_block, T0 + timedelta(seconds=10))
    db.session.commit()
    before, logged = version_of(gd_block), entries(db)
    with pytest.raises(Refusal, match="A point of order of Austria is being heard; end it before another is raised."):
        order(gd_block, T0 + timedelta(seconds=20), "BRA")
    db.session.rollback()
    assert version_of(gd_block) == before and entries(db) == logged
    assert len([t for t in turns_of(db, gd_block) if t.is_point_of_order]) == 1


def test_a_point_of_order_needs_a_delegation_and_the_chair(db, gd_block):
    with pytest.raises(Refusal, match="Name the delegation that raises the point of order."):
        interventions.point_of_order(gd_block, chair(db), None)
    delegate = db.session.scalar(select(User).where(User.username == "austria"))
    with pytest.raises(Refusal, match="^Only the Chair"):
        interventions.point_of_order(gd_block, delegate, delegate.delegation)
    assert not [t for t in turns_of(db, gd_block) if t.is_point_of_order]


def test_every_intervention_writes_one_entry_in_the_record(db, gd_block):
    act(gd_block, "start", T0)
    db.session.commit()
    logged = entries(db)
    order(gd_block, T0 + timedelta(seconds=5), "BRA")
    db.session.commit()
    assert entries(db) == logged + 1
    entry = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.feature, entry.action, entry.delegation.code) == ("floor", "point_of_order", "BRA")
    assert entry.after["interrupted"] == "H.E. Ms. Amina Odhiambo" and entry.after["interrupted_elapsed_ms"] == 5000
    turn = reply(gd_block, "RUS")
    db.session.commit()
    entry = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.action, entry.after["reply_number"], entry.after["limit_s"]) == ("reply_requested", 1, 300)
    interventions.withdraw_reply(gd_block, chair(db), turn.id)
    db.session.commit()
    assert entries(db) == logged + 3
    assert db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first().action == "reply_withdrawn"


# --- rights of reply ------------------------------------------------------------------------


def test_a_right_of_reply_goes_to_the_end_of_the_meeting(db, gd_block):
    act(gd_block, "start", T0)
    reply(gd_block, "RUS")
    # A speaker added to the list afterwards still speaks before the reply.
    services.add_turn(gd_block, chair(db), delegation_by_code("BRA"), "", TurnRole.gd_national)
    db.session.commit()
    assert waiting_codes(gd_block) == ["AUT", "BRA", "RUS", "CHN", "ARE", "BRA", "RUS/1"]
    now = T0
    for _ in range(7):  # after Kenya, the six listed speakers, then the reply
        now += timedelta(seconds=60)
        act(gd_block, "next", now)
    floor = services.floor_of(gd_block)
    assert services.current(floor).is_reply and services.current(floor).delegation.code == "RUS"
    assert state.snapshot(floor, gd_block)["current"]["role_label"] == "Right of reply"


def test_first_and_second_replies_have_their_limits_and_a_third_is_refused(db, gd_block):
    first, second = reply(gd_block, "RUS"), reply(gd_block, "CHN")
    third = reply(gd_block, "RUS")
    assert (first.reply_number, first.limit_s, first.limit_overridden) == (1, 300, False)  # 5 minutes
    assert (second.reply_number, second.limit_s) == (1, 300)  # China's first
    assert (third.reply_number, third.limit_s) == (2, 180)  # Russia's second: 3 minutes
    assert third.role_label == "Right of reply (second)"
    db.session.commit()
    before, logged, count = version_of(gd_block), entries(db), len(turns_of(db, gd_block))
    with pytest.raises(Refusal) as refused:
        reply(gd_block, "RUS")
    assert refused.value.message == (
        "Russian Federation has already asked for 2 rights of reply in this meeting, "
        "the most the session's rules allow per delegation."
    )
    assert refused.value.status == 409
    db.session.rollback()
    assert (version_of(gd_block), entries(db), len(turns_of(db, gd_block))) == (before, logged, count)


def test_the_limits_and_the_count_follow_the_session_s_rules(db, gd_block):
    rules = db.session.scalar(select(SessionRules))
    rules.floor_reply_first_s, rules.floor_reply_second_s, rules.floor_replies_max = 240, 120, 3
    rules.floor_point_of_order_s = 60
    db.session.commit()
    assert [reply(gd_block, "ARE").limit_s for _ in range(3)] == [240, 120, 120]
    assert order(gd_block, T0, "BRA").limit_s == 60
    rules.floor_replies_max = 0
    db.session.commit()
    with pytest.raises(Refusal, match="The rules of this session give no right of reply."):
        reply(gd_block, "CHN")


def test_withdrawing_a_reply_moves_the_later_one_up_with_the_first_limit(db, gd_block):
    first = reply(gd_block, "RUS")
    second = reply(gd_block, "RUS")
    interventions.withdraw_reply(gd_block, chair(db), first.id)
    db.session.commit()
    replies = [t for t in turns_of(db, gd_block) if t.is_reply]
    assert [(t.id, t.reply_number, t.limit_s) for t in replies] == [(second.id, 1, 300)]
    assert reply(gd_block, "RUS").reply_number == 2  # withdrawn: it no longer counts


def test_a_reply_heard_cannot_be_withdrawn(db, gd_block):
    turn = reply(gd_block, "RUS")
    act(gd_block, "start", T0, turn_id=turn.id)
    with pytest.raises(Refusal, match="This right of reply has been heard or is being heard"):
        interventions.withdraw_reply(gd_block, chair(db), turn.id)


# --- through the API ------------------------------------------------------------------------


def test_the_api_records_a_point_of_order_and_ends_it(client, gd_block, chair_api, floor_state):
    url = f"/floor/blocks/{gd_block.id}"
    started = chair_api(url + "/actions", {"action": "start", "version": version_of(gd_block)})
    assert started.status_code == 200
    raised = chair_api(url + "/points-of-order", {"delegation": "Austria", "version": started.get_json()["version"]})
    assert raised.status_code == 201
    body = raised.get_json()
    assert body["current"]["role"] == "point_order" and body["current"]["delegation_code"] == "AUT"
    assert body["held"]["delegation_code"] == "KEN"
    stale = chair_api(url + "/points-of-order", {"delegation": "BRA", "version": started.get_json()["version"]})
    assert stale.status_code == 409 and "The floor changed since your screen was updated" in stale.get_json()["message"]
    ended = chair_api(url + "/actions", {"action": "end", "version": body["version"]})
    assert ended.get_json()["current"]["delegation_code"] == "KEN" and ended.get_json()["held"] is None
    assert chair_api(url + "/points-of-order", {"delegation": "ZZZ"}).status_code == 422
    nobody = chair_api(url + "/points-of-order", {})
    assert nobody.status_code == 400
    assert nobody.get_json() == {"message": "Name the delegation that raises the point of order.",
                                 "errors": {"delegation": ["Required."]}}  # fmt: skip


def test_the_api_queues_replies_for_a_delegation_and_refuses_a_third(client, gd_block, token_for, chair_api, db):
    russia, url = token_for("russia"), f"/api/v1/floor/blocks/{gd_block.id}/replies"
    first = client.post(url, json={}, headers=russia)
    assert first.status_code == 201
    assert (first.get_json()["role"], first.get_json()["reply_number"], first.get_json()["limit_s"]) == (
        "reply",
        1,
        300,
    )
    second = client.post(url, json={"speaker_name": "Г-н Алексей Смирнов"}, headers=russia)
    assert (second.get_json()["reply_number"], second.get_json()["limit_s"]) == (2, 180)
    assert second.get_json()["speaker"] == "Г-н Алексей Смирнов"
    third = client.post(url, json={}, headers=russia)
    assert third.status_code == 409
    assert third.get_json()["message"] == (
        "Russian Federation has already asked for 2 rights of reply in this meeting, "
        "the most the session's rules allow per delegation."
    )
    # A delegation asks for itself only; an NGO has no right of reply; the chair names anyone.
    assert client.post(url, json={"delegation": "AUT"}, headers=russia).status_code == 403
    ngo = client.post(url, json={}, headers=token_for("vngoc"))
    assert ngo.status_code == 400 and "non-governmental organization" in ngo.get_json()["message"]
    by_chair = chair_api(f"/floor/blocks/{gd_block.id}/replies", {"delegation": "China"})
    assert by_chair.status_code == 201 and by_chair.get_json()["delegation_code"] == "CHN"
    assert chair_api(f"/floor/blocks/{gd_block.id}/replies", {}).status_code == 400
    # Russia sees its own replies; the chair sees all of them.
    mine = client.get(url, headers=russia).get_json()
    assert [(r["delegation_code"], r["reply_number"]) for r in mine] == [("RUS", 1), ("RUS", 2)]
    assert len(client.get(url, headers=chair_api.headers).get_json()) == 3
    # Withdrawn by Russia: the second becomes the first, with the first limit.
    withdrawn = client.post(f"{url}/{first.get_json()['id']}/withdraw", json={}, headers=russia)
    assert withdrawn.status_code == 200
    assert client.post(f"{url}/{by_chair.get_json()['id']}/withdraw", json={}, headers=russia).status_code == 403
    assert [(r["reply_number"], r["limit_s"]) for r in client.get(url, headers=russia).get_json()] == [(1, 300)]
    console = client.get(f"/api/v1/floor/blocks/{gd_block.id}", headers=chair_api.headers).get_json()
    assert [t["delegation_code"] for t in console["next"]][-2:] == ["RUS", "CHN"]


def test_simultaneous_replies_of_one_delegation_stop_at_the_limit(app, db, gd_block, token_for):
    headers, url = token_for("china"), f"/api/v1/floor/blocks/{gd_block.id}/replies"
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
    assert sorted(codes) == [201, 201, 409, 409, 409]
    replies = [t for t in turns_of(db, gd_block) if t.is_reply]
    assert sorted((t.reply_number, t.limit_s) for t in replies) == [(1, 300), (2, 180)]


def test_the_api_document_describes_the_interventions(client, db):
    doc = client.get("/api/v1/openapi.json").get_json()
    order_path = doc["paths"]["/api/v1/floor/blocks/{block_id}/points-of-order"]["post"]
    assert "point of order" in order_path["summary"]
    assert "delegation" in order_path["requestBody"]["content"]["application/json"]["schema"]["properties"]
    replies = doc["paths"]["/api/v1/floor/blocks/{block_id}/replies"]
    assert {"get", "post"} <= set(replies) and "right of reply" in replies["post"]["summary"]
    assert "post" in doc["paths"]["/api/v1/floor/blocks/{block_id}/replies/{turn_id}/withdraw"]


# --- the record -----------------------------------------------------------------------------


def test_the_speaking_time_record_holds_both_kinds(db, log_in, gd_block):
    act(gd_block, "start", T0)
    order(gd_block, T0 + timedelta(seconds=30), "BRA")
    act(gd_block, "end", T0 + timedelta(seconds=50))  # the point of order: 20 s
    act(gd_block, "end", T0 + timedelta(seconds=100))  # Kenya: 30 + 50 s
    turn = reply(gd_block, "RUS")
    act(gd_block, "start", T0 + timedelta(seconds=200), turn_id=turn.id)
    act(gd_block, "end", T0 + timedelta(seconds=400))  # 3:20 of a 5:00 reply
    db.session.commit()
    browser = log_in("chair")
    rows = list(
        csv.DictReader(io.StringIO(browser.get(f"/floor/blocks/{gd_block.id}/report.csv").data.decode("utf-8-sig")))
    )
    assert [(r["Code"], r["Role"], r["Spoken (seconds)"], r["Right of reply"], r["Interrupted by points of order"])
            for r in rows] == [
        ("KEN", "On behalf of a group", "80", "", "1"), ("BRA", "Point of order", "20", "", ""),
        ("RUS", "Right of reply", "200", "1", ""),
    ]  # fmt: skip
    pdf = browser.get(f"/floor/blocks/{gd_block.id}/report.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    for words in ("Point of order", "Right of reply", "interrupted by 1 point of order", "1 point of order"):
        assert words in " ".join(text.split()), words
    console = browser.get(f"/floor/blocks/{gd_block.id}").get_data(as_text=True)
    assert "(interrupted by 1 point of order)" in console and "Right of reply" in console


def test_the_projector_names_the_point_of_order_and_the_speech_that_waits(db, client, gd_block):
    act(gd_block, "start", T0)
    order(gd_block, T0 + timedelta(seconds=61), "BRA")
    db.session.commit()
    body = client.get(f"/floor/rooms/{gd_block.room_id}/state.json").get_json()
    assert body["current"]["role_label"] == "Point of order" and body["current"]["shown_delegation"] == "Brazil"
    assert body["held"]["shown_delegation"] == "Kenya" and body["held"]["held_ms"] == 61_000
    french = client.get(f"/floor/rooms/{gd_block.room_id}/state.json?lang=fr").get_json()
    assert french["current"]["role_label"] == "Motion d'ordre"
