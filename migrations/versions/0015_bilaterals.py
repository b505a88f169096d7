"""bilateral meeting rooms: slots, bookings with a counterpart

Revision ID: 0015_bilaterals
Revises: 0014_registration
Create Date: 2026-11-23 15:30:00

- bilateral_grid (one per session: slot length, when booking opens, the daily cap, whether an
  approved high-level registration is needed) and bilateral_period (the periods of days cut into slots);
- bilateral_room: the session's rooms set aside for bilateral meetings;
- bilateral_booking: (room, start) unique among active bookings (a partial unique index), the booking
  delegation's seat of the day unique; bilateral_party: a delegation in one meeting at a start;
- room_booking: a booked bilateral slot holds its room (holder kind 'bilateral', its own column, the
  check of one holder per kind widened). PostgreSQL adds the enum value outside the transaction;
  SQLite stores the kind as VARCHAR(10) without a CHECK ('bilateral' fits) and rebuilds room_booking
  for its check (nothing refers to room_booking, so the rebuild cascades nowhere).
"""
import sqlalchemy as sa
from alembic import op

import meetings.timeutil  # noqa: F401

revision = '0015_bilaterals'
down_revision = '0014_registration'
branch_labels = None
depends_on = None

ACTIVE = "state IN ('held', 'confirmed')"
PARTIAL = {'sqlite_where': sa.text(ACTIVE), 'postgresql_where': sa.text(ACTIVE)}
state = sa.Enum('held', 'confirmed', 'declined', 'cancelled', name='bilateral_state')
HOLDER_CHECK = 'one_holder_of_its_kind'
OLD_HOLDERS = ('meeting', 'side_event')
OLD_CHECK = ("(holder_kind = 'meeting' AND meeting_block_id IS NOT NULL AND side_event_id IS NULL) OR "
             "(holder_kind = 'side_event' AND side_event_id IS NOT NULL AND meeting_block_id IS NULL)")
NEW_CHECK = ("(holder_kind = 'meeting' AND meeting_block_id IS NOT NULL AND side_event_id IS NULL "
             "AND bilateral_booking_id IS NULL) OR "
             "(holder_kind = 'side_event' AND side_event_id IS NOT NULL AND meeting_block_id IS NULL "
             "AND bilateral_booking_id IS NULL) OR "
             "(holder_kind = 'bilateral' AND bilateral_booking_id IS NOT NULL AND meeting_block_id IS NULL "
             "AND side_event_id IS NULL)")


def _postgresql() -> bool:
    return op.get_bind().dialect.name == 'postgresql'


def upgrade():
    if _postgresql():
        # A new enum value can be used (in the check below) only once committed.
        with op.get_context().autocommit_block():
            op.execute("ALTER TYPE room_holder_kind ADD VALUE IF NOT EXISTS 'bilateral'")

    op.create_table('bilateral_grid',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commission_session_id', sa.Integer(), nullable=False),
    sa.Column('slot_minutes', sa.Integer(), nullable=False),
    sa.Column('booking_opens', meetings.timeutil.UTCDateTime(), nullable=False),
    sa.Column('daily_cap', sa.Integer(), nullable=False),
    sa.Column('needs_high_level', sa.Boolean(), nullable=False),
    sa.CheckConstraint('daily_cap > 0', name=op.f('ck_bilateral_grid_daily_cap_positive')),
    sa.CheckConstraint('slot_minutes >= 5 AND slot_minutes <= 240', name=op.f('ck_bilateral_grid_slot_length_sensible')),
    sa.ForeignKeyConstraint(['commission_session_id'], ['commission_session.id'],
                            name=op.f('fk_bilateral_grid_commission_session_id_commission_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bilateral_grid')),
    sa.UniqueConstraint('commission_session_id', name=op.f('uq_bilateral_grid_commission_session_id'))
    )
    op.create_table('bilateral_period',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('starts', sa.Time(), nullable=False),
    sa.Column('ends', sa.Time(), nullable=False),
    sa.CheckConstraint('ends > starts', name=op.f('ck_bilateral_period_ends_after_start')),
    sa.ForeignKeyConstraint(['grid_id'], ['bilateral_grid.id'], name=op.f('fk_bilateral_period_grid_id_bilateral_grid'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bilateral_period')),
    sa.UniqueConstraint('grid_id', 'day', 'starts', name='uq_bilateral_period_start')
    )
    op.create_index(op.f('ix_bilateral_period_grid_id'), 'bilateral_period', ['grid_id'], unique=False)
    op.create_table('bilateral_room',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commission_session_id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['commission_session_id'], ['commission_session.id'],
                            name=op.f('fk_bilateral_room_commission_session_id_commission_session'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_bilateral_room_room_id_room'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bilateral_room')),
    sa.UniqueConstraint('room_id', name=op.f('uq_bilateral_room_room_id'))
    )
    op.create_index(op.f('ix_bilateral_room_commission_session_id'), 'bilateral_room', ['commission_session_id'],
                    unique=False)
    op.create_table('bilateral_booking',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commission_session_id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', meetings.timeutil.UTCDateTime(), nullable=False),
    sa.Column('ends_at', meetings.timeutil.UTCDateTime(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('booked_by_id', sa.Integer(), nullable=False),
    sa.Column('counterpart_id', sa.Integer(), nullable=True),
    sa.Column('counterpart_name', sa.String(length=200), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('state', state, nullable=False),
    sa.Column('day_seat', sa.Integer(), nullable=True),
    sa.Column('submission_key', sa.String(length=64), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('booked_at', meetings.timeutil.UTCDateTime(), nullable=False),
    sa.Column('decided_at', meetings.timeutil.UTCDateTime(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('ical_sequence', sa.Integer(), nullable=False),
    sa.CheckConstraint("(counterpart_id IS NULL) <> (counterpart_name = '')",
                       name=op.f('ck_bilateral_booking_one_counterpart')),
    sa.CheckConstraint('counterpart_id IS NULL OR counterpart_id <> booked_by_id',
                       name=op.f('ck_bilateral_booking_not_with_oneself')),
    sa.CheckConstraint(f'({ACTIVE}) = (day_seat IS NOT NULL)', name=op.f('ck_bilateral_booking_seat_while_active')),
    sa.CheckConstraint('day_seat IS NULL OR day_seat > 0', name=op.f('ck_bilateral_booking_seat_positive')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_bilateral_booking_ends_after_start')),
    sa.ForeignKeyConstraint(['booked_by_id'], ['delegation.id'], name=op.f('fk_bilateral_booking_booked_by_id_delegation'),
                            ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['commission_session_id'], ['commission_session.id'],
                            name=op.f('fk_bilateral_booking_commission_session_id_commission_session'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['counterpart_id'], ['delegation.id'],
                            name=op.f('fk_bilateral_booking_counterpart_id_delegation'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'],
                            name=op.f('fk_bilateral_booking_created_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_bilateral_booking_room_id_room'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bilateral_booking')),
    sa.UniqueConstraint('booked_by_id', 'day', 'day_seat', name='uq_bilateral_booking_day_seat'),
    sa.UniqueConstraint('commission_session_id', 'booked_by_id', 'submission_key', name='uq_bilateral_booking_key')
    )
    op.create_index('ix_bilateral_booking_session_start', 'bilateral_booking', ['commission_session_id', 'starts_at'],
                    unique=False)
    op.create_index('uq_bilateral_booking_room_slot', 'bilateral_booking', ['room_id', 'starts_at'], unique=True,
                    **PARTIAL)
    op.create_table('bilateral_party',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('booking_id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', meetings.timeutil.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['booking_id'], ['bilateral_booking.id'],
                            name=op.f('fk_bilateral_party_booking_id_bilateral_booking'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegation.id'], name=op.f('fk_bilateral_party_delegation_id_delegation'),
                            ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bilateral_party')),
    sa.UniqueConstraint('booking_id', 'delegation_id', name='uq_bilateral_party_once'),
    sa.UniqueConstraint('delegation_id', 'starts_at', name='uq_bilateral_party_delegation_slot')
    )

    with op.batch_alter_table('room_booking', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bilateral_booking_id', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_room_booking_bilateral_booking_id'), ['bilateral_booking_id'])
        batch_op.create_foreign_key(batch_op.f('fk_room_booking_bilateral_booking_id_bilateral_booking'),
                                    'bilateral_booking', ['bilateral_booking_id'], ['id'], ondelete='CASCADE')
        batch_op.drop_constraint(batch_op.f(f'ck_room_booking_{HOLDER_CHECK}'), type_='check')
        batch_op.create_check_constraint(batch_op.f(f'ck_room_booking_{HOLDER_CHECK}'), NEW_CHECK)


def downgrade():
    # The older schema knows no bilateral slot: the rooms they hold are freed with them.
    op.execute("DELETE FROM room_booking WHERE holder_kind = 'bilateral'")
    with op.batch_alter_table('room_booking', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f(f'ck_room_booking_{HOLDER_CHECK}'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_room_booking_bilateral_booking_id_bilateral_booking'),
                                 type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_room_booking_bilateral_booking_id'), type_='unique')
        batch_op.drop_column('bilateral_booking_id')
    if _postgresql():
        # PostgreSQL cannot drop a value from an enum: the type is made again without it.
        op.execute("ALTER TYPE room_holder_kind RENAME TO room_holder_kind_old")
        sa.Enum(*OLD_HOLDERS, name='room_holder_kind').create(op.get_bind())
        op.execute("ALTER TABLE room_booking ALTER COLUMN holder_kind TYPE room_holder_kind "
                   "USING holder_kind::text::room_holder_kind")
        op.execute("DROP TYPE room_holder_kind_old")
    with op.batch_alter_table('room_booking', schema=None) as batch_op:
        batch_op.create_check_constraint(batch_op.f(f'ck_room_booking_{HOLDER_CHECK}'), OLD_CHECK)

    op.drop_table('bilateral_party')
    op.drop_index('uq_bilateral_booking_room_slot', table_name='bilateral_booking', **PARTIAL)
    op.drop_index('ix_bilateral_booking_session_start', table_name='bilateral_booking')
    op.drop_table('bilateral_booking')
    op.drop_index(op.f('ix_bilateral_room_commission_session_id'), table_name='bilateral_room')
    op.drop_table('bilateral_room')
    op.drop_index(op.f('ix_bilateral_period_grid_id'), table_name='bilateral_period')
    op.drop_table('bilateral_period')
    op.drop_table('bilateral_grid')
    if _postgresql():
        state.drop(op.get_bind(), checkfirst=False)
