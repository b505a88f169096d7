"""What every feed is: its time zone's rules, its headers, times to the minute, a URL back to each page,
a valid calendar when nothing is scheduled; read by two parsers and by khal, in March and in July."""

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from icalendar import Calendar, Timezone

from meetings.extensions import db as _db
from meetings.timeutil import utcnow
from tests import factories
from tests.calendars.helpers import Khal, fetch, one, read, session_in_july
from tests.working_list import as_secretariat

CONTENT_TYPE = "text/calendar; charset=utf-8"


@pytest.fixture
def july(db):
    cs = session_in_july()
    db.session.commit()
    return cs


@pytest.fixture
def listed(db):
    """CND 67 with five speakers on the list, drawn: their slots have projected times."""
    cs = factories.cnd67(gd_inscription_closes=utcnow() + timedelta(days=1))
    for code in ("AUT", "BRA", "KEN", "CHN", "RUS"):
        factories.inscription(cs, code)
    factories.draw(cs)
    db.session.commit()
    return cs


def vtimezone(data: bytes) -> Timezone:
    (zone,) = Calendar.from_ical(data).walk("VTIMEZONE")
    return zone


def test_the_time_zone_is_written_with_its_rules_and_the_right_onset_of_summer_time(client, cs):
    data = client.get("/session/agenda.ics").data
    zone = vtimezone(data)
    assert str(zone["TZID"]) == "Europe/Vienna"
    parts = {p.name: p for p in zone.subcomponents}
    assert sorted(parts) == ["DAYLIGHT", "STANDARD"]  # one of each: rules, not a list of every change
    daylight, standard = parts["DAYLIGHT"], parts["STANDARD"]
    assert daylight.decoded("DTSTART") == datetime(2023, 3, 26, 2, 0)  # last Sunday of March, 02:00 -> 03:00
    assert daylight["RRULE"] == {"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["-1SU"]}
    assert (daylight.decoded("TZOFFSETFROM"), daylight.decoded("TZOFFSETTO")) == (timedelta(hours=1),
                                                                                   timedelta(hours=2))  # fmt: skip
    assert standard.decoded("DTSTART") == datetime(2023, 10, 29, 3, 0)  # last Sunday of October, 03:00 -> 02:00
    assert standard["RRULE"] == {"FREQ": ["YEARLY"], "BYMONTH": [10], "BYDAY": ["-1SU"]}
    assert (standard.decoded("TZOFFSETFROM"), standard.decoded("TZOFFSETTO")) == (timedelta(hours=2),
                                                                                   timedelta(hours=1))  # fmt: skip
    assert (str(daylight["TZNAME"]), str(standard["TZNAME"])) == ("CEST", "CET")
    assert "RDATE" not in data.decode()
    # The rules as a client applies them: summer time from 31 March 2024 02:00 to 27 October 03:00.
    tz = zone.to_tz()
    offsets = [datetime(2024, *m, tzinfo=tz).utcoffset() for m in ((3, 14, 10), (3, 31, 1, 59), (3, 31, 3, 0),
                                                                   (7, 8, 10), (10, 27, 1, 59), (10, 27, 3, 0))]  # fmt: skip
    assert [o.total_seconds() / 3600 for o in offsets] == [1, 1, 2, 2, 2, 1]


def test_a_session_in_march_reads_at_winter_time_in_both_parsers_and_in_khal(client, cs, tmp_path):
    events = fetch(client, "/session/agenda.ics")
    opening = next(e for e in events.values() if "Opening" in e.summary)
    assert opening.tzid == "Europe/Vienna" and opening.start.utcoffset() == timedelta(hours=1)
    assert opening.start.astimezone(UTC) == datetime(2024, 3, 14, 8, 30, tzinfo=UTC)  # 09:30 in Vienna
    khal = Khal(tmp_path)
    khal.import_feed(client.get("/session/agenda.ics").data)
    listed = {e["title"]: e for e in khal.events("2024-03-14")}
    assert listed["CND67: Opening of the high-level segment"]["start"] == "2024-03-14 09:30"
    assert listed["CND67: General debate, 1st meeting"]["end"] == "2024-03-14 13:00"
    # read from Tokyo, the same meeting is at 17:30
    tokyo = Khal(tmp_path / "tokyo", local_zone="Asia/Tokyo")
    tokyo.import_feed(client.get("/session/agenda.ics").data)
    assert {e["title"]: e["start"] for e in tokyo.events("2024-03-14")}[
        "CND67: Opening of the high-level segment"] == "2024-03-14 17:30"  # fmt: skip


def test_a_session_in_july_reads_at_summer_time_in_both_parsers_and_in_khal(client, july, tmp_path):
    data = client.get("/session/agenda.ics").data
    events = read(data)
    assert [(e.start.hour, e.start.utcoffset()) for e in sorted(events.values(), key=lambda e: e.start)] == [
        (10, timedelta(hours=2)), (15, timedelta(hours=2))]  # fmt: skip
    assert all(e.tzid == "Europe/Vienna" and e.sequence == 0 for e in events.values())
    assert min(e.start for e in events.values()).astimezone(UTC) == datetime(2024, 7, 8, 8, 0, tzinfo=UTC)
    daylight = next(p for p in vtimezone(data).subcomponents if p.name == "DAYLIGHT")
    assert daylight.decoded("DTSTART") == datetime(2023, 3, 26, 2, 0)
    khal = Khal(tmp_path)
    khal.import_feed(data)
    assert [(e["start"], e["end"]) for e in khal.events("2024-07-08", "2d")] == [
        ("2024-07-08 10:00", "2024-07-08 13:00"), ("2024-07-09 15:00", "2024-07-09 18:00")]  # fmt: skip
    new_york = Khal(tmp_path / "ny", local_zone="America/New_York")
    new_york.import_feed(data)
    assert [e["start"] for e in new_york.events("2024-07-08", "2d")] == ["2024-07-08 04:00", "2024-07-09 09:00"]


def test_no_method_one_charset_and_a_refresh_interval(client, cs):
    for url in ("/session/agenda.ics", "/api/v1/session/agenda.ics", "/delegations/AUT/agenda.ics"):
        response = client.get(url)
        assert response.headers["Content-Type"] == CONTENT_TYPE, url
        text = response.data.decode()
        assert "METHOD:" not in text
        assert "REFRESH-INTERVAL;VALUE=DURATION:PT30M\r\n" in text and "X-PUBLISHED-TTL:PT30M\r\n" in text
        assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")


def test_etag_and_last_modified_answer_304_until_the_feed_changes(client, cs, token_for, db):
    first = client.get("/session/agenda.ics")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert etag and modified and "no-cache" in first.headers["Cache-Control"]
    again = client.get("/session/agenda.ics")
    assert again.data == first.data and again.headers["ETag"] == etag  # unchanged: the same bytes, DTSTAMP too
    assert client.get("/session/agenda.ics", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/session/agenda.ics", headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get("/session/agenda.ics", headers={"If-None-Match": '"other"'}).status_code == 200
    # another language is another feed, with its own ETag
    french = client.get("/session/agenda.ics?lang=fr")
    assert french.headers["ETag"] != etag and client.get(
        "/session/agenda.ics?lang=fr", headers={"If-None-Match": french.headers["ETag"]}).status_code == 304  # fmt: skip

    block = factories.blocks_of(cs, "general_debate")[0]
    moved = client.put(f"/api/v1/session/blocks/{block.id}", headers=token_for("secretariat"), json={
        "title": block.title, "kind": "general_debate", "day": "2024-03-14", "start": "10:15", "end": "13:00",
        "room_id": block.room_id})  # fmt: skip
    assert moved.status_code == 200
    changed = client.get("/session/agenda.ics", headers={"If-None-Match": etag, "If-Modified-Since": modified})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert changed.last_modified > first.last_modified  # a client that sends only If-Modified-Since sees it too
    assert client.get("/session/agenda.ics", headers={"If-Modified-Since": modified}).status_code == 200
    old = format_datetime(datetime(2024, 1, 1, tzinfo=UTC), usegmt=True)
    assert client.get("/session/agenda.ics", headers={"If-Modified-Since": old}).status_code == 200


def test_projected_times_are_to_the_minute_and_every_event_links_to_its_page(client, listed, token_for):
    speakers = client.get("/api/v1/debate/list", headers=as_secretariat()).json["speakers"]
    with_seconds = [s for s in speakers if not s["projected_start"].endswith(":00+00:00")]
    assert with_seconds, "the changeover puts some speakers at half minutes"
    speaker = with_seconds[0]
    projected = datetime.fromisoformat(speaker["projected_start"])
    slot = one(fetch(client, f"/delegations/{speaker['delegation']}/agenda.ics"), "gd-slot-")
    assert slot.start.second == 0 and abs(slot.start - projected) <= timedelta(seconds=30)
    assert slot.start == (projected + timedelta(seconds=30)).replace(second=0)
    assert slot.url == f"http://localhost/session/speakers-list#slot-{speaker['slot']}"
    assert client.get(slot.url.removeprefix("http://localhost")).status_code == 200

    for event in fetch(client, "/session/agenda.ics").values():
        assert event.url.startswith("http://localhost/"), event
        assert client.get(event.url.removeprefix("http://localhost")).status_code == 200
    # the host the request came to
    assert {e.url for e in fetch(client, "/session/agenda.ics", base_url="https://cnd.example.org").values()} == {
        "https://cnd.example.org/session/"}  # fmt: skip


def test_a_configured_base_address_wins_over_the_request_host(app, client, cs):
    app.config["PUBLIC_BASE_URL"] = "https://meetings.unodc.example/cnd"
    try:
        events = fetch(client, "/session/agenda.ics")
    finally:
        app.config.pop("PUBLIC_BASE_URL")
    assert events and {e.url for e in events.values()} == {"https://meetings.unodc.example/cnd/session/"}


def test_a_delegation_with_nothing_scheduled_gets_a_valid_calendar_that_every_client_reads(client, cs, tmp_path):
    response = client.get("/delegations/KEN/agenda.ics")
    assert response.status_code == 200 and response.headers["Content-Type"] == CONTENT_TYPE
    assert read(response.data) == {}
    cal = Calendar.from_ical(response.data)
    assert str(cal["X-WR-CALNAME"]).endswith(": Kenya")
    assert [c.name for c in cal.subcomponents] == ["VTIMEZONE"]  # a calendar holds at least one component
    khal = Khal(tmp_path)
    khal.import_feed(response.data)
    assert khal.events("2024-03-14", "9d") == []
    assert (
        client.get("/delegations/KEN/agenda.ics", headers={"If-None-Match": response.headers["ETag"]}).status_code
        == 304
    )


def test_a_block_that_moves_is_one_event_in_khal_at_its_new_time(client, cs, token_for, tmp_path, db):
    khal = Khal(tmp_path)
    khal.import_feed(client.get("/session/agenda.ics").data)
    block = factories.blocks_of(cs, "general_debate")[0]
    uid = f"block-{block.id}@cnd67.meetings"
    assert [(e["start"], e["status"]) for e in khal.events("2024-03-14") if e["uid"] == uid] == [
        ("2024-03-14 10:00", "CONFIRMED")]  # fmt: skip
    client.put(f"/api/v1/session/blocks/{block.id}", headers=token_for("secretariat"), json={
        "title": block.title, "kind": "general_debate", "day": "2024-03-14", "start": "10:30", "end": "13:00",
        "room_id": block.room_id})  # fmt: skip
    khal.import_feed(client.get("/session/agenda.ics").data)
    assert [e["start"] for e in khal.events("2024-03-14") if e["uid"] == uid] == ["2024-03-14 10:30"]
    _db.session.rollback()
