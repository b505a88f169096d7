from datetime import UTC, date, datetime, timedelta

from meetings.side_events import rules


def t(hour: int, minute: int = 0, day: int = 14) -> datetime:
    return datetime(2024, 3, day, hour, minute, tzinfo=UTC)


def test_missing_fields_are_named_in_form_order():
    assert rules.missing_fields({"title": "x", "partners": "", "preferred_times": []}) == [
        "partners", "format", "contact_name", "contact_email", "description", "duration_minutes", "preferred_times",
    ]  # fmt: skip
    full = {name: "x" for name in rules.REQUIRED_FIELDS}
    assert rules.missing_fields(full) == []


def test_window_includes_its_opening_and_excludes_its_closing():
    opens, closes = t(0), t(0, day=15)
    assert rules.window_state(opens - timedelta(microseconds=1), opens, closes) == rules.Window.not_yet_open
    assert rules.window_state(opens, opens, closes) == rules.Window.open
    assert rules.window_state(closes, opens, closes) == rules.Window.closed


def test_the_first_cap_active_applications_hold_the_seats_and_keep_them():
    assert rules.plan_seats([(10, None), (11, None), (12, None)], 2) == {10: 1, 11: 2, 12: None}
    # seat 1 freed by a withdrawal: the first waiting one takes it, the holder of seat 2 keeps it
    assert rules.plan_seats([(11, 2), (12, None), (13, None)], 2) == {11: 2, 12: 1, 13: None}
    # the cap lowered: the later one loses its seat
    assert (
        rules.plan_seats([(11, 2), (12, 1)], 1) == {11: 1, 12: None}
        or rules.plan_seats([(11, 2), (12, 1)], 1)[12] is None
    )


def test_an_organizer_slot_is_the_lowest_free_one_up_to_the_cap():
    assert rules.free_slot([], 2) == 1
    assert rules.free_slot([1], 2) == 2
    assert rules.free_slot([2], 2) == 1
    assert rules.free_slot([1, 2], 2) is None


def test_clash_names_the_overlapping_interval_and_touching_ends_do_not_clash():
    busy = [("A", t(8), t(9, 30)), ("B", t(13), t(14))]
    assert rules.clash(t(9), t(10), busy) == "A"
    assert rules.clash(t(9, 30), t(11), busy) is None
    assert rules.clash(t(12), t(13), busy) is None
    assert rules.clash(t(12), t(13, 1), busy) == "B"


def test_within_period_by_local_dates():
    first, last = date(2024, 3, 14), date(2024, 3, 15)
    assert rules.within_period(datetime(2024, 3, 15, 22, 30), datetime(2024, 3, 16, 0, 0), first, last)
    assert not rules.within_period(datetime(2024, 3, 15, 23, 30), datetime(2024, 3, 16, 0, 30), first, last)
    assert not rules.within_period(datetime(2024, 3, 13, 12), datetime(2024, 3, 13, 13), first, last)


def test_preferred_times_parse_and_bad_lines_are_reported():
    found, errors = rules.parse_preferred_times("2024-03-14 08:00\n\n2024-03-15T13:15; tomorrow")
    assert found == [datetime(2024, 3, 14, 8), datetime(2024, 3, 15, 13, 15)]
    assert errors == ["'tomorrow' is not a time like 2024-03-14 13:15."]


def test_first_free_placement_skips_taken_times_and_rooms():
    wanted = [(t(8), t(9, 30)), (t(11), t(12))]
    one_at_a_time = [("HL", t(8, 30), t(9))]
    rooms = [(1, [("meeting", t(10), t(13))]), (2, [])]
    assert rules.first_free_placement(wanted, one_at_a_time, rooms) == (t(11), t(12), 2)
    assert rules.first_free_placement(wanted[:1], one_at_a_time, rooms) is None
