"""The general debate and registration: a speaker chosen from the registered high-level participants, and a
speaker who is not registered shown as such to the secretariat (through meetings.hooks)."""

import re
from datetime import timedelta

from meetings.debate.models import Inscription
from meetings.timeutil import utcnow
from tests import factories
from tests.registration.helpers import participants, person, registered

NOT_REGISTERED = "not registered for the high-level segment"
AWAITING = "registered for the high-level segment, not yet approved"


def test_the_secretariat_sees_which_speakers_are_not_registered(client, cs, db, log_in):
    registered(cs, "AUT", [person()], approve=True)
    registered(cs, "CHN", [person(name="王小洪", title="", function="国务委员、公安部部长")])
    registered(cs, "KEN", [person(name="Kithure Kindiki", segment="regular")], approve=True)
    austria = factories.inscription(cs, "AUT", name="H.E. Mr. Alexander Schallenberg")
    factories.inscription(cs, "CHN", name="王小洪")
    kenya = factories.inscription(cs, "KEN", name="Kithure Kindiki")
    factories.inscription(cs, "BRA", name="Mauro Vieira")
    db.session.commit()
    assert client.get("/debate/").status_code == 302  # the public reads the published list
    log_in("brazil")
    delegation = client.get("/debate/").get_data(as_text=True)
    assert "Mauro Vieira" in delegation
    assert NOT_REGISTERED not in delegation and "not yet approved" not in delegation
    client.post("/logout")
    log_in("secretariat")
    page = client.get("/debate/").get_data(as_text=True)

    def note_of(name: str) -> str | None:
        cell = re.search(re.escape(name) + r"(.*?)</td>", page, re.S)
        found = re.search(r'badge unregistered">([^<]+)<', cell.group(1)) if cell else None
        return found.group(1) if found else None

    assert note_of("H.E. Mr. Alexander Schallenberg") is None
    assert note_of("王小洪") == AWAITING
    assert note_of("Kithure Kindiki") == NOT_REGISTERED  # registered for the regular segment only
    assert note_of("Mauro Vieira") == NOT_REGISTERED
    inscription_page = client.get(f"/debate/inscriptions/{kenya.id}").get_data(as_text=True)
    assert f'id="speaker-note">{NOT_REGISTERED}' in inscription_page
    assert 'id="speaker-note"' not in client.get(f"/debate/inscriptions/{austria.id}").get_data(as_text=True)
    client.post("/logout")
    log_in("kenya")
    own = client.get(f"/debate/inscriptions/{kenya.id}").get_data(as_text=True)
    assert 'id="speaker-note"' not in own and NOT_REGISTERED not in client.get("/debate/").get_data(as_text=True)


def test_a_delegation_chooses_its_speaker_from_its_registered_high_level_participants(client, cs, db, log_in):
    registered(cs, "AUT", [person(), person(name="Eva Huber", title="Dr.", function="Adviser",
                                            head_of_delegation=False, segment="regular")])  # fmt: skip
    cs.rules.gd_inscription_closes = utcnow() + timedelta(days=30)  # inscription open
    db.session.commit()
    minister = participants(db)[0]
    log_in("austria")
    page = client.get("/debate/inscribe").get_data(as_text=True)
    assert 'id="speaker-choices"' in page and f"?participant={minister.id}" in page
    assert "Eva Huber" not in page  # the regular segment only
    chosen = client.get(f"/debate/inscribe?participant={minister.id}").get_data(as_text=True)
    assert 'value="Alexander Schallenberg"' in chosen
    assert 'value="Federal Minister for European and International Affairs"' in chosen
    stranger = client.get("/debate/inscribe?participant=999999").get_data(as_text=True)
    assert 'value="Alexander Schallenberg"' not in stranger
    done = client.post("/debate/inscribe", data={"speaker_name": "Alexander Schallenberg", "level": "ministerial",
                       "speaker_title": "Federal Minister for European and International Affairs"})  # fmt: skip
    assert done.status_code == 302
    db.session.rollback()
    i = db.session.scalar(db.select(Inscription))
    assert i.speaker_name == "Alexander Schallenberg"
    change = client.get(f"/debate/inscriptions/{i.id}?participant={minister.id}").get_data(as_text=True)
    assert 'id="speaker-choices"' in change


def test_another_delegations_participants_are_not_offered(client, cs, db, log_in):
    registered(cs, "AUT", [person()])
    db.session.commit()
    minister = participants(db)[0]
    log_in("brazil")
    page = client.get(f"/debate/inscribe?participant={minister.id}").get_data(as_text=True)
    assert "Schallenberg" not in page and 'id="speaker-choices"' not in page


def test_the_api_gives_each_speakers_standing_to_the_secretariat_only(client, cs, db, token_for):
    registered(cs, "AUT", [person()], approve=True)
    registered(cs, "CHN", [person(name="王小洪", title="", function="国务委员、公安部部长")])
    factories.inscription(cs, "AUT", name="Alexander Schallenberg")
    factories.inscription(cs, "CHN", name="王小洪")
    factories.inscription(cs, "KEN", name="Kithure Kindiki")
    db.session.commit()
    url = "/api/v1/registration/speakers/standing"
    standing = client.get(url, headers=token_for("secretariat")).get_json()
    assert {s["delegation"]: s["standing"] for s in standing} == {
        "AUT": "approved", "CHN": "awaiting_approval", "KEN": "not_registered"}  # fmt: skip
    refused = client.get(url, headers=token_for("austria"))
    assert (
        refused.status_code == 403
        and refused.get_json()["message"] == "You are not allowed to do this: The secretariat."
    )
