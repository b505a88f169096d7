"""The VTIMEZONE in RRULE form: two rules where the zone has summer time, one component where it has none,
each change as it happened where the rules changed; and in every case the offsets of the zone database."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar, Timezone

from meetings.exports.vtimezone import vtimezone


def rules(tz: str, first: int, last: int) -> dict:
    """The components as a client reads them back: name -> (onset, rule)."""
    zone = Timezone.from_ical(vtimezone(tz, first, last).to_ical())
    return {part.name: (part.decoded("DTSTART"), part.get("RRULE")) for part in zone.subcomponents}


@pytest.mark.parametrize(
    ("tz", "daylight", "standard"),
    [
        ("Europe/Vienna", (datetime(2023, 3, 26, 2), "-1SU", 3), (datetime(2023, 10, 29, 3), "-1SU", 10)),
        ("America/New_York", (datetime(2023, 3, 12, 2), "2SU", 3), (datetime(2023, 11, 5, 2), "1SU", 11)),
        ("Australia/Sydney", (datetime(2023, 10, 1, 2), "1SU", 10), (datetime(2023, 4, 2, 3), "1SU", 4)),
    ],
)
def test_a_zone_with_summer_time_has_one_rule_each_way(tz, daylight, standard):
    found = rules(tz, 2024, 2024)
    assert sorted(found) == ["DAYLIGHT", "STANDARD"]
    for name, (start, byday, month) in (("DAYLIGHT", daylight), ("STANDARD", standard)):
        onset, rule = found[name]
        assert onset == start and rule == {"FREQ": ["YEARLY"], "BYMONTH": [month], "BYDAY": [byday]}, name


def test_a_zone_without_summer_time_has_one_component():
    assert rules("Asia/Tokyo", 2024, 2024) == {"STANDARD": (datetime(2023, 1, 1), None)}
    assert rules("UTC", 2024, 2024) == {"STANDARD": (datetime(2023, 1, 1), None)}


def offsets_agree(tz: str, first: int, last: int) -> None:
    """Hour by hour over the years, the VTIMEZONE as icalendar and as vobject (dateutil) read it gives the
    offsets of the zone database."""
    text = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + vtimezone(tz, first, last).to_ical()
    text += b"END:VCALENDAR\r\n"
    (component,) = Calendar.from_ical(text).walk("VTIMEZONE")
    by_icalendar = component.to_tz()
    by_vobject = vobject.readOne(text.decode()).vtimezone.gettzinfo()
    zone = ZoneInfo(tz)
    moment = datetime(first, 1, 1, tzinfo=UTC)
    while moment.year <= last:
        expected = moment.astimezone(zone).utcoffset()
        assert moment.astimezone(by_icalendar).utcoffset() == expected, (tz, moment)
        assert moment.astimezone(by_vobject).utcoffset() == expected, (tz, moment)
        moment += timedelta(hours=1)


@pytest.mark.parametrize("tz", ["Europe/Vienna", "America/New_York", "Australia/Sydney", "Asia/Tokyo"])
def test_the_rules_give_the_zone_databases_offsets_every_hour(tz):
    offsets_agree(tz, 2024, 2024)


def test_a_zone_whose_rules_changed_is_written_change_by_change():
    # Mexico City kept summer time until October 2022, then abolished it.
    zone = vtimezone("America/Mexico_City", 2023, 2023)
    assert all(part.get("RRULE") is None for part in zone.subcomponents)
    assert [part.decoded("DTSTART") for part in zone.subcomponents] == [
        datetime(2022, 1, 1),
        datetime(2022, 4, 3, 2),
        datetime(2022, 10, 30, 2),
    ]
    offsets_agree("America/Mexico_City", 2022, 2024)
