"""The demo's bilateral rooms: two rooms, the grid on the high-level days, meetings in each state."""

from collections import Counter

from meetings.bilaterals import grid
from meetings.bilaterals.demo import ROOM_A, ROOM_B
from tests.bilaterals.setting import bookings


def test_the_demo_holds_two_rooms_the_grid_and_meetings_in_every_state(demo, db, client, log_in):
    assert [r.name for r in grid.bilateral_rooms(demo)] == [ROOM_A, ROOM_B]
    g = grid.grid_of(demo)
    assert (g.slot_minutes, g.daily_cap, len(grid.slots_of(g))) == (30, 4, 36)
    assert [p.text() for p in grid.periods_of(g)] == ["2024-03-14 09:00-18:00", "2024-03-15 09:00-18:00"]
    states = Counter(b.state.value for b in bookings(db))
    assert set(states) == {"held", "confirmed", "declined", "cancelled"}, states
    log_in("kenya")
    home = client.get("/delegations/KEN").get_data(True)
    assert "Awaiting your answer" in home and "Ministers of the Interior" in home
    page = client.get("/bilaterals/").get_data(True)
    assert (
        page.count('class="slot held"') == states["held"]
        and page.count('class="slot confirmed"') == states["confirmed"]
    )
    assert client.get(f"/bilaterals/rooms/{grid.bilateral_rooms(demo)[0].id}/2024-03-14.pdf").status_code == 200
