"""remote participation: connection links of remote speakers, virtual side events' meeting links

Revision ID: 0016_remote_participation
Revises: 0015_bilaterals
Create Date: 2026-11-23 15:30:00

An inscription can be remote; an inscription, a request for the floor and a speaker's turn carry
the connection link the chair uses to bring a remote speaker in; a side event carries its meeting
link. Plain ADD COLUMN on both databases: these tables are referenced by others with ON DELETE
actions, so they are never rebuilt on SQLite.
"""
import sqlalchemy as sa
from alembic import op

revision = '0016_remote_participation'
down_revision = '0015_bilaterals'
branch_labels = None
depends_on = None

COLUMNS = [
    ('gd_inscription', sa.Column('remote', sa.Boolean(), nullable=False, server_default=sa.false())),
    ('gd_inscription', sa.Column('connection_link', sa.String(500), nullable=False, server_default='')),
    ('floor_request', sa.Column('connection_link', sa.String(500), nullable=False, server_default='')),
    ('floor_turn', sa.Column('connection_link', sa.String(500), nullable=False, server_default='')),
    ('side_event', sa.Column('meeting_link', sa.String(500), nullable=False, server_default='')),
]


def upgrade():
    for table, column in COLUMNS:
        op.add_column(table, column)


def downgrade():
    for table, column in reversed(COLUMNS):
        with op.batch_alter_table(table, recreate='never') as batch_op:
            batch_op.drop_column(column.name)
