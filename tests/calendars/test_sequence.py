"""SEQUENCE is kept per event and only rises, the same in every feed; what ends stays, cancelled (points 3 and 4)."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from meetings.calendars.models import PublishedEvent
from meetings.side_events.models import SideEvent
from meetings.timeutil import utcnow
from tests import factories
from tests.calendars.helpers import Khal, fetch, one


@pytest.fixture
def listed(db):
    """CND 67 with four speakers drawn into the 1st meeting, and Austria's two applications (one accepted and
    scheduled, one not yet decided)."""
    cs = factories.cnd67(gd_inscription_closes=utcnow() + timedelta(days=1))
    for code in ("AUT", "BRA", "KEN", "CHN"):
        factories.inscription(cs, code)
    factories.draw(cs)
    db.session.commit()
    return cs


def move(client, headers, block, start: str, end: str = "13:00"):
    response = client.put(f"/api/v1/session/blocks/{block.id}", headers=headers, json={
        "title": block.title, "kind": block.kind.value, "day": "2024-03-14", "start": start, "end": end,
        "room_id": block.room_id})  # fmt: skip
    assert response.status_code == 200, response.json


def test_a_slot_rises_when_its_meeting_moves_and_again_when_it_moves_back_in_every_feed(client, listed, token_for, db):
    sec = token_for("secretariat")
    first = factories.blocks_of(listed, "general_debate")[0]
    secret = client.get("/api/v1/calendars/addresses", headers=token_for("austria")).json["addresses"][0]["url"]
    assert secret.startswith("http://localhost/calendars/")
    feeds = ("/delegations/AUT/agenda.ics", secret.removeprefix("http://localhost"))

    block_uid = f"block-{first.id}@cnd67.meetings"
    meeting = []

    def slot_everywhere():
        seen = [one(fetch(client, url), "gd-slot-") for url in feeds]
        assert len({(s.uid, s.sequence, s.start) for s in seen}) == 1, seen  # every feed says the same
        meeting.append(fetch(client, "/session/agenda.ics")[block_uid].sequence)
        return seen[0]

    before = slot_everywhere()
    move(client, sec, first, "10:30")
    later = slot_everywhere()
    assert later.uid == before.uid and later.start == before.start + timedelta(minutes=30)
    assert later.sequence == before.sequence + 1
    move(client, sec, first, "10:00")  # back where it was: the SEQUENCE still rises, never falls
    back = slot_everywhere()
    assert back.start == before.start and back.sequence == before.sequence + 2
    assert slot_everywhere().sequence == back.sequence  # read again, nothing changed: no rise
    # a change of title only is no change of time, place or status
    client.put(f"/api/v1/session/blocks/{first.id}", headers=sec, json={
        "title": "GD 1", "kind": "general_debate", "day": "2024-03-14", "start": "10:00", "end": "13:00",
        "room_id": first.room_id})  # fmt: skip
    assert slot_everywhere().sequence == back.sequence
    # the meeting itself, read each time: moved, moved back (a rise each), read again, renamed (none)
    assert meeting == [meeting[0], meeting[0] + 1, meeting[0] + 2, meeting[0] + 2, meeting[0] + 2]
    db.session.rollback()
    stored = db.session.scalar(select(PublishedEvent).where(PublishedEvent.uid == before.uid))
    assert (stored.sequence, stored.starts_at, stored.status) == (back.sequence, back.start, "CONFIRMED")


def test_a_room_change_raises_the_sequence_and_every_language_says_the_same(client, listed, token_for, db):
    sec = token_for("secretariat")
    first = factories.blocks_of(listed, "general_debate")[0]
    english = fetch(client, "/session/agenda.ics")
    uid = f"block-{first.id}@cnd67.meetings"
    other = next(r.id for r in listed.rooms if r.id != first.room_id)
    client.put(f"/api/v1/session/blocks/{first.id}", headers=sec, json={
        "title": first.title, "kind": "general_debate", "day": "2024-03-14", "start": "10:00", "end": "13:00",
        "room_id": other})  # fmt: skip
    arabic = fetch(client, "/session/agenda.ics?lang=ar")
    assert arabic[uid].sequence == english[uid].sequence + 1
    assert fetch(client, "/session/agenda.ics")[uid].sequence == arabic[uid].sequence


def test_a_withdrawn_inscription_stays_cancelled_with_a_higher_sequence_where_it_was(client, listed, token_for,
                                                                                   tmp_path):  # fmt: skip
    khal = Khal(tmp_path)
    feed = client.get("/delegations/KEN/agenda.ics").data
    khal.import_feed(feed)
    slot = one(fetch(client, "/delegations/KEN/agenda.ics"), "gd-slot-")
    inscription_id = int(slot.uid.removeprefix("gd-slot-").split("@")[0])
    withdrawn = client.post(f"/api/v1/debate/inscriptions/{inscription_id}/withdraw", json={"reason": "Minister ill"},
                            headers=token_for("kenya"))  # fmt: skip
    assert withdrawn.status_code == 200
    gone = one(fetch(client, "/delegations/KEN/agenda.ics"), "gd-slot-")
    assert (gone.uid, gone.status, gone.sequence) == (slot.uid, "CANCELLED", slot.sequence + 1)
    assert (gone.start, gone.end) == (slot.start, slot.end)  # where it was last published
    assert "Withdrawn" in gone.description
    assert one(fetch(client, "/delegations/KEN/agenda.ics"), "gd-slot-").sequence == gone.sequence  # stays
    khal.import_feed(client.get("/delegations/KEN/agenda.ics").data)
    mine = [e for e in khal.events(slot.start.strftime("%Y-%m-%d")) if e["uid"] == slot.uid]
    assert [e["status"] for e in mine] == ["CANCELLED"]  # one event, now cancelled: not two


def test_the_others_move_up_a_slot_with_a_higher_sequence(client, listed, token_for):
    feeds = {code: one(fetch(client, f"/delegations/{code}/agenda.ics"), "gd-slot-") for code in ("AUT", "BRA",
                                                                                                   "KEN", "CHN")}  # fmt: skip
    first = min(feeds, key=lambda code: feeds[code].start)
    inscription_id = int(feeds[first].uid.removeprefix("gd-slot-").split("@")[0])
    client.post(f"/api/v1/debate/inscriptions/{inscription_id}/withdraw", json={"reason": "x"},
                headers=token_for("secretariat"))  # fmt: skip
    for code, before in feeds.items():
        after = one(fetch(client, f"/delegations/{code}/agenda.ics"), "gd-slot-")
        if code == first:
            assert after.status == "CANCELLED"
        else:
            assert after.start < before.start and after.sequence == before.sequence + 1, code


def test_a_withdrawn_or_rejected_side_event_stays_cancelled_in_the_feeds_that_showed_it(client, cs, token_for, db):
    sec, austria = token_for("secretariat"), token_for("austria")
    shown = factories.side_event(cs, "austria", title="Prevention that works")
    refused = factories.side_event(cs, "brazil", title="Alternative development")
    never = factories.side_event(cs, "kenya", title="A plan that stays private")
    room = next(r.id for r in cs.rooms if r.name == "Conference Room C3")
    db.session.commit()
    for event, start in ((shown, "08:00"), (refused, "13:00")):
        put = client.put(f"/api/v1/side-events/{event.id}/schedule", headers=sec,
                         json={"day": "2024-03-14", "start": start, "room_id": room})  # fmt: skip
        assert put.status_code == 200, put.json
    agenda = fetch(client, "/session/agenda.ics")
    austria_feed = fetch(client, "/delegations/AUT/agenda.ics")
    uid = f"side-event-{shown.id}@cnd67.meetings"
    assert agenda[uid].status == austria_feed[uid].status == "CONFIRMED"

    assert client.post(f"/api/v1/side-events/{shown.id}/withdraw", json={"reason": "The minister cannot come"},
                       headers=austria).status_code == 200  # fmt: skip
    assert client.post(f"/api/v1/side-events/{refused.id}/reject", json={"reason": "Out of scope"},
                       headers=sec).status_code == 200  # fmt: skip
    assert client.post(f"/api/v1/side-events/{never.id}/withdraw", json={"reason": "x"},
                       headers=token_for("kenya")).status_code == 200  # fmt: skip
    for url in ("/session/agenda.ics", "/delegations/AUT/agenda.ics"):
        after = fetch(client, url)[uid]
        assert (after.status, after.sequence) == ("CANCELLED", agenda[uid].sequence + 1), url
        assert (after.start, after.end) == (agenda[uid].start, agenda[uid].end)
        assert after.description.startswith("Withdrawn by the organizer.")
    rejected = fetch(client, "/session/agenda.ics")[f"side-event-{refused.id}@cnd67.meetings"]
    assert rejected.status == "CANCELLED" and rejected.description.startswith("Rejected.")
    # what no feed ever showed is not shown now
    assert not any(f"side-event-{never.id}@" in uid for uid in fetch(client, "/session/agenda.ics"))
    assert not any(f"side-event-{never.id}@" in uid for uid in fetch(client, "/delegations/KEN/agenda.ics"))
    db.session.rollback()
    assert db.session.scalar(select(func.count(SideEvent.id))) == 3


def test_a_cancelled_meeting_stays_cancelled_and_its_speakers_move_on(client, listed, token_for):
    first = factories.blocks_of(listed, "general_debate")[0]
    before_agenda = fetch(client, "/session/agenda.ics")
    before = {code: one(fetch(client, f"/delegations/{code}/agenda.ics"), "gd-slot-") for code in ("AUT", "KEN")}
    done = client.post(f"/api/v1/session/blocks/{first.id}/cancel", json={"reason": "The building is closed."},
                       headers=token_for("secretariat"))  # fmt: skip
    assert done.status_code == 200
    uid = f"block-{first.id}@cnd67.meetings"
    after = fetch(client, "/session/agenda.ics")[uid]
    assert (after.status, after.sequence) == ("CANCELLED", before_agenda[uid].sequence + 1)
    for code, slot in before.items():
        moved = one(fetch(client, f"/delegations/{code}/agenda.ics"), "gd-slot-")
        assert moved.status == "CONFIRMED" and moved.start > slot.start and moved.sequence == slot.sequence + 1
