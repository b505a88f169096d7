"""Panelists in a set order: who sets them, the NGO caps, bad input refused with nothing changed; the page and the floor."""

from meetings.floor import services as floor
from meetings.programme.models import MeetingBlock
from meetings.roundtables.models import Roundtable
from tests import factories
from tests.roundtables.test_panel_fixtures import columns, count, entries, floor_speakers, ngos, panel_of, tables

__all__ = ["tables"]  # the fixture, for pytest

ANNA = ("Ms. Anna Gruber", "Director", "AUT", False)
WANG = ("王小明", "教授", "CHN", True)
IDPC = ("Ann Fordham", "Executive Director", "IDPC", False)
WFAD = ("Jonas Karlsson", "Secretary General", "WFAD", True)


def put(client, headers, rt_id, body):
    return client.put(f"/api/v1/roundtables/{rt_id}/panelists", json=body, headers=headers)


def test_the_secretariat_sets_the_panelists_in_order_and_the_record_keeps_before_and_after(client, db, tables,
                                                                                         token_for):  # fmt: skip
    heads = token_for("secretariat")
    r = put(client, heads, tables.rt1, columns(WANG, ANNA, IDPC))
    assert r.status_code == 200, r.json
    assert [(p["position"], p["name"], p["delegation"]["code"], p["remote"]) for p in r.json["panelists"]] == [
        (1, "王小明", "CHN", True), (2, "Ms. Anna Gruber", "AUT", False), (3, "Ann Fordham", "IDPC", False)]  # fmt: skip
    assert r.json["ngo"] == {"panelists": 1, "floor": 0, "panelists_max": 1, "floor_max": 3, "max": 4}
    assert panel_of(db, tables.rt1) == [(1, "王小明", "教授", "CHN", True), (2, "Ms. Anna Gruber", "Director", "AUT", False),
                                        (3, "Ann Fordham", "Executive Director", "IDPC", False)]  # fmt: skip
    [entry] = entries(db, "panelists_set")
    assert entry.before == {"panelists": []}
    assert [p["name"] for p in entry.after["panelists"]] == ["王小明", "Ms. Anna Gruber", "Ann Fordham"]
    assert entry.record_label == "Roundtable 1 “Taking stock”: panelists"

    # a new order replaces the whole list, one entry; the same list again changes nothing and records nothing
    r = put(client, heads, tables.rt1, {**columns(WANG, ANNA, IDPC), "position": [3, 1, 2]})
    assert r.status_code == 200
    assert [p[1] for p in panel_of(db, tables.rt1)] == ["Ms. Anna Gruber", "Ann Fordham", "王小明"]
    assert put(client, heads, tables.rt1, columns(ANNA, IDPC, WANG)).status_code == 200
    after = entries(db, "panelists_set")
    assert len(after) == 2 and [p["name"] for p in after[1].before["panelists"]] == ["王小明", "Ms. Anna Gruber",
                                                                                    "Ann Fordham"]  # fmt: skip

    # anyone reads the list
    public = client.get(f"/api/v1/roundtables/{tables.rt1}/panelists")
    assert public.status_code == 200 and [p["name"] for p in public.json["panelists"]][0] == "Ms. Anna Gruber"

    # an empty list takes everyone off
    assert put(client, heads, tables.rt1, {"name": []}).status_code == 200
    assert panel_of(db, tables.rt1) == [] and count(db, "panelists_set") == 3


def test_a_co_chair_sets_the_panel_of_their_roundtable_only(client, db, tables, token_for):
    r = put(client, token_for("austria"), tables.rt1, columns(ANNA))
    assert r.status_code == 200, r.json
    r = put(client, token_for("brazil"), tables.rt1, columns(WANG))
    assert r.status_code == 403
    assert r.json["message"] == "Only the secretariat and the confirmed co-chairs of this roundtable set its panelists."
    assert panel_of(db, tables.rt1) == [(1, *ANNA)]
    assert put(client, token_for("brazil"), tables.rt2, columns(WANG)).status_code == 200
    assert count(db, "panelists_set") == 2


def test_a_delegation_user_who_is_no_co_chair_is_refused_and_nothing_changes(client, db, tables, token_for):
    put(client, token_for("secretariat"), tables.rt1, columns(ANNA))
    for user in ("russia", "vngoc", "chair"):
        r = put(client, token_for(user), tables.rt1, columns(WANG))
        assert r.status_code == 403, user
        assert "confirmed co-chairs of this roundtable" in r.json["message"]
    assert client.put(f"/api/v1/roundtables/{tables.rt1}/panelists", json=columns(WANG)).status_code == 401
    assert panel_of(db, tables.rt1) == [(1, *ANNA)] and count(db, "panelists_set") == 1


def test_a_second_ngo_panelist_is_refused_naming_the_cap(client, db, tables, token_for):
    heads = token_for("austria")
    r = put(client, heads, tables.rt1, columns(IDPC, ANNA, WFAD))
    assert r.status_code == 409
    assert r.json["message"] == ("One NGO panelist too many: Jonas Karlsson (World Federation Against Drugs); the rules "
                                 "allow 1 NGO panelist per roundtable.")  # fmt: skip
    assert r.json["errors"]["delegation"] == [r.json["message"]]
    assert panel_of(db, tables.rt1) == [] and count(db, "panelists_set") == 0
    assert put(client, heads, tables.rt1, columns(IDPC, ANNA)).status_code == 200


def test_the_sixth_ngo_is_refused_when_the_floor_already_had_three(client, db, tables, token_for, cs):
    """rt_ngo_max (5 here) counts the NGO speakers from the floor of the roundtable with the NGO panelists."""
    cs = db.session.merge(cs)
    cs.rules.rt_ngo_max, cs.rules.rt_ngo_panelists_max = 5, 3
    db.session.commit()
    extra = ngos(db, 4)
    floor_speakers(db, tables.block1, "VNGOC", "IDPC", extra[0])
    heads = token_for("secretariat")
    fifth = [(f"Panelist {c}", "", c, False) for c in extra[1:3]]
    assert put(client, heads, tables.rt1, columns(ANNA, *fifth)).status_code == 200
    r = put(client, heads, tables.rt1, columns(ANNA, *fifth, ("Mx. Sixth", "", extra[3], False)))
    assert r.status_code == 409
    assert r.json["message"] == (
        "One NGO participant too many: with 3 NGO speakers from the floor, Mx. Sixth (Civil Society Forum 4) would be "
        "NGO participant number 6; the rules allow 5 NGO participants per roundtable, panelists and speakers from the "
        "floor together.")  # fmt: skip
    assert [p[3] for p in panel_of(db, tables.rt1)] == ["AUT", extra[1], extra[2]]
    assert count(db, "panelists_set") == 1
    got = client.get(f"/api/v1/roundtables/{tables.rt1}/panelists").json["ngo"]
    assert got == {"panelists": 2, "floor": 3, "panelists_max": 3, "floor_max": 3, "max": 5}


def test_bad_input_is_refused_with_its_sentence_and_changes_nothing(client, db, tables, token_for):
    heads = token_for("secretariat")
    put(client, heads, tables.rt1, columns(ANNA))
    cases = [
        (
            columns(("Someone", "", "XYZ", False)),
            422,
            "delegation",
            "Panelist 1: no delegation has the name or code 'XYZ'; choose a name from the list.",
        ),
        (columns(("", "Expert", "AUT", False)), 422, "name", "Panelist 1: give the name."),
        (columns(("Someone", "", "", False)), 422, "delegation", "Panelist 1: give the delegation."),
        (columns(("N" * 201, "", "AUT", False)), 422, "name", "Panelist 1: the name has at most 200 characters."),
        (
            columns(("Someone", "T" * 100_000, "AUT", False)),
            422,
            "title",
            "Panelist 1: the title has at most 200 characters.",
        ),
        (
            {"name": ["A", "B"], "delegation": ["AUT"]},
            422,
            "delegation",
            "Give one value per panelist here, as many as there are names.",
        ),
        ({**columns(ANNA), "remote": ["maybe"]}, 422, "remote", "Panelist 1: say remote (true) or in person (false)."),
        ({**columns(ANNA), "position": ["first"]}, 422, "position", "Panelist 1: the order is a whole number."),
        (columns(*[(f"P{i}", "", "AUT", False) for i in range(21)]), 422, "name", "At most 20 panelists."),
        ({"name": {"nested": 1}}, 400, None, None),
    ]
    for body, status, field, message in cases:
        r = put(client, heads, tables.rt1, body)
        assert r.status_code == status, (body, r.json)
        if field:
            assert message in r.json["errors"][field], r.json
    r = put(client, heads, tables.rt1, columns(ANNA, ("ms. anna  GRUBER", "", "AUT", True)))
    assert r.status_code == 400 and r.json["message"] == "ms. anna  GRUBER (Austria) is on the list twice."
    r = put(client, heads, 9999, columns(ANNA))
    assert r.status_code == 404 and r.json["message"] == "There is no such roundtable in this session."
    assert panel_of(db, tables.rt1) == [(1, *ANNA)] and count(db, "panelists_set") == 1


def test_a_list_changed_meanwhile_is_not_overwritten(client, db, tables, token_for):
    seen = client.get(f"/api/v1/roundtables/{tables.rt1}/panelists").json["seen"]
    assert put(client, token_for("austria"), tables.rt1, {**columns(ANNA), "seen": seen}).status_code == 200
    r = put(client, token_for("kenya"), tables.rt1, {**columns(WANG), "seen": seen})
    assert r.status_code == 409 and r.json["message"].startswith("Someone changed the panelists of this roundtable")
    assert panel_of(db, tables.rt1) == [(1, *ANNA)]


def test_delegation_names_in_any_language_designate_the_delegation(client, db, tables, token_for):
    r = put(client, token_for("secretariat"), tables.rt1, columns(("Ivan Petrov", "", "Российская Федерация", False),
                                                                  ("Li Na", "", "中国", True)))  # fmt: skip
    assert r.status_code == 200, r.json
    assert [p[3] for p in panel_of(db, tables.rt1)] == ["RUS", "CHN"]


def test_the_openapi_document_describes_the_columns(client, tables):
    doc = client.get("/api/v1/openapi.json").json
    put_op = doc["paths"]["/api/v1/roundtables/{roundtable_id}/panelists"]["put"]
    schema = put_op["requestBody"]["content"]["application/json"]["schema"]
    assert schema["properties"]["name"]["type"] == "array"
    assert {"name", "title", "delegation", "remote", "position", "seen"} <= set(schema["properties"])
    assert "get" in doc["paths"]["/api/v1/roundtables/{roundtable_id}/panelists"]


# --- the page ---------------------------------------------------------------------------------------


def _rows(*rows: tuple, blank: int = 2) -> dict:
    """The page's form: one row of inputs per panelist, then empty rows, as a browser sends them."""
    data = {"name": [], "title": [], "delegation": [], "remote": [], "position": []}
    for n, (name, title, delegation, remote) in enumerate(rows, 1):
        for key, value in zip(data, (name, title, delegation, "remote" if remote else "in_person", str(n)),
                              strict=True):  # fmt: skip
            data[key].append(value)
    for _ in range(blank):
        for key, value in zip(data, ("", "", "", "in_person", ""), strict=True):
            data[key].append(value)
    return data


def test_the_page_sets_the_panel_and_shows_a_refusal_on_the_form(client, db, tables, log_in):
    log_in("kenya")
    page = client.get(f"/roundtables/{tables.rt1}/panelists")
    assert page.status_code == 200 and 'id="save-panelists"' in page.text
    r = client.post(f"/roundtables/{tables.rt1}/panelists", data=_rows(("Ann Fordham", "", "International Drug Policy "
                                                                        "Consortium", False), ANNA))  # fmt: skip
    assert r.status_code == 302
    assert [p[3] for p in panel_of(db, tables.rt1)] == ["IDPC", "AUT"]
    shown = client.get(f"/roundtables/{tables.rt1}/panelists").text
    assert shown.index("Ann Fordham") < shown.index("Ms. Anna Gruber")

    r = client.post(f"/roundtables/{tables.rt1}/panelists", data=_rows(ANNA, ("Jonas Karlsson", "", "WFAD", True),
                                                                       ("Ann Fordham", "", "IDPC", False)))  # fmt: skip
    assert r.status_code == 409
    assert "One NGO panelist too many: Ann Fordham (International Drug Policy Consortium)" in r.text
    assert 'id="panel-errors"' in r.text and 'value="Jonas Karlsson"' in r.text  # what was typed stays on the form
    r = client.post(f"/roundtables/{tables.rt1}/panelists", data=_rows(("Someone", "", "Atlantis", False)))
    assert r.status_code == 400 and "no delegation has the name or code &#39;Atlantis&#39;" in r.text
    assert [p[3] for p in panel_of(db, tables.rt1)] == ["IDPC", "AUT"] and count(db, "panelists_set") == 1


def test_the_page_is_read_only_for_others_and_refuses_their_post(client, db, tables, log_in):
    assert 'id="save-panelists"' not in client.get(f"/roundtables/{tables.rt1}/panelists").text
    log_in("brazil")  # co-chair of the other roundtable
    assert 'id="save-panelists"' not in client.get(f"/roundtables/{tables.rt1}/panelists").text
    assert client.post(f"/roundtables/{tables.rt1}/panelists", data=_rows(ANNA)).status_code == 403
    assert panel_of(db, tables.rt1) == []


def test_the_console_loads_the_panelists_in_their_order_with_the_panelists_limit(client, db, tables, token_for):
    heads = token_for("secretariat")
    put(client, heads, tables.rt1, columns(WANG, ANNA))
    db.session.rollback()
    block = db.session.get(MeetingBlock, tables.block1)
    assert floor.load_lineup(block, factories.user("austria")) == 2  # a co-chair runs the console
    db.session.commit()
    put(client, heads, tables.rt1, columns(ANNA, WANG, IDPC))  # reordered, one more
    db.session.rollback()
    block = db.session.get(MeetingBlock, tables.block1)
    assert floor.load_lineup(block, factories.user("secretariat")) == 1  # only the new one
    db.session.commit()
    turns = floor.floor_of(db.session.get(MeetingBlock, tables.block1)).turns
    assert [(t.speaker_name, t.role.value, t.limit_s) for t in turns] == [
        ("王小明", "rt_panelist", 300),
        ("Ms. Anna Gruber", "rt_panelist", 300),
        ("Ann Fordham", "rt_panelist", 300),
    ]
    assert db.session.get(Roundtable, tables.rt1).panelists[0].name == "Ms. Anna Gruber"


def test_the_floor_can_ask_whether_one_more_ngo_from_the_floor_breaks_a_cap(client, db, tables, token_for):
    """What the floor's grant would ask before giving the floor (its call is the floor's to wire)."""
    from meetings.roundtables.panel import floor_speaker_refusal
    from tests.factories import delegations

    extra = ngos(db, 2)
    block = db.session.get(MeetingBlock, tables.block1)
    ngo = delegations("WFAD")["WFAD"]
    assert floor_speaker_refusal(block, delegations("RUS")["RUS"]) is None  # not an NGO
    assert floor_speaker_refusal(block, ngo) is None
    floor_speakers(db, tables.block1, "VNGOC", "IDPC", extra[0])
    block = db.session.get(MeetingBlock, tables.block1)
    assert floor_speaker_refusal(block, ngo) == (
        "World Federation Against Drugs would be NGO speaker number 4 from the floor: the rules allow 3 NGO speakers "
        "from the floor per roundtable."
    )
    cs = db.session.get(Roundtable, tables.rt1).commission_session
    cs.rules.rt_ngo_floor_max, cs.rules.rt_ngo_max = 5, 4
    db.session.commit()
    put(client, token_for("secretariat"), tables.rt1, columns(("Ann Fordham", "", extra[1], False)))
    db.session.rollback()
    block = db.session.get(MeetingBlock, tables.block1)
    assert floor_speaker_refusal(block, ngo) == (
        "World Federation Against Drugs would be NGO participant number 5: the rules allow 4 NGO participants per "
        "roundtable, panelists and speakers from the floor together."
    )
    assert floor_speaker_refusal(db.session.get(MeetingBlock, tables.block2), ngo) is None  # the other roundtable
