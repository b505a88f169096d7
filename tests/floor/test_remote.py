"""Remote participation on the floor: a remote general-debate speaker and a remote request for the floor
carry the connection link to the console (the chair, the secretariat) and never to the projector or
the public list."""

from datetime import timedelta

from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.debate.models import Inscription
from meetings.floor import services
from meetings.programme.models import BlockKind
from meetings.timeutil import utcnow
from tests import factories
from tests.floor.conftest import chair
from tests.working_list import as_secretariat

LINK = "https://meet.example.org/cnd67-austria"


def _remote_of(db, inscription_id: int) -> tuple[bool, str]:
    db.session.rollback()
    i = db.session.get(Inscription, inscription_id)
    return i.remote, i.connection_link


def _entries(db, action: str) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == action))


def test_a_delegation_marks_its_speaker_remote_and_only_the_console_gets_the_link(db, client, token_for, log_in):
    cs = factories.cnd67(gd_inscription_closes=utcnow() + timedelta(days=1))
    austria = factories.inscription(cs, "AUT")
    factories.inscription(cs, "KEN")
    db.session.commit()
    url = f"/api/v1/debate/inscriptions/{austria.id}/remote"
    done = client.put(url, json={"remote": True, "connection_link": LINK}, headers=token_for("austria"))
    assert done.status_code == 200 and done.get_json() == {"id": austria.id, "remote": True, "connection_link": LINK}
    assert _entries(db, "remote_set") == 1
    public = client.get("/api/v1/debate/list", headers=as_secretariat())
    assert LINK not in public.text
    assert [s["remote"] for s in public.get_json()["speakers"] if s["delegation"] == "AUT"] == [True]
    # the lots drawn, the chair loads the meeting's speakers: the remote one brings its link to the console
    cs = db.session.merge(cs)
    factories.draw(cs)
    block = factories.blocks_of(cs, BlockKind.general_debate)[0]
    services.load_lineup(block, chair(db))
    db.session.commit()
    console = client.get(f"/api/v1/floor/blocks/{block.id}", headers=token_for("chair")).get_json()
    remote_turns = [t for t in console["next"] if t["remote"]]
    assert [t["delegation_code"] for t in remote_turns] == ["AUT"]
    assert console["connection_links"] == {str(remote_turns[0]["id"]): LINK}
    screen = client.get(f"/floor/rooms/{block.room_id}/state.json")
    assert LINK not in screen.text
    log_in("chair")
    page = client.get(f"/floor/blocks/{block.id}").text
    assert LINK in page
    log_in("kenya")
    assert client.get(f"/floor/blocks/{block.id}").status_code == 403


def test_a_bad_link_or_another_delegation_changes_nothing(db, client, token_for, log_in):
    cs = factories.cnd67(gd_inscription_closes=utcnow() + timedelta(days=1))
    austria = factories.inscription(cs, "AUT")
    db.session.commit()
    url = f"/api/v1/debate/inscriptions/{austria.id}/remote"
    for bad in ("javascript:alert(1)", "http://meet.example.org/x", "https://meet example.org", "x" * 501):
        refused = client.put(url, json={"remote": True, "connection_link": bad}, headers=token_for("austria"))
        assert refused.status_code == 422, bad
        assert "connection_link" in refused.get_json()["errors"]
    other = client.put(url, json={"remote": True, "connection_link": LINK}, headers=token_for("kenya"))
    assert other.status_code == 403
    assert other.get_json()["message"] == (
        "Only the delegation of this speaker and the secretariat say how the speaker takes part."
    )
    db.session.rollback()
    assert _remote_of(db, austria.id)[1] == ""
    assert _entries(db, "remote_set") == 0
    # the page: the delegation sets it on its inscription's page; a refusal shows on the form
    log_in("austria")
    page = client.post(f"/debate/inscriptions/{austria.id}/remote", data={"remote": "y", "connection_link": "ftp://x"})
    assert page.status_code == 400 and "https://" in page.text
    saved = client.post(f"/debate/inscriptions/{austria.id}/remote", data={"remote": "y", "connection_link": LINK},
                        follow_redirects=True)  # fmt: skip
    assert "Saved: how the speaker takes part." in saved.text and 'id="remote-status"' in saved.text
    assert _remote_of(db, austria.id) == (True, LINK)


def test_a_remote_request_for_the_floor_brings_its_link_to_the_console_only(db, client, rt_block, token_for):
    base = f"/api/v1/floor/blocks/{rt_block.id}"
    asked = client.post(f"{base}/requests", json={"remote": True, "connection_link": LINK},
                        headers=token_for("austria"))  # fmt: skip
    assert asked.status_code == 201
    console = client.get(base, headers=token_for("chair")).get_json()
    assert [(r["delegation_code"], r["connection_link"]) for r in console["requests"] if r["remote"]] == [("AUT", LINK)]
    turn = client.post(f"{base}/requests/{asked.get_json()['id']}/grant", json={}, headers=token_for("chair"))
    assert turn.get_json()["remote"] is True and "connection_link" not in turn.get_json()
    assert client.get(base, headers=token_for("chair")).get_json()["connection_links"] == {
        str(turn.get_json()["id"]): LINK
    }
    bad = client.post(f"{base}/requests", json={"remote": True, "connection_link": "javascript:x"},
                      headers=token_for("kenya"))  # fmt: skip
    assert bad.status_code == 422
