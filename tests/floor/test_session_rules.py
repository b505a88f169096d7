"""The session's rules for the floor beyond the list (points of order, rights of reply) and the
roundtables' NGO split and distinct groups: on the rules page and through PUT /api/v1/session/rules."""

import pytest
from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.programme.models import SessionRules
from meetings.programme.services import rules_as_form_data
from tests.programme.test_session_forms import GOOD_RULES

NEW = {
    "rt_ngo_panelists_max": "1",
    "rt_ngo_floor_max": "3",
    "rt_groups_distinct_across": "y",
    "floor_point_of_order_min": "2",
    "floor_reply_first_min": "5",
    "floor_reply_second_min": "3",
    "floor_replies_max": "2",
}


def stored(db) -> SessionRules:
    db.session.rollback()
    return db.session.scalar(select(SessionRules))


def as_tuple(r: SessionRules) -> tuple:
    return (r.rt_ngo_panelists_max, r.rt_ngo_floor_max, r.rt_groups_distinct_across, r.floor_point_of_order_s,
            r.floor_reply_first_s, r.floor_reply_second_s, r.floor_replies_max)  # fmt: skip


def api_body(cs, **changes) -> dict:
    body = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in rules_as_form_data(cs).items()
            if v is not None}  # fmt: skip
    return {**body, **changes}


def test_the_defaults_and_the_page_show_them(db, cs, log_in):
    r = stored(db)
    assert as_tuple(r) == (1, 3, False, 120, 300, 180, 2)
    page = log_in("secretariat").get("/session/rules").get_data(as_text=True)
    for label in ("Of which NGO panelists at most", "Of which NGO speakers from the floor at most",
                  "A regional group co-chairs one roundtable at most", "Point of order (minutes)",
                  "First right of reply (minutes)", "Second right of reply (minutes)",
                  "Rights of reply per delegation and meeting"):  # fmt: skip
        assert label in page, label
    assert 'name="floor_reply_second_min"' in page and 'value="3.0"' in page


def test_the_secretariat_changes_them_on_the_page(db, cs, log_in):
    client = log_in("secretariat")
    changed = {**GOOD_RULES, **NEW, "floor_reply_first_min": "4", "floor_reply_second_min": "2.5",
               "floor_replies_max": "1", "rt_ngo_floor_max": "2"}  # fmt: skip
    assert client.post("/session/rules", data=changed).status_code == 302
    assert as_tuple(stored(db)) == (1, 2, True, 120, 240, 150, 1)
    entry = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.action == "rules.update" and entry.after["floor_reply_first_s"] == 240
    # The checkbox left unticked turns the option off; the numbers left out keep their values.
    assert client.post("/session/rules", data=GOOD_RULES).status_code == 302
    assert as_tuple(stored(db)) == (1, 2, False, 120, 240, 150, 1)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("rt_ngo_panelists_max", "-1", "Give a number between 0 and 50."),
        ("rt_ngo_floor_max", "-3", "Give a number between 0 and 50."),
        ("floor_replies_max", "-1", "Give a number between 0 and 10."),
        ("floor_reply_first_min", "0", "Give a number of minutes between 0.5 and 60."),
        ("floor_point_of_order_min", "-2", "Give a number of minutes between 0.5 and 60."),
        ("rt_ngo_panelists_max", "5", "The NGO panelists cannot be more than the NGO participants per roundtable (4)."),
        (
            "rt_ngo_floor_max",
            "9",
            "The NGO speakers from the floor cannot be more than the NGO participants per roundtable (4).",
        ),
        ("floor_reply_second_min", "6", "A second right of reply is not longer than the first."),
    ],
)
def test_bad_values_are_refused_on_the_page_and_change_nothing(db, cs, log_in, field, value, message):
    client = log_in("secretariat")
    before, logged = as_tuple(stored(db)), db.session.scalar(select(func.count(AuditEntry.id)))
    response = client.post("/session/rules", data={**GOOD_RULES, **NEW, field: value})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert as_tuple(stored(db)) == before
    assert db.session.scalar(select(func.count(AuditEntry.id))) == logged


def test_the_api_takes_them_and_refuses_a_cap_above_the_ngo_total(db, cs, client, token_for):
    sec = token_for("secretariat")
    above = client.put("/api/v1/session/rules", headers=sec, json=api_body(cs, rt_ngo_max=2, rt_ngo_floor_max=3))
    assert above.status_code == 400
    assert above.get_json()["errors"]["rt_ngo_floor_max"] == [
        "The NGO speakers from the floor cannot be more than the NGO participants per roundtable (2)."
    ]
    negative = client.put("/api/v1/session/rules", headers=sec, json=api_body(cs, floor_replies_max=-1))
    assert negative.status_code == 422 and "floor_replies_max" in negative.get_json()["errors"]
    assert as_tuple(stored(db)) == (1, 3, False, 120, 300, 180, 2)
    done = client.put("/api/v1/session/rules", headers=sec,
                      json=api_body(cs, floor_reply_first_min=10, floor_reply_second_min=5, floor_replies_max=2,
                                    rt_groups_distinct_across=True))  # fmt: skip
    assert done.status_code == 200
    body = done.get_json()
    assert (body["floor_reply_first_s"], body["floor_reply_second_s"], body["rt_groups_distinct_across"]) == (
        600, 300, True)  # fmt: skip
    assert client.get("/api/v1/session").get_json()["rules"]["floor_replies_max"] == 2
    # An older client that sends none of them keeps them.
    older = {k: v for k, v in api_body(cs).items() if not k.startswith(("floor_", "rt_ngo_panelists", "rt_ngo_floor"))}
    assert client.put("/api/v1/session/rules", headers=sec, json=older).status_code == 200
    assert as_tuple(stored(db))[3:] == (120, 600, 300, 2)
    doc = client.get("/api/v1/openapi.json").get_json()
    schema = doc["paths"]["/api/v1/session/rules"]["put"]["requestBody"]["content"]["application/json"]["schema"]
    assert {"rt_ngo_panelists_max", "rt_ngo_floor_max", "rt_groups_distinct_across", "floor_replies_max",
            "floor_reply_first_min", "floor_reply_second_min", "floor_point_of_order_min"} <= set(schema["properties"])  # fmt: skip
