"""The lineup sources other features plug in, and the console's HTML forms."""

from meetings.debate.on_the_floor import source_ref
from meetings.debate.services import floor_lineup
from meetings.floor import services
from meetings.floor.models import TurnStatus


def test_loading_the_speakers_list_appends_once(db, client, log_in, first_meeting):
    """The first meeting's speakers were loaded from the general debate; loading again adds nothing."""
    first = first_meeting
    expected = [(source_ref(e["entry_id"]), e["delegation"], e["limit_s"]) for e in floor_lineup(first)]
    assert len(expected) > 5
    log_in("chair")
    assert client.post(f"/floor/blocks/{first.id}/lineup").status_code == 302
    db.session.rollback()
    turns = services.floor_of(first).turns
    assert [(t.source_ref, t.delegation.code, t.limit_s) for t in turns] == expected


def test_console_forms_refuse_bad_input_with_a_sentence(db, client, log_in, gd_block):
    log_in("chair")
    before = services.floor_of(gd_block).version
    bad = client.post(f"/floor/blocks/{gd_block.id}/turns", data={"delegation": "ZZZ", "role": "gd_national"})
    assert bad.status_code == 400  # the form knows the delegations: the field is named by its label
    assert "Delegation: No delegation has the name or code &#39;ZZZ&#39;" in bad.get_data(as_text=True)
    empty = client.post(f"/floor/blocks/{gd_block.id}/turns", data={"role": "other"})
    assert empty.status_code == 400 and "Give the speaker" in empty.get_data(as_text=True)
    first = services.floor_of(gd_block).turns[0]
    zero = client.post(f"/floor/blocks/{gd_block.id}/turns/{first.id}/limit", data={"limit_s": "0"})
    assert zero.status_code == 400
    db.session.rollback()
    assert services.floor_of(gd_block).version == before
    ok = client.post(f"/floor/blocks/{gd_block.id}/turns/{first.id}/limit", data={"limit_s": "240"})
    assert ok.status_code == 302
    db.session.rollback()
    assert services.floor_of(gd_block).turns[0].limit_s == 240


def test_projector_page_is_public_and_the_floor_menu_lists_rooms(client, gd_block):
    screen = client.get(f"/floor/rooms/{gd_block.room_id}/screen")
    assert screen.status_code == 200 and b"projector.js" in screen.data
    listing = client.get("/floor/").get_data(as_text=True)
    assert "Plenary Hall (M Building)" in listing and "Console" not in listing


def test_a_delegation_finds_the_roundtables_on_its_home_page(client, log_in, rt_block):
    log_in("kenya")
    home = client.get("/delegations/KEN").get_data(as_text=True)
    assert "Roundtables: ask for the floor" in home and rt_block.title in home
    page = client.get(f"/floor/blocks/{rt_block.id}/nameplate").get_data(as_text=True)
    assert "Request the floor" in page
    assert client.post(f"/floor/blocks/{rt_block.id}/requests", data={}).status_code == 302
    assert "number 4 in the queue" in client.get(f"/floor/blocks/{rt_block.id}/nameplate").get_data(as_text=True)
    again = client.post(f"/floor/blocks/{rt_block.id}/requests", data={}, follow_redirects=True)
    assert "Kenya has already asked for the floor" in again.get_data(as_text=True)
    assert all(t.status == TurnStatus.waiting for t in services.floor_of(rt_block).turns)


def test_a_delegations_bad_request_never_shows_it_the_console(client, log_in, rt_block):
    log_in("kenya")
    bad = client.post(f"/floor/blocks/{rt_block.id}/requests", data={"speaker_name": "x" * 300})
    assert bad.status_code == 302 and bad.headers["Location"].endswith(f"/floor/blocks/{rt_block.id}/nameplate")
    page = client.get(bad.headers["Location"]).get_data(as_text=True)
    assert "Not done" in page and "Next speaker" not in page
