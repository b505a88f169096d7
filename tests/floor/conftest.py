import pytest

from meetings.floor import services
from meetings.floor.models import Floor
from meetings.programme.models import BlockKind, MeetingBlock


def _block(db, demo, kind: BlockKind) -> MeetingBlock:
    return db.session.scalar(
        db.select(MeetingBlock)
        .where(MeetingBlock.commission_session_id == demo.id, MeetingBlock.kind == kind)
        .order_by(MeetingBlock.starts_at)
    )


@pytest.fixture
def gd_block(db, demo) -> MeetingBlock:
    """The first general-debate meeting; the demo put six speakers on its list."""
    return _block(db, demo, BlockKind.general_debate)


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


def version_of(block: MeetingBlock) -> int:
    floor = services.floor_of(block)
    return floor.version if floor else 0
