"""Publishing numbered versions of the speakers list and the side-event programme: what the public
reads, the change log, the refusals, the PDF stamp, the Atom feed and the delegation's notice."""

from datetime import timedelta
from xml.etree import ElementTree as ET

import pytest
from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.debate import withdrawals
from meetings.debate.levels import change_speaker
from meetings.programme.models import Room
from meetings.publication.models import PublishedVersion
from meetings.side_events import services as side_events
from meetings.side_events.scheduling import schedule
from meetings.timeutil import utcnow
from tests import factories
from tests.pdfs import page_image, text_of

ATOM = "{http://www.w3.org/2005/Atom}"
NOTHING = "Nothing has changed in the speakers list since version 2 was published: no new version was made."


def versions(db) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count(PublishedVersion.id)))


def audit_entries(db) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count(AuditEntry.id)))


@pytest.fixture
def listed(cs, db):
    """Austria, Kenya and Peru inscribed and drawn; nothing published."""
    cs.rules.gd_inscription_closes = utcnow() + timedelta(days=1)
    for code in ("AUT", "KEN", "PER"):
        factories.inscription(cs, code, name=f"Speaker of {code}", title="Minister")
    factories.draw(cs)
    db.session.commit()
    return cs


def publish(client, headers, kind="speakers_list"):
    return client.post(f"/api/v1/publication/{kind}", json={}, headers=headers)


def national(cs, code):
    from meetings.debate.services import national_of

    return national_of(cs, code)


def test_before_anything_is_published_the_public_pages_say_so(client, listed, token_for):
    for slug in ("speakers-list", "side-event-programme"):
        page = client.get(f"/session/{slug}")
        assert page.status_code == 200
        assert "Nothing has been published yet" in page.text
        assert "Speaker of AUT" not in page.text  # never the working state
        assert client.get(f"/session/{slug}.pdf").status_code == 404
    listing = client.get("/api/v1/publication/speakers_list")
    assert listing.status_code == 200 and listing.json == {"kind": "speakers_list", "latest": None, "versions": []}


def test_publishing_numbers_versions_and_keeps_the_earlier_ones_readable(client, listed, token_for, db):
    sec = token_for("secretariat")
    preview = client.get("/api/v1/publication/speakers_list/preview", headers=sec)
    assert preview.status_code == 200 and preview.json["next"] == 1
    assert preview.json["change_log"] == ["First published version: 3 speakers."]
    first = publish(client, sec)
    assert first.status_code == 201 and first.json["number"] == 1
    assert [r["delegation"] for r in first.json["rows"]] == [r["delegation"] for r in preview.json["rows"]]

    secretariat = factories.user("secretariat")
    withdrawals.withdraw(listed, secretariat, national(listed, "KEN"), "The minister cannot travel.")
    change_speaker(listed, secretariat, national(listed, "PER"), speaker_name="Ms. Ana Cecilia Gervasi",
                   speaker_title="H.E.", level="ministerial")  # fmt: skip
    db.session.commit()
    # The public still reads version 1 until the secretariat publishes: never the working state.
    assert "Speaker of KEN" in client.get("/session/speakers-list").text
    preview = client.get("/api/v1/publication/speakers_list/preview", headers=sec).json
    assert preview["next"] == 2
    assert "Kenya withdrawn." in preview["change_log"]
    assert "New speaker for Peru: H.E. Ms. Ana Cecilia Gervasi." in preview["change_log"]
    assert versions(db) == 1  # a preview writes nothing

    entries = audit_entries(db)
    second = publish(client, sec)
    assert second.status_code == 201 and second.json["number"] == 2
    assert audit_entries(db) == entries + 1  # publishing is one audit entry
    entry = db.session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
    assert (entry.feature, entry.action, entry.record_label) == ("publication", "published",
                                                                 "Version 2 of the speakers list")  # fmt: skip

    latest = client.get("/session/speakers-list")
    assert "Version 2" in latest.text and "Speaker of KEN" not in latest.text and "Ana Cecilia Gervasi" in latest.text
    assert "Kenya withdrawn." in latest.text
    assert 'type="application/atom+xml"' in latest.text
    earlier = client.get("/session/speakers-list/v/1")
    assert (
        earlier.status_code == 200
        and "Speaker of KEN" in earlier.text
        and "This is an earlier version." in earlier.text
    )
    api = client.get("/api/v1/publication/speakers_list").json
    assert api["latest"] == 2 and [v["number"] for v in api["versions"]] == [2, 1]
    one = client.get("/api/v1/publication/speakers_list/1").json
    assert "KEN" in [r["delegation"] for r in one["rows"]]


def test_nothing_changed_is_refused_with_a_sentence_and_writes_nothing(client, listed, token_for, db):
    sec = token_for("secretariat")
    assert publish(client, sec).status_code == 201
    factories.inscription(listed, "BRA", name="Speaker of BRA")  # a late speaker, at the end of the list
    db.session.commit()
    assert publish(client, sec).status_code == 201
    count, entries = versions(db), audit_entries(db)
    again = publish(client, sec)
    assert again.status_code == 409 and again.json["message"] == NOTHING
    assert (versions(db), audit_entries(db)) == (count, entries)
    preview = client.get("/api/v1/publication/speakers_list/preview", headers=sec).json
    assert preview["nothing_changed"] == NOTHING and preview["next"] is None


def test_refusals_who_and_what(client, listed, token_for, db, log_in):
    austria = token_for("austria")
    refused = publish(client, austria)
    assert refused.status_code == 403 and "secretariat" in refused.json["message"]
    assert client.get("/api/v1/publication/speakers_list/preview", headers=austria).status_code == 403
    assert client.post("/api/v1/publication/speakers_list", json={}).status_code == 401
    assert versions(db) == 0
    sec = token_for("secretariat")
    unknown = publish(client, sec, "minutes")
    assert (
        unknown.status_code == 404 and "only the speakers list and the side-event programme" in unknown.json["message"]
    )
    assert client.get("/api/v1/publication/minutes").status_code == 404
    assert client.get("/session/minutes").status_code == 404
    assert client.get("/api/v1/publication/speakers_list/7").status_code == 404
    assert client.get("/session/speakers-list/v/7").status_code == 404
    assert client.get("/session/speakers-list/v/7.pdf").status_code == 404
    log_in("austria")
    assert client.get("/session/speakers-list/publish").status_code == 403
    assert client.post("/session/speakers-list/publish", data={}).status_code == 403
    assert versions(db) == 0


def test_the_secretariat_previews_then_publishes_in_the_browser_forms(client, listed, log_in, db):
    log_in("secretariat")
    page = client.get("/session/speakers-list/publish")
    assert page.status_code == 200 and "What publishing version 1 would show" in page.text
    done = client.post("/session/speakers-list/publish", data={}, follow_redirects=True)
    assert done.status_code == 200 and "Version 1 of the speakers list is published." in done.text
    assert versions(db) == 1
    page = client.get("/session/speakers-list/publish")
    assert "Nothing has changed in the speakers list since version 1 was published" in page.text
    refused = client.post("/session/speakers-list/publish", data={})
    assert refused.status_code == 200 and "no new version was made" in refused.text
    assert versions(db) == 1


def test_the_pdf_is_stamped_with_its_version_and_publication_time(client, listed, token_for, log_in, db):
    sec = token_for("secretariat")
    publish(client, sec)
    factories.inscription(listed, "BRA", name="Speaker of BRA")
    db.session.commit()
    second = publish(client, sec).json
    pdf = client.get("/session/speakers-list/v/2.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = text_of(pdf.data)
    version = db.session.get(PublishedVersion, db.session.scalar(select(PublishedVersion.id).where(
        PublishedVersion.number == 2)))  # fmt: skip
    local = version.published_at.astimezone(__import__("zoneinfo").ZoneInfo(listed.timezone))
    assert "Version 2, published" in text and local.strftime("%d %b %Y %H:%M") in text
    assert "Speaker of BRA" in text
    assert second["pdf"].endswith("/session/speakers-list/v/2.pdf")
    latest = text_of(
        client.get("/session/speakers-list.pdf").data
    )  # the same version (printed at another minute, maybe)
    assert "Version 2, published" in latest and "Speaker of BRA" in latest
    first = text_of(client.get("/session/speakers-list/v/1.pdf").data)
    assert "Version 1, published" in first and "Speaker of BRA" not in first
    log_in("secretariat")
    working = text_of(client.get("/debate/speakers.pdf").data)
    assert "Working draft, not published" in working


def test_the_atom_feed_has_one_entry_per_version(client, listed, token_for, db):
    sec = token_for("secretariat")
    publish(client, sec)
    withdrawals.withdraw(listed, factories.user("secretariat"), national(listed, "KEN"), "Cannot travel.")
    db.session.commit()
    publish(client, sec)
    response = client.get("/session/speakers-list.atom")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{tag}") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Version 2 of the speakers list",
                                                              "Version 1 of the speakers list"]  # fmt: skip
    for e in entries:
        assert e.find(f"{ATOM}id").text and e.find(f"{ATOM}updated").text.endswith("Z")
        link = e.find(f"{ATOM}link[@rel='alternate']")
        assert client.get(link.get("href").replace("http://localhost", "")).status_code == 200
    assert "Kenya withdrawn." in entries[0].find(f"{ATOM}content").text
    empty = ET.fromstring(client.get("/session/side-event-programme.atom").data)
    assert empty.findall(f"{ATOM}entry") == [] and empty.find(f"{ATOM}updated") is not None


def test_a_delegation_sees_what_a_new_version_changed_for_it(client, listed, token_for, db, log_in):
    sec = token_for("secretariat")
    publish(client, sec)
    change_speaker(listed, factories.user("secretariat"), national(listed, "AUT"), speaker_name="Beate Meinl-Reisinger",
                   speaker_title="Federal Minister", level="ministerial")  # fmt: skip
    db.session.commit()
    publish(client, sec)
    log_in("austria")
    home = client.get("/delegations/AUT").text
    assert "Version 2 of the speakers list changed your slot:" in home
    assert "New speaker for Austria: Federal Minister Beate Meinl-Reisinger." in home
    client.post("/logout")
    log_in("kenya")
    assert "Version 2 of the speakers list" not in client.get("/delegations/KEN").text  # not named: no notice


def _room(db, name: str) -> int:
    return db.session.scalar(select(Room.id).where(Room.name == name))


def test_the_programme_change_log_names_moved_cancelled_and_new_events(client, cs, token_for, db):
    sec = token_for("secretariat")
    secretariat = factories.user("secretariat")
    a, b, k = [factories.side_event(cs, username, title=f"Event of {username}",
                                    now=cs.rules.hl_window_opens + timedelta(seconds=n + 1))
               for n, username in enumerate(("austria", "brazil", "kenya"))]  # fmt: skip
    c3, m3 = _room(db, "Conference Room C3"), _room(db, "Conference Room M3")
    from datetime import date, time

    schedule(cs, secretariat, a, date(2024, 3, 14), time(10, 30), c3)
    schedule(cs, secretariat, b, date(2024, 3, 14), time(12, 0), c3)
    db.session.commit()
    first = publish(client, sec, "programme")
    assert first.status_code == 201 and first.json["change_log"] == ["First published version: 2 side events."]
    schedule(cs, secretariat, a, date(2024, 3, 15), time(14, 0), m3)
    side_events.withdraw(cs, factories.user("brazil"), b, "The minister cannot come.")
    schedule(cs, secretariat, k, date(2024, 3, 14), time(16, 0), c3)
    db.session.commit()
    second = publish(client, sec, "programme")
    assert second.status_code == 201
    assert second.json["change_log"] == [
        "Side event 'Event of brazil' cancelled.",
        "New side event 'Event of kenya' at 14 Mar 16:00 in Conference Room C3.",
        "Side event 'Event of austria' moved to 15 Mar 14:00 in Conference Room M3.",
    ]
    page = client.get("/session/side-event-programme")
    assert f'id="event-{k.id}"' in page.text and f'id="event-{b.id}"' not in page.text
    assert f'id="event-{b.id}"' in client.get("/session/side-event-programme/v/1").text
    assert "Version 1, published" in text_of(client.get("/session/side-event-programme/v/1.pdf").data)
    assert "Working draft, not published" in text_of(client.get("/side-events/programme.pdf").data)


@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_a_version_in_arabic_and_chinese(client, listed, token_for, db, lang):
    sec = token_for("secretariat")
    publish(client, sec)
    withdrawals.withdraw(listed, factories.user("secretariat"), national(listed, "KEN"), "Cannot travel.")
    db.session.commit()
    publish(client, sec)
    page = client.get(f"/session/speakers-list?lang={lang}")
    assert page.status_code == 200
    kenya = {"ar": "كينيا", "zh": "肯尼亚"}[lang]
    assert kenya in page.text  # the change log names the State in the reader's language
    pdf = client.get(f"/session/speakers-list/v/2.pdf?lang={lang}")
    assert pdf.status_code == 200
    page_image(pdf.data, f"publication-speakers-v2-{lang}", dpi=90)
    assert "2" in text_of(pdf.data)


def test_feeds_and_the_schedule_show_the_published_times_not_the_working_state(client, cs, token_for, db):
    from datetime import date, time

    from icalendar import Calendar

    sec = token_for("secretariat")
    secretariat = factories.user("secretariat")
    event = factories.side_event(cs, "austria", title="Prevention that works")
    c3, m3 = _room(db, "Conference Room C3"), _room(db, "Conference Room M3")
    schedule(cs, secretariat, event, date(2024, 3, 14), time(10, 30), c3)
    db.session.commit()
    assert publish(client, sec, "programme").status_code == 201
    schedule(cs, secretariat, event, date(2024, 3, 15), time(14, 0), m3)  # work in progress
    db.session.commit()

    def shown() -> tuple:
        agenda = Calendar.from_ical(client.get("/session/agenda.ics").data)
        found = [c for c in agenda.walk("VEVENT") if str(c["UID"]).startswith(f"side-event-{event.id}@")]
        frab = client.get("/session/schedule.json").json["schedule"]["conference"]["days"]
        rooms = {room for day in frab for room, events in day["rooms"].items() for e in events
                 if e["title"].endswith("Prevention that works")}  # fmt: skip
        return found[0]["DTSTART"].dt.strftime("%d %H:%M"), str(found[0]["LOCATION"]), rooms

    assert shown() == ("14 10:30", "Conference Room C3, Vienna International Centre", {"Conference Room C3"})
    assert publish(client, sec, "programme").status_code == 201
    assert shown() == ("15 14:00", "Conference Room M3, Vienna International Centre", {"Conference Room M3"})


def test_a_delegation_feed_shows_its_published_slot_until_the_next_version(client, listed, token_for, db):
    from icalendar import Calendar

    sec = token_for("secretariat")
    publish(client, sec)
    first = client.get("/api/v1/publication/speakers_list/1").json["rows"]
    slot = {r["delegation"]: r["slot"] for r in first}
    before = next(code for code, n in slot.items() if n == 1)  # the first speaker withdraws: the others move up
    withdrawals.withdraw(listed, factories.user("secretariat"), national(listed, before), "Cannot travel.")
    db.session.commit()
    after = next(code for code, n in slot.items() if n == 2)

    def summary() -> str:
        feed = Calendar.from_ical(client.get(f"/delegations/{after}/agenda.ics").data)
        return next(str(e["SUMMARY"]) for e in feed.walk("VEVENT") if str(e["UID"]).startswith("gd-slot-"))

    assert "slot 2" in summary()  # the published version, not the working state's slot 1
    publish(client, sec)
    assert "slot 1" in summary()
