"""Demo content for the floor: speakers in the first general-debate meeting, a roundtable queue."""

from meetings.delegations.services import delegation_by_code
from meetings.floor import queue, services
from meetings.floor.models import TurnRole
from meetings.programme.models import BlockKind, CommissionSession

GD_SPEAKERS = [
    (
        "KEN",
        "H.E. Ms. Amina Odhiambo",
        "Minister of the Interior, on behalf of the Group of African States",
        TurnRole.gd_group,
    ),
    ("AUT", "H.E. Mr. Johannes Berger", "Federal Minister of Health", TurnRole.gd_national),
    ("BRA", "Sra. Mariana Costa", "Secretária Nacional de Políticas sobre Drogas", TurnRole.gd_national),
    ("RUS", "Г-н Алексей Смирнов", "Заместитель министра иностранных дел", TurnRole.gd_national),
    ("CHN", "王伟先生", "国家禁毒委员会副主任", TurnRole.gd_national),
    ("ARE", "سعادة السيد أحمد المنصوري", "Ambassador", TurnRole.gd_national),
]
PANELISTS = [("AUT", "Dr. Eva Huber", "Panelist, University of Vienna"), ("KEN", "Dr. Peter Mwangi", "Panelist")]
NAMEPLATES = ["BRA", "CHN", "VNGOC"]


def load_floor_demo(cs: CommissionSession) -> None:
    general = next(b for b in cs.blocks if b.kind == BlockKind.general_debate)
    for code, name, title, role in GD_SPEAKERS:
        services.add_turn(general, delegation_by_code(code), name, role, title, source_ref=f"demo-gd-{code}")
    roundtable = next(b for b in cs.blocks if b.kind == BlockKind.roundtable)
    for code, name, title in PANELISTS:
        services.add_turn(roundtable, delegation_by_code(code), name, TurnRole.rt_panelist, title)
    for code in NAMEPLATES:
        queue.request_floor(roundtable, delegation_by_code(code))
