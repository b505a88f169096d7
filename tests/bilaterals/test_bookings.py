"""Booking a slot, the counterpart's answer, cancelling: each bad request refused with the reason, nothing changed."""

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from meetings.bilaterals import grid
from meetings.bilaterals.models import BilateralBooking, BookingParty, BookingState
from meetings.programme import rooms as room_service
from meetings.programme.models import HolderKind, RoomBooking
from meetings.timeutil import utcnow
from tests import factories
from tests.bilaterals.setting import active, bil, body, bookings, entries

__all__ = ["bil"]  # the fixture, for pytest

BOOK = "/api/v1/bilaterals/bookings"


def book(client, headers, room_id, slot, counterpart="KEN", status=201, **over):
    r = client.post(BOOK, json=body(room_id, slot, counterpart, **over), headers=headers)
    assert r.status_code == status, r.json
    return r.json


def act(client, headers, booking_id: int, what: str, status: int = 200, **data):
    r = client.post(f"{BOOK}/{booking_id}/{what}", json=data, headers=headers)
    assert r.status_code == status, r.json
    return r.json


def nothing_changed(db, before: list) -> None:
    assert [(b.id, b.state) for b in bookings(db)] == before


def test_a_delegation_books_the_counterpart_confirms(client, bil, token_for, db, log_in):
    austria, kenya = token_for("austria"), token_for("kenya")
    held = book(client, austria, bil.a, "2024-03-14T10:00", note="Ministers of the Interior")
    assert held["state"] == "held" and held["counterpart"] == {"code": "KEN", "name": "Kenya"}
    assert held["starts_at"] == "2024-03-14T10:00:00+01:00" and held["ends_at"] == "2024-03-14T10:30:00+01:00"
    # Kenya reads it on its home page, with Confirm and Decline.
    log_in("kenya")
    home = client.get("/delegations/KEN").get_data(True)
    assert "Awaiting your answer" in home and f'action="/bilaterals/{held["id"]}/confirm"' in home
    confirmed = act(client, kenya, held["id"], "confirm")
    assert confirmed["state"] == "confirmed" and confirmed["decided_at"]
    grid_slots = client.get("/api/v1/bilaterals/grid", headers=kenya).json["slots"]
    cell = next(s for s in grid_slots if s["room_id"] == bil.a and s["slot"] == "2024-03-14T10:00")
    assert cell["state"] == "confirmed" and cell["booked_by"] == "AUT" and cell["counterpart"] == "KEN"
    booked, answered = entries(db)[-2:]
    assert (booked.action, booked.actor.username, booked.delegation.code, booked.other_delegation.code) == (
        "bilateral_booked",
        "austria",
        "AUT",
        "KEN",
    )
    assert booked.record_label == "Bilateral meeting of Austria with Kenya, Bilateral Room A, 14 Mar 2024 10:00"
    assert (answered.action, answered.actor.username) == ("bilateral_confirmed", "kenya")
    assert answered.before["state"] == "held" and answered.after["state"] == "confirmed"


def test_the_booked_slot_holds_its_room_and_cancelling_frees_it_at_once(client, bil, token_for, db):
    austria, brazil = token_for("austria"), token_for("brazil")
    b = book(client, austria, bil.a, "2024-03-14T10:00")
    db.session.rollback()
    held = room_service.booking_of(HolderKind.bilateral, b["id"])
    assert held is not None and held.room_id == bil.a and held.label == "the bilateral meeting of Austria with Kenya"
    cancelled = act(client, austria, b["id"], "cancel", reason="The minister's flight was cancelled.")
    assert cancelled["state"] == "cancelled" and cancelled["reason"] == "The minister's flight was cancelled."
    db.session.rollback()
    assert room_service.booking_of(HolderKind.bilateral, b["id"]) is None
    assert db.session.scalars(select(BookingParty)).all() == []
    # At once: another delegation books the same slot, and the same delegations meet again then.
    book(client, brazil, bil.a, "2024-03-14T10:00", counterpart="KEN")
    book(client, austria, bil.b, "2024-03-14T10:30", counterpart="KEN")
    record = [
        (e.action, e.actor.username)
        for e in entries(db)
        if (e.record_kind, e.record_id) == ("bilateral_booking", b["id"])
    ]
    assert record == [("bilateral_booked", "austria"), ("bilateral_cancelled", "austria")]
    assert entries(db, "bilateral_cancelled")[0].reason == "The minister's flight was cancelled."


def test_the_secretariat_cancels_any_booking_and_the_record_keeps_both(client, bil, token_for, db):
    b = book(client, token_for("uae"), bil.b, "2024-03-15T16:00", counterpart="CHN")
    act(client, token_for("secretariat"), b["id"], "cancel", reason="The room is needed for the Bureau.")
    record = [
        (e.action, e.actor.username)
        for e in entries(db)
        if (e.record_kind, e.record_id) == ("bilateral_booking", b["id"])
    ]
    assert record == [("bilateral_booked", "uae"), ("bilateral_cancelled", "secretariat")]


def test_the_counterpart_declines_rather_than_cancels(client, bil, token_for, db):
    b = book(client, token_for("austria"), bil.a, "2024-03-14T10:00")
    kenya = token_for("kenya")
    r = client.post(f"{BOOK}/{b['id']}/cancel", json={}, headers=kenya)
    assert r.status_code == 403
    assert r.json["message"] == "Kenya declines this meeting rather than cancelling it: use Decline."
    assert bookings(db)[0].state == BookingState.held
    declined = act(client, kenya, b["id"], "decline", reason="Our minister arrives on 15 March.")
    assert declined["state"] == "declined"
    assert active(db) == []
    r = client.post(f"{BOOK}/{b['id']}/confirm", json={}, headers=kenya)
    assert r.status_code == 409 and r.json["message"] == "This meeting was declined by Kenya; its slot is free again."


def test_a_confirmed_meeting_can_still_be_declined_by_the_counterpart(client, bil, token_for, db):
    b = book(client, token_for("austria"), bil.a, "2024-03-14T10:00")
    kenya = token_for("kenya")
    act(client, kenya, b["id"], "confirm")
    assert act(client, kenya, b["id"], "decline")["state"] == "declined"
    assert active(db) == []


def test_confirming_is_the_counterparts_and_only_once(client, bil, token_for, db):
    b = book(client, token_for("austria"), bil.a, "2024-03-14T10:00")
    before = [(x.id, x.state) for x in bookings(db)]
    r = client.post(f"{BOOK}/{b['id']}/confirm", json={}, headers=token_for("austria"))
    assert r.status_code == 403
    assert r.json["message"] == "Only Kenya, the other side of this meeting, confirms or declines it."
    r = client.post(f"{BOOK}/{b['id']}/confirm", json={}, headers=token_for("brazil"))
    assert r.status_code == 403 and r.json["message"] == "This bilateral meeting is between other delegations."
    r = client.post(f"{BOOK}/{b['id']}/decline", json={}, headers=token_for("china"))
    assert r.status_code == 403
    nothing_changed(db, before)
    act(client, token_for("secretariat"), b["id"], "confirm")  # for Kenya, told by a note verbale
    r = client.post(f"{BOOK}/{b['id']}/confirm", json={}, headers=token_for("kenya"))
    assert r.status_code == 409 and r.json["message"] == "This meeting is already confirmed."
    assert [e.action for e in entries(db)][-2:] == ["bilateral_booked", "bilateral_confirmed"]


def test_a_third_party_neither_sees_nor_cancels_a_booking(client, bil, token_for, db):
    b = book(client, token_for("austria"), bil.a, "2024-03-14T10:00")
    brazil = token_for("brazil")
    r = client.post(f"{BOOK}/{b['id']}/cancel", json={}, headers=brazil)
    assert r.status_code == 403 and r.json["message"] == "This bilateral meeting is between other delegations."
    assert client.get(f"{BOOK}/{b['id']}", headers=brazil).status_code == 403
    assert bookings(db)[0].state == BookingState.held
    # The grid shows the slot held to everyone, without the parties to those who are not one of them.
    cell = next(s for s in client.get("/api/v1/bilaterals/grid", headers=brazil).json["slots"]
                if s["room_id"] == bil.a and s["slot"] == "2024-03-14T10:00")  # fmt: skip
    assert cell["state"] == "held" and "booked_by" not in cell
    r = client.post(f"{BOOK}/{b['id']}/cancel", json={}, headers=token_for("austria"))
    assert r.status_code == 200
    r = client.post(f"{BOOK}/{b['id']}/cancel", json={}, headers=token_for("austria"))
    assert r.status_code == 409 and r.json["message"] == "This meeting was cancelled; its slot is free again."


@pytest.mark.parametrize(
    "slot, words",
    [
        ("2024-03-14T08:30", "There is no bilateral slot at Thursday 14 March 2024, 08:30: the slots are 30 minutes "
                             "long, Thursday 14 March, 09:00–18:00; Friday 15 March, 09:00–18:00 (Europe/Vienna time)."),
        ("2024-03-14T18:00", "There is no bilateral slot at Thursday 14 March 2024, 18:00"),
        ("2024-03-14T09:10", "There is no bilateral slot at Thursday 14 March 2024, 09:10"),
        ("2024-03-18T10:00", "There is no bilateral slot at Monday 18 March 2024, 10:00"),
    ],
)  # fmt: skip
def test_a_booking_outside_the_grid_is_refused(client, bil, token_for, db, slot, words):
    r = client.post(BOOK, json=body(bil.a, slot), headers=token_for("austria"))
    assert r.status_code == 422 and r.json["message"].startswith(words), r.json
    assert r.json["errors"]["starts_at"] == [r.json["message"]]
    assert bookings(db) == [] and entries(db, "bilateral_booked") == []


def test_a_slot_that_is_not_a_time_is_refused_by_the_form(client, bil, token_for, db):
    r = client.post(BOOK, json=body(bil.a, "Thursday at ten"), headers=token_for("austria"))
    assert r.status_code == 422 and r.json["errors"]["starts_at"] == ["Give the slot's start as 2024-03-14T09:30."]


def test_a_booking_before_booking_opens_is_refused(client, bil, token_for, db):
    opens = grid.grid_of(bil.cs)
    opens.booking_opens = utcnow() + timedelta(days=2)
    db.session.commit()
    r = client.post(BOOK, json=body(bil.a, "2024-03-14T10:00"), headers=token_for("austria"))
    assert r.status_code == 409
    assert r.json["message"].startswith("Booking of bilateral rooms opens on ")
    assert r.json["message"].endswith("(Europe/Vienna time).")
    assert bookings(db) == []


@pytest.mark.parametrize(
    "changes, field, words",
    [
        ({"counterpart": "AUT"}, "counterpart", "A bilateral meeting is with another delegation: Austria cannot meet itself."),
        ({"counterpart": "ATL"}, "counterpart", "There is no delegation with the code ATL."),
        ({"counterpart": None}, "counterpart", "Name the other delegation, or the organization you meet."),
        ({"organization": "Organization of American States"}, "organization",
         "Name either the other delegation or an organization, not both."),
        ({"room_id": 1}, "room_id", "Choose one of the bilateral rooms."),
    ],
)  # fmt: skip
def test_bad_counterparts_and_rooms_are_refused(client, bil, token_for, db, changes, field, words):
    data = {**body(bil.a, "2024-03-14T10:00"), **changes}
    data = {k: v for k, v in data.items() if v is not None}
    r = client.post(BOOK, json=data, headers=token_for("austria"))
    assert r.status_code == 422 and r.json["message"] == words and r.json["errors"][field] == [words]
    assert bookings(db) == []


def test_a_meeting_with_an_organization_is_confirmed_at_once(client, bil, token_for, db):
    b = book(client, token_for("russia"), bil.a, "2024-03-15T11:00", counterpart=None,
             organization="Организация Договора о коллективной безопасности")  # fmt: skip
    assert b["state"] == "confirmed" and b["counterpart"] is None
    assert b["organization"] == "Организация Договора о коллективной безопасности"
    r = client.post(f"{BOOK}/{b['id']}/confirm", json={}, headers=token_for("secretariat"))
    assert r.status_code == 409
    assert r.json["message"] == "This meeting is with an organization; there is nobody here to confirm or decline it."


def test_beyond_the_daily_cap_is_refused_until_one_is_cancelled(client, bil, token_for, db):
    austria = token_for("austria")
    made = [book(client, austria, bil.a, f"2024-03-14T{h}:00", counterpart=c)
            for h, c in (("09", "KEN"), ("10", "BRA"), ("11", "CHN"), ("12", "RUS"))]  # fmt: skip
    r = client.post(BOOK, json=body(bil.b, "2024-03-14T15:00", "ARE"), headers=austria)
    assert r.status_code == 409
    assert r.json["message"] == ("Austria has already booked 4 bilateral meetings on Thursday 14 March; each "
                                 "delegation books at most 4 a day. Cancel one to book another.")  # fmt: skip
    assert len(active(db)) == 4
    book(client, austria, bil.b, "2024-03-15T15:00", counterpart="ARE")  # another day
    book(client, token_for("kenya"), bil.b, "2024-03-14T15:00", counterpart="AUT")  # Kenya books, Austria is asked
    act(client, austria, made[1]["id"], "cancel")
    book(client, austria, bil.b, "2024-03-14T16:00", counterpart="ARE")
    seats = sorted(b.day_seat for b in active(db) if b.booked_by.code == "AUT" and b.day == date(2024, 3, 14))
    assert seats == [1, 2, 3, 4]


def test_the_same_submission_twice_books_once(client, bil, token_for, db):
    austria = token_for("austria")
    book(client, austria, bil.a, "2024-03-14T10:00", submission_key="k-1")
    r = client.post(BOOK, json=body(bil.a, "2024-03-14T10:00", submission_key="k-1"), headers=austria)
    assert r.status_code == 409
    assert r.json["message"] == ("This booking was already made: the meeting of Austria with Kenya in Bilateral Room A "
                                 "on Thursday 14 March, 10:00–10:30. Nothing else was booked.")  # fmt: skip
    assert len(bookings(db)) == 1 and len(entries(db, "bilateral_booked")) == 1


def test_a_taken_slot_is_refused_with_the_next_free_slots(client, bil, token_for, db):
    book(client, token_for("austria"), bil.a, "2024-03-14T10:00")
    book(client, token_for("china"), bil.b, "2024-03-14T10:00", counterpart="RUS")
    book(client, token_for("uae"), bil.a, "2024-03-14T10:30", counterpart="IND")
    r = client.post(BOOK, json=body(bil.a, "2024-03-14T10:00", "ARG"), headers=token_for("brazil"))
    assert r.status_code == 409
    assert r.json["message"] == (
        "Bilateral Room A is already booked on Thursday 14 March at 10:00. Free instead (Europe/Vienna time): "
        "Bilateral Room A: Thursday 14 March at 11:00, 11:30, 12:00 · Bilateral Room B: Thursday 14 March at 10:30, "
        "11:00, 11:30."
    )
    assert r.json["errors"]["next_free"][:2] == ["Bilateral Room A, Thursday 14 March, 11:00–11:30",
                                                 "Bilateral Room A, Thursday 14 March, 11:30–12:00"]  # fmt: skip
    assert r.json["errors"]["next_free_keys"][0] == f"{bil.a}/2024-03-14T11:00"
    assert len(bookings(db)) == 3


def test_no_delegation_is_in_two_meetings_at_once(client, bil, token_for, db):
    book(client, token_for("austria"), bil.a, "2024-03-14T10:00")
    # Kenya, asked by Austria for 10:00, is not booked by Brazil for 10:00 in the other room ...
    r = client.post(BOOK, json=body(bil.b, "2024-03-14T10:00", "KEN"), headers=token_for("brazil"))
    assert r.status_code == 409
    assert r.json["message"].startswith("Kenya already has a bilateral meeting on Thursday 14 March at 10:00. "
                                        "Free instead (Europe/Vienna time): Bilateral Room B: Thursday 14 March at "
                                        "10:30, 11:00, 11:30")  # fmt: skip
    # ... nor does Austria book a second one then, nor Kenya itself.
    r = client.post(BOOK, json=body(bil.b, "2024-03-14T10:00", "CHN"), headers=token_for("austria"))
    assert r.status_code == 409 and r.json["message"].startswith("Austria already has a bilateral meeting")
    r = client.post(BOOK, json=body(bil.b, "2024-03-14T10:00", "CHN"), headers=token_for("kenya"))
    assert r.status_code == 409 and r.json["message"].startswith("Kenya already has a bilateral meeting")
    assert len(bookings(db)) == 1


def test_a_room_held_by_a_meeting_is_taken_on_the_grid_and_refused(client, bil, token_for, db):
    factories.block(
        bil.cs, "Informal consultations", "plenary", date(2024, 3, 14), "12:00", "13:00", "Bilateral Room B"
    )
    db.session.commit()
    slots = client.get("/api/v1/bilaterals/grid", headers=token_for("kenya")).json["slots"]
    taken = [s["slot"] for s in slots if s["room_id"] == bil.b and s["state"] == "taken"]
    assert taken == ["2024-03-14T12:00", "2024-03-14T12:30"]
    r = client.post(BOOK, json=body(bil.b, "2024-03-14T12:30"), headers=token_for("austria"))
    assert r.status_code == 409
    assert r.json["message"].startswith("Bilateral Room B is taken on Thursday 14 March at 12:30 by The meeting "
                                        "“Informal consultations”. Free instead")  # fmt: skip


def test_a_meeting_block_is_not_placed_over_a_booked_slot(client, bil, token_for, db):
    book(client, token_for("austria"), bil.b, "2024-03-14T12:00")
    r = client.post("/api/v1/session/blocks", headers=token_for("secretariat"), json={
        "title": "Informal consultations", "kind": "plenary", "day": "2024-03-14", "start": "11:30", "end": "13:00",
        "room_id": bil.b})  # fmt: skip
    assert r.status_code == 409
    assert "Bilateral Room B is taken at that time by the bilateral meeting of Austria with Kenya" in r.json["message"]


def test_the_database_keeps_the_rules_whatever_the_application_does(bil, token_for, client, db):
    """Rows written around the services: the schema refuses a second active booking of a room's slot, a
    delegation in two meetings at one start, a day's seat taken twice, and (PostgreSQL) a second holder of the
    room then; a cancelled booking of the same slot is kept."""
    from sqlalchemy.exc import IntegrityError

    b = book(client, token_for("austria"), bil.a, "2024-03-14T10:00")
    db.session.rollback()
    first = db.session.get(BilateralBooking, b["id"])
    brazil = factories.delegations("BRA")["BRA"].id
    columns = ("commission_session_id", "room_id", "starts_at", "ends_at", "day", "booked_by_id", "counterpart_id",
               "counterpart_name", "note", "state", "day_seat", "booked_at", "reason", "ical_sequence")  # fmt: skip

    def copy(**over) -> BilateralBooking:
        return BilateralBooking(**{**{c: getattr(first, c) for c in columns}, **over})

    def outcome(make) -> str:
        try:
            with db.session.begin_nested():
                for row in make():
                    db.session.add(row)
                    db.session.flush()
            return "stored"
        except IntegrityError:
            return "refused"

    later = {"starts_at": first.starts_at + timedelta(hours=2), "ends_at": first.ends_at + timedelta(hours=2)}
    assert outcome(lambda: [copy(booked_by_id=brazil, counterpart_id=None, counterpart_name="OAS")]) == "refused"
    assert outcome(lambda: [BookingParty(booking_id=first.id, delegation_id=brazil, starts_at=first.starts_at),
                            BookingParty(booking=copy(room_id=bil.b, booked_by_id=brazil, day_seat=1),
                                         delegation_id=first.counterpart_id,
                                         starts_at=first.starts_at)]) == "refused"  # fmt: skip
    assert outcome(lambda: [copy(room_id=bil.b, **later)]) == "refused"  # Austria's seat 1 that day, again
    assert outcome(lambda: [copy(state=BookingState.cancelled, day_seat=None)]) == "stored"
    if db.engine.dialect.name == "postgresql":

        def second_holder() -> list:
            ghost = copy(state=BookingState.cancelled, day_seat=None)
            db.session.add(ghost)
            db.session.flush()
            return [RoomBooking(commission_session_id=first.commission_session_id, room_id=bil.a, label="a ghost",
                                starts_at=first.starts_at + timedelta(minutes=15), ends_at=first.ends_at,
                                holder_kind=HolderKind.bilateral, bilateral_booking_id=ghost.id)]  # fmt: skip

        assert outcome(second_holder) == "refused"  # the room service's exclusion constraint
    db.session.rollback()


def test_a_booking_holds_a_room_booking_of_its_own_kind(bil, token_for, client, db):
    b = book(client, token_for("austria"), bil.a, "2024-03-14T10:00")
    db.session.rollback()
    rows = db.session.scalars(select(RoomBooking).where(RoomBooking.holder_kind == HolderKind.bilateral)).all()
    assert [(r.bilateral_booking_id, r.meeting_block_id, r.side_event_id) for r in rows] == [(b["id"], None, None)]
    assert room_service.booking_as_dict(rows[0], "Europe/Vienna")["held_by"] == "bilateral"
    start = datetime(2024, 3, 14, 9, 0, tzinfo=rows[0].starts_at.tzinfo)
    assert rows[0].starts_at == start and rows[0].ends_at - rows[0].starts_at == timedelta(minutes=30)
    assert time(10) == rows[0].starts_at.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Vienna")).time()


def test_each_action_writes_exactly_one_entry_and_a_refusal_none(client, bil, token_for, db):
    from meetings.audit.models import AuditEntry

    austria, kenya = token_for("austria"), token_for("kenya")

    def count() -> int:
        db.session.rollback()
        return db.session.query(AuditEntry).count()

    steps = [
        lambda: book(client, austria, bil.a, "2024-03-14T10:00"),
        lambda: act(client, kenya, 1, "confirm"),
        lambda: act(client, kenya, 1, "decline", reason="Changed programme."),
        lambda: book(client, austria, bil.a, "2024-03-14T10:00", counterpart="BRA"),
        lambda: act(client, austria, 2, "cancel"),
        lambda: client.post(BOOK, json=body(bil.a, "2024-03-14T10:00", "AUT"), headers=austria),  # refused
        lambda: client.post(f"{BOOK}/2/cancel", json={}, headers=austria),  # refused: already cancelled
    ]
    for n, step in enumerate(steps):
        seen = count()
        step()
        assert count() == seen + (1 if n < 5 else 0), n
