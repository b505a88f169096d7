"""Bilateral rooms of the CND 67 demo: two rooms, 30-minute slots on the high-level days from 09:00 to
18:00, and meetings in each state (held, confirmed, declined, cancelled), made through the real services
by the delegations' own demo users."""

from datetime import date, datetime, time

from sqlalchemy import select

from meetings.auth.models import User
from meetings.bilaterals import grid, rules, services
from meetings.extensions import db
from meetings.programme.models import CommissionSession, Room

ROOM_A, ROOM_B = "Bilateral Room A (M Building)", "Bilateral Room B (M Building)"

# booker, room, day, start, counterpart code or organization, note, then what follows:
# ("confirm", user), ("decline", user, reason), ("cancel", user, reason), or None (held, awaiting the answer).
MEETINGS = [
    ("austria", ROOM_A, 14, "10:00", "KEN", "Ministers of the Interior", None),
    ("china", ROOM_B, 14, "10:00", "RUS", "Vice-ministers of Public Security", ("confirm", "russia")),
    ("uae", ROOM_A, 14, "11:00", "AUT", "", None),
    ("brazil", ROOM_A, 14, "14:00", "CHN", "", ("decline", "china", "Our minister's programme changed that afternoon.")),
    ("kenya", ROOM_B, 15, "09:30", "BRA", "", ("cancel", "kenya", "The minister arrives on the evening of 15 March.")),
    ("russia", ROOM_A, 15, "11:00", "Организация Договора о коллективной безопасности", "", None),
    ("uae", ROOM_B, 15, "14:30", "CHN", "وزراء الداخلية", ("confirm", "china")),
]  # fmt: skip


def _user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def load_bilaterals_demo(cs: CommissionSession) -> None:
    secretariat = _user("secretariat")
    # The demo's rooms are data, as meetings.demo writes the session's own (its set-up log stays as it was).
    cs.rooms.extend(Room(name=name, capacity=12) for name in (ROOM_A, ROOM_B))
    db.session.flush()
    grid.set_rooms(cs, secretariat, [r.id for r in cs.rooms if r.name in (ROOM_A, ROOM_B)])
    periods = [rules.Period(date(2024, 3, day), time(9, 0), time(18, 0)) for day in (14, 15)]
    grid.set_grid(cs, secretariat, slot_minutes=30, periods=periods, booking_opens=datetime(2024, 3, 1, 9, 0),
                  daily_cap=4)  # fmt: skip
    rooms = {r.name: r.id for r in grid.bilateral_rooms(cs)}
    for username, room, day, start, other, note, then in MEETINGS:
        code = other if other.isascii() and other.isupper() and len(other) <= 5 else None
        booking = services.book(cs, _user(username), room_id=rooms[room],
                                starts=datetime(2024, 3, day, *map(int, start.split(":"))), counterpart=code,
                                organization="" if code else other, note=note)  # fmt: skip
        if then is None:
            continue
        action, who, *reason = then
        if action == "confirm":
            services.confirm(cs, _user(who), booking)
        elif action == "decline":
            services.decline(cs, _user(who), booking, *reason)
        else:
            services.cancel(cs, _user(who), booking, *reason)
