"""languages: a user's language, a room's projector language

Revision ID: 0010_languages
Revises: 0009_accounts
Create Date: 2026-11-23 12:00:00

"""
import csv
from pathlib import Path

import sqlalchemy as sa
from alembic import op

DATA = Path(__file__).resolve().parents[2] / "meetings" / "delegations" / "data"

revision = '0010_languages'
down_revision = '0009_accounts'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('user_account', sa.Column('language', sa.String(length=8), nullable=True))
    op.add_column('room', sa.Column('projector_language', sa.String(length=8), nullable=True))
    _names_of_states()


def _names_of_states():
    """A database loaded before the data carried the six names gets them, where it has none."""
    names = {}
    for filename in ("member_states.csv", "observers.csv"):
        with (DATA / filename).open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                names[row["code"]] = {k[5:]: v for k, v in row.items() if k.startswith("name_") and v}
    delegation = sa.table("delegation", sa.column("id", sa.Integer), sa.column("code", sa.String),
                          sa.column("names", sa.JSON))
    bind = op.get_bind()
    for id_, code, have in bind.execute(sa.select(delegation.c.id, delegation.c.code, delegation.c.names)).all():
        if not have and names.get(code):
            bind.execute(delegation.update().where(delegation.c.id == id_).values(names=names[code]))


def downgrade():
    op.drop_column('room', 'projector_language')
    op.drop_column('user_account', 'language')
