from datetime import date, datetime

from meetings.programme.rules import block_problems, rules_problems

UTC_A, UTC_B = datetime(2024, 3, 14, 9), datetime(2024, 3, 14, 12)


def test_block_inside_the_session_is_fine():
    assert (
        block_problems(UTC_A, UTC_B, date(2024, 3, 14), date(2024, 3, 22), date(2024, 3, 14), date(2024, 3, 14)) == []
    )


def test_block_ending_before_it_starts():
    problems = block_problems(UTC_B, UTC_A, date(2024, 3, 14), date(2024, 3, 22), date(2024, 3, 14), date(2024, 3, 14))
    assert problems == ["The block must end after it starts."]


def test_block_outside_the_session():
    problems = block_problems(UTC_A, UTC_B, date(2024, 3, 14), date(2024, 3, 22), date(2024, 3, 23), date(2024, 3, 23))
    assert "outside the session" in problems[0]


def test_rules_that_make_no_sense():
    errors = rules_problems(
        {
            "hl_window_opens": datetime(2024, 1, 11),
            "hl_window_closes": datetime(2024, 1, 4),
            "hl_cap_total": 2,
            "hl_cap_per_organizer": 3,
            "gd_limit_national_s": 300,
            "gd_limit_group_s": 200,
            "rt_limit_panelist_s": 300,
            "rt_limit_floor_s": 180,
        }
    )
    assert set(errors) == {"hl_window_closes", "hl_cap_per_organizer", "gd_limit_group_s"}


def test_the_draw_comes_after_inscription_closes():
    from meetings.programme.rules import draw_problems

    closes = datetime(2024, 2, 23, 18, 0)
    assert draw_problems(date(2024, 2, 29), closes) == []
    assert draw_problems(date(2024, 2, 24), closes) == []
    same_day = draw_problems(date(2024, 2, 23), closes)
    assert same_day and "23 February 2024" in same_day[0] and "at 18:00" in same_day[0]
    before = draw_problems(date(2024, 2, 20), closes)
    assert before == [
        "The drawing of lots (20 February 2024) must come after inscription closes (23 February 2024 at 18:00): "
        "choose a later day for the draw or close inscription earlier."
    ]
    # closing at midnight allows a draw that same day; an unset date or closing checks nothing
    assert draw_problems(date(2024, 2, 29), datetime(2024, 2, 29, 0, 0)) == []
    assert draw_problems(None, closes) == [] and draw_problems(date(2024, 2, 20), None) == []


def test_side_events_keep_to_the_day_s_hours():
    from datetime import time

    from meetings.programme.rules import within_hours

    eight, nine_pm = time(8, 0), time(21, 0)
    assert within_hours(datetime(2024, 3, 14, 8, 0), datetime(2024, 3, 14, 9, 30), eight, nine_pm)
    assert within_hours(datetime(2024, 3, 14, 19, 30), datetime(2024, 3, 14, 21, 0), eight, nine_pm)
    assert not within_hours(datetime(2024, 3, 14, 7, 59), datetime(2024, 3, 14, 9, 0), eight, nine_pm)
    assert not within_hours(datetime(2024, 3, 14, 20, 0), datetime(2024, 3, 14, 21, 1), eight, nine_pm)
    assert not within_hours(datetime(2024, 3, 14, 23, 0), datetime(2024, 3, 15, 0, 30), time(0, 0), time(23, 59))


def test_the_day_s_hours_must_be_in_order():
    from datetime import time

    errors = rules_problems({"se_day_starts": time(21, 0), "se_day_ends": time(8, 0)})
    assert errors == {"se_day_ends": ["Side events must end their day after they start it (21:00)."]}
