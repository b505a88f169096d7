"""The co-chair rules as pure functions: which confirmation clashes, with whom, and which seat is free."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from meetings.roundtables.rules import (
    ClashKind,
    Seat,
    closes_at_midnight,
    confirmation_clash,
    free_seat,
    nominations_open,
    same_person,
)

WEOG, AFRICA, ASIA = 5, 1, 2
AUSTRIA_RT1 = Seat(nomination_id=10, roundtable_id=1, roundtable_number=1, group_id=WEOG, seat=1)
KENYA_RT1 = Seat(nomination_id=11, roundtable_id=1, roundtable_number=1, group_id=AFRICA, seat=2)
CHINA_RT2 = Seat(nomination_id=12, roundtable_id=2, roundtable_number=2, group_id=ASIA, seat=1)


def test_a_second_co_chair_of_the_same_group_clashes_with_the_first():
    clash = confirmation_clash(1, WEOG, [AUSTRIA_RT1], 2, distinct_across=False)
    assert clash.kind == ClashKind.same_group and clash.with_ == (AUSTRIA_RT1,)


def test_another_group_takes_the_free_seat():
    assert confirmation_clash(1, AFRICA, [AUSTRIA_RT1], 2, distinct_across=False) is None
    assert free_seat([1], 2) == 2


def test_a_full_roundtable_names_all_its_co_chairs():
    clash = confirmation_clash(1, ASIA, [KENYA_RT1, AUSTRIA_RT1], 2, distinct_across=False)
    assert clash.kind == ClashKind.full and clash.with_ == (AUSTRIA_RT1, KENYA_RT1)  # by seat
    assert free_seat([1, 2], 2) is None


def test_the_same_group_is_named_before_a_full_roundtable():
    clash = confirmation_clash(1, WEOG, [AUSTRIA_RT1, KENYA_RT1], 2, distinct_across=False)
    assert clash.kind == ClashKind.same_group


def test_groups_distinct_across_roundtables_only_when_the_option_is_on():
    assert confirmation_clash(2, WEOG, [AUSTRIA_RT1], 2, distinct_across=False) is None
    clash = confirmation_clash(2, WEOG, [AUSTRIA_RT1, CHINA_RT2], 2, distinct_across=True)
    assert clash.kind == ClashKind.group_elsewhere and clash.with_ == (AUSTRIA_RT1,)


def test_one_co_chair_per_roundtable_and_the_lowest_free_seat():
    assert confirmation_clash(2, WEOG, [CHINA_RT2], 1, distinct_across=False).kind == ClashKind.full
    assert free_seat([2], 3) == 1
    assert free_seat([], 2) == 1


def test_the_deadline_and_its_wording():
    closes = datetime(2024, 3, 15, 23, 0, tzinfo=UTC)  # 16 March 00:00 in Vienna: the end of 15 March
    assert nominations_open(datetime(2024, 3, 15, 22, 59, 59, tzinfo=UTC), closes)
    assert not nominations_open(closes, closes)
    assert nominations_open(datetime(2030, 1, 1, tzinfo=UTC), None)
    assert closes_at_midnight(closes.astimezone(ZoneInfo("Europe/Vienna")))
    assert not closes_at_midnight(datetime(2024, 3, 15, 18, 0, tzinfo=ZoneInfo("Europe/Vienna")))


def test_one_nominee_written_twice():
    assert same_person("Ms. Anna  Gruber", "ms. anna gruber")
    assert not same_person("Ms. Anna Gruber", "Ms. Anna Huber")
