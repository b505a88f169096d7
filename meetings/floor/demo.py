"""Demo content for the floor: the first general-debate meeting's speakers list loaded.

The roundtables' floors (panelists, raised nameplates) come with the roundtables' demo."""

from sqlalchemy import select

from meetings.auth.models import User
from meetings.extensions import db
from meetings.floor import services
from meetings.programme.models import BlockKind, CommissionSession


def load_floor_demo(cs: CommissionSession) -> None:
    chair = db.session.scalar(select(User).where(User.username == "chair"))
    general = next(b for b in cs.blocks if b.kind == BlockKind.general_debate)
    services.load_lineup(general, chair)
