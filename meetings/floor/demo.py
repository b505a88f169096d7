"""Demo content for the floor: the first general-debate meeting's speakers list loaded, a roundtable queue."""

from meetings.delegations.services import delegation_by_code
from meetings.floor import queue, services
from meetings.floor.models import TurnRole
from meetings.programme.models import BlockKind, CommissionSession

PANELISTS = [("AUT", "Dr. Eva Huber", "Panelist, University of Vienna"), ("KEN", "Dr. Peter Mwangi", "Panelist")]
NAMEPLATES = ["BRA", "CHN", "VNGOC"]


def load_floor_demo(cs: CommissionSession) -> None:
    general = next(b for b in cs.blocks if b.kind == BlockKind.general_debate)
    services.load_lineup(general)
    roundtable = next(b for b in cs.blocks if b.kind == BlockKind.roundtable)
    for code, name, title in PANELISTS:
        services.add_turn(roundtable, delegation_by_code(code), name, TurnRole.rt_panelist, title)
    for code in NAMEPLATES:
        queue.request_floor(roundtable, delegation_by_code(code))
