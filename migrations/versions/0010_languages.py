"""languages: a user's language, a room's projector language

Revision ID: 0010_languages
Revises: 0009_accounts
Create Date: 2026-11-23 12:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0010_languages'
down_revision = '0009_accounts'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('user_account', sa.Column('language', sa.String(length=8), nullable=True))
    op.add_column('room', sa.Column('projector_language', sa.String(length=8), nullable=True))


def downgrade():
    op.drop_column('room', 'projector_language')
    op.drop_column('user_account', 'language')
