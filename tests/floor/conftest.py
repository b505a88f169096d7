import pytest

from meetings.auth.models import User
from meetings.delegations.services import delegation_by_code
from meetings.floor import services
from meetings.floor.models import Floor, TurnRole
from meetings.programme.models import BlockKind, MeetingBlock


def _block(db, demo, kind: BlockKind) -> MeetingBlock:
    return db.session.scalar(
        db.select(MeetingBlock)
        .where(MeetingBlock.commission_session_id == demo.id, MeetingBlock.kind == kind)
        .order_by(MeetingBlock.starts_at)
    )


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
def gd_block(db, demo) -> MeetingBlock:
    """The second general-debate meeting, with six speakers added by hand.

    (The demo loads the speakers list of the first meeting from the general debate.)
    """
    block = db.session.scalars(
        db.select(MeetingBlock)
        .where(MeetingBlock.commission_session_id == demo.id, MeetingBlock.kind == BlockKind.general_debate)
        .order_by(MeetingBlock.starts_at)
    ).all()[1]
    for code, name, title, role in GD_SPEAKERS:
        services.add_turn(block, chair(db), delegation_by_code(code), name, role, title, source_ref=f"test-gd-{code}")
    db.session.commit()
    return block


@pytest.fixture
def rt_block(db, demo) -> MeetingBlock:
    return _block(db, demo, BlockKind.roundtable)


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
