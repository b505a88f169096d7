"""remote on the floor: a request for the floor and a speaker's turn can be remote

Revision ID: 0013_remote_on_the_floor
Revises: 0012_floor_interventions
Create Date: 2026-11-23 15:20:00

Plain ADD COLUMN on both databases: `floor_request` and `floor_turn` are referenced by other
tables with ON DELETE actions, so they are never rebuilt on SQLite.
"""
import sqlalchemy as sa
from alembic import op

revision = '0013_remote_on_the_floor'
down_revision = '0012_floor_interventions'
branch_labels = None
depends_on = None

TABLES = ('floor_request', 'floor_turn')


def upgrade():
    for table in TABLES:
        op.add_column(table, sa.Column('remote', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, recreate='never') as batch_op:
            batch_op.drop_column('remote')
