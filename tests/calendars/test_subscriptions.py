"""Secret feed addresses (point 8): subscribe without logging in, renew, revoke; what only the delegation sees."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.auth.services import disable_user
from meetings.calendars.models import CalendarAddress
from meetings.roundtables.nominations import create_roundtable, nominate
from tests import factories
from tests.calendars.helpers import Khal, fetch, read

LOCAL = "http://localhost"


@pytest.fixture
def pending(db):
    """CND 67 with one high-level seat: Austria's first application accepted (not scheduled yet), its second
    on the waiting list; Roundtable 1 with Austria's co-chair nomination awaiting the secretariat."""
    cs = factories.cnd67(hl_cap_total=1)
    secretariat = factories.user("secretariat")
    factories.side_event(cs, "austria", title="Prevention that works")
    factories.side_event(cs, "austria", title="Drug checking", preferred_times=[datetime(2024, 3, 15, 11, 0)],
                         duration_minutes=60)  # fmt: skip
    block = factories.blocks_of(cs, "roundtable")[0]
    rt = create_roundtable(cs, secretariat, block_id=block.id, number=1, topic="Taking stock")
    nominate(cs, factories.user("austria"), rt, delegation=factories.delegations("AUT")["AUT"],
             nominee_name="Ms. Anna Gruber", nominee_title="Ambassador", now=datetime(2024, 3, 1, tzinfo=UTC))  # fmt: skip
    db.session.commit()
    return cs


def addresses(client, headers) -> dict:
    response = client.get("/api/v1/calendars/addresses", headers=headers)
    assert response.status_code == 200, response.json
    return {a["kind"]: a for a in response.json["addresses"]}


def path(url: str) -> str:
    assert url.startswith(LOCAL + "/calendars/") and url.endswith(".ics"), url
    return url.removeprefix(LOCAL)


def entries(db, action: str | None = None) -> list[AuditEntry]:
    db.session.rollback()
    query = select(AuditEntry).where(AuditEntry.feature == "calendars").order_by(AuditEntry.seq)
    return [e for e in db.session.scalars(query) if action is None or e.action == action]


def test_the_secret_feed_holds_what_awaits_a_decision_and_the_public_one_does_not(client, pending, token_for,
                                                                                 tmp_path):  # fmt: skip
    mine = addresses(client, token_for("austria"))
    assert mine["delegation"]["delegation"] == "AUT" and mine["user"]["user"] == "austria"
    assert mine["delegation"]["webcal"] == "webcal://" + mine["delegation"]["url"].removeprefix("http://")
    secret = client.get(path(mine["delegation"]["url"]))  # no login, no token: the address is the key
    assert secret.status_code == 200 and secret.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in secret.headers["Cache-Control"] and secret.headers["X-Robots-Tag"] == "noindex"
    events = read(secret.data)
    tentative = sorted((e for e in events.values() if e.uid.startswith("side-event-")), key=lambda e: e.start)
    assert [(e.status, e.start.strftime("%d %H:%M")) for e in tentative] == [("TENTATIVE", "14 08:00"),
                                                                              ("TENTATIVE", "15 11:00")]  # fmt: skip
    assert "Accepted: seat 1 of 1." in tentative[0].description
    assert "On the waiting list as number 1" in tentative[1].description
    roundtable = next(e for e in events.values() if e.uid.startswith("block-"))
    assert "Co-chair nominated: Ms. Anna Gruber, Ambassador, awaiting the secretariat's decision" in (
        roundtable.description)  # fmt: skip
    assert roundtable.url == f"{LOCAL}/roundtables/1"

    public = fetch(client, "/delegations/AUT/agenda.ics")
    assert public == {}  # nothing decided yet: nothing public
    assert "Anna Gruber" not in client.get("/session/agenda.ics").get_data(True)
    # the user's own address: the same calendar
    assert set(fetch(client, path(mine["user"]["url"]))) == set(events)
    khal = Khal(tmp_path)
    khal.import_feed(secret.data)
    assert {(e["title"], e["status"]) for e in khal.events("2024-03-14", "2d")} >= {
        ("High-level side event: Prevention that works", "TENTATIVE")}  # fmt: skip


def test_once_scheduled_the_event_is_confirmed_with_a_higher_sequence_in_the_secret_and_public_feeds(
    client, pending, token_for, db
):
    secret = path(addresses(client, token_for("austria"))["delegation"]["url"])
    [accepted] = [e for e in read(client.get(secret).data).values() if "Prevention" in e.summary]
    event_id = int(accepted.uid.removeprefix("side-event-").split("@")[0])
    room = next(r.id for r in pending.rooms if r.name == "Conference Room C3")
    put = client.put(f"/api/v1/side-events/{event_id}/schedule", headers=token_for("secretariat"),
                     json={"day": "2024-03-14", "start": "13:00", "room_id": room})  # fmt: skip
    assert put.status_code == 200
    for url in (secret, "/delegations/AUT/agenda.ics", "/session/agenda.ics"):
        now = fetch(client, url)[accepted.uid]
        assert (now.status, now.start.hour, now.sequence) == ("CONFIRMED", 13, accepted.sequence + 1), url


def test_renewing_makes_the_old_address_gone_and_writes_one_entry(client, pending, token_for, db, tmp_path):
    austria = token_for("austria")
    old = addresses(client, austria)["delegation"]
    assert client.get(path(old["url"])).status_code == 200
    renewed = client.post("/api/v1/calendars/delegations/AUT/renew", json={}, headers=austria)
    assert renewed.status_code == 200 and renewed.json["version"] == 2 and renewed.json["url"] != old["url"]
    gone = client.get(path(old["url"]))
    assert gone.status_code == 410
    assert "renewed or revoked" in gone.get_data(True)
    assert client.get(path(renewed.json["url"])).status_code == 200
    assert addresses(client, austria)["delegation"]["url"] == renewed.json["url"]
    [entry] = entries(db)
    assert (entry.action, entry.actor.username, entry.delegation.code) == ("calendar_address_renewed", "austria", "AUT")
    assert entry.before == {"version": 1, "active": True} and entry.after == {"version": 2, "active": True}
    assert entry.record_label == "Austria's calendar address"
    # the secretariat can renew it too, for the delegation
    assert client.post("/api/v1/calendars/delegations/AUT/renew", json={}, headers=token_for("secretariat")).json[
        "version"] == 3  # fmt: skip
    assert client.get(path(renewed.json["url"])).status_code == 410
    assert len(entries(db)) == 2


def test_revoking_stops_the_address_until_it_is_renewed_and_a_second_revocation_is_refused(client, pending,
                                                                                           token_for, db):  # fmt: skip
    austria = token_for("austria")
    own = addresses(client, austria)["user"]
    revoked = client.post("/api/v1/calendars/mine/revoke", json={}, headers=austria)
    assert revoked.status_code == 200 and revoked.json == {"kind": "user", "user": "austria", "version": 1,
                                                           "active": False, "url": None, "webcal": None}  # fmt: skip
    assert client.get(path(own["url"])).status_code == 410
    again = client.post("/api/v1/calendars/mine/revoke", json={}, headers=austria)
    assert again.status_code == 409
    assert again.json["message"] == "This calendar address is already revoked: renew it to have one again."
    assert [e.action for e in entries(db)] == ["calendar_address_revoked"]  # the refusal wrote nothing
    renewed = client.post("/api/v1/calendars/mine/renew", json={}, headers=austria).json
    assert renewed["active"] and renewed["version"] == 2
    assert client.get(path(own["url"])).status_code == 410  # the revoked one stays dead
    assert client.get(path(renewed["url"])).status_code == 200
    # the delegation's address is another one: untouched
    assert client.get(path(addresses(client, austria)["delegation"]["url"])).status_code == 200
    assert [e.action for e in entries(db)] == ["calendar_address_revoked", "calendar_address_renewed"]


def test_only_the_delegation_and_the_secretariat_change_its_address(client, pending, token_for, db):
    for who, status in (("kenya", 403), ("chair", 403)):
        for action in ("renew", "revoke"):
            refused = client.post(f"/api/v1/calendars/delegations/AUT/{action}", json={}, headers=token_for(who))
            assert refused.status_code == status, (who, action)
    assert client.get("/api/v1/calendars/delegations/AUT", headers=token_for("kenya")).status_code == 403
    assert client.post("/api/v1/calendars/delegations/AUT/renew", json={}).status_code == 401
    assert client.post("/api/v1/calendars/delegations/ZZZ/renew", json={},
                       headers=token_for("secretariat")).status_code == 404  # fmt: skip
    assert client.post("/api/v1/calendars/delegations/AUT/renew", data="[1]", content_type="application/json",
                       headers=token_for("austria")).status_code == 400  # fmt: skip
    assert entries(db) == []
    db.session.rollback()
    assert db.session.scalar(select(func.count(CalendarAddress.id))) == 0
    # the secretariat sees any delegation's address; the chair's own address holds the public agenda
    assert client.get("/api/v1/calendars/delegations/AUT", headers=token_for("secretariat")).json["version"] == 1
    chair = addresses(client, token_for("chair"))
    assert set(chair) == {"user"}
    assert not any("side-event" in uid for uid in fetch(client, path(chair["user"]["url"])))


def test_a_wrong_address_is_not_found_and_a_disabled_users_is_gone(client, pending, token_for, db):
    url = path(addresses(client, token_for("austria"))["user"]["url"])
    token = url.removeprefix("/calendars/").removesuffix(".ics")
    assert client.get("/calendars/nothing-here.ics").status_code == 404
    assert client.get(f"/calendars/{token[:-2]}xx.ics").status_code == 404  # a signature that does not match
    disable_user(factories.user("secretariat"), "austria", "left the mission")
    db.session.commit()
    assert client.get(url).status_code == 410


def test_a_users_feed_speaks_the_users_language(client, pending, token_for):
    austria = token_for("austria")
    assert client.post("/api/v1/me/language", json={"language": "fr"}, headers=austria).status_code == 200
    own = path(addresses(client, austria)["user"]["url"])
    french = read(client.get(own).data)
    assert any(e.summary.startswith("Manifestation parallèle de haut niveau : ") for e in french.values())
    english = read(client.get(own + "?lang=en").data)
    assert any(e.summary.startswith("High-level side event: ") for e in english.values())
    assert {u: e.sequence for u, e in french.items()} == {u: e.sequence for u, e in english.items()}


def test_the_home_page_shows_the_addresses_and_renews_them(client, pending, log_in, db):
    browser = log_in("austria")
    page = browser.get("/delegations/AUT").get_data(True)
    assert 'id="calendar-subscriptions"' in page and "webcal://localhost/calendars/" in page
    old = addresses(browser, {})["delegation"]["url"]
    assert old in page
    done = browser.post("/calendars/delegations/AUT/renew", data={"next": "/delegations/AUT"})
    assert done.status_code == 302 and done.headers["Location"].endswith("/delegations/AUT")
    page = browser.get("/delegations/AUT").get_data(True)
    assert old not in page and "has a new calendar address" in page
    assert browser.get(path(old)).status_code == 410
    # a page of another site is never where the form returns to
    away = browser.post("/calendars/mine/revoke", data={"next": "https://elsewhere.example/"})
    assert away.status_code == 302 and away.headers["Location"] == "/home"  # which leads to the delegation's page
    assert [e.action for e in entries(db)] == ["calendar_address_renewed", "calendar_address_revoked"]
    # someone else's delegation: refused, nothing changed
    assert browser.post("/calendars/delegations/KEN/renew", data={"next": "/"}).status_code == 403
    assert len(entries(db)) == 2
    assert client.post("/logout").status_code in (302, 200)
    assert client.post("/calendars/mine/renew", data={}).status_code == 302  # to the login page
    assert len(entries(db)) == 2
