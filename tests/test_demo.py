"""The one smoke test of the whole CND 67 demo (meetings.demo.load_demo): every feature's content
loads together and the main pages show it. Other tests build only what they need (tests.factories)."""

from meetings.programme.models import BlockKind
from tests.working_list import as_secretariat


def test_the_whole_demo_loads_and_its_main_pages_show_it(client, demo, log_in):
    first = next(b for b in demo.blocks if b.kind == BlockKind.general_debate)
    roundtable = next(b for b in demo.blocks if b.kind == BlockKind.roundtable)
    home = client.get("/").get_data(as_text=True)
    assert "67th session of the Commission on Narcotic Drugs" in home
    listing = client.get("/api/v1/debate/list", headers=as_secretariat()).get_json()
    assert listing["drawn"] and len(listing["speakers"]) >= 100
    assert client.get("/debate/draws/1/verify").status_code == 200
    assert client.get("/side-events/programme.pdf").status_code == 200
    assert "Prevention that works" in client.get("/side-events/timeline").get_data(as_text=True)
    assert "Kiribati" in client.get("/delegations/").get_data(as_text=True)
    assert client.get("/session/programme.pdf").status_code == 200
    assert client.get("/session/agenda.ics").status_code == 200
    assert client.get(f"/floor/rooms/{roundtable.room_id}/screen").status_code == 200

    log_in("chair")
    console = client.get(f"/floor/blocks/{first.id}").get_data(as_text=True)
    assert listing["speakers"][0]["delegation_name"] in console  # the list's first speaker, loaded on the floor
    assert "Brazil" in client.get(f"/floor/blocks/{roundtable.id}").get_data(as_text=True)  # the roundtable's queue
    client.post("/logout")
    log_in("secretariat")
    for url in ("/debate/draw", "/side-events/queue", "/audit", "/audit/verify", "/session/log"):
        assert client.get(url).status_code == 200, url
