"""How many SQL statements a projector's state request costs: every screen in the room asks twice a second.

A worker asks the database at most every screen.CACHE_S per room: three statements (BEGIN, the
room's projector language, the floor it shows and its version) when its marker expired, none
otherwise; rebuilding the snapshot after a change adds the room, the floor, its block, and the floor
again with its turns and their delegations (one statement, whatever the number of speakers shown).
The bounds are a little above today's counts (cold: 8 on SQLite, 7 on PostgreSQL), without timing.
"""

from meetings.floor import screen
from tests.statements import statements_of

COLD_AT_MOST = 9
MARKER_AT_MOST = 3


def test_a_projector_state_request_sends_few_statements_and_an_unchanged_state_none_beyond_the_marker(
    app, client, gd_block, chair_api
):
    address = f"/floor/rooms/{gd_block.room_id}/state.json"
    screen.forget()
    with statements_of(app) as cold:
        first = client.get(address)
    assert first.status_code == 200 and first.get_json()["block_id"] == gd_block.id
    assert len(cold) <= COLD_AT_MOST, "\n".join(cold)
    with statements_of(app) as again:
        second = client.get(address, headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 304
    assert len(again) <= MARKER_AT_MOST, "\n".join(again)


def test_after_the_chairs_action_the_next_state_request_still_sends_few_statements_and_shows_it(
    app, client, gd_block, chair_api
):
    address = f"/floor/rooms/{gd_block.room_id}/state.json"
    before = client.get(address).get_json()
    done = chair_api(f"/floor/blocks/{gd_block.id}/actions", {"action": "next", "version": before["version"]})
    assert done.status_code == 200
    screen.forget()  # as when the worker's marker has expired
    with statements_of(app) as seen:
        after = client.get(address, headers={"If-None-Match": f'"{before["etag"]}-en"'})
    assert after.status_code == 200 and after.get_json()["version"] == before["version"] + 1
    assert after.get_json()["current"] is not None
    assert len(seen) <= COLD_AT_MOST, "\n".join(seen)
