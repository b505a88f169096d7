"""A virtual side event's meeting link: set by its organizer, read by the organizer, the secretariat and the
delegations registered for the session, never on a public page, in the programme or in a calendar."""

from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.side_events.models import SideEvent
from tests.registration.helpers import person, registered
from tests.side_events.test_schedule import accepted, put, room

LINK = "https://meet.example.org/cnd67-prevention"


def _link_of(db, event_id: int) -> str:
    db.session.rollback()
    return db.session.get(SideEvent, event_id).meeting_link


def test_the_link_is_for_the_organizer_and_the_secretariat_never_public(client, cs, token_for, db, log_in):
    (virtual,) = accepted(db, cs, "austria", format="virtual")
    put(client, token_for("secretariat"), virtual.id, "2024-03-14", "08:00", room(db, "Conference Room C3"))
    url = f"/api/v1/side-events/{virtual.id}/meeting-link"
    done = client.put(url, json={"meeting_link": LINK}, headers=token_for("austria"))
    assert done.status_code == 200 and done.get_json()["meeting_link"] == LINK
    assert db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "meeting_link_set")) == 1
    assert (
        client.get(f"/api/v1/side-events/{virtual.id}", headers=token_for("austria")).get_json()["meeting_link"] == LINK
    )
    assert (
        client.get(f"/api/v1/side-events/{virtual.id}", headers=token_for("secretariat")).get_json()["meeting_link"]
        == LINK
    )
    # public: the event's page, the API, the programme and its PDF, every calendar
    for path in (f"/side-events/{virtual.id}", f"/api/v1/side-events/{virtual.id}", "/api/v1/side-events/programme",
                 f"/side-events/{virtual.id}.ics", "/session/agenda.ics", "/side-events/"):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 200, path
        assert LINK not in response.get_data(as_text=True), path
    # another delegation that is not registered for the session does not see it; once its registration is
    # approved, it does
    assert "meeting_link" not in client.get(f"/api/v1/side-events/{virtual.id}", headers=token_for("brazil")).get_json()
    registered(db.session.merge(cs), "BRA", [person(name="Sra. Ana Lima")], approve=True)
    db.session.commit()
    assert (
        client.get(f"/api/v1/side-events/{virtual.id}", headers=token_for("brazil")).get_json()["meeting_link"] == LINK
    )
    registered(db.session.merge(cs), "KEN", [person(name="Ms. Achieng")])  # submitted, not approved
    db.session.commit()
    assert "meeting_link" not in client.get(f"/api/v1/side-events/{virtual.id}", headers=token_for("kenya")).get_json()
    log_in("austria")
    assert 'id="meeting-link"' in client.get(f"/side-events/{virtual.id}").text


def test_an_in_person_event_a_bad_link_or_another_delegation_changes_nothing(client, cs, token_for, db, log_in):
    in_person, virtual = accepted(db, cs, "austria", "kenya", format="in_person")
    db.session.get(SideEvent, virtual.id).format = "virtual"
    db.session.commit()
    refused = client.put(f"/api/v1/side-events/{in_person.id}/meeting-link", json={"meeting_link": LINK},
                         headers=token_for("austria"))  # fmt: skip
    assert refused.status_code == 409
    assert refused.get_json()["message"] == (
        "Only a virtual side event has a meeting link; this one takes place in person."
    )
    url = f"/api/v1/side-events/{virtual.id}/meeting-link"
    for bad in ("javascript:alert(1)", "http://meet.example.org", "https:// spaced", "https://x.org/" + "a" * 500):
        assert client.put(url, json={"meeting_link": bad}, headers=token_for("kenya")).status_code == 422, bad
    other = client.put(url, json={"meeting_link": LINK}, headers=token_for("austria"))
    assert other.status_code == 403
    assert _link_of(db, virtual.id) == "" and _link_of(db, in_person.id) == ""
    log_in("kenya")
    saved = client.post(f"/side-events/{virtual.id}/meeting-link", data={"meeting_link": LINK}, follow_redirects=True)
    assert "The meeting link is saved." in saved.text and _link_of(db, virtual.id) == LINK
