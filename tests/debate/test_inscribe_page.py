"""The inscription page says when inscription has closed instead of offering a form that fails, and
shows the secretariat's field only to the secretariat."""

from datetime import timedelta

from sqlalchemy import func, select

from meetings.debate.models import Inscription
from meetings.timeutil import to_local, utcnow


def test_a_delegation_sees_no_delegation_field_and_the_secretariat_does(client, gd, log_in):
    log_in("austria")
    page = client.get("/debate/inscribe").get_data(as_text=True)
    assert 'name="speaker_name"' in page and 'name="delegation"' not in page and "Secretariat only" not in page
    client.post("/logout")
    log_in("secretariat")
    page = client.get("/debate/inscribe").get_data(as_text=True)
    assert 'name="delegation"' in page and "Delegation code" in page


def test_after_the_deadline_a_delegation_is_told_why_and_gets_no_form(client, gd, db, log_in):
    gd.rules.gd_inscription_closes = utcnow() - timedelta(hours=3)
    db.session.commit()
    closes = to_local(gd.rules.gd_inscription_closes, "Europe/Vienna")
    log_in("austria")
    page = client.get("/debate/inscribe").get_data(as_text=True)
    assert f"Inscription closed on {closes:%d %B %Y at %H:%M}" in page
    assert "The secretariat can still add a speaker at the end of the list" in page
    assert 'name="speaker_name"' not in page
    posted = client.post("/debate/inscribe", data={"speaker_name": "Anyway", "level": "ministerial"})
    assert posted.status_code == 400 and "Inscription closed on" in posted.get_data(as_text=True)
    db.session.rollback()
    assert db.session.scalar(select(func.count(Inscription.id))) == 0


def test_after_the_deadline_the_secretariat_still_adds_a_speaker_at_the_end(client, gd, db, log_in):
    gd.rules.gd_inscription_closes = utcnow() - timedelta(hours=3)
    db.session.commit()
    log_in("secretariat")
    page = client.get("/debate/inscribe").get_data(as_text=True)
    assert 'name="speaker_name"' in page and "goes to the end of the list" in page
    done = client.post("/debate/inscribe", data={"delegation": "AUT", "speaker_name": "Late", "level": "ministerial"})
    assert done.status_code == 302
    db.session.rollback()
    assert db.session.scalar(select(Inscription)).late is True
