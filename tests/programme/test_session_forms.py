from meetings.programme.models import MeetingBlock, SessionRules
from meetings.programme.services import rules_as_form_data

GOOD_RULES = {
    "gd_slot_count": "114",
    "gd_limit_national_min": "5",
    "gd_limit_group_min": "7",
    "changeover_s": "30",
    "gd_ngo_max": "3",
    "gd_inscription_closes": "2024-02-23T18:00",
    "gd_draw_date": "2024-02-29",
    "rt_limit_panelist_min": "5",
    "rt_limit_floor_min": "3",
    "rt_ngo_max": "4",
    "cochairs_per_roundtable": "2",
    "nominations_close": "2024-03-15T00:00",
    "hl_window_opens": "2024-01-04T00:00",
    "hl_window_closes": "2024-01-12T00:00",
    "hl_cap_total": "11",
    "hl_cap_per_organizer": "2",
    "se_max_minutes": "90",
    "se_period_start": "2024-03-14",
    "se_period_end": "2024-03-15",
    "se_day_starts": "08:00",
    "se_day_ends": "21:00",
}


def _rules(db):
    return db.session.scalar(db.select(SessionRules))


def test_demo_rules_are_the_briefings(demo, db):
    r = _rules(db)
    assert (r.gd_slot_count, r.gd_limit_national_s, r.gd_limit_group_s) == (114, 300, 420)
    assert (r.rt_limit_panelist_s, r.rt_limit_floor_s) == (300, 180)
    assert (r.hl_cap_total, r.hl_cap_per_organizer, r.se_max_minutes) == (11, 2, 90)
    # 4 January 00:00 in Vienna is 3 January 23:00 UTC
    assert r.hl_window_opens.isoformat() == "2024-01-03T23:00:00+00:00"


def test_secretariat_changes_a_limit(log_in, cs, db):
    client = log_in("secretariat")
    response = client.post("/session/rules", data={**GOOD_RULES, "gd_limit_national_min": "4.5"})
    assert response.status_code == 302
    db.session.rollback()
    assert _rules(db).gd_limit_national_s == 270


def test_the_form_shows_the_current_rules(log_in, cs, db):
    page = log_in("secretariat").get("/session/rules").get_data(as_text=True)
    assert 'value="2024-01-04T00:00"' in page
    assert rules_as_form_data(cs)["gd_limit_group_min"] == 7


def _refused(client, db, field, value, message):
    before = rules_as_form_data(demo_session(db))
    response = client.post("/session/rules", data={**GOOD_RULES, field: value})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    db.session.rollback()
    assert rules_as_form_data(demo_session(db)) == before


def demo_session(db):
    from meetings.programme.models import CommissionSession

    return db.session.scalar(db.select(CommissionSession))


def test_nonsense_rules_are_refused_and_change_nothing(log_in, cs, db):
    client = log_in("secretariat")
    _refused(client, db, "gd_limit_national_min", "-5", "Give a number of minutes between 0.5 and 60.")
    _refused(client, db, "gd_slot_count", "", "This field is required.")
    _refused(client, db, "gd_slot_count", "many", "Not a valid integer value.")
    _refused(client, db, "hl_window_closes", "2024-01-01T00:00", "The application window must close after it opens.")
    _refused(client, db, "hl_cap_per_organizer", "12", "cannot exceed the total")
    _refused(client, db, "se_period_end", "2024-04-30", "The day must fall within the session")
    _refused(client, db, "hl_window_opens", "4 January", "Not a valid datetime value.")


def test_only_the_secretariat_changes_rules(log_in, cs):
    assert log_in("chair").post("/session/rules", data=GOOD_RULES).status_code == 403


def test_rules_through_the_api(client, cs, db, token_for):
    headers = token_for("secretariat")
    payload = {**GOOD_RULES, "gd_limit_national_min": 5, "gd_limit_group_min": 7, "hl_cap_total": 12}
    response = client.put("/api/v1/session/rules", json=payload, headers=headers)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["hl_cap_total"] == 12
    bad = client.put("/api/v1/session/rules", json={**payload, "gd_limit_group_min": -1}, headers=headers)
    assert bad.status_code == 422
    assert "gd_limit_group_min" in bad.get_json()["errors"]
    wrong_type = client.put("/api/v1/session/rules", json={**payload, "hl_cap_total": {"a": 1}}, headers=headers)
    assert wrong_type.status_code == 400
    db.session.rollback()
    assert _rules(db).hl_cap_total == 12 and _rules(db).gd_limit_group_s == 420
    delegation = client.put("/api/v1/session/rules", json=payload, headers=token_for("austria"))
    assert delegation.status_code == 403


BLOCK = {
    "title": "Extra meeting",
    "kind": "general_debate",
    "day": "2024-03-19",  # the regular segment: no side event holds a room (they keep to 14-15 March)
    "start": "19:30",
    "end": "21:00",
    "open_ended": "y",
}


def _room_id(demo):
    return demo.rooms[0].id


def test_secretariat_adds_and_changes_a_block(log_in, cs, db):
    client = log_in("secretariat")
    count = db.session.query(MeetingBlock).count()
    assert client.post("/session/blocks/new", data={**BLOCK, "room_id": _room_id(cs)}).status_code == 302
    assert db.session.query(MeetingBlock).count() == count + 1
    block = db.session.scalar(db.select(MeetingBlock).where(MeetingBlock.title == "Extra meeting"))
    assert block.starts_at.isoformat() == "2024-03-19T18:30:00+00:00"


def test_blocks_that_make_no_sense_are_refused(log_in, cs, db):
    client = log_in("secretariat")
    count = db.session.query(MeetingBlock).count()
    cases = [
        ({"end": "18:00"}, "The block must end after it starts."),
        ({"day": "2024-04-01"}, "The block falls outside the session"),
        ({"room_id": "99999"}, "Not a valid choice"),
        ({"title": ""}, "This field is required."),
        ({"title": "x" * 500}, "Field cannot be longer than 200 characters."),
        ({"day": "tomorrow"}, "Not a valid date value."),
    ]
    for change, message in cases:
        response = client.post("/session/blocks/new", data={**BLOCK, "room_id": _room_id(cs), **change})
        assert response.status_code == 400, change
        assert message in response.get_data(as_text=True), change
    assert db.session.query(MeetingBlock).count() == count


def test_blocks_through_the_api(client, cs, db, token_for):
    headers = token_for("secretariat")
    created = client.post("/api/v1/session/blocks", json={**BLOCK, "room_id": _room_id(cs)}, headers=headers)
    assert created.status_code == 201
    block_id = created.get_json()["id"]
    assert created.get_json()["starts_at"] == "2024-03-19T19:30:00+01:00"
    moved = client.put(
        f"/api/v1/session/blocks/{block_id}",
        json={**BLOCK, "start": "20:00", "room_id": _room_id(cs)},
        headers=headers,
    )
    assert moved.status_code == 200 and moved.get_json()["starts_at"].startswith("2024-03-19T20:00")
    refused = client.post(
        "/api/v1/session/blocks", json={**BLOCK, "end": "10:00", "room_id": _room_id(cs)}, headers=headers
    )
    assert refused.status_code == 400 and "end after it starts" in refused.get_json()["message"]
    assert client.delete(f"/api/v1/session/blocks/{block_id}", headers=headers).status_code == 200
    assert client.delete(f"/api/v1/session/blocks/{block_id}", headers=headers).status_code == 404
    listed = client.get("/api/v1/session/blocks").get_json()
    assert len(listed) == len(cs.blocks) and listed[0]["title"] == "Opening of the high-level segment"


DETAILS = {
    "name": "67th session of the Commission on Narcotic Drugs",
    "venue": "Vienna International Centre",
    "timezone": "Europe/Vienna",
    "hl_start": "2024-03-14",
    "hl_end": "2024-03-15",
    "regular_start": "2024-03-18",
    "regular_end": "2024-03-22",
}


def test_secretariat_renames_the_session_and_it_is_logged(log_in, cs, db):
    client = log_in("secretariat")
    assert (
        client.post(
            "/session/details", data={**DETAILS, "venue": "Vienna International Centre, M Building"}
        ).status_code
        == 302
    )
    db.session.rollback()
    assert cs.venue == "Vienna International Centre, M Building"
    log = client.get("/session/log").get_data(as_text=True)
    assert "Changed the session&#39;s name, venue, time zone or dates." in log
    assert "CND Secretariat" in log


def test_session_details_that_make_no_sense(log_in, cs, db):
    client = log_in("secretariat")
    cases = [
        ({"timezone": "Vienna/Europe"}, "is not a time zone name"),
        ({"hl_end": "2024-03-13"}, "The high-level segment must end on or after its first day."),
        ({"regular_start": "2024-03-15"}, "The two segments overlap."),
        ({"regular_end": "2024-03-20"}, "would fall outside the session"),
        ({"name": ""}, "This field is required."),
    ]
    for change, message in cases:
        response = client.post("/session/details", data={**DETAILS, **change})
        assert response.status_code == 400, change
        assert message in response.get_data(as_text=True), change
    db.session.rollback()
    assert cs.timezone == "Europe/Vienna" and cs.last_day.isoformat() == "2024-03-22"


def test_every_change_is_logged_with_who_and_what(client, demo, db, token_for):
    headers = token_for("secretariat")
    payload = {**GOOD_RULES, "gd_limit_national_min": 4, "gd_limit_group_min": 7}
    assert client.put("/api/v1/session/rules", json=payload, headers=headers).status_code == 200
    block = demo.blocks[0]
    assert client.delete(f"/api/v1/session/blocks/{block.id}", headers=headers).status_code == 200
    log = client.get("/api/v1/session/log", headers=token_for("chair")).get_json()
    assert [e["action"] for e in log] == ["block.delete", "rules.update", "session.created"]
    assert log[1]["before"]["gd_limit_national_s"] == 300 and log[1]["after"]["gd_limit_national_s"] == 240
    assert log[0]["by"] == "CND Secretariat" and "Opening" in log[0]["summary"]
    assert log[0]["before"]["title"] == "Opening of the high-level segment" and log[0]["after"] is None
    assert log[2]["actor"]["system"] and "demo" in log[2]["actor"]["cause"]
    assert client.get("/api/v1/session/log", headers=token_for("austria")).status_code == 403


def test_session_details_through_the_api(client, cs, db, token_for):
    headers = token_for("secretariat")
    ok = client.put("/api/v1/session", json={**DETAILS, "name": "CND 67"}, headers=headers)
    assert ok.status_code == 200 and ok.get_json()["name"] == "CND 67"
    bad = client.put("/api/v1/session", json={**DETAILS, "timezone": "Mars/Olympus"}, headers=headers)
    assert bad.status_code == 400 and "timezone" in bad.get_json()["errors"]
