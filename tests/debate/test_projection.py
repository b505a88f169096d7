"""Projected times respect the meetings: each filled to its planned end, only the last may overflow."""

import random
from datetime import UTC, datetime, timedelta

from meetings.debate.listing import build_list, debate_blocks
from meetings.debate.rules import Block, project_times
from meetings.timeutil import to_local
from tests.working_list import as_secretariat

T0 = datetime(2024, 3, 14, 9, 0, tzinfo=UTC)


def test_an_open_ended_meeting_that_is_not_the_last_stops_at_its_planned_end():
    evening = Block(1, T0, T0 + timedelta(minutes=12), open_ended=True)
    friday = Block(2, T0 + timedelta(days=1), T0 + timedelta(days=1, hours=3))
    out = project_times([(n, 300) for n in range(1, 5)], [evening, friday], changeover_s=0)
    assert [(p.block_id, p.overflow) for p in out] == [(1, False), (1, False), (2, False), (2, False)]
    assert out[2].starts_at == friday.starts_at


def test_only_the_last_open_ended_meeting_overflows_and_says_so():
    blocks = [Block(1, T0, T0 + timedelta(minutes=10)), Block(2, T0 + timedelta(hours=1), T0 + timedelta(hours=1, minutes=10),
                                                               open_ended=True)]  # fmt: skip
    out = project_times([(n, 300) for n in range(1, 7)], blocks, changeover_s=0)
    assert [p.block_id for p in out] == [1, 1, 2, 2, 2, 2]
    assert [p.overflow for p in out] == [False, False, False, False, True, True]
    assert out[-1].starts_at == T0 + timedelta(hours=1, minutes=15)
    fixed = project_times([(n, 300) for n in range(1, 7)], [blocks[0]], changeover_s=0)
    assert [p.block_id for p in fixed] == [1, 1, None, None, None, None]


def test_no_meeting_runs_past_its_planned_end_while_a_later_one_is_empty():
    rng = random.Random(67)
    for _ in range(200):
        blocks, start = [], T0
        for n in range(rng.randint(1, 6)):
            start += timedelta(minutes=rng.randint(30, 300))
            length = timedelta(minutes=rng.randint(3, 200))
            blocks.append(Block(n, start, start + length, open_ended=rng.random() < 0.4))
            start += length
        speakers = [(n, rng.choice((300, 420))) for n in range(rng.randint(0, 120))]
        actual = {n: rng.randint(30, 900) for n, _ in speakers if rng.random() < 0.2}
        out = project_times(speakers, blocks, rng.choice((0, 30)), actual)
        used = [p.block_id for p in out if p.block_id is not None]
        assert used == sorted(used)  # in list order, meeting after meeting
        last = blocks[-1].id
        for p in out:
            if p.block_id is None:
                continue
            block = next(b for b in blocks if b.id == p.block_id)
            ends = p.starts_at + timedelta(seconds=p.seconds)
            assert p.overflow == (ends > block.ends_at)
            assert not p.overflow or (block.id == last and block.open_ended)


def test_the_demo_fills_thursday_evening_to_nine_and_continues_on_friday(db, demo):
    listing = build_list(demo)
    meetings = debate_blocks(demo)
    for block in meetings:
        rows = listing.rows_in(block)
        if rows:
            end = rows[-1].starts_at + timedelta(seconds=rows[-1].limit_s)
            assert end <= block.ends_at, block.title
    evening = next(b for b in meetings if b.title == "General debate, 3rd meeting")
    assert listing.rows_in(evening) and to_local(listing.rows_in(evening)[-1].starts_at, demo.timezone).hour < 21
    friday = [r for r in listing.rows if r.block is not None and to_local(r.starts_at, demo.timezone).day == 15]
    assert friday and not any(r.overflow for r in listing.rows)


def test_the_list_says_when_the_last_meeting_overflows(client, gd, db, inscribe, close_and_draw, log_in):
    gd.rules.gd_limit_national_s = 3600  # hour-long statements: six meetings hold twelve
    db.session.commit()
    codes = ("AUT", "BRA", "KEN", "RUS", "CHN", "ARE", "FRA", "IND", "MEX", "JPN", "NGA", "DEU", "EGY", "CAN")
    for code in codes:
        inscribe(code)
    close_and_draw()
    speakers = client.get("/api/v1/debate/list", headers=as_secretariat()).get_json()["speakers"]
    last = debate_blocks(gd)[-1]
    over = [s for s in speakers if s["past_planned_end"]]
    assert len(over) == 2 and {s["block_id"] for s in over} == {last.id}
    assert all(s["block_id"] is not None for s in speakers)
    page = log_in("chair").get("/debate/").get_data(as_text=True)
    assert "this last meeting is projected past its planned end" in page and "2 speakers after it" in page
    assert page.count('id="overflow"') == 1
