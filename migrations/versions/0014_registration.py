"""registration: participants by segment, the note verbale, the secretariat's decision

Revision ID: 0014_registration
Revises: 0013_remote_on_the_floor
Create Date: 2026-11-23 15:30:00

Two new tables: `registration` (one per delegation and session) and `registration_participant`,
with at most one head of delegation per registration (a partial unique index), and four enum types
on PostgreSQL, which the downgrade drops with the tables.
"""
import sqlalchemy as sa
from alembic import op

import meetings.timeutil  # noqa: F401  (UTCDateTime)

revision = '0014_registration'
down_revision = '0013_remote_on_the_floor'
branch_labels = None
depends_on = None

ENUMS = ('registration_status', 'participant_segment', 'participant_attendance', 'participant_status')


def upgrade():
    op.create_table('registration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commission_session_id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'submitted', 'approved', 'returned', name='registration_status'), nullable=False),
    sa.Column('note_verbale_file', sa.String(length=200), nullable=True),
    sa.Column('note_verbale_uploaded_at', meetings.timeutil.UTCDateTime(), nullable=True),
    sa.Column('created_at', meetings.timeutil.UTCDateTime(), nullable=False),
    sa.Column('submitted_at', meetings.timeutil.UTCDateTime(), nullable=True),
    sa.Column('decided_at', meetings.timeutil.UTCDateTime(), nullable=True),
    sa.Column('return_reason', sa.String(length=1000), server_default='', nullable=False),
    sa.CheckConstraint("status = 'draft' OR submitted_at IS NOT NULL", name=op.f('ck_registration_submitted_has_a_time')),
    sa.CheckConstraint("status NOT IN ('submitted', 'approved') OR note_verbale_file IS NOT NULL",
                       name=op.f('ck_registration_submitted_has_a_note_verbale')),
    sa.CheckConstraint("status NOT IN ('approved', 'returned') OR decided_at IS NOT NULL",
                       name=op.f('ck_registration_decided_has_a_time')),
    sa.CheckConstraint("status <> 'returned' OR length(return_reason) > 0", name=op.f('ck_registration_returned_with_reason')),
    sa.ForeignKeyConstraint(['commission_session_id'], ['commission_session.id'],
                            name=op.f('fk_registration_commission_session_id_commission_session'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegation.id'], name=op.f('fk_registration_delegation_id_delegation'),
                            ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registration')),
    sa.UniqueConstraint('commission_session_id', 'delegation_id', name='uq_registration_delegation')
    )
    op.create_table('registration_participant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=100), server_default='', nullable=False),
    sa.Column('function', sa.String(length=200), server_default='', nullable=False),
    sa.Column('head_of_delegation', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('segment', sa.Enum('high_level', 'regular', 'both', name='participant_segment'), nullable=False),
    sa.Column('attendance', sa.Enum('in_person', 'online', name='participant_attendance'), nullable=False),
    sa.Column('status', sa.Enum('pending', 'approved', 'returned', name='participant_status'), nullable=False),
    sa.Column('return_reason', sa.String(length=1000), server_default='', nullable=False),
    sa.Column('created_at', meetings.timeutil.UTCDateTime(), nullable=False),
    sa.CheckConstraint('length(name) > 0', name=op.f('ck_registration_participant_named')),
    sa.CheckConstraint("status <> 'returned' OR length(return_reason) > 0",
                       name=op.f('ck_registration_participant_returned_with_reason')),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'],
                            name=op.f('fk_registration_participant_registration_id_registration'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registration_participant'))
    )
    op.create_index(op.f('ix_registration_participant_registration_id'), 'registration_participant',
                    ['registration_id'], unique=False)
    op.create_index('uq_registration_participant_head', 'registration_participant', ['registration_id'], unique=True,
                    sqlite_where=sa.text('head_of_delegation = 1'), postgresql_where=sa.text('head_of_delegation'))


def downgrade():
    op.drop_index('uq_registration_participant_head', table_name='registration_participant',
                  sqlite_where=sa.text('head_of_delegation = 1'), postgresql_where=sa.text('head_of_delegation'))
    op.drop_index(op.f('ix_registration_participant_registration_id'), table_name='registration_participant')
    op.drop_table('registration_participant')
    op.drop_table('registration')
    for name in ENUMS:
        sa.Enum(name=name).drop(op.get_bind(), checkfirst=True)
