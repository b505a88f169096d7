"""Two people acting on one registration at once, with real threads against the serving app (SQLite and PostgreSQL):
the session lock decides, the schema backs it, the loser gets a sentence and nothing of theirs is kept."""

from collections import Counter

import pytest

from meetings.audit.models import AuditEntry
from meetings.registration.models import Participant, Registration
from tests.concurrency import at_once
from tests.registration.helpers import person, registered

pytestmark = pytest.mark.concurrency


def actions(db) -> Counter:
    db.session.rollback()
    return Counter(db.session.scalars(db.select(AuditEntry.action).where(AuditEntry.feature == "registration")))


def test_six_heads_of_delegation_at_once_leave_one_and_one_registration(app, cs, db, token_for):
    austria = token_for("austria")
    url = "/api/v1/registration/delegations/AUT/participants"
    results = at_once(app, [("POST", url, austria, person(name=f"Minister {n}")) for n in range(6)])
    statuses = Counter(status for status, _ in results)
    assert statuses == {201: 1, 409: 5}, results
    for status, body in results:
        if status == 409:
            assert "head of delegation" in body["message"] and "head_of_delegation" in body["errors"]
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count()).select_from(Registration)) == 1
    heads = db.session.scalars(db.select(Participant).where(Participant.head_of_delegation.is_(True))).all()
    assert len(heads) == 1
    assert actions(db) == {"registration_started": 1, "participant_added": 1}


def test_five_submissions_at_once_submit_once(app, cs, db, token_for):
    registered(cs, submit=False)
    db.session.commit()
    austria = token_for("austria")
    results = at_once(app, [("POST", "/api/v1/registration/delegations/AUT/submit", austria, None)] * 5)
    statuses = Counter(status for status, _ in results)
    assert statuses == {200: 1, 409: 4}, results
    assert all("already submitted" in body["message"] for status, body in results if status == 409)
    assert actions(db)["registration_submitted"] == 1


def test_approval_and_return_at_once_one_decision_stands(app, cs, db, token_for):
    registered(cs, people=[person(), person(name="Anna Gruber", head_of_delegation=False)])
    db.session.commit()
    secretariat = token_for("secretariat")
    base = "/api/v1/registration/delegations/AUT"
    calls = [("POST", f"{base}/approve", secretariat, None),
             ("POST", f"{base}/return", secretariat, {"reason": "The note verbale is not signed."})] * 3  # fmt: skip
    results = at_once(app, calls)
    db.session.rollback()
    r = db.session.scalar(db.select(Registration))
    done = actions(db)
    # Approved first: a return may follow (the secretariat can return an approved registration), never a second
    # approval. Returned first: nothing else can follow until the delegation submits again.
    assert done["registration_approved"] <= 1 and done["registration_returned"] <= 1
    if done["registration_approved"] and done["registration_returned"]:
        assert r.status.value == "returned"
    elif done["registration_approved"]:
        assert r.status.value == "approved" and done["participant_approved"] == 2
    else:
        assert r.status.value == "returned" and done["participant_approved"] == 0
    decisions = done["registration_approved"] + done["registration_returned"]
    assert sum(1 for status, _ in results if status == 200) == decisions
    assert sum(1 for status, _ in results if status == 409) == 6 - decisions
