"""A delegation's registration through the JSON API: participants, the note verbale, submission, the secretariat's
approval or return; every refusal says why and changes nothing; one audit entry per change."""

from pathlib import Path

from meetings.audit.models import AuditEntry
from meetings.registration import services
from meetings.registration.models import Participant, Registration
from tests import factories
from tests.registration.helpers import PDF, add, headers, participants, person, registered, registration, upload

__all__ = ["headers"]  # the fixture


def entries(db, feature: str = "registration") -> list[AuditEntry]:
    db.session.rollback()
    return list(db.session.scalars(db.select(AuditEntry).where(AuditEntry.feature == feature).order_by(AuditEntry.seq)))


def test_a_delegation_registers_submits_and_the_secretariat_approves(client, cs, db, headers, app):
    austria = headers("austria")
    head = add(client, austria)
    assert head.status_code == 201 and head.get_json()["status"] == "pending"
    second = add(client, austria, name="Anna Gruber", title="Ms.", function="Ambassador", head_of_delegation=False,
                 segment="regular", attendance="online")  # fmt: skip
    assert second.status_code == 201
    assert upload(client, austria).status_code == 200
    shown = client.get("/api/v1/registration/delegations/AUT", headers=austria).get_json()
    assert shown["status"] == "draft" and shown["editable"] and shown["note_verbale"]
    assert [p["name"] for p in shown["participants"]] == ["Alexander Schallenberg", "Anna Gruber"]
    submitted = client.post("/api/v1/registration/delegations/AUT/submit", headers=austria)
    assert submitted.status_code == 200 and submitted.get_json()["status"] == "submitted"
    assert submitted.get_json()["high_level_approved"] is False
    approved = client.post("/api/v1/registration/delegations/AUT/approve", headers=headers("secretariat"))
    body = approved.get_json()
    assert approved.status_code == 200 and body["status"] == "approved" and body["high_level_approved"] is True
    assert {p["status"] for p in body["participants"]} == {"approved"}
    db.session.rollback()
    austria_d = factories.delegations("AUT")["AUT"]
    assert services.high_level_approved(cs, austria_d) and services.registered_for_session(cs.id, austria_d)
    r = registration(db)
    assert Path(app.config["UPLOAD_FOLDER"], "notes_verbales", r.note_verbale_file).read_bytes() == PDF
    log = entries(db)
    assert [e.action for e in log] == ["registration_started", "participant_added", "participant_added",
                                       "note_verbale_uploaded", "registration_submitted", "registration_approved",
                                       "participant_approved", "participant_approved"]  # fmt: skip
    assert log[0].record_label == "Austria's registration for CND67"
    assert log[1].record_label == "H.E. Mr. Alexander Schallenberg (Austria), registered participant"
    assert all(e.by_system and "rule: approving a registration approves" in e.cause for e in log[-2:])
    assert log[-1].actor_name == "CND Secretariat" and log[-1].before["status"] == "pending"


def test_the_secretariat_returns_with_a_reason_the_delegation_reads_then_approves(client, cs, db, headers):
    registered(cs, people=[person(), person(name="Anna Gruber", head_of_delegation=False, segment="both")])
    db.session.commit()
    secretariat, austria = headers("secretariat"), headers("austria")
    no_reason = client.post("/api/v1/registration/delegations/AUT/return", json={"reason": "  "}, headers=secretariat)
    assert no_reason.status_code == 422 and "reason" in no_reason.get_json()["errors"]
    assert registration(db).status.value == "submitted"
    reason = "The note verbale names another head of delegation."
    returned = client.post("/api/v1/registration/delegations/AUT/return", json={"reason": reason}, headers=secretariat)
    assert returned.status_code == 200
    mine = client.get("/api/v1/registration/delegations/AUT", headers=austria).get_json()
    assert mine["status"] == "returned" and mine["return_reason"] == reason and mine["editable"]
    first = mine["participants"][0]["id"]
    changed = client.put(f"/api/v1/registration/participants/{first}", json=person(name="Karl Nehammer"),
                         headers=austria)  # fmt: skip
    assert changed.status_code == 200 and changed.get_json()["name"] == "Karl Nehammer"
    again = client.post("/api/v1/registration/delegations/AUT/submit", headers=austria)
    assert again.status_code == 200 and again.get_json()["status"] == "submitted"
    assert client.post("/api/v1/registration/delegations/AUT/approve", headers=secretariat).status_code == 200
    log = entries(db)
    returned_entry = next(e for e in log if e.action == "registration_returned")
    assert returned_entry.reason == reason and returned_entry.before["status"] == "submitted"
    changed_entry = next(e for e in log if e.action == "participant_changed")
    assert changed_entry.before["name"] == "Alexander Schallenberg" and changed_entry.after["name"] == "Karl Nehammer"


def test_one_participant_returned_stays_out_of_the_approval(client, cs, db, headers):
    registered(cs, people=[person(segment="regular"), person(name="Anna Gruber", head_of_delegation=False)])
    db.session.commit()
    secretariat = headers("secretariat")
    anna = next(p for p in participants(db) if p.name == "Anna Gruber")
    no_reason = client.post(f"/api/v1/registration/participants/{anna.id}/return", json={}, headers=secretariat)
    assert no_reason.status_code == 422
    by_delegation = client.post(f"/api/v1/registration/participants/{anna.id}/return", json={"reason": "No"},
                                headers=headers("austria"))  # fmt: skip
    assert by_delegation.status_code == 403
    returned = client.post(
        f"/api/v1/registration/participants/{anna.id}/return",
        json={"reason": "Ms. Gruber is registered by the host country already."},
        headers=secretariat,
    )
    assert returned.status_code == 200 and returned.get_json()["status"] == "returned"
    twice = client.post(f"/api/v1/registration/participants/{anna.id}/return", json={"reason": "again"},
                        headers=secretariat)  # fmt: skip
    assert twice.status_code == 409 and "already returned" in twice.get_json()["message"]
    approved = client.post("/api/v1/registration/delegations/AUT/approve", headers=secretariat).get_json()
    assert {p["name"]: p["status"] for p in approved["participants"]} == {
        "Alexander Schallenberg": "approved", "Anna Gruber": "returned"}  # fmt: skip
    # Anna was the only high-level participant: the registration is approved, not for the high-level segment.
    assert approved["high_level_approved"] is False
    assert approved["participants"][1]["return_reason"] == "Ms. Gruber is registered by the host country already."


def test_bad_input_is_refused_with_a_reason_and_changes_nothing(client, cs, db, headers):
    austria = headers("austria")
    assert add(client, austria).status_code == 201
    before = len(entries(db))
    cases = [
        (add(client, austria, name="   "), 422, "name"),
        (add(client, austria, name="N" * 201), 422, "name"),
        (add(client, austria, name="Eva Huber", title="T" * 101, head_of_delegation=False), 422, "title"),
        (add(client, austria, name="Eva Huber", function="F" * 201, head_of_delegation=False), 422, "function"),
        (add(client, austria, name="Eva Huber", segment="plenary", head_of_delegation=False), 422, "segment"),
        (add(client, austria, name="Eva Huber", attendance="by pigeon", head_of_delegation=False), 422, "attendance"),
        (add(client, austria, name="Eva Huber"), 409, "head_of_delegation"),
        (add(client, austria, name="H.E. Mr. ALEXANDER SCHALLENBERG", head_of_delegation=False), 409, "name"),
    ]
    for response, status, field in cases:
        assert response.status_code == status, response.get_json()
        assert field in response.get_json()["errors"], response.get_json()
    assert "Choose the segment: high-level, regular or both." in cases[4][0].get_json()["errors"]["segment"]
    assert "Alexander Schallenberg is already the head of delegation" in cases[6][0].get_json()["message"]
    no_note = client.post("/api/v1/registration/delegations/AUT/submit", headers=austria)
    assert no_note.status_code == 409 and "note verbale" in no_note.get_json()["message"]
    not_pdf = upload(client, austria, data=b"MZ\x90\x00 an executable", name="note.pdf")
    assert not_pdf.status_code == 400
    assert not_pdf.get_json()["message"] == "The note verbale must be a PDF file."
    assert "note_verbale" in not_pdf.get_json()["errors"]
    empty = upload(client, austria, data=b"")
    assert empty.status_code == 400 and empty.get_json()["message"] == "The file is empty."
    too_big = upload(client, austria, data=b"%PDF-" + b"0" * (5 * 1024 * 1024 + 1))
    assert too_big.status_code == 400 and "larger than 5 MB" in too_big.get_json()["message"]
    huge = upload(client, austria, data=b"%PDF-" + b"0" * (6 * 1024 * 1024))
    assert huge.status_code == 413
    assert len(participants(db)) == 1 and registration(db).note_verbale_file is None
    assert len(entries(db)) == before


def test_submission_needs_a_head_of_delegation_and_a_second_submission_is_refused(client, cs, db, headers):
    austria = headers("austria")
    nobody = client.post("/api/v1/registration/delegations/AUT/submit", headers=austria)
    assert nobody.status_code == 409 and "at least one participant" in nobody.get_json()["message"]
    add(client, austria, head_of_delegation=False)
    upload(client, austria)
    headless = client.post("/api/v1/registration/delegations/AUT/submit", headers=austria)
    assert headless.status_code == 409 and "head of delegation" in headless.get_json()["message"]
    first = participants(db)[0]
    client.put(f"/api/v1/registration/participants/{first.id}", json=person(), headers=austria)
    assert client.post("/api/v1/registration/delegations/AUT/submit", headers=austria).status_code == 200
    submitted_at = registration(db).submitted_at
    twice = client.post("/api/v1/registration/delegations/AUT/submit", headers=austria)
    assert twice.status_code == 409 and "already submitted" in twice.get_json()["message"]
    assert registration(db).submitted_at == submitted_at
    assert [e.action for e in entries(db)].count("registration_submitted") == 1
    approve = lambda: client.post("/api/v1/registration/delegations/AUT/approve", headers=headers("secretariat"))  # noqa: E731
    assert approve().status_code == 200
    again = approve()
    assert again.status_code == 409 and "already approved" in again.get_json()["message"]
    assert [e.action for e in entries(db)].count("registration_approved") == 1


def test_an_approved_registration_changes_only_through_the_secretariat_again(client, cs, db, headers):
    registered(cs, approve=True)
    db.session.commit()
    austria = headers("austria")
    p = participants(db)[0]
    aut = factories.delegations("AUT")["AUT"]
    for refused in (
        client.put(f"/api/v1/registration/participants/{p.id}", json=person(attendance="online"), headers=austria),
        add(client, austria, name="Eva Huber", head_of_delegation=False),
        client.delete(f"/api/v1/registration/participants/{p.id}", headers=austria),
        upload(client, austria),
    ):
        assert refused.status_code == 409
        assert "reopen it first" in refused.get_json()["message"]
    assert len(participants(db)) == 1 and participants(db)[0].attendance.value == "in_person"
    assert services.high_level_approved(cs, aut)
    reopened = client.post("/api/v1/registration/delegations/AUT/reopen", json={"reason": "A new adviser"},
                           headers=austria)  # fmt: skip
    assert reopened.status_code == 200 and reopened.get_json()["status"] == "draft"
    db.session.rollback()
    assert not services.high_level_approved(cs, aut)  # until the secretariat approves it again
    assert add(client, austria, name="Eva Huber", head_of_delegation=False, segment="regular").status_code == 201
    assert client.post("/api/v1/registration/delegations/AUT/submit", headers=austria).status_code == 200
    approved = client.post("/api/v1/registration/delegations/AUT/approve", headers=headers("secretariat")).get_json()
    assert approved["high_level_approved"] and {p["status"] for p in approved["participants"]} == {"approved"}
    reopen_entry = next(e for e in entries(db) if e.action == "registration_reopened")
    assert reopen_entry.reason == "A new adviser" and reopen_entry.before["status"] == "approved"
    already = client.post("/api/v1/registration/delegations/AUT/reopen", json={}, headers=austria)
    assert already.status_code == 200
    assert client.post("/api/v1/registration/delegations/AUT/reopen", json={}, headers=austria).status_code == 409


def test_a_delegation_sees_and_changes_only_its_own_registration(client, cs, db, headers):
    registered(cs)
    db.session.commit()
    brazil = headers("brazil")
    p = participants(db)[0]
    refused = [
        client.get("/api/v1/registration/delegations/AUT", headers=brazil),
        client.get("/api/v1/registration/delegations/AUT/participants", headers=brazil),
        client.get(f"/api/v1/registration/participants/{p.id}", headers=brazil),
        client.put(f"/api/v1/registration/participants/{p.id}", json=person(name="Intruder"), headers=brazil),
        client.delete(f"/api/v1/registration/participants/{p.id}", headers=brazil),
        add(client, brazil, "AUT", name="Intruder", head_of_delegation=False),
        upload(client, brazil, "AUT"),
        client.post("/api/v1/registration/delegations/AUT/submit", headers=brazil),
        client.post("/api/v1/registration/delegations/AUT/reopen", json={}, headers=brazil),
        client.get("/api/v1/registration/delegations/AUT/note-verbale", headers=brazil),
        client.get("/api/v1/registration/speakers?delegation=AUT", headers=brazil),
    ]
    for response in refused:
        assert response.status_code == 403, response.get_json()
        assert "only its own" in response.get_json()["message"]
    approve = client.post("/api/v1/registration/delegations/AUT/approve", headers=brazil)
    assert (
        approve.status_code == 403
        and approve.get_json()["message"] == "You are not allowed to do this: The secretariat."
    )
    assert client.get("/api/v1/registration/high-level/missing", headers=brazil).status_code == 403
    assert [r["delegation"]["code"] for r in client.get("/api/v1/registration", headers=brazil).get_json()] == ["BRA"]
    assert client.get("/api/v1/registration/lists", headers=brazil).get_json()["segments"]["high_level"] == []
    assert [p.name for p in participants(db)] == ["Alexander Schallenberg"] and registration(
        db
    ).status.value == "submitted"
    assert client.get("/api/v1/registration/delegations/AUT/note-verbale", headers=headers("austria")).data == PDF
    assert client.get("/api/v1/registration/delegations/AUT").status_code == 401


def test_a_participant_is_removed_and_the_registration_listed_for_the_secretariat(client, cs, db, headers):
    austria = headers("austria")
    add(client, austria)
    add(client, austria, name="Eva Huber", head_of_delegation=False, segment="regular")
    eva = participants(db)[1].id
    removed = client.delete(f"/api/v1/registration/participants/{eva}", headers=austria)
    assert removed.status_code == 200 and [p["name"] for p in removed.get_json()["participants"]] == [
        "Alexander Schallenberg"]  # fmt: skip
    db.session.rollback()
    assert db.session.get(Participant, eva) is None
    gone = next(e for e in entries(db) if e.action == "participant_removed")
    assert gone.before["name"] == "Eva Huber" and gone.after == {}
    listed = client.get("/api/v1/registration?status=draft", headers=headers("secretariat")).get_json()
    assert [r["delegation"]["code"] for r in listed] == ["AUT"]
    wrong = client.get("/api/v1/registration?status=maybe", headers=headers("secretariat"))
    assert wrong.status_code == 422


def test_registration_speakers_offer_the_registered_high_level_participants(client, cs, db, headers):
    registered(cs, people=[person(), person(name="Anna Gruber", title="Ms.", function="Ambassador",
                                            head_of_delegation=False, segment="regular")])  # fmt: skip
    db.session.commit()
    choices = client.get("/api/v1/registration/speakers", headers=headers("austria")).get_json()
    assert choices == [{"participant_id": participants(db)[0].id, "speaker_name": "Alexander Schallenberg",
                        "speaker_title": "Federal Minister for European and International Affairs",
                        "approved": False}]  # fmt: skip
    for_the_secretariat = client.get("/api/v1/registration/speakers?delegation=AUT", headers=headers("secretariat"))
    assert for_the_secretariat.get_json() == choices
    assert client.get("/api/v1/registration/speakers", headers=headers("secretariat")).status_code == 422


def test_registration_rows_are_unique_per_delegation_and_head(db, cs):
    """The schema backs the checks: one registration per delegation and session, one head per registration."""
    import pytest
    from sqlalchemy.exc import IntegrityError

    r = registered(cs, submit=False)
    db.session.commit()
    db.session.add(Registration(commission_session_id=cs.id, delegation_id=r.delegation_id))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
    r = registration(db)
    db.session.add(Participant(registration_id=r.id, name="Second Head", head_of_delegation=True, segment="regular",
                               attendance="online"))  # fmt: skip
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
