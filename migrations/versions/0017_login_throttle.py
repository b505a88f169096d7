"""login throttle: failed sign-ins per account and per address, shared by every worker

Revision ID: 0017_login_throttle
Revises: 0013_remote_on_the_floor
Create Date: 2026-11-23 15:40:00
"""
import sqlalchemy as sa
from alembic import op

import meetings.timeutil

revision = '0017_login_throttle'
down_revision = '0013_remote_on_the_floor'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'login_throttle',
        sa.Column('kind', sa.String(8), nullable=False),
        sa.Column('key', sa.String(200), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.Column('last_failure_at', meetings.timeutil.UTCDateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('account', 'address')", name=op.f('ck_login_throttle_kind')),
        sa.CheckConstraint('failures > 0', name=op.f('ck_login_throttle_failures_positive')),
        sa.PrimaryKeyConstraint('kind', 'key', name=op.f('pk_login_throttle')),
    )


def downgrade():
    op.drop_table('login_throttle')
