"""The pure rules: quotas, lots, order, projected times."""

import hashlib
import hmac
import random
from datetime import UTC, datetime, timedelta

from meetings.debate import rules
from meetings.debate.rules import Block, Entry, order_speakers, project_times

SIZES = {"AFR": 54, "APG": 54, "EEG": 23, "GRULAC": 33, "WEOG": 29}


def test_largest_remainder_gives_the_briefing_split():
    assert rules.largest_remainder(114, SIZES) == {"AFR": 32, "APG": 32, "EEG": 14, "GRULAC": 19, "WEOG": 17}
    assert sum(rules.largest_remainder(100, SIZES).values()) == 100


def test_hand_set_quotas_must_add_up_and_cover_every_group():
    groups = set(SIZES)
    assert rules.quota_problems({"AFR": 30, "APG": 34, "EEG": 14, "GRULAC": 19, "WEOG": 17}, 114, groups) == []
    assert "add up to 113" in rules.quota_problems({"AFR": 30, "APG": 33, "EEG": 14, "GRULAC": 19, "WEOG": 17}, 114,
                                                   groups)[0]  # fmt: skip
    assert rules.quota_problems({"AFR": 114}, 114, groups)


def test_same_seed_same_lots_whatever_the_order_and_anyone_can_recompute():
    codes = ["AUT", "BRA", "KEN", "RUS", "CHN", "ARE", "FRA", "IND"]
    shuffled = codes[:]
    random.Random(7).shuffle(shuffled)
    lots = rules.draw_lots("s3cret", codes)
    assert lots == rules.draw_lots("s3cret", shuffled) == rules.draw_lots("s3cret", codes + ["AUT"])
    assert sorted(lots.values()) == list(range(1, len(codes) + 1))
    by_hand = sorted(codes, key=lambda c: hmac.new(b"s3cret", c.encode(), hashlib.sha256).hexdigest())
    assert [c for c, _ in sorted(lots.items(), key=lambda kv: kv[1])] == by_hand
    assert rules.draw_lots("another seed", codes) != lots


def test_a_tampered_record_fails_the_check():
    codes = ["AUT", "BRA", "KEN"]
    secret, public = "secret", "17 04 33"
    seed = rules.derive_seed(secret, public)
    good = rules.draw_lots(seed, codes)
    assert rules.verify_draw(rules.commitment_of(secret), secret, public, seed, codes, good).ok
    swapped = {**good, "AUT": good["BRA"], "BRA": good["AUT"]}
    check = rules.verify_draw(rules.commitment_of(secret), secret, public, seed, codes, swapped)
    assert not check.ok and not check.lots_match and len(check.differences) == 2
    assert not rules.verify_draw(rules.commitment_of("other"), secret, public, seed, codes, good).commitment_matches
    other_value = rules.verify_draw(rules.commitment_of(secret), secret, "17 04 34", seed, codes, good)
    assert not other_value.ok and not other_value.seed_matches


def _m(i, code, group, level, lot, late=False):
    return Entry(i, code, "member_state", level, group, lot, late, i)


def test_order_groups_first_then_tiers_by_lot_then_observers_and_at_most_ngo_max_ngos():
    entries = [
        _m(1, "AAA", "AFR", "ministerial", 1),
        _m(2, "BBB", "AFR", "higher_than_ministerial", 5),
        _m(3, "CCC", "WEOG", "lower_than_ministerial", 2),
        _m(4, "DDD", "WEOG", "ministerial", 3),
        Entry(5, "GRP", "group", "lower_than_ministerial", "AFR", 9),
        Entry(6, "IGO", "igo", "ministerial", None, 4),
        Entry(7, "OBS", "observer_state", "ministerial", None, 8),
        *[Entry(10 + n, f"NGO{n}", "ngo", "lower_than_ministerial", None, 10 + n) for n in range(4)],
        _m(20, "LATE", "AFR", "higher_than_ministerial", None, late=True),
    ]
    result = order_speakers(entries, {"AFR": 5, "WEOG": 5}, ngo_max=3)
    assert [e.code for e in result.speakers] == [
        "GRP", "BBB", "AAA", "DDD", "CCC", "LATE", "OBS", "IGO", "NGO0", "NGO1", "NGO2",
    ]  # fmt: skip
    assert [e.code for e in result.waiting["NGO"]] == ["NGO3"]


def test_quota_admits_by_tier_then_lot_and_the_rest_wait_then_release():
    entries = [
        _m(1, "A1", "AFR", "ministerial", 1),
        _m(2, "A2", "AFR", "higher_than_ministerial", 9),
        _m(3, "A3", "AFR", "lower_than_ministerial", 2),
        _m(4, "W1", "WEOG", "ministerial", 3),
    ]
    result = order_speakers(entries, {"AFR": 2, "WEOG": 2}, ngo_max=3)
    assert [e.code for e in result.speakers] == ["A2", "A1", "W1"]
    assert [e.code for e in result.waiting["AFR"]] == ["A3"]
    # A freed slot goes to the next on the list.
    freed = order_speakers([e for e in entries if e.code != "A1"], {"AFR": 2, "WEOG": 2}, ngo_max=3)
    assert [e.code for e in freed.speakers] == ["A2", "W1", "A3"]
    released = order_speakers(entries, {"AFR": 2, "WEOG": 2}, ngo_max=3, release_unused=True)
    assert released.released == 1 and "A3" in [e.code for e in released.speakers]


def test_swaps_and_absences_are_replayed_in_order():
    entries = [_m(n, f"C{n}", "AFR", "ministerial", n) for n in range(1, 5)]
    result = order_speakers(entries, {"AFR": 4}, 3, moves=[("swap", 1, 3), ("absent", 3, None)])
    assert [e.id for e in result.speakers] == [2, 3, 1, 4]


T0 = datetime(2024, 3, 14, 9, 0, tzinfo=UTC)


def test_projection_fills_blocks_in_order_with_changeover():
    blocks = [Block(1, T0, T0 + timedelta(minutes=12)), Block(2, T0 + timedelta(hours=4), T0 + timedelta(hours=5))]
    out = project_times([(1, 300), (2, 300), (3, 300)], blocks, changeover_s=30)
    assert [(p.block_id, p.starts_at - T0) for p in out] == [
        (1, timedelta(0)),
        (1, timedelta(seconds=330)),
        (2, timedelta(hours=4)),
    ]


def test_open_ended_block_runs_past_its_end_and_actual_times_replace_limits():
    blocks = [Block(1, T0, T0 + timedelta(minutes=6), open_ended=True)]
    out = project_times([(1, 300), (2, 300)], blocks, changeover_s=0, actual={1: 120})
    assert out[0].actual and out[0].seconds == 120
    assert out[1].starts_at == T0 + timedelta(seconds=120) and out[1].block_id == 1
    none_left = project_times([(1, 300), (2, 300)], [Block(1, T0, T0 + timedelta(minutes=6))], 0)
    assert none_left[1].block_id is None and none_left[1].starts_at is None
