import re

from meetings.api.openapi import build_document


def test_document_lists_every_api_route(app, client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    listed = {(path, method) for path, ops in doc["paths"].items() for method in ops}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method.lower()) in listed, f"{method} {path} is missing from the OpenAPI document"


def test_request_bodies_come_from_the_forms(app):
    with app.test_request_context():
        doc = build_document()
    body = doc["paths"]["/api/v1/session/rules"]["put"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["gd_slot_count"]["type"] == "integer"
    assert body["properties"]["hl_window_opens"]["description"].startswith("YYYY-MM-DDTHH:MM")
    assert "gd_slot_count" in body["required"]
    kind = doc["paths"]["/api/v1/session/blocks"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert "general_debate" in kind["properties"]["kind"]["enum"]


def test_errors_are_json_with_message_and_field_errors(client, bare_cs, token_for):
    headers = token_for("secretariat")
    bad_json = client.post(
        "/api/v1/session/blocks", data="{not json", headers={**headers, "Content-Type": "application/json"}
    )
    assert bad_json.status_code == 400
    assert bad_json.get_json() == {"message": "The body is not valid JSON.", "errors": {}}
    not_object = client.post("/api/v1/session/blocks", json=[1, 2], headers=headers)
    assert not_object.status_code == 400
    missing = client.post("/api/v1/session/blocks", json={}, headers=headers)
    assert missing.status_code == 422
    assert set(missing.get_json()["errors"]) >= {"title", "day", "start", "end"}
    assert client.get("/api/v1/nothing-here").get_json()["message"]


def test_cookie_login_does_not_allow_api_writes(log_in, bare_cs):
    client = log_in("secretariat")
    assert client.get("/api/v1/me").status_code == 200
    assert client.post("/api/v1/session/blocks", json={}).status_code == 401


def _document(app) -> dict:
    with app.test_request_context():
        return build_document()


def test_the_document_is_valid_openapi_and_its_schemas_valid_json_schema(app, client):
    import jsonschema_rs
    import schemathesis
    from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

    doc = client.get("/api/v1/openapi.json").get_json()
    OPENAPI_31_VALIDATOR.validate(doc)
    schemathesis.openapi.from_dict(doc).validate()  # the fuzzer's own loader accepts it
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            bodies = [*op.get("requestBody", {}).get("content", {}).values()]
            bodies += [c for r in op["responses"].values() for c in r.get("content", {}).values()]
            for body in bodies:
                assert jsonschema_rs.meta.is_valid(body["schema"]), f"{method} {path}"


def test_dates_and_times_are_documented_as_the_forms_read_them(app):
    doc = _document(app)
    rules = doc["paths"]["/api/v1/session/rules"]["put"]["requestBody"]["content"]["application/json"]["schema"]
    props = rules["properties"]
    assert props["gd_draw_date"] == {"type": "string", "format": "date"}
    opens = props["hl_window_opens"]
    assert "format" not in opens and re.match(opens["pattern"], "2024-01-04T09:00")
    assert not re.match(opens["pattern"], "2024-01-04T09:00:00Z")  # a zone is refused by the form
    block = doc["paths"]["/api/v1/session/blocks"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    start = block["properties"]["start"]
    assert "format" not in start and start["description"].startswith("HH:MM")
    assert re.match(start["pattern"], "10:00") and not re.match(start["pattern"], "10:00:00+01:00")
    assert block["properties"]["day"]["format"] == "date"
    no_date_time = [
        (path, method)
        for path, ops in doc["paths"].items()
        for method, op in ops.items()
        if '"format": "date-time"' in str(op.get("requestBody", "")).replace("'", '"')
        or '"format": "time"' in str(op.get("requestBody", "")).replace("'", '"')
    ]
    assert no_date_time == []


def test_creations_answer_201_and_conditional_gets_304_as_documented(app, client, cs, token_for):
    doc = _document(app)
    created = doc["paths"]["/api/v1/session/rooms"]["post"]["responses"]
    assert "201" in created and "200" not in created
    response = client.post("/api/v1/session/rooms", json={"name": "Room M7"}, headers=token_for("secretariat"))
    assert response.status_code == 201
    agenda = doc["paths"]["/api/v1/session/agenda.ics"]["get"]
    assert "304" in agenda["responses"] and "text/calendar" in agenda["responses"]["200"]["content"]
    assert "If-None-Match" in {p["name"] for p in agenda["parameters"]}
    first = client.get("/api/v1/session/agenda.ics")
    again = client.get("/api/v1/session/agenda.ics", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert "304" in doc["paths"]["/api/v1/floor/rooms/{room_id}/state"]["get"]["responses"]


def test_uploads_are_documented_as_multipart_with_a_binary_file(app):
    doc = _document(app)
    for path, name in (("/api/v1/debate/inscriptions/{inscription_id}/statement", "statement"),
                       ("/api/v1/registration/delegations/{code}/note-verbale", "note_verbale")):  # fmt: skip
        content = doc["paths"][path]["post"]["requestBody"]["content"]
        assert list(content) == ["multipart/form-data"]
        assert content["multipart/form-data"]["schema"]["properties"][name] == {"type": "string", "format": "binary"}


def test_every_success_answer_has_a_schema(app):
    from meetings.api import route_docs

    doc = _document(app)
    with app.test_request_context():
        undeclared = [d.rule for d in route_docs() if d.response is None]
    assert undeclared == []
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            success = [r for status, r in op["responses"].items() if status.startswith("2")]
            assert success, f"{method} {path}"
            for answer in success:
                assert all(c["schema"] for c in answer["content"].values()), f"{method} {path}"


def test_what_get_session_answers_put_session_takes_back(client, cs, token_for):
    headers = token_for("secretariat")
    read = client.get("/api/v1/session").get_json()
    changed = client.put("/api/v1/session", json={**read, "venue": "Vienna International Centre, M-Building"},
                         headers=headers)  # fmt: skip
    assert changed.status_code == 200, changed.get_json()
    again = client.get("/api/v1/session").get_json()
    assert again == {**read, "venue": "Vienna International Centre, M-Building"}
    assert client.put("/api/v1/session", json=again, headers=headers).get_json() == again
