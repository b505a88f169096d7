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
    assert body["properties"]["hl_window_opens"]["format"] == "date-time"
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
