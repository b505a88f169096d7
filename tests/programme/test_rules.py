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
