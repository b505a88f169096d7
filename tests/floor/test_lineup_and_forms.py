"""The lineup sources other features plug in, and the console's HTML forms."""

import pytest

from meetings.delegations.services import delegation_by_code
from meetings.floor import services, sources
from meetings.floor.models import TurnStatus
from meetings.floor.sources import LineupEntry, register_lineup_source


@pytest.fixture
def debate_source():
    def lineup(block):
        if block.kind.value != "general_debate":
            return []
        return [
            LineupEntry("gd-entry-17", delegation_by_code("TUR"), "Sayın Ahmet Yılmaz", "Minister", "gd_national"),
            LineupEntry("gd-entry-18", delegation_by_code("MEX"), "Sra. Ana López", "Secretaria", "gd_group", 400),
        ]

    register_lineup_source(lineup)
    yield lineup
    sources.LINEUP_SOURCES.remove(lineup)


def test_loading_the_speakers_list_appends_once(db, client, log_in, gd_block, debate_source):
    log_in("chair")
    assert client.post(f"/floor/blocks/{gd_block.id}/lineup").status_code == 302
    assert client.post(f"/floor/blocks/{gd_block.id}/lineup").status_code == 302  # nothing new the second time
    db.session.rollback()
    turns = services.floor_of(gd_block).turns
    loaded = [(t.source_ref, t.delegation.code, t.limit_s) for t in turns if t.source_ref.startswith("gd-entry")]
    assert loaded == [("gd-entry-17", "TUR", 300), ("gd-entry-18", "MEX", 400)]
    assert [t.source_ref for t in turns][-2:] == ["gd-entry-17", "gd-entry-18"]


def test_console_forms_refuse_bad_input_with_a_sentence(db, client, log_in, gd_block):
    log_in("chair")
    before = services.floor_of(gd_block).version
    bad = client.post(f"/floor/blocks/{gd_block.id}/turns", data={"delegation": "ZZZ", "role": "gd_national"})
    assert bad.status_code == 400
    assert "There is no delegation with the code" in bad.get_data(as_text=True)
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
