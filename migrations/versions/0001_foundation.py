"""session, delegations, users

Revision ID: 0001_foundation
Revises: 
Create Date: 2026-11-22 15:49:48.991416

"""
from alembic import op
import sqlalchemy as sa

import meetings.timeutil


# revision identifiers, used by Alembic.
revision = '0001_foundation'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('commission_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('venue', sa.String(length=200), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commission_session')),
    sa.UniqueConstraint('code', name=op.f('uq_commission_session_code'))
    )
    op.create_table('regional_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_regional_group')),
    sa.UniqueConstraint('code', name=op.f('uq_regional_group_code')),
    sa.UniqueConstraint('name', name=op.f('uq_regional_group_name'))
    )
    op.create_table('delegation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.Enum('member_state', 'observer_state', 'igo', 'ngo', name='delegation_kind'), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('names', sa.JSON(), nullable=False),
    sa.Column('regional_group_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("(kind = 'member_state') = (regional_group_id IS NOT NULL)", name=op.f('ck_delegation_member_states_have_a_group')),
    sa.ForeignKeyConstraint(['regional_group_id'], ['regional_group.id'], name=op.f('fk_delegation_regional_group_id_regional_group'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delegation')),
    sa.UniqueConstraint('code', name=op.f('uq_delegation_code')),
    sa.UniqueConstraint('name', name=op.f('uq_delegation_name'))
    )
    op.create_table('room',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commission_session_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.CheckConstraint('capacity IS NULL OR capacity > 0', name=op.f('ck_room_capacity_positive')),
    sa.ForeignKeyConstraint(['commission_session_id'], ['commission_session.id'], name=op.f('fk_room_commission_session_id_commission_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_room')),
    sa.UniqueConstraint('commission_session_id', 'name', name=op.f('uq_room_commission_session_id_name'))
    )
    op.create_table('segment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commission_session_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('high_level', 'regular', name='segment_kind'), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.CheckConstraint('end_date >= start_date', name=op.f('ck_segment_dates_in_order')),
    sa.ForeignKeyConstraint(['commission_session_id'], ['commission_session.id'], name=op.f('fk_segment_commission_session_id_commission_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_segment')),
    sa.UniqueConstraint('commission_session_id', 'kind', name=op.f('uq_segment_commission_session_id_kind'))
    )
    op.create_table('session_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commission_session_id', sa.Integer(), nullable=False),
    sa.Column('gd_slot_count', sa.Integer(), nullable=False),
    sa.Column('gd_limit_national_s', sa.Integer(), nullable=False),
    sa.Column('gd_limit_group_s', sa.Integer(), nullable=False),
    sa.Column('changeover_s', sa.Integer(), nullable=False),
    sa.Column('gd_ngo_max', sa.Integer(), nullable=False),
    sa.Column('gd_inscription_closes', meetings.timeutil.UTCDateTime(), nullable=True),
    sa.Column('gd_draw_date', sa.Date(), nullable=True),
    sa.Column('rt_limit_panelist_s', sa.Integer(), nullable=False),
    sa.Column('rt_limit_floor_s', sa.Integer(), nullable=False),
    sa.Column('rt_ngo_max', sa.Integer(), nullable=False),
    sa.Column('cochairs_per_roundtable', sa.Integer(), nullable=False),
    sa.Column('nominations_close', meetings.timeutil.UTCDateTime(), nullable=True),
    sa.Column('hl_window_opens', meetings.timeutil.UTCDateTime(), nullable=False),
    sa.Column('hl_window_closes', meetings.timeutil.UTCDateTime(), nullable=False),
    sa.Column('hl_cap_total', sa.Integer(), nullable=False),
    sa.Column('hl_cap_per_organizer', sa.Integer(), nullable=False),
    sa.Column('se_max_minutes', sa.Integer(), nullable=False),
    sa.Column('se_period_start', sa.Date(), nullable=True),
    sa.Column('se_period_end', sa.Date(), nullable=True),
    sa.CheckConstraint('changeover_s >= 0', name=op.f('ck_session_rules_changeover_not_negative')),
    sa.CheckConstraint('cochairs_per_roundtable > 0', name=op.f('ck_session_rules_cochairs_positive')),
    sa.CheckConstraint('gd_limit_national_s > 0 AND gd_limit_group_s > 0 AND rt_limit_panelist_s > 0 AND rt_limit_floor_s > 0', name=op.f('ck_session_rules_limits_positive')),
    sa.CheckConstraint('gd_ngo_max >= 0 AND rt_ngo_max >= 0', name=op.f('ck_session_rules_ngo_caps_not_negative')),
    sa.CheckConstraint('gd_slot_count > 0', name=op.f('ck_session_rules_slots_positive')),
    sa.CheckConstraint('hl_cap_total > 0 AND hl_cap_per_organizer > 0', name=op.f('ck_session_rules_caps_positive')),
    sa.CheckConstraint('hl_window_closes > hl_window_opens', name=op.f('ck_session_rules_window_in_order')),
    sa.CheckConstraint('se_max_minutes > 0', name=op.f('ck_session_rules_side_event_length_positive')),
    sa.ForeignKeyConstraint(['commission_session_id'], ['commission_session.id'], name=op.f('fk_session_rules_commission_session_id_commission_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_rules')),
    sa.UniqueConstraint('commission_session_id', name=op.f('uq_session_rules_commission_session_id'))
    )
    op.create_table('meeting_block',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commission_session_id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('general_debate', 'roundtable', 'plenary', 'opening', name='block_kind'), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('starts_at', meetings.timeutil.UTCDateTime(), nullable=False),
    sa.Column('ends_at', meetings.timeutil.UTCDateTime(), nullable=False),
    sa.Column('open_ended', sa.Boolean(), nullable=False),
    sa.Column('ical_sequence', sa.Integer(), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_meeting_block_ends_after_start')),
    sa.ForeignKeyConstraint(['commission_session_id'], ['commission_session.id'], name=op.f('fk_meeting_block_commission_session_id_commission_session'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_meeting_block_room_id_room'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_block'))
    )
    op.create_table('user_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('role', sa.Enum('secretariat', 'chair', 'delegation', name='user_role'), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.CheckConstraint("(role = 'delegation') = (delegation_id IS NOT NULL)", name=op.f('ck_user_account_delegation_users_are_bound')),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegation.id'], name=op.f('fk_user_account_delegation_id_delegation'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_account')),
    sa.UniqueConstraint('username', name=op.f('uq_user_account_username'))
    )
    op.create_table('api_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=80), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', meetings.timeutil.UTCDateTime(), nullable=False),
    sa.Column('revoked_at', meetings.timeutil.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_api_token_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_token_token_hash'))
    )


def downgrade():
    op.drop_table('api_token')
    op.drop_table('user_account')
    op.drop_table('meeting_block')
    op.drop_table('session_rules')
    op.drop_table('segment')
    op.drop_table('room')
    op.drop_table('delegation')
    op.drop_table('regional_group')
    op.drop_table('commission_session')
    for name in ('user_role', 'block_kind', 'segment_kind', 'delegation_kind'):
        sa.Enum(name=name).drop(op.get_bind(), checkfirst=True)
