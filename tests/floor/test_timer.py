"""The chair's actions through the services and the API: timer arithmetic, the record, idempotency."""

import threading
from datetime import UTC, datetime, timedelta

import pytest

from meetings.extensions import db as _db
from meetings.floor import services
from meetings.floor.models import TimerStatus, TurnStatus
from meetings.refusal import Refusal
from tests.conftest import thread_client
from tests.floor.conftest import chair, version_of

T0 = datetime(2024, 3, 14, 9, 5, tzinfo=UTC)


def act(block, action, now, turn_id=None):
    return services.act(block, chair(_db), action, version_of(block), turn_id, now=now)


def test_pause_and_resume_keep_the_spoken_time(db, gd_block):
    act(gd_block, "start", T0)
    act(gd_block, "pause", T0 + timedelta(seconds=10))
    act(gd_block, "resume", T0 + timedelta(seconds=100))
    floor = act(gd_block, "end", T0 + timedelta(seconds=105))
    db.session.commit()
    done = [t for t in floor.turns if t.status == TurnStatus.done]
    assert [(t.delegation.code, t.duration_s, t.overrun_s) for t in done] == [("KEN", 15, 0)]
    assert done[0].started_at == T0 and done[0].ended_at == T0 + timedelta(seconds=105)
    assert floor.status == TimerStatus.idle


def test_overrun_is_recorded_not_cut_off(db, gd_block):
    floor = services.floor_of(gd_block)
    austria = next(t for t in floor.turns if t.delegation.code == "AUT")
    services.set_limit(gd_block, chair(db), austria.id, 3)
    act(gd_block, "start", T0, turn_id=austria.id)
    # Past the limit the speech goes on; the floor still runs.
    assert services.floor_of(gd_block).status == TimerStatus.running
    act(gd_block, "next", T0 + timedelta(seconds=8.4))
    db.session.commit()
    assert (austria.limit_s, austria.duration_s, austria.overrun_s, austria.limit_overridden) == (3, 8, 5, True)
    assert services.actual_durations(["test-gd-AUT", "test-gd-KEN", "nope"]) == {"test-gd-AUT": 8}


def test_limits_follow_the_role(db, gd_block):
    floor = services.floor_of(gd_block)
    limits = {t.delegation.code: t.limit_s for t in floor.turns}
    assert limits["KEN"] == 420  # on behalf of the African Group
    assert limits["AUT"] == 300


def test_next_twice_with_the_same_version_moves_by_one(client, gd_block, chair_api, floor_state):
    version = version_of(gd_block)
    first = chair_api(f"/floor/blocks/{gd_block.id}/actions", {"action": "next", "version": version})
    assert first.status_code == 200
    assert first.get_json()["current"]["delegation_code"] == "KEN"
    second = chair_api(f"/floor/blocks/{gd_block.id}/actions", {"action": "next", "version": version})
    assert second.status_code == 409
    assert "Kenya" in second.get_json()["message"] or "has the floor" in second.get_json()["message"]
    floor = floor_state(gd_block)
    assert [t.delegation.code for t in floor.turns if t.status == TurnStatus.speaking] == ["KEN"]
    assert not [t for t in floor.turns if t.status == TurnStatus.done]


def test_next_from_several_laptops_at_once_moves_by_one(app, db, gd_block, token_for, floor_state):
    headers = token_for("chair")
    db.session.commit()
    version, url = version_of(gd_block), f"/api/v1/floor/blocks/{gd_block.id}/actions"
    barrier, codes = threading.Barrier(6), []

    def press():
        with thread_client(app) as c:
            barrier.wait()
            codes.append(c.post(url, json={"action": "next", "version": version}, headers=headers).status_code)

    threads = [threading.Thread(target=press) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [200] + [409] * 5
    floor = floor_state(gd_block)
    assert floor.version == version + 1
    assert [t.delegation.code for t in floor.turns if t.status == TurnStatus.speaking] == ["KEN"]


def test_absent_speaker_moves_after_the_next_and_is_marked(db, gd_block):
    act(gd_block, "absent", T0)
    db.session.commit()
    floor = services.floor_of(gd_block)
    order = [t.delegation.code for t in floor.turns if t.status == TurnStatus.waiting]
    assert order[:3] == ["AUT", "KEN", "BRA"]
    assert next(t for t in floor.turns if t.delegation.code == "KEN").times_absent == 1


def test_editing_the_list_does_not_touch_the_running_speech(db, gd_block):
    act(gd_block, "start", T0)
    floor = services.floor_of(gd_block)
    anchor = floor.anchor_at
    services.add_turn(gd_block, chair(db), None, "Observer speaker", "other")
    act(gd_block, "absent", T0 + timedelta(seconds=20))
    db.session.commit()
    floor = services.floor_of(gd_block)
    assert floor.anchor_at == anchor and floor.status == TimerStatus.running
    assert services.current(floor).delegation.code == "KEN"


@pytest.mark.parametrize(
    ("action", "message"),
    [("pause", "No speech is running."), ("resume", "No speech is paused."), ("end", "Nobody has the floor.")],
)
def test_actions_that_do_not_fit_the_state_are_refused(db, gd_block, action, message):
    with pytest.raises(Refusal, match=message):
        act(gd_block, action, T0)


def test_the_list_exhausted(db, gd_block):
    now = T0
    for _ in range(6):
        act(gd_block, "next", now)
        now += timedelta(seconds=60)
    act(gd_block, "next", now)  # ends the last speech
    with pytest.raises(Refusal, match="exhausted"):
        act(gd_block, "next", now)
    db.session.commit()
    assert len([t for t in services.floor_of(gd_block).turns if t.duration_s == 60]) == 6


def test_bad_api_input_changes_nothing(client, gd_block, chair_api, floor_state):
    before = version_of(gd_block)
    url = f"/floor/blocks/{gd_block.id}"
    assert chair_api(url + "/actions", {"action": "next"}).status_code == 422  # no version
    assert chair_api(url + "/actions", {"action": "explode", "version": before}).status_code == 422
    assert chair_api(url + "/actions", {"action": "next", "version": "x"}).status_code == 422
    bad_limit = chair_api(url + "/turns/1/limit", {"limit_s": 0})
    assert bad_limit.status_code == 422 and "limit_s" in bad_limit.get_json()["errors"]
    assert chair_api(url + "/turns", {"delegation": "ZZZ", "role": "gd_national"}).status_code == 422
    assert chair_api(url + "/turns", {"delegation": "AUT", "role": "king"}).status_code == 422
    assert chair_api(url + "/turns", {"speaker_name": "x" * 500, "role": "other"}).status_code == 422
    assert floor_state(gd_block).version == before
    added = chair_api(url + "/turns", {"delegation": "aut", "speaker_name": "", "role": "gd_group", "limit_s": 90})
    assert added.status_code == 201
    assert added.get_json()["speaker"] == "Austria" and added.get_json()["limit_s"] == 90
