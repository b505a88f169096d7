"""The pure rules of the grid: periods read, checked and cut into slots; the next free slots; the day's seat."""

from datetime import date, time

from meetings.bilaterals import rules
from meetings.bilaterals.rules import Period, Slot

FIRST, LAST = date(2024, 3, 14), date(2024, 3, 22)


def test_periods_are_read_one_a_line_with_a_dash_or_to():
    periods, errors = rules.parse_periods(
        "2024-03-14 09:00-18:00\n\n2024-03-15T9:00 – 12:30\n2024-03-15 14:00 to 18:00"
    )
    assert errors == []
    assert periods == [Period(date(2024, 3, 14), time(9), time(18)), Period(date(2024, 3, 15), time(9), time(12, 30)),
                       Period(date(2024, 3, 15), time(14), time(18))]  # fmt: skip
    assert periods[0].text() == "2024-03-14 09:00-18:00"


def test_a_line_that_is_not_a_period_is_named():
    periods, errors = rules.parse_periods(["2024-03-14 09:00-18:00", "Thursday morning", "2024-02-30 09:00-10:00"])
    assert len(periods) == 1
    assert errors == ["“Thursday morning” is not a day and hours such as 2024-03-14 09:00-18:00.",
                      "“2024-02-30 09:00-10:00” is not a day and hours such as 2024-03-14 09:00-18:00."]  # fmt: skip


def test_overlapping_periods_are_refused():
    periods = [Period(date(2024, 3, 14), time(9), time(13)), Period(date(2024, 3, 14), time(12), time(18))]
    assert rules.period_problems(periods, 30, FIRST, LAST) == [
        "Thursday 14 March, 09:00–13:00 and Thursday 14 March, 12:00–18:00 overlap: a slot would be in two periods."
    ]


def test_touching_periods_and_periods_of_other_days_do_not_overlap():
    periods = [Period(date(2024, 3, 14), time(9), time(13)), Period(date(2024, 3, 14), time(13), time(18)),
               Period(date(2024, 3, 15), time(9), time(18))]  # fmt: skip
    assert rules.period_problems(periods, 30, FIRST, LAST) == []


def test_a_period_that_does_not_divide_into_slots_is_refused():
    problems = rules.period_problems([Period(date(2024, 3, 14), time(9), time(17, 45))], 30, FIRST, LAST)
    assert problems == ["Thursday 14 March, 09:00–17:45 does not divide into slots of 30 minutes: make its length a "
                        "multiple of the slot's."]  # fmt: skip


def test_a_period_outside_the_session_or_backwards_is_refused():
    assert rules.period_problems([Period(date(2024, 3, 13), time(9), time(10))], 30, FIRST, LAST) == [
        "Wednesday 13 March, 09:00–10:00 is outside the session, which runs from 14 March 2024 to 22 March 2024."
    ]
    assert rules.period_problems([Period(date(2024, 3, 14), time(10), time(9))], 30, FIRST, LAST) == [
        "Thursday 14 March, 10:00–09:00 ends before it starts."
    ]
    assert rules.period_problems([], 30, FIRST, LAST) == ["Give at least one period, such as 2024-03-14 09:00-18:00."]


def test_the_grid_cuts_each_period_into_slots():
    slots = rules.slots_of([Period(date(2024, 3, 15), time(9), time(10)), Period(date(2024, 3, 14), time(9), time(18))],
                           30)  # fmt: skip
    assert len(slots) == 18 + 2
    assert slots[0] == Slot(date(2024, 3, 14), time(9), time(9, 30)) and slots[0].key == "2024-03-14T09:00"
    assert slots[17] == Slot(date(2024, 3, 14), time(17, 30), time(18))
    assert slots[-1] == Slot(date(2024, 3, 15), time(9, 30), time(10))
    assert rules.slot_at(slots, date(2024, 3, 14), time(9, 10)) is None


def test_the_next_free_slots_leave_out_taken_rooms_busy_times_and_full_days():
    slots = rules.slots_of([Period(date(2024, 3, 14), time(9), time(11)), Period(date(2024, 3, 15), time(9), time(11))],
                           30)  # fmt: skip
    wanted = slots[0]  # 14 March 09:00
    taken = {(1, slots[0]), (1, slots[1]), (2, slots[2])}
    busy = {slots[3]}  # one of the parties meets someone else at 10:30
    found = rules.next_free(slots, wanted, [1, 2], taken, busy, full_days=set(), per_room=3)
    assert [(o.slot.day.day, o.slot.starts) for o in found[1]] == [(14, time(10)), (15, time(9)), (15, time(9, 30))]
    assert [(o.slot.day.day, o.slot.starts) for o in found[2]] == [(14, time(9)), (14, time(9, 30)), (15, time(9))]
    full = rules.next_free(slots, wanted, [1], taken, busy, full_days={date(2024, 3, 14)})
    assert [(o.slot.day.day, o.slot.starts) for o in full[1]] == [(15, time(9)), (15, time(9, 30)), (15, time(10))]


def test_the_days_seat_is_the_lowest_free_one_up_to_the_cap():
    assert rules.free_seat([], 4) == 1
    assert rules.free_seat([1, 2, 4], 4) == 3
    assert rules.free_seat([1, 2, 3, 4], 4) is None
    assert rules.free_seat([3, 4], 2) == 1
