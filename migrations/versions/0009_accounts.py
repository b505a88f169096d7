"""accounts: one-time passwords, disabled users

Revision ID: 0009_accounts
Revises: 0008_programme_rooms
Create Date: 2026-11-23 10:15:00

"""
import sqlalchemy as sa
from alembic import op

import meetings.timeutil  # noqa: F401

revision = '0009_accounts'
down_revision = '0008_programme_rooms'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE (SQLite 3.35+ drops columns itself): a batch copy of user_account would
    # drop the table that api_token and audit_entry refer to.
    op.add_column('user_account', sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(),
                                            nullable=False))
    op.add_column('user_account', sa.Column('home_seen_at', meetings.timeutil.UTCDateTime(), nullable=True))
    op.add_column('user_account', sa.Column('home_changes_since', meetings.timeutil.UTCDateTime(), nullable=True))


def downgrade():
    op.drop_column('user_account', 'home_changes_since')
    op.drop_column('user_account', 'home_seen_at')
    op.drop_column('user_account', 'must_change_password')
