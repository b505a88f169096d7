from datetime import timedelta

import pytest

from meetings.auth.models import User
from meetings.floor import services
from meetings.floor.models import Floor, TurnRole
from meetings.programme.models import BlockKind, MeetingBlock
from meetings.roundtables.demo import NAMEPLATES, PANELISTS
from meetings.timeutil import utcnow
from tests import factories

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


@pytest.fixture
def gd_block(db, cs) -> MeetingBlock:
    """The second general-debate meeting of CND 67, with six speakers added by hand."""
    block = factories.blocks_of(cs, BlockKind.general_debate)[1]
    for code, name, title, role in GD_SPEAKERS:
        factories.turn(block, code, name, role, title, source_ref=f"test-gd-{code}")
    db.session.commit()
    return block


@pytest.fixture
def first_meeting(db) -> MeetingBlock:
    """The first general-debate meeting with its speakers loaded from the list, as in the demo:
    CND 67 with every Member State, a statement on behalf of a group and six national ones, the
    lots drawn."""
    cs = factories.cnd67(all_delegations=True, gd_inscription_closes=utcnow() + timedelta(days=1))
    factories.inscription(cs, "KEN", level="lower_than_ministerial", group="the Group of African States")
    for code in ("AUT", "BRA", "KEN", "RUS", "CHN", "ARE"):
        factories.inscription(cs, code)
    factories.draw(cs)
    block = factories.blocks_of(cs, BlockKind.general_debate)[0]
    services.load_lineup(block, chair(db))
    db.session.commit()
    return block


@pytest.fixture
def rt_block(db, cs) -> MeetingBlock:
    """The first roundtable as the demo has it: two panelists (Austria, Kenya), and Brazil, China
    and the Vienna NGO Committee asking for the floor, in that order."""
    block = factories.blocks_of(cs, BlockKind.roundtable)[0]
    for code, name, title in [(p.delegation, p.name, p.title) for p in PANELISTS[1]]:
        factories.turn(block, code, name, TurnRole.rt_panelist, title)
    for code in NAMEPLATES:
        factories.floor_request(block, factories.demo_username(code))
    db.session.commit()
    return block


@pytest.fixture
def floor_state(db):
    """The floor of a block as the database holds it now (after a request wrote)."""

    def read(block: MeetingBlock) -> Floor:
        db.session.rollback()
        return db.session.scalar(db.select(Floor).where(Floor.block_id == block.id))

    return read


@pytest.fixture
def chair_api(client, token_for):
    headers = token_for("chair")

    def post(path: str, body: dict | None = None):
        return client.post("/api/v1" + path, json=body or {}, headers=headers)

    post.headers = headers
    return post


def chair(db) -> User:
    """The demo's Chair, who runs the floor in these tests."""
    return db.session.scalar(db.select(User).where(User.username == "chair"))


def version_of(block: MeetingBlock) -> int:
    floor = services.floor_of(block)
    return floor.version if floor else 0
