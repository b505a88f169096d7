from datetime import UTC, datetime, timedelta

from meetings.floor import rules

T0 = datetime(2024, 3, 14, 9, 0, tzinfo=UTC)


def s(seconds: float) -> timedelta:
    return timedelta(seconds=seconds)


def test_pause_then_resume_continues_from_the_kept_time():
    kept = rules.paused_at(T0, T0 + s(42.25))
    assert kept == 42250
    # Paused for ten minutes: the clock does not move.
    assert rules.elapsed_ms("paused", None, kept, T0 + s(642)) == 42250
    anchor = rules.resumed_anchor(kept, T0 + s(642))
    assert rules.elapsed_ms("running", anchor, 0, T0 + s(650)) == 50250


def test_several_pauses_add_up():
    anchor, now = T0, T0
    spoken = 0
    for run, rest in ((10, 5), (20, 60), (7, 1)):
        now += s(run)
        spoken = rules.paused_at(anchor, now)
        now += s(rest)
        anchor = rules.resumed_anchor(spoken, now)
    assert spoken == 37000
    assert rules.elapsed_ms("running", anchor, 0, now + s(3)) == 40000


def test_idle_floor_shows_no_time():
    assert rules.elapsed_ms("idle", None, 0, T0) == 0


def test_warning_in_the_last_thirty_seconds_then_overrun():
    assert rules.phase(269.9, 300) == "normal"
    assert rules.phase(270, 300) == "warning"
    assert rules.phase(300, 300) == "warning"
    assert rules.phase(300.9, 300) == "warning"  # the screen shows 0:00
    assert rules.phase(301, 300) == "overrun"


def test_overrun_counts_only_beyond_the_limit():
    assert rules.overrun_s(295, 300) == 0
    assert rules.overrun_s(300, 300) == 0
    assert rules.overrun_s(372, 300) == 72


def test_durations_count_whole_seconds_like_the_screen():
    assert rules.whole_seconds(2999) == 2
    assert rules.whole_seconds(3000) == 3
    # Recorded overrun and the screen's phase agree at every instant.
    for ms in range(299_000, 302_500, 100):
        assert (rules.overrun_s(rules.whole_seconds(ms), 300) > 0) == (rules.phase(ms / 1000, 300) == "overrun")


def test_limits_by_role_come_from_the_session_rules():
    limits = {"gd_limit_national_s": 300, "gd_limit_group_s": 420, "rt_limit_panelist_s": 301, "rt_limit_floor_s": 180}
    assert rules.limit_for("gd_national", limits) == 300
    assert rules.limit_for("gd_group", limits) == 420
    assert rules.limit_for("rt_panelist", limits) == 301
    assert rules.limit_for("rt_floor", limits) == 180
    assert rules.limit_for("other", limits) == 300


def test_absent_speaker_moves_after_the_next_one():
    assert rules.after_next([1, 2, 3, 4], 1) == [2, 1, 3, 4]
    assert rules.after_next([1, 2, 3, 4], 3) == [1, 2, 4, 3]
    assert rules.after_next([1, 2, 3, 4], 4) == [1, 2, 3, 4]
    assert rules.after_next([7], 7) == [7]
