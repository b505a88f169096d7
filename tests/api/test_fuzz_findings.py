"""What the API fuzzer found, each kept as a test of the behaviour a client notices."""

from tests.pdfs import PLAIN_PDF

BOUNDARY = "XX"


def multipart(*parts: bytes) -> bytes:
    return b"".join(b"--XX\r\n" + p + b"\r\n" for p in parts) + b"--XX--\r\n"


def test_an_upload_with_a_nameless_part_is_read_without_it(client, cs, token_for):
    """A multipart part with no name (or an unreadable one, `name="\\"`) was a server error."""
    headers = {**token_for("austria"), "Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}
    nameless = b'Content-Disposition: form-data; name="\\"\r\n\r\nnull'
    no_name = b"Content-Disposition: form-data\r\n\r\nnull"
    only_those = client.post("/api/v1/registration/delegations/AUT/note-verbale", headers=headers,
                             data=multipart(nameless, no_name))  # fmt: skip
    assert only_those.status_code == 400
    assert only_those.get_json()["message"]
    assert client.get("/api/v1/registration/delegations/AUT", headers=token_for("austria")).get_json()[
        "note_verbale"] is None  # fmt: skip
    note = b'Content-Disposition: form-data; name="note_verbale"; filename="note.pdf"\r\n\r\n' + PLAIN_PDF
    with_file = client.post("/api/v1/registration/delegations/AUT/note-verbale", headers=headers,
                            data=multipart(nameless, note))  # fmt: skip
    assert with_file.status_code == 200
    assert with_file.get_json()["note_verbale"]["uploaded_at"]


def test_what_get_session_answers_is_accepted_back_keys_and_all(client, cs, token_for):
    """PUT /session refused its own GET (400: the segments and rooms are lists of objects)."""
    read = client.get("/api/v1/session").get_json()
    assert {"segments", "rooms", "rules"} <= set(read)
    again = client.put("/api/v1/session", json=read, headers=token_for("secretariat"))
    assert again.status_code == 200
    assert again.get_json() == read


def test_a_creation_answers_201_as_documented(client, cs, token_for, app):
    from meetings.api.openapi import build_document

    with app.test_request_context():
        documented = build_document()["paths"]["/api/v1/session/blocks"]["post"]["responses"]
    block = {"title": "Plenary, 5th meeting", "kind": "plenary", "day": "2024-03-18", "start": "10:00", "end": "13:00",
             "room_id": cs.rooms[0].id}  # fmt: skip
    created = client.post("/api/v1/session/blocks", json=block, headers=token_for("secretariat"))
    assert created.status_code == 201 and "201" in documented
