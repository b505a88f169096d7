"""general debate: withdrawal, reinstatement, level requests, the draw's public value

Revision ID: 0007_debate_safe_hands
Revises: 0006_audit
Create Date: 2026-11-23 10:15:00

"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import meetings.timeutil

revision = '0007_debate_safe_hands'
down_revision = '0006_audit'
branch_labels = None
depends_on = None


LEVELS = ('higher_than_ministerial', 'ministerial', 'lower_than_ministerial')
NATIONAL_BEFORE = {'sqlite_where': sa.text('on_behalf_of_group = 0'),
                   'postgresql_where': sa.text('NOT on_behalf_of_group')}
NATIONAL_IN_FORCE = {'sqlite_where': sa.text('on_behalf_of_group = 0 AND withdrawn_at IS NULL'),
                     'postgresql_where': sa.text('NOT on_behalf_of_group AND withdrawn_at IS NULL')}


def _level():
    """The existing gd_level type (0003): PostgreSQL must not create it a second time."""
    return sa.Enum(*LEVELS, name='gd_level').with_variant(
        postgresql.ENUM(*LEVELS, name='gd_level', create_type=False), 'postgresql')


def upgrade():
    # One national statement IN FORCE per delegation: a withdrawn one no longer blocks a new one.
    op.drop_index('uq_gd_inscription_national', table_name='gd_inscription', **NATIONAL_BEFORE)
    op.create_index('uq_gd_inscription_national', 'gd_inscription', ['commission_session_id', 'delegation_id'],
                    unique=True, **NATIONAL_IN_FORCE)

    # The draw's two parts: the secret revealed and the public value fixed in the room. A draw made
    # before keeps its seed, which was the secret itself.
    op.add_column('gd_draw', sa.Column('secret', sa.String(length=200), nullable=True))
    op.add_column('gd_draw', sa.Column('public_value', sa.String(length=200), nullable=True))
    op.execute('UPDATE gd_draw SET secret = seed WHERE seed IS NOT NULL')

    # A swap declined by the other delegation (or lapsed).
    with op.batch_alter_table('gd_swap', schema=None) as batch_op:
        batch_op.add_column(sa.Column('declined_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('declined_at', meetings.timeutil.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('decline_reason', sa.Text(), server_default='', nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_gd_swap_declined_by_id_user_account'), 'user_account',
                                    ['declined_by_id'], ['id'], ondelete='RESTRICT')

    op.create_table('gd_level_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commission_session_id', sa.Integer(), nullable=False),
    sa.Column('inscription_id', sa.Integer(), nullable=False),
    sa.Column('from_level', _level(), nullable=False),
    sa.Column('to_level', _level(), nullable=False),
    sa.Column('speaker_name', sa.String(length=200), nullable=False),
    sa.Column('speaker_title', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'confirmed', 'declined', 'cancelled', name='gd_level_request_status'),
              nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=False),
    sa.Column('requested_at', meetings.timeutil.UTCDateTime(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', meetings.timeutil.UTCDateTime(), nullable=True),
    sa.Column('decision_reason', sa.Text(), nullable=False),
    sa.CheckConstraint('from_level <> to_level', name=op.f('ck_gd_level_request_level_changes')),
    sa.CheckConstraint('length(speaker_name) > 0', name=op.f('ck_gd_level_request_speaker_named')),
    sa.CheckConstraint("status <> 'declined' OR length(decision_reason) > 0",
                       name=op.f('ck_gd_level_request_declining_has_a_reason')),
    sa.ForeignKeyConstraint(['commission_session_id'], ['commission_session.id'],
                            name=op.f('fk_gd_level_request_commission_session_id_commission_session'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'],
                            name=op.f('fk_gd_level_request_decided_by_id_user_account'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['inscription_id'], ['gd_inscription.id'],
                            name=op.f('fk_gd_level_request_inscription_id_gd_inscription'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requested_by_id'], ['user_account.id'],
                            name=op.f('fk_gd_level_request_requested_by_id_user_account'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gd_level_request'))
    )
    op.create_index('uq_gd_level_request_pending', 'gd_level_request', ['inscription_id'], unique=True,
                    sqlite_where=sa.text("status = 'pending'"), postgresql_where=sa.text("status = 'pending'"))


def downgrade():
    op.drop_index('uq_gd_level_request_pending', table_name='gd_level_request',
                  sqlite_where=sa.text("status = 'pending'"), postgresql_where=sa.text("status = 'pending'"))
    op.drop_table('gd_level_request')
    sa.Enum(name='gd_level_request_status').drop(op.get_bind(), checkfirst=True)

    with op.batch_alter_table('gd_swap', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_gd_swap_declined_by_id_user_account'), type_='foreignkey')
        batch_op.drop_column('decline_reason')
        batch_op.drop_column('declined_at')
        batch_op.drop_column('declined_by_id')

    # The seed column held the secret in the older schema: a draw with a public value cannot be
    # expressed there, so only the draws made before keep a checkable record.
    op.drop_column('gd_draw', 'public_value')
    op.drop_column('gd_draw', 'secret')

    # The older rule counted withdrawn statements too: a delegation that withdrew and inscribed again
    # must have one of the two removed by hand before this step can succeed.
    op.drop_index('uq_gd_inscription_national', table_name='gd_inscription', **NATIONAL_IN_FORCE)
    op.create_index('uq_gd_inscription_national', 'gd_inscription', ['commission_session_id', 'delegation_id'],
                    unique=True, **NATIONAL_BEFORE)
