"""The registration's pages: a delegation registers on its page, the secretariat decides, the lists, the
delegations not registered for the high-level segment, the home page's section and the navigation."""

import io

from meetings.registration.models import RegistrationStatus
from tests.registration.helpers import PDF, participants, person, registered, registration


def form(**over) -> dict:
    values = {k: v for k, v in person(**over).items() if v is not False}
    return {**values, "head_of_delegation": "y"} if values.get("head_of_delegation") else values


def test_a_delegation_registers_on_its_page(client, cs, db, log_in):
    log_in("austria")
    assert client.get("/registration/").headers["Location"].endswith("/registration/delegations/AUT")
    page = client.get("/registration/delegations/AUT").get_data(as_text=True)
    assert "Register a participant" in page and "has not begun its registration" in page
    assert client.post("/registration/delegations/AUT/participants", data=form()).status_code == 302
    wrong = client.post("/registration/delegations/AUT/participants",
                        data=form(name="Eva Huber", head_of_delegation=False, segment="plenary"))  # fmt: skip
    assert wrong.status_code == 422 and "Choose the segment: high-level, regular or both." in wrong.get_data(
        as_text=True
    )
    second_head = client.post("/registration/delegations/AUT/participants", data=form(name="Eva Huber"))
    assert second_head.status_code == 409
    assert "Alexander Schallenberg is already the head of delegation" in second_head.get_data(as_text=True)
    long_name = client.post("/registration/delegations/AUT/participants",
                            data=form(name="N" * 300, head_of_delegation=False))  # fmt: skip
    assert long_name.status_code == 422 and "At most 200 characters." in long_name.get_data(as_text=True)
    text = client.post("/registration/delegations/AUT/note-verbale", content_type="multipart/form-data",
                       data={"note_verbale": (io.BytesIO(b"Dear colleagues"), "note.txt")})  # fmt: skip
    assert text.status_code == 400 and "The note verbale must be a PDF file." in text.get_data(as_text=True)
    assert [p.name for p in participants(db)] == ["Alexander Schallenberg"]
    assert registration(db).note_verbale_file is None
    ok = client.post("/registration/delegations/AUT/note-verbale", content_type="multipart/form-data",
                     data={"note_verbale": (io.BytesIO(PDF), "note.pdf")})  # fmt: skip
    assert ok.status_code == 302
    assert client.get("/registration/delegations/AUT/note-verbale.pdf").data == PDF
    assert client.post("/registration/delegations/AUT/submit").status_code == 302
    page = client.get("/registration/delegations/AUT").get_data(as_text=True)
    assert "The registration is submitted; the secretariat will approve it or return it." in page
    assert "Submitted on" in page and "Register a participant" not in page
    twice = client.post("/registration/delegations/AUT/submit", follow_redirects=True).get_data(as_text=True)
    assert "already submitted" in twice
    p = participants(db)[0]
    changed = client.post(f"/registration/participants/{p.id}", data={f"p{p.id}-{k}": v for k, v in form().items()})
    assert changed.status_code == 409 and "is with the secretariat" in changed.get_data(as_text=True)


def test_the_secretariat_returns_with_a_reason_then_approves_on_the_page(client, cs, db, log_in):
    registered(cs)
    db.session.commit()
    log_in("secretariat")
    page = client.get("/registration/delegations/AUT").get_data(as_text=True)
    assert "Approve the registration" in page and "Return the registration to the delegation" in page
    empty = client.post("/registration/delegations/AUT/return", data={"reason": ""})
    assert empty.status_code == 422 and "Give a reason." in empty.get_data(as_text=True)
    assert registration(db).status == RegistrationStatus.submitted
    reason = "Please send the note verbale signed by the Permanent Representative."
    assert client.post("/registration/delegations/AUT/return", data={"reason": reason}).status_code == 302
    overview = client.get("/registration/").get_data(as_text=True)
    assert "Returned: " + reason in overview
    client.post("/logout")
    log_in("austria")
    mine = client.get("/registration/delegations/AUT").get_data(as_text=True)
    assert reason in mine and "Returned by the secretariat on" in mine and "Register a participant" in mine
    home = client.get("/delegations/AUT").get_data(as_text=True)
    assert 'id="registration"' in home and reason in home
    assert client.post("/registration/delegations/AUT/approve").status_code == 403
    client.post("/registration/delegations/AUT/submit")
    client.post("/logout")
    log_in("secretariat")
    assert client.post("/registration/delegations/AUT/approve").status_code == 302
    assert registration(db).status == RegistrationStatus.approved
    assert "Registered and approved for the high-level segment." in client.get("/registration/delegations/AUT").get_data(
        as_text=True)  # fmt: skip


def test_a_delegation_cannot_open_or_change_another_delegations_registration(client, cs, db, log_in):
    registered(cs)
    db.session.commit()
    log_in("brazil")
    p = participants(db)[0]
    assert client.get("/registration/delegations/AUT").status_code == 403
    assert client.get("/registration/delegations/AUT/note-verbale.pdf").status_code == 403
    assert client.post("/registration/delegations/AUT/participants", data=form(name="Intruder")).status_code == 403
    assert client.post(f"/registration/participants/{p.id}", data={}).status_code == 403
    assert client.post(f"/registration/participants/{p.id}/remove").status_code == 403
    assert client.post("/registration/delegations/AUT/reopen").status_code == 403
    assert client.get("/registration/high-level/missing").status_code == 403
    lists = client.get("/registration/lists").get_data(as_text=True)
    assert "Schallenberg" not in lists
    assert [x.name for x in participants(db)] == ["Alexander Schallenberg"]


def test_the_navigation_shows_registration_to_delegations_and_the_secretariat(client, cs, log_in):
    assert 'href="/registration/"' not in client.get("/").get_data(as_text=True)
    assert client.get("/registration/").status_code == 302  # to the login page
    log_in("kenya")
    assert 'href="/registration/"' in client.get("/").get_data(as_text=True)
    client.post("/logout")
    log_in("chair")
    assert 'href="/registration/"' not in client.get("/").get_data(as_text=True)
    assert client.get("/registration/").status_code == 403


def test_lists_per_segment_with_counts_csv_and_the_delegations_not_registered(client, cs, db, log_in):
    registered(
        cs, "AUT", [person(), person(name="Anna Gruber", head_of_delegation=False, segment="both")], approve=True
    )
    registered(cs, "KEN", [person(name="Peter Mwangi Kamau", segment="regular")])
    registered(cs, "RUS", [person(name="Сергей Лавров")], submit=False)
    db.session.commit()
    log_in("secretariat")
    page = client.get("/registration/lists").get_data(as_text=True)
    assert "Сергей Лавров" not in page  # a draft is the delegation's own
    assert 'id="total-high_level">2 participants · 1 delegation' in page
    assert 'id="total-regular">2 participants · 2 delegations' in page
    regular = client.get("/registration/lists?segment=regular").get_data(as_text=True)
    assert "Peter Mwangi Kamau" in regular and "Anna Gruber" in regular and "Alexander Schallenberg" not in regular
    csv = client.get("/registration/lists.csv?group=WEOG").get_data(as_text=True)
    lines = csv.strip().splitlines()
    assert lines[0].lstrip("\ufeff").startswith("Segment,Delegation,Code,Regional group,Name,Title,Function")
    assert len(lines) == 4  # Austria: two in the high-level list, Anna Gruber again in the regular one
    assert sum("Anna Gruber" in line for line in lines) == 2
    wrong = client.get("/registration/lists?segment=plenary")
    assert wrong.status_code == 400 and "Choose one of the listed values" in wrong.get_data(as_text=True)
    assert client.get("/registration/lists.csv?segment=plenary").status_code == 400
    missing = client.get("/registration/high-level/missing").get_data(as_text=True)
    assert 'id="missing-AUT"' not in missing and 'id="missing-KEN"' in missing and 'id="missing-RUS"' in missing
    assert "No participant in the high-level segment" in missing and "Registration begun, not submitted" in missing
    assert 'id="missing-BRA"' in missing and "No registration" in missing
    csv = client.get("/registration/high-level/missing.csv?q=russia").get_data(as_text=True)
    assert "RUS" in csv and "BRA" not in csv
    client.post("/logout")
    log_in("russia")
    own = client.get("/registration/lists").get_data(as_text=True)
    assert "Сергей Лавров" in own and "Schallenberg" not in own
