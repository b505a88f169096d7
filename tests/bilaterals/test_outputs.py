"""The door sheet of a bilateral room (PDF, names in any script, in each language), and the meetings in both
delegations' calendar feeds with a stable UID and a SEQUENCE that rises with each change."""

from icalendar import Calendar

from tests.bilaterals.setting import bil, body
from tests.pdfs import page_image, text_of

__all__ = ["bil"]  # the fixture, for pytest

BOOK = "/api/v1/bilaterals/bookings"


def _meetings(client, token_for, bil) -> list[dict]:
    made = []
    for user, slot, other, org in (("china", "2024-03-14T09:30", "RUS", None), ("uae", "2024-03-14T10:00", "TUR", None),
                                   ("austria", "2024-03-14T11:00", "CIV", None),
                                   ("russia", "2024-03-14T12:00", None, "Организация Договора о коллективной безопасности"),
                                   ("kenya", "2024-03-14T13:00", None, "上海合作组织")):  # fmt: skip
        data = body(bil.a, slot, other, **({"organization": org} if org else {}))
        r = client.post(BOOK, json=data, headers=token_for(user))
        assert r.status_code == 201, r.json
        made.append(r.json)
    assert client.post(f"{BOOK}/{made[0]['id']}/confirm", json={}, headers=token_for("russia")).status_code == 200
    return made


def test_the_door_sheet_lists_the_days_slots_with_both_names_in_any_script(client, bil, token_for, log_in):
    _meetings(client, token_for, bil)
    log_in("secretariat")
    r = client.get(f"/bilaterals/rooms/{bil.a}/2024-03-14.pdf")
    assert r.status_code == 200 and r.mimetype == "application/pdf"
    text = text_of(r.data)
    for part in ("Bilateral Room A: bilateral meetings", "Thursday 14 March 2024", "times in Europe/Vienna",
                 "09:00–09:30", "free", "09:30–10:00 China Russian Federation confirmed",
                 "10:00–10:30 United Arab Emirates Türkiye awaiting confirmation", "11:00–11:30 Austria Côte d'Ivoire awaiting confirmation",
                 "Организация Договора о коллективной безопасности"):  # fmt: skip
        assert part in text, f"{part!r} not in {text[:1500]}"
    page_image(r.data, "bilaterals-door-sheet-en")
    for lang, words in (
        ("zh", ("中国", "俄罗斯", "上海合作组织")),
        ("ar", ()),
        ("ru", ("Китай", "Российская Федерация")),
    ):
        r = client.get(f"/bilaterals/rooms/{bil.a}/2024-03-14.pdf?lang={lang}")
        assert r.status_code == 200
        text = text_of(r.data)
        for word in words:
            assert word in text, f"{word!r} not in the {lang} door sheet: {text[:800]}"
        page_image(r.data, f"bilaterals-door-sheet-{lang}")


def test_a_door_sheet_needs_a_bilateral_room_and_a_day(client, bil, log_in):
    log_in("kenya")
    assert client.get(f"/bilaterals/rooms/{bil.a}/2024-03-16.pdf").status_code == 200  # no slot that day: says so
    assert client.get("/bilaterals/rooms/1/2024-03-14.pdf").status_code == 404  # the plenary hall is not one
    assert client.get(f"/bilaterals/rooms/{bil.a}/thursday.pdf").status_code == 404


def _events(client, code: str) -> dict:
    cal = Calendar.from_ical(client.get(f"/delegations/{code}/agenda.ics").data)
    return {str(e["UID"]): e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("bilateral-")}


def test_both_delegations_feeds_hold_the_meeting_with_one_uid_and_a_rising_sequence(client, bil, token_for):
    b = client.post(BOOK, json=body(bil.b, "2024-03-15T14:30", "KEN", note="Ministers of Health"),
                    headers=token_for("austria")).json  # fmt: skip
    uid = f"bilateral-{b['id']}@cnd67.meetings"
    austria, kenya = _events(client, "AUT"), _events(client, "KEN")
    assert set(austria) == set(kenya) == {uid}
    assert str(austria[uid]["SUMMARY"]) == "Bilateral meeting with Kenya (awaiting confirmation)"
    assert str(kenya[uid]["SUMMARY"]) == "Bilateral meeting with Austria (awaiting confirmation)"
    assert str(kenya[uid]["STATUS"]) == "TENTATIVE" and int(kenya[uid]["SEQUENCE"]) == 0
    assert kenya[uid].decoded("DTSTART").isoformat() == "2024-03-15T14:30:00+01:00"
    assert str(kenya[uid]["LOCATION"]) == "Bilateral Room B, Vienna International Centre"
    assert "Ministers of Health" in str(kenya[uid]["DESCRIPTION"])
    client.post(f"{BOOK}/{b['id']}/confirm", json={}, headers=token_for("kenya"))
    kenya = _events(client, "KEN")
    assert str(kenya[uid]["STATUS"]) == "CONFIRMED" and int(kenya[uid]["SEQUENCE"]) == 1
    assert str(kenya[uid]["SUMMARY"]) == "Bilateral meeting with Austria"
    client.post(f"{BOOK}/{b['id']}/cancel", json={}, headers=token_for("austria"))
    for events in (_events(client, "AUT"), _events(client, "KEN")):
        assert str(events[uid]["STATUS"]) == "CANCELLED" and int(events[uid]["SEQUENCE"]) == 2
    assert _events(client, "BRA") == {}
    public = Calendar.from_ical(client.get("/session/agenda.ics").data)
    assert not [e for e in public.walk("VEVENT") if str(e["UID"]).startswith("bilateral-")]


def test_the_feed_speaks_the_readers_language(client, bil, token_for):
    client.post(BOOK, json=body(bil.b, "2024-03-15T14:30", "CHN"), headers=token_for("russia"))
    cal = Calendar.from_ical(client.get("/delegations/CHN/agenda.ics?lang=zh").data)
    [event] = [e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("bilateral-")]
    assert "俄罗斯" in str(event["SUMMARY"])
