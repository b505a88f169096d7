"""The programme in the schedule format conference apps read (frab JSON): every public meeting and
scheduled side event once, in its room and day, at local times; cancelled ones left out."""

from datetime import datetime

from sqlalchemy import select

from meetings.programme.models import BlockKind, MeetingBlock
from meetings.side_events.models import SideEvent, SideEventStatus


def _events(body: dict) -> list[dict]:
    return [e for day in body["schedule"]["conference"]["days"] for events in day["rooms"].values() for e in events]


def test_the_demo_programme_for_conference_apps(client, demo, db):
    response = client.get("/session/schedule.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    conference = body["schedule"]["conference"]
    assert (conference["acronym"], conference["time_zone_name"]) == ("cnd67", "Europe/Vienna")
    assert conference["start"] == "2024-03-14" and conference["daysCount"] == len(conference["days"])
    events = _events(body)
    assert len({e["guid"] for e in events}) == len(events) == len({e["id"] for e in events})
    for day in conference["days"]:
        for room, listed in day["rooms"].items():
            assert all(e["room"] == room and e["date"].startswith(day["date"]) for e in listed)
    first = next(e for e in events if e["title"] == "CND67: General debate, 1st meeting")
    assert (first["date"], first["start"], first["duration"], first["room"], first["track"]) == (
        "2024-03-14T10:00:00+01:00",
        "10:00",
        "03:00",
        "Plenary Hall (M Building)",
        "General debate",
    )
    assert first["url"].startswith("http://localhost/")
    # every meeting not cancelled and every scheduled side event, once
    blocks = db.session.scalars(select(MeetingBlock)).all()
    scheduled = db.session.scalars(select(SideEvent).where(SideEvent.status == SideEventStatus.accepted,
                                                           SideEvent.starts_at.is_not(None))).all()  # fmt: skip
    assert len(events) == sum(1 for b in blocks if not b.is_cancelled) + len(scheduled)
    assert sum(e["track"] == "Roundtable" for e in events) == sum(b.kind == BlockKind.roundtable for b in blocks)
    for e in events:
        start = datetime.fromisoformat(e["date"])
        assert e["start"] == start.strftime("%H:%M") and len(e["duration"]) == 5
    # the same content gives the same version; another language, another version
    assert client.get("/session/schedule.json").get_json()["schedule"]["version"] == body["schedule"]["version"]
    french = client.get("/session/schedule.json?lang=fr").get_json()
    assert any(e["track"] == "Débat général" for e in _events(french))
    assert client.get("/api/v1/session/schedule.json").get_json()["schedule"]["conference"] == conference
    assert 'id="schedule-json"' in client.get("/session/").text


def test_a_cancelled_meeting_is_not_in_the_schedule(client, cs, db, token_for):
    block = db.session.scalars(select(MeetingBlock).where(MeetingBlock.kind == BlockKind.plenary)).first() or \
        db.session.scalars(select(MeetingBlock)).first()  # fmt: skip
    title = block.title
    assert any(title in e["title"] for e in _events(client.get("/session/schedule.json").get_json()))
    cancelled = client.post(f"/api/v1/session/blocks/{block.id}/cancel", json={"reason": "The room is needed."},
                            headers=token_for("secretariat"))  # fmt: skip
    assert cancelled.status_code == 200, cancelled.get_json()
    assert not any(title in e["title"] for e in _events(client.get("/session/schedule.json").get_json()))
