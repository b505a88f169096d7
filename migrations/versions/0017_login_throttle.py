"""sign-in: failed attempts per account and per address, shared by every worker; signed-in browsers

Revision ID: 0017_login_throttle
Revises: 0016_remote_participation
Create Date: 2026-11-23 15:40:00
"""
import sqlalchemy as sa
from alembic import op

import meetings.timeutil

revision = '0017_login_throttle'
down_revision = '0016_remote_participation'
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
    op.create_table(
        'signed_in',
        sa.Column('id_hash', sa.String(64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('started_at', meetings.timeutil.UTCDateTime(), nullable=False),
        sa.Column('ended_at', meetings.timeutil.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_signed_in_user_id_user_account'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id_hash', name=op.f('pk_signed_in')),
    )
    op.create_index(op.f('ix_signed_in_user_id'), 'signed_in', ['user_id'])


def downgrade():
    op.drop_index(op.f('ix_signed_in_user_id'), table_name='signed_in')
    op.drop_table('signed_in')
    op.drop_table('login_throttle')
