"""floor interventions: points of order and rights of reply

Revision ID: 0012_floor_interventions
Revises: 0011_roundtables
Create Date: 2026-11-23 13:30:00

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

import meetings.timeutil  # noqa: F401

revision = '0012_floor_interventions'
down_revision = '0011_roundtables'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
