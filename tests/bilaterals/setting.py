"""What the tests of bilateral rooms share: CND 67 with two bilateral rooms and the demo's grid
(30-minute slots on 14 and 15 March from 09:00 to 18:00, Vienna time; booking open since 1 March 2024;
at most 4 meetings a delegation a day), set up through the feature's own services.

The fixtures are imported by the test modules that use them (`from tests.bilaterals.setting import ...`).
"""

from dataclasses import dataclass
from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from meetings.audit.models import AuditEntry
from meetings.bilaterals import grid, rules
from meetings.bilaterals.models import BilateralBooking, BookingState
from meetings.programme import room_setup
from tests import factories

ROOM_A, ROOM_B = "Bilateral Room A", "Bilateral Room B"
DAYS = (date(2024, 3, 14), date(2024, 3, 15))


@dataclass
class Rooms:
    cs: object
    a: int  # the rooms' ids
    b: int


def set_up(cs, *, cap: int = 4, opens: datetime = datetime(2024, 3, 1, 9, 0), needs_high_level: bool = False) -> Rooms:
    """Two bilateral rooms and the grid, as the secretariat sets them (flushed, not committed)."""
    secretariat = factories.user("secretariat")
    for name in (ROOM_A, ROOM_B):
        room_setup.add_room(cs, secretariat, name, 10)
    rooms = grid.set_rooms(cs, secretariat, [r.id for r in cs.rooms if r.name in (ROOM_A, ROOM_B)])
    periods = [rules.Period(day, time(9, 0), time(18, 0)) for day in DAYS]
    grid.set_grid(cs, secretariat, slot_minutes=30, periods=periods, booking_opens=opens, daily_cap=cap,
                  needs_high_level=needs_high_level)  # fmt: skip
    return Rooms(cs, *(r.id for r in rooms))


@pytest.fixture
def bil(db):
    """CND 67 (the nine demo users and their delegations, the meetings of the high-level days) with the
    two bilateral rooms and the grid; committed."""
    cs = factories.cnd67(codes=("MEX", "JPN", "DEU", "IND", "COL", "FRA", "ITA", "ESP", "CAN", "AUS", "ARG", "CHL",
                                "PER", "EGY", "MAR", "GHA", "NGA", "TUR", "CIV"))  # fmt: skip
    rooms = set_up(cs)
    db.session.commit()
    return rooms


def body(room_id: int, slot: str, counterpart: str | None = "KEN", **over) -> dict:
    """A booking as POST /api/v1/bilaterals/bookings takes it."""
    data = {"room_id": room_id, "starts_at": slot}
    if counterpart:
        data["counterpart"] = counterpart
    return {**data, **over}


def bookings(db) -> list[BilateralBooking]:
    db.session.rollback()
    return list(db.session.scalars(select(BilateralBooking).order_by(BilateralBooking.id)))


def active(db) -> list[BilateralBooking]:
    return [b for b in bookings(db) if b.state in (BookingState.held, BookingState.confirmed)]


def entries(db, action: str | None = None) -> list[AuditEntry]:
    db.session.rollback()
    stmt = select(AuditEntry).where(AuditEntry.feature == "bilaterals")
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    return list(db.session.scalars(stmt.order_by(AuditEntry.seq)))
