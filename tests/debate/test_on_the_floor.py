"""The general debate and the floor together: speakers loaded, actual times, absences."""

from datetime import timedelta

import pytest

from meetings.auth.models import User
from meetings.debate.listing import build_list, debate_blocks
from meetings.debate.models import Change, ChangeKind
from meetings.floor import services as floor
from meetings.timeutil import utcnow

CODES = ("AUT", "BRA", "KEN", "RUS", "CHN", "ARE")


def _chair(db) -> User:
    return db.session.scalar(db.select(User).where(User.username == "chair"))


@pytest.fixture
def first_meeting(db, gd, inscribe, close_and_draw):
    """The first general-debate meeting with its speakers loaded on the floor, as in the demo:
    a statement on behalf of a group, then six national statements in the order of the lots."""
    inscribe("KEN", level="lower_than_ministerial", group="the Group of African States")
    for code in CODES:
        inscribe(code)
    close_and_draw()
    block = debate_blocks(gd)[0]
    floor.load_lineup(block, _chair(db))
    db.session.commit()
    return block


def test_a_recorded_speech_replaces_the_estimate_in_the_projected_times(db, gd, first_meeting):
    block = first_meeting
    before = build_list(gd).rows_in(block)
    first, second = before[0], before[1]
    assert second.starts_at - first.starts_at == timedelta(seconds=first.limit_s + gd.rules.changeover_s)
    sequence_before = second.inscription.ical_sequence
    start = utcnow()
    f = floor.act(block, _chair(db), "start", floor.floor_of(block).version, now=start)
    floor.act(block, _chair(db), "end", f.version, now=start + timedelta(seconds=61))
    db.session.commit()
    after = build_list(gd).rows_in(block)
    assert after[1].starts_at - after[0].starts_at == timedelta(seconds=61 + gd.rules.changeover_s)
    db.session.rollback()
    assert after[1].inscription.ical_sequence == sequence_before + 1  # calendars learn the new time


def test_absent_on_the_floor_moves_the_speaker_on_the_list(client, db, gd, first_meeting, token_for):
    block = first_meeting
    rows = build_list(gd).rows_in(block)
    waiting_first, waiting_second = rows[0].inscription, rows[1].inscription
    version = floor.floor_of(block).version
    response = client.post(
        f"/api/v1/floor/blocks/{block.id}/actions",
        json={"action": "absent", "version": version},
        headers=token_for("chair"),
    )
    assert response.status_code == 200, response.get_json()
    db.session.rollback()
    now = build_list(gd).rows_in(block)
    assert [now[0].inscription.id, now[1].inscription.id] == [waiting_second.id, waiting_first.id]
    change = db.session.scalar(db.select(Change).where(Change.kind == ChangeKind.absent))
    assert change.inscription_id == waiting_first.id and "floor" in change.reason
    turns = floor.waiting(floor.floor_of(block))
    assert turns[0].speaker_name == waiting_second.speaker_name  # the floor and the list agree


def test_absent_pressed_on_the_chairs_console_is_logged_on_the_list(log_in, db, gd, first_meeting):
    block = first_meeting
    called = build_list(gd).rows_in(block)[0].inscription
    client = log_in("chair")
    response = client.post(
        f"/floor/blocks/{block.id}/act", data={"action": "absent", "version": floor.floor_of(block).version}
    )
    assert response.status_code == 302
    db.session.rollback()
    change = db.session.scalar(db.select(Change).where(Change.kind == ChangeKind.absent))
    assert change.inscription_id == called.id
    assert build_list(gd).rows_in(block)[1].inscription.id == called.id
