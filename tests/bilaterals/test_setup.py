"""The secretariat sets up the bilateral rooms and their grid, in the API and on the page; bad grids are
refused with the reason and change nothing."""

from sqlalchemy import select

from meetings.bilaterals import grid
from meetings.bilaterals.models import BilateralPeriod
from tests import factories
from tests.bilaterals.setting import ROOM_A, ROOM_B, bil, body, entries
from tests.pdfs import PLAIN_PDF

__all__ = ["bil"]  # the fixture, for pytest

GRID = {"slot_minutes": 30, "periods": ["2024-03-14 09:00-18:00", "2024-03-15 09:00-18:00"],
        "booking_opens": "2024-03-01T09:00", "daily_cap": 4}  # fmt: skip


def test_the_secretariat_defines_the_grid_and_the_rooms_in_the_api(client, cs, token_for, db):
    sec = token_for("secretariat")
    room = next(r for r in cs.rooms if r.name == "Conference Room M3")
    r = client.put("/api/v1/bilaterals/rooms", json={"room_ids": [room.id], "new_rooms": f"{ROOM_A}\n{ROOM_B}"},
                   headers=sec)  # fmt: skip
    assert r.status_code == 200, r.json
    assert [x["name"] for x in r.json] == [ROOM_A, ROOM_B, "Conference Room M3"]
    r = client.put("/api/v1/bilaterals/grid", json=GRID, headers=sec)
    assert r.status_code == 200, r.json
    assert r.json["grid"] == {"slot_minutes": 30, "periods": ["2024-03-14 09:00-18:00", "2024-03-15 09:00-18:00"],
                              "booking_opens": "2024-03-01T09:00:00+01:00", "daily_cap": 4, "needs_high_level": False,
                              "timezone": "Europe/Vienna"}  # fmt: skip
    slots = client.get("/api/v1/bilaterals/grid", headers=sec).json["slots"]
    assert len(slots) == 3 * 36 and {s["state"] for s in slots} == {"free"}
    assert slots[0] == {"room_id": slots[0]["room_id"], "room": ROOM_A, "slot": "2024-03-14T09:00",
                        "starts_at": "2024-03-14T09:00:00+01:00", "ends_at": "2024-03-14T09:30:00+01:00",
                        "state": "free"}  # fmt: skip
    done = entries(db)
    assert [e.action for e in done] == ["bilateral_rooms_set", "bilateral_grid_set"]
    assert (
        done[0].after == {"rooms": [ROOM_A, ROOM_B, "Conference Room M3"]} and done[0].actor.username == "secretariat"
    )
    assert done[1].after["periods"] == GRID["periods"] and done[1].record_label == "Bilateral rooms: the grid of slots"


def test_the_grid_changed_records_only_what_changed(client, bil, token_for, db):
    sec = token_for("secretariat")
    assert client.put("/api/v1/bilaterals/grid", json={**GRID, "daily_cap": 3}, headers=sec).status_code == 200
    last = entries(db)[-1]
    assert last.action == "bilateral_grid_set" and last.before == {"daily_cap": 4} and last.after == {"daily_cap": 3}
    assert client.put("/api/v1/bilaterals/grid", json={**GRID, "daily_cap": 3}, headers=sec).status_code == 200
    assert entries(db)[-1].seq == last.seq  # nothing changed, nothing recorded


def refused(client, db, headers, changes: dict, status: int, words: str, field: str = "periods") -> None:
    before = [(p.day, p.starts, p.ends) for p in db.session.scalars(select(BilateralPeriod))]
    r = client.put("/api/v1/bilaterals/grid", json={**GRID, **changes}, headers=headers)
    assert r.status_code == status, r.json
    assert words in r.json["message"] + " ".join(r.json["errors"].get(field, [])), r.json
    db.session.rollback()
    assert [(p.day, p.starts, p.ends) for p in db.session.scalars(select(BilateralPeriod))] == before


def test_overlapping_or_unaligned_periods_are_refused_and_change_nothing(client, bil, token_for, db):
    sec = token_for("secretariat")
    refused(client, db, sec, {"periods": ["2024-03-14 09:00-13:00", "2024-03-14 12:30-18:00"]}, 422,
            "Thursday 14 March, 09:00–13:00 and Thursday 14 March, 12:30–18:00 overlap")  # fmt: skip
    refused(client, db, sec, {"periods": "2024-03-14 09:00-17:45"}, 422,
            "does not divide into slots of 30 minutes")  # fmt: skip
    refused(client, db, sec, {"slot_minutes": 40}, 422, "does not divide into slots of 40 minutes")
    refused(client, db, sec, {"periods": "2024-04-01 09:00-10:00"}, 422, "is outside the session")
    refused(client, db, sec, {"periods": "tomorrow morning"}, 422, "is not a day and hours")
    refused(client, db, sec, {"slot_minutes": 2}, 422, "between 5 and 240", "slot_minutes")
    assert [e.action for e in entries(db)] == ["bilateral_rooms_set", "bilateral_grid_set"]


def test_a_grid_that_would_leave_a_booking_off_it_is_refused_naming_the_booking(client, bil, token_for, db):
    austria = token_for("austria")
    assert (
        client.post("/api/v1/bilaterals/bookings", json=body(bil.a, "2024-03-14T10:00"), headers=austria).status_code
        == 201
    )
    sec = token_for("secretariat")
    refused(client, db, sec, {"slot_minutes": 60}, 409, "the meeting of Austria with Kenya in Bilateral Room A on "
            "Thursday 14 March, 10:00–10:30 would no longer be a slot of it")  # fmt: skip
    refused(client, db, sec, {"periods": ["2024-03-15 09:00-18:00"]}, 409, "would no longer be a slot of it")
    # The same slots in other words (two periods that meet at noon) keep the booking on the grid.
    ok = client.put("/api/v1/bilaterals/grid", json={**GRID, "periods": ["2024-03-14 09:00-12:00", "2024-03-14 12:00-18:00",
                    "2024-03-15 09:00-18:00"]}, headers=sec)  # fmt: skip
    assert ok.status_code == 200, ok.json


def test_a_room_that_holds_a_booking_stays_a_bilateral_room(client, bil, token_for, db):
    austria, sec = token_for("austria"), token_for("secretariat")
    assert (
        client.post("/api/v1/bilaterals/bookings", json=body(bil.a, "2024-03-14T10:00"), headers=austria).status_code
        == 201
    )
    r = client.put("/api/v1/bilaterals/rooms", json={"room_ids": [bil.b]}, headers=sec)
    assert r.status_code == 409 and "is booked there. Cancel that meeting first." in r.json["message"]
    assert [x["name"] for x in client.get("/api/v1/bilaterals/rooms", headers=sec).json] == [ROOM_A, ROOM_B]
    r = client.put("/api/v1/bilaterals/rooms", json={"room_ids": [bil.a, 99999]}, headers=sec)
    assert r.status_code == 422 and r.json["errors"]["room_ids"] == ["Choose among the session's rooms."]
    r = client.put("/api/v1/bilaterals/rooms", json={"room_ids": [bil.a]}, headers=sec)
    assert r.status_code == 200 and [x["name"] for x in r.json] == [ROOM_A]


def test_only_the_secretariat_sets_up(client, bil, token_for, db):
    kenya = token_for("kenya")
    r = client.put("/api/v1/bilaterals/grid", json=GRID, headers=kenya)
    assert r.status_code == 403
    assert r.json["message"] == ("You are not allowed to do this: The secretariat, which sets up the bilateral rooms "
                                 "and their slots.")  # fmt: skip
    assert client.put("/api/v1/bilaterals/rooms", json={"room_ids": []}, headers=kenya).status_code == 403
    assert client.get("/api/v1/bilaterals/grid", headers=kenya).status_code == 200
    assert client.get("/api/v1/bilaterals/grid").status_code == 401


def test_the_setup_page_saves_and_refuses_with_the_reason(client, bil, log_in, db):
    log_in("secretariat")
    page = client.get("/bilaterals/setup")
    assert page.status_code == 200 and "2024-03-14 09:00-18:00" in page.get_data(True)
    r = client.post("/bilaterals/setup/grid", data={"slot_minutes": 30, "periods": "2024-03-14 09:00-13:00\n"
                    "2024-03-14 11:00-15:00", "booking_opens": "2024-03-01T09:00", "daily_cap": 4})  # fmt: skip
    assert r.status_code == 422
    assert "overlap: a slot would be in two periods." in r.get_data(True)
    r = client.post("/bilaterals/setup/grid", data={"slot_minutes": 20, "periods": "2024-03-14 09:00-18:00",
                    "booking_opens": "2024-03-02T09:00", "daily_cap": 2})  # fmt: skip
    assert r.status_code == 302
    assert "The grid of slots is saved." in client.get("/bilaterals/setup").get_data(True)
    r = client.post("/bilaterals/setup/rooms", data={"room_ids": [bil.b], "new_rooms": "Bilateral Room C"})
    assert r.status_code == 302
    assert [room.name for room in grid.bilateral_rooms(bil.cs)] == [ROOM_B, "Bilateral Room C"]
    log_in("kenya")
    assert client.get("/bilaterals/setup").status_code == 403


def test_booking_can_depend_on_an_approved_high_level_registration(client, bil, token_for, db):
    sec = token_for("secretariat")
    r = client.put("/api/v1/bilaterals/grid", json={**GRID, "needs_high_level": True}, headers=sec)
    if not grid.registration_available():  # the registration feature is not there yet: the option is refused
        assert r.status_code == 422 and "not available here" in r.json["message"]
        return
    assert r.status_code == 200 and r.json["grid"]["needs_high_level"] is True
    austria = token_for("austria")
    r = client.post("/api/v1/bilaterals/bookings", json=body(bil.a, "2024-03-14T10:00"), headers=austria)
    assert r.status_code == 409
    assert r.json["message"] == ("Only delegations whose registration for the high-level segment is approved book "
                                 "bilateral rooms; that of Austria is not approved yet.")  # fmt: skip
    approve_high_level(bil.cs, "austria", db)
    r = client.post("/api/v1/bilaterals/bookings", json=body(bil.a, "2024-03-14T10:00"), headers=austria)
    assert r.status_code == 201, r.json


def approve_high_level(cs, username: str, db) -> None:
    """A registration with a high-level head of delegation, submitted by the delegation and approved by the
    secretariat, through the registration feature's services."""
    from meetings.registration import services as registration

    db.session.rollback()
    user = factories.user(username)
    registration.add_participant(cs, user, user.delegation, name="H.E. Ms. Anna Gruber", title="Minister",
                                 function="Minister of the Interior", head_of_delegation=True, segment="high_level",
                                 attendance="in_person")  # fmt: skip
    registration.upload_note_verbale(cs, user, user.delegation, PLAIN_PDF)
    r = registration.submit(cs, user, user.delegation)
    registration.approve(cs, factories.user("secretariat"), r)
    db.session.commit()
    assert registration.high_level_approved(cs, user.delegation)
