"""The pages: the grid of rooms by slot, booking with the next free slots offered, one meeting, the home page."""

from tests.bilaterals.setting import active, bil, body, bookings

__all__ = ["bil"]  # the fixture, for pytest

BOOK = "/api/v1/bilaterals/bookings"


def test_the_grid_shows_each_slot_free_held_confirmed_or_taken(client, bil, token_for, log_in):
    held = client.post(BOOK, json=body(bil.a, "2024-03-14T10:00"), headers=token_for("austria")).json
    done = client.post(BOOK, json=body(bil.b, "2024-03-14T10:00", "RUS"), headers=token_for("china")).json
    client.post(f"{BOOK}/{done['id']}/confirm", json={}, headers=token_for("russia"))
    assert client.get("/bilaterals/").status_code == 302  # log in first
    log_in("brazil")
    page = client.get("/bilaterals/").get_data(True)
    assert "Thursday 14 March 2024" in page and "Friday 15 March 2024" in page
    assert f'class="slot held" data-room="{bil.a}" data-slot="2024-03-14T10:00"' in page
    assert f'class="slot confirmed" data-room="{bil.b}" data-slot="2024-03-14T10:00"' in page
    assert page.count('class="slot free"') == 2 * 36 - 2
    assert 'Austria</span> – <span dir="auto">Kenya' in page
    assert f'href="/bilaterals/{held["id"]}"' not in page  # Brazil is not one of them: no details
    assert f"/bilaterals/book?room_id={bil.a}&amp;starts_at=2024-03-14T09:00" in page
    assert f"/bilaterals/rooms/{bil.a}/2024-03-14.pdf" in page
    log_in("kenya")
    assert f'href="/bilaterals/{held["id"]}"' in client.get("/bilaterals/").get_data(True)


def test_a_refused_booking_offers_the_next_free_slots_on_the_page(client, bil, token_for, log_in, db):
    client.post(BOOK, json=body(bil.a, "2024-03-14T10:00"), headers=token_for("austria"))
    log_in("brazil")
    form = client.get(f"/bilaterals/book?room_id={bil.a}&starts_at=2024-03-14T10:00")
    assert form.status_code == 200 and 'selected value="2024-03-14T10:00"' in form.get_data(True)
    r = client.post("/bilaterals/book", data={"room_id": bil.a, "starts_at": "2024-03-14T10:00", "counterpart": "ARG",
                                              "organization": "", "note": "", "submission_key": "b-1"})  # fmt: skip
    assert r.status_code == 409
    page = r.get_data(True)
    assert "Bilateral Room A is already booked on Thursday 14 March at 10:00." in page
    assert "Free instead" in page and "Bilateral Room B, Thursday 14 March, 10:00–10:30" in page
    # One of the offers, as its button sends it.
    r = client.post("/bilaterals/book", data={"room_id": bil.b, "starts_at": "2024-03-14T10:00", "counterpart": "ARG",
                                              "organization": "", "note": "", "submission_key": "b-1-2"})  # fmt: skip
    assert r.status_code == 302
    assert "The slot is booked and held for you; Argentina is asked to confirm." in client.get(r.location).get_data(
        True
    )
    assert len(active(db)) == 2


def test_a_bad_booking_on_the_page_says_why_and_books_nothing(client, bil, log_in, db):
    log_in("austria")
    r = client.post("/bilaterals/book", data={"room_id": bil.a, "starts_at": "2024-03-14T10:00", "counterpart": "AUT"})
    assert r.status_code == 422
    assert "A bilateral meeting is with another delegation: Austria cannot meet itself." in r.get_data(True)
    r = client.post("/bilaterals/book", data={"room_id": bil.a, "starts_at": "", "counterpart": "KEN"})
    assert r.status_code == 400 and "Choose a slot." in r.get_data(True)
    assert bookings(db) == []


def test_the_counterpart_answers_from_its_home_page_and_the_booker_cancels_from_the_meeting(client, bil, log_in, db):
    log_in("austria")
    r = client.post("/bilaterals/book", data={"room_id": bil.a, "starts_at": "2024-03-15T09:30", "counterpart": "KEN",
                                              "note": "Ministers of Health"})  # fmt: skip
    assert r.status_code == 302
    booking_id = int(r.location.rstrip("/").rsplit("/", 1)[1])
    meeting = client.get(r.location).get_data(True)
    assert "Cancel the meeting" in meeting and "Confirm the meeting" not in meeting
    log_in("kenya")
    home = client.get("/delegations/KEN").get_data(True)
    assert "Awaiting your answer" in home and "Ministers of Health" in home
    r = client.post(f"/bilaterals/{booking_id}/confirm", data={"next": "/delegations/KEN"})
    assert r.status_code == 302 and r.location.endswith("/delegations/KEN")
    home = client.get("/delegations/KEN").get_data(True)
    assert "The meeting is confirmed." in home and "Awaiting your answer" not in home
    meeting = client.get(f"/bilaterals/{booking_id}").get_data(True)
    assert "Decline the meeting" in meeting and "Cancel the meeting" not in meeting
    r = client.post(f"/bilaterals/{booking_id}/cancel", data={"next": "https://example.org/"})
    assert r.status_code == 302 and r.location.endswith(f"/bilaterals/{booking_id}")  # never away from the site
    assert "Kenya declines this meeting rather than cancelling it: use Decline." in client.get(r.location).get_data(
        True
    )
    log_in("brazil")
    assert client.get(f"/bilaterals/{booking_id}").status_code == 403
    log_in("austria")
    r = client.post(f"/bilaterals/{booking_id}/cancel", data={"reason": "The minister stays in Brussels."})
    page = client.get(r.location).get_data(True)
    assert "The meeting is cancelled; its slot is free again." in page and "The minister stays in Brussels." in page
    assert "Bilateral meeting booked" in page and "Bilateral meeting cancelled" in page  # its record
    assert active(db) == []


def test_the_secretariat_books_for_a_delegation(client, bil, log_in, db):
    log_in("secretariat")
    form = client.get("/bilaterals/book").get_data(True)
    assert 'name="delegation"' in form
    r = client.post("/bilaterals/book", data={"room_id": bil.b, "starts_at": "2024-03-14T15:00", "counterpart": "CHN",
                                              "delegation": "ARE"})  # fmt: skip
    assert r.status_code == 302
    [b] = active(db)
    assert (b.booked_by.code, b.counterpart.code, b.created_by.username) == ("ARE", "CHN", "secretariat")
    r = client.post("/bilaterals/book", data={"room_id": bil.b, "starts_at": "2024-03-14T15:30", "counterpart": "CHN"})
    assert r.status_code == 422 and "Say which delegation books the meeting." in r.get_data(True)


def test_a_delegation_books_for_itself_only(client, bil, token_for, db):
    r = client.post(BOOK, json=body(bil.a, "2024-03-14T10:00", delegation="BRA"), headers=token_for("austria"))
    assert r.status_code == 403 and r.json["message"] == "A delegation books bilateral meetings for itself only."
    r = client.post(BOOK, json=body(bil.a, "2024-03-14T10:00"), headers=token_for("chair"))
    assert r.status_code == 403
    assert bookings(db) == []


def test_the_grid_in_arabic_reads_right_to_left(client, bil, log_in):
    log_in("uae")
    page = client.get("/bilaterals/?lang=ar").get_data(True)
    assert 'dir="rtl"' in page


def test_before_the_set_up_the_pages_say_so_and_a_booking_is_refused(client, cs, log_in, token_for, db):
    log_in("austria")
    assert "The bilateral rooms are not set up yet" in client.get("/bilaterals/").get_data(True)
    assert "The bilateral rooms are not set up yet" in client.get("/bilaterals/book").get_data(True)
    r = client.post(BOOK, json=body(1, "2024-03-14T10:00"), headers=token_for("austria"))
    assert r.status_code == 409
    assert r.json["message"] == "The bilateral rooms are not set up yet: the secretariat defines their slots first."
    assert bookings(db) == []
