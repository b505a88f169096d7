"""Applications through the API and the pages: drafts, submission, the window, the caps, refusals."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.delegations.models import Delegation
from meetings.programme.services import rules_as_form_data
from meetings.side_events.models import SideEvent, SideEventStatus
from tests import factories
from tests.side_events.conftest import complete


def count(db) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count(SideEvent.id)))


def test_a_draft_can_be_incomplete_but_submitting_it_names_what_is_missing(client, cs, window_open, token_for, db):
    austria = token_for("austria")
    draft = client.post("/api/v1/side-events", json={"title": "Prevention"}, headers=austria)
    assert draft.status_code == 201 and draft.json["status"] == "draft" and draft.json["queue_position"] is None
    refused = client.post(f"/api/v1/side-events/{draft.json['id']}/submit", json={}, headers=austria)
    assert refused.status_code == 422
    assert "partners" in refused.json["message"] and "contact e-mail" in refused.json["message"]
    assert set(refused.json["errors"]) >= {"partners", "format", "duration_minutes", "preferred_times"}
    db.session.rollback()
    assert db.session.get(SideEvent, draft.json["id"]).status == SideEventStatus.draft


def test_a_complete_submission_takes_the_next_place_with_a_receipt_time_in_microseconds(
    client, cs, window_open, token_for
):
    austria = token_for("austria")
    draft = client.post("/api/v1/side-events", json=complete(), headers=austria).json
    done = client.post(f"/api/v1/side-events/{draft['id']}/submit", json={}, headers=austria)
    assert done.status_code == 200
    assert done.json["status"] == "accepted" and done.json["queue_position"] == 1
    assert len(done.json["submitted_at"].split(".")[1]) == 6 + len("+00:00")
    again = client.post(f"/api/v1/side-events/{draft['id']}/submit", json={"title": "changed"}, headers=austria)
    assert again.json == done.json


def test_a_repeated_one_step_submit_with_the_same_key_returns_the_same_application(
    client, cs, window_open, token_for, db
):
    austria = token_for("austria")
    first = client.post("/api/v1/side-events/submit", json=complete(submission_key="k-1"), headers=austria)
    second = client.post("/api/v1/side-events/submit", json=complete(submission_key="k-1"), headers=austria)
    assert first.status_code == second.status_code == 201
    assert first.json["id"] == second.json["id"] and first.json["submitted_at"] == second.json["submitted_at"]
    assert count(db) == 1


def test_91_minutes_is_refused_and_nothing_is_stored(client, cs, window_open, token_for, db):
    refused = client.post(
        "/api/v1/side-events/submit", json=complete(duration_minutes=91), headers=token_for("austria")
    )
    assert refused.status_code == 422 and "at most 90 minutes" in refused.json["message"]
    assert "duration_minutes" in refused.json["errors"]
    assert count(db) == 0


def test_outside_the_window_the_refusal_says_when_it_opens_or_that_it_closed(client, cs, clock, token_for, db):
    austria = token_for("austria")
    clock(cs.rules.hl_window_opens - timedelta(minutes=5))
    early = client.post("/api/v1/side-events/submit", json=complete(), headers=austria)
    assert early.status_code == 409
    assert early.json["message"] == (
        "Applications for high-level side events open on Thursday 04 January 2024 at 00:00 (Europe/Vienna time)."
    )
    clock(cs.rules.hl_window_closes + timedelta(seconds=1))
    late = client.post("/api/v1/side-events/submit", json=complete(), headers=austria)
    assert late.status_code == 409 and "closed on Friday 12 January 2024 at 00:00" in late.json["message"]
    assert count(db) == 0
    # a regular side event knows no window
    regular = client.post("/api/v1/side-events/submit", json=complete(kind="regular"), headers=austria)
    assert (
        regular.status_code == 201 and regular.json["status"] == "accepted" and regular.json["queue_position"] is None
    )


def test_an_organizers_third_active_application_is_refused_with_the_reason(client, cs, window_open, token_for, db):
    austria = token_for("austria")
    ids = [client.post("/api/v1/side-events/submit", json=complete(title=f"Event {n}"), headers=austria).json["id"]
           for n in (1, 2)]  # fmt: skip
    third = client.post("/api/v1/side-events/submit", json=complete(title="Event 3"), headers=austria)
    assert third.status_code == 409
    assert "Austria already has 2 active" in third.json["message"] and "“Event 1”" in third.json["message"]
    assert count(db) == 2
    # withdrawn ones do not count
    assert client.post(f"/api/v1/side-events/{ids[0]}/withdraw", json={}, headers=austria).status_code == 200
    assert client.post("/api/v1/side-events/submit", json=complete(title="Event 3"), headers=austria).status_code == 201
    # regular ones are not capped
    for _ in range(3):
        assert (
            client.post("/api/v1/side-events/submit", json=complete(kind="regular"), headers=austria).status_code == 201
        )


def test_another_delegations_application_cannot_be_seen_or_changed(client, cs, window_open, token_for, db):
    draft = client.post("/api/v1/side-events", json={"title": "Ours"}, headers=token_for("austria")).json
    brazil = token_for("brazil")
    assert client.get(f"/api/v1/side-events/{draft['id']}", headers=brazil).status_code == 403
    assert client.put(f"/api/v1/side-events/{draft['id']}", json={"title": "Theirs"}, headers=brazil).status_code == 403
    assert client.post(f"/api/v1/side-events/{draft['id']}/submit", json=complete(), headers=brazil).status_code == 403
    assert client.delete(f"/api/v1/side-events/{draft['id']}", headers=brazil).status_code == 403
    assert client.get("/api/v1/side-events", headers=brazil).json == []
    db.session.rollback()
    assert db.session.get(SideEvent, draft["id"]).title == "Ours"
    everything = client.get("/api/v1/side-events", headers=token_for("secretariat")).json
    assert [e["id"] for e in everything] == [draft["id"]]


def test_huge_and_malformed_fields_are_refused(client, cs, window_open, token_for, db):
    austria = token_for("austria")
    for body, field in (
        (complete(description="x" * 1_000_000), "description"),
        (complete(contact_email="not-an-address"), "contact_email"),
        (complete(duration_minutes="ninety"), "duration_minutes"),
        (complete(format="hologram"), "format"),
        (complete(preferred_times=["next Thursday"]), "preferred_times"),
    ):
        refused = client.post("/api/v1/side-events/submit", json=body, headers=austria)
        assert refused.status_code == 422, body
        assert field in refused.json["errors"]
    assert client.post("/api/v1/side-events/submit", json=complete(title={"a": 1}), headers=austria).status_code == 400
    assert (
        client.post(
            "/api/v1/side-events/submit", data="{not json", headers={**austria, "Content-Type": "application/json"}
        ).status_code
        == 400
    )
    assert count(db) == 0


def test_a_non_member_state_cannot_organize_a_high_level_event(client, cs, window_open, token_for, db):
    refused = client.post("/api/v1/side-events/submit", json=complete(), headers=token_for("vngoc"))
    assert refused.status_code == 409 and "Member States" in refused.json["message"]
    assert count(db) == 0


def test_a_withdrawal_or_rejection_moves_the_waiting_list_up_and_is_logged(
    client, cs, window_open, delegation_tokens, token_for, db
):
    cs.rules.hl_cap_total = 2
    db.session.commit()
    heads = delegation_tokens(["AUT", "BRA", "KEN", "MEX"])
    ids = [client.post("/api/v1/side-events/submit", json=complete(), headers=heads[c]).json["id"] for c in heads]
    secretariat = token_for("secretariat")

    def statuses() -> list[str]:
        return [client.get(f"/api/v1/side-events/{i}", headers=secretariat).json["status"] for i in ids]

    assert statuses() == ["accepted", "accepted", "waitlisted", "waitlisted"]
    no_reason = client.post(f"/api/v1/side-events/{ids[1]}/reject", json={"reason": " "}, headers=secretariat)
    assert no_reason.status_code == 422
    assert (
        client.post(
            f"/api/v1/side-events/{ids[1]}/reject", json={"reason": "Not a high-level topic."}, headers=secretariat
        ).status_code
        == 200
    )
    assert statuses() == ["accepted", "rejected", "accepted", "waitlisted"]
    assert (
        client.post(f"/api/v1/side-events/{ids[0]}/reject", json={"reason": "x"}, headers=heads["AUT"]).status_code
        == 403
    )
    assert (
        client.post(
            f"/api/v1/side-events/{ids[0]}/withdraw", json={"reason": "Minister unavailable."}, headers=heads["AUT"]
        ).status_code
        == 200
    )
    assert statuses() == ["withdrawn", "rejected", "accepted", "accepted"]
    db.session.rollback()
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.feature == "side_events").order_by(AuditEntry.seq)
    ).all()
    rejected = next(e for e in entries if e.action == "rejected")
    assert rejected.actor.username == "secretariat" and rejected.reason == "Not a high-level topic."
    assert rejected.before["status"] == "accepted" and rejected.after["status"] == "rejected"
    promoted = [e for e in entries if e.action == "promoted" and e.record_id == ids[3]]
    assert len(promoted) == 1 and promoted[0].by_system and promoted[0].reason.startswith("Moved up")
    assert "was withdrawn" in promoted[0].cause and promoted[0].actor.username == "se-aut"


def test_the_html_form_saves_a_draft_refuses_an_incomplete_submit_and_submits(log_in, cs, window_open, db):
    client = log_in("austria")
    form = client.get("/side-events/new").get_data(as_text=True)
    assert "Apply for a side event" in form and 'name="submission_key"' in form
    saved = client.post(
        "/side-events/new", data={"title": "Prevention", "kind": "high_level", "save": "y", "submission_key": "h1"}
    )
    assert saved.status_code == 302
    event_id = int(saved.headers["Location"].rstrip("/").split("/")[-1])
    refused = client.post(
        f"/side-events/{event_id}/edit", data={"title": "Prevention", "kind": "high_level", "submit": "y"}
    )
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "The application is incomplete" in page and "Required to submit." in page
    data = {**complete(), "preferred_times": "2024-03-14 08:00", "submit": "y"}
    done = client.post(f"/side-events/{event_id}/edit", data=data, follow_redirects=True)
    assert "position 1 in the queue: accepted" in done.get_data(as_text=True)
    # a double click on the new-application form, with the same key, gives one application
    for _ in range(2):
        client.post("/side-events/new", data={**data, "title": "Twice", "submission_key": "h2"})
    db.session.rollback()
    assert db.session.scalar(select(func.count(SideEvent.id)).where(SideEvent.title == "Twice")) == 1
    assert "Prevention" in client.get("/delegations/AUT").get_data(as_text=True)


def test_the_queue_page_shows_receipt_times_to_the_millisecond(log_in, client, cs, window_open, token_for):
    client.post("/api/v1/side-events/submit", json=complete(), headers=token_for("austria"))
    log_in("secretariat")
    page = client.get("/side-events/queue").get_data(as_text=True)
    assert "Prevention that works" in page
    import re

    assert re.search(r"\d\d:\d\d:\d\d\.\d{3}</span></td>", page)  # the time in monospace, the date not
    log_in("austria")
    assert client.get("/side-events/queue").status_code == 403


def test_a_changed_cap_is_applied_to_the_queue_in_order(client, cs, window_open, delegation_tokens, token_for, db):
    heads = delegation_tokens(["AUT", "BRA", "KEN"])
    ids = [client.post("/api/v1/side-events/submit", json=complete(), headers=heads[c]).json["id"] for c in heads]
    rules = {
        k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in rules_as_form_data(cs).items() if v is not None
    }
    secretariat = token_for("secretariat")

    def set_cap(n: int) -> list:
        assert (
            client.put(
                "/api/v1/session/rules",
                json={**rules, "hl_cap_total": n, "hl_cap_per_organizer": 1},
                headers=secretariat,
            ).status_code
            == 200
        )
        return client.get("/api/v1/side-events/queue", headers=secretariat).json

    assert [(e["id"], e["status"]) for e in set_cap(1)] == [
        (ids[0], "accepted"),
        (ids[1], "waitlisted"),
        (ids[2], "waitlisted"),
    ]
    assert [e["status"] for e in set_cap(2)] == ["accepted", "accepted", "waitlisted"]


def test_the_record_of_an_application_is_shown_to_its_organizer(client, cs, window_open, token_for, log_in):
    event = client.post("/api/v1/side-events/submit", json=complete(), headers=token_for("austria")).json
    page = log_in("austria").get(f"/side-events/{event['id']}").get_data(as_text=True)
    assert "Record" in page and "position 1" in page and "accepted (seat 1 of 11)" in page
    assert f"<title>{event['title']} · meetings</title>" in page


FULL_QUEUE = [("austria", "AUT"), ("brazil", "BRA"), ("russia", "RUS"), ("china", "CHN"), ("uae", "ARE"),
              ("kenya", "KEN"), ("mexico", "MEX"), ("japan", "JPN"), ("nigeria", "NGA"), ("india", "IND"),
              ("germany", "DEU"), ("colombia", "COL")]  # fmt: skip


@pytest.fixture
def full_queue(db, cs):
    """The high-level queue as full as the demo's: eleven applications accepted, Colombia's waiting."""
    for n, (username, code) in enumerate(FULL_QUEUE, 1):
        factories.user(username, delegation=code)
        factories.side_event(cs, username, now=cs.rules.hl_window_opens + timedelta(seconds=n), title=f"Event {n}")
    db.session.commit()
    return cs


def test_raising_the_cap_in_the_rules_admits_the_next_in_the_queue(client, full_queue, db, token_for):
    """A full queue, as in the demo: 11 accepted, Colombia waiting; the secretariat allows a 12th event."""

    def colombia():
        db.session.rollback()
        return db.session.scalar(db.select(SideEvent).join(SideEvent.organizer).where(Delegation.code == "COL"))

    assert colombia().status == SideEventStatus.waitlisted
    form = {
        k: (v.isoformat() if hasattr(v, "isoformat") else v)
        for k, v in rules_as_form_data(full_queue).items()
        if v is not None
    }
    response = client.put("/api/v1/session/rules", json={**form, "hl_cap_total": 12}, headers=token_for("secretariat"))
    assert response.status_code == 200, response.get_json()
    assert colombia().status == SideEventStatus.accepted
    response = client.put("/api/v1/session/rules", json={**form, "hl_cap_total": 11}, headers=token_for("secretariat"))
    assert response.status_code == 200
    assert colombia().status == SideEventStatus.waitlisted


def test_a_rejection_page_with_an_over_long_reason_says_why_and_changes_nothing(
    client, cs, window_open, token_for, log_in, db
):
    event = client.post("/api/v1/side-events/submit", json=complete(), headers=token_for("austria")).json
    log_in("secretariat")
    page = client.post(f"/side-events/{event['id']}/reject", data={"reason": "x" * 2001}, follow_redirects=True)
    assert "Nothing was changed: Reason: Field cannot be longer than 2000 characters." in page.get_data(as_text=True)
    db.session.rollback()
    assert db.session.get(SideEvent, event["id"]).status == SideEventStatus.accepted
