"""Demo content for the floor: the first general-debate meeting's speakers list loaded, a roundtable queue."""

from sqlalchemy import select

from meetings.auth.models import User
from meetings.delegations.services import delegation_by_code
from meetings.extensions import db
from meetings.floor import queue, services
from meetings.floor.models import TurnRole
from meetings.programme.models import BlockKind, CommissionSession

PANELISTS = [("AUT", "Dr. Eva Huber", "Panelist, University of Vienna"), ("KEN", "Dr. Peter Mwangi", "Panelist")]
NAMEPLATES = ["BRA", "CHN", "VNGOC"]


def _user_of(code: str) -> User:
    delegation = delegation_by_code(code)
    return db.session.scalars(select(User).where(User.delegation_id == delegation.id).order_by(User.id)).first()


def load_floor_demo(cs: CommissionSession) -> None:
    chair = db.session.scalar(select(User).where(User.username == "chair"))
    general = next(b for b in cs.blocks if b.kind == BlockKind.general_debate)
    services.load_lineup(general, chair)
    roundtable = next(b for b in cs.blocks if b.kind == BlockKind.roundtable)
    for code, name, title in PANELISTS:
        services.add_turn(roundtable, chair, delegation_by_code(code), name, TurnRole.rt_panelist, title)
    for code in NAMEPLATES:
        queue.request_floor(roundtable, _user_of(code))
