"""rooms: one occupancy, cancelled meetings

Revision ID: 0008_programme_rooms
Revises: 0007_debate_safe_hands
Create Date: 2026-11-23 10:15:00

- room_booking: what holds each room when (meetings, scheduled side events), filled from the
  existing blocks and scheduled side events; on PostgreSQL an exclusion constraint refuses two
  overlapping bookings of a room (btree_gist).
- meeting_block: cancelled_at, cancel_reason (a meeting that holds records is cancelled, not deleted).
- floor.block_id: ON DELETE RESTRICT instead of CASCADE (deleting a meeting no longer wipes its floor).
- session_rules: se_day_starts, se_day_ends (the day's hours of side events, 08:00 to 21:00).
"""
from datetime import time

import sqlalchemy as sa
from alembic import op

import meetings.timeutil  # noqa: F401

revision = '0008_programme_rooms'
down_revision = '0007_debate_safe_hands'
branch_labels = None
depends_on = None

holder_kind = sa.Enum('meeting', 'side_event', name='room_holder_kind')
OVERLAP = 'ex_room_booking_no_overlap'


def _postgresql() -> bool:
    return op.get_bind().dialect.name == 'postgresql'


def upgrade():
    _refuse_rooms_held_twice()
    # Plain ALTER TABLE, never a batch copy: recreating meeting_block on SQLite would delete, or be
    # refused by, the floors and bookings that refer to it.
    op.add_column('meeting_block', sa.Column('cancelled_at', meetings.timeutil.UTCDateTime(), nullable=True))
    op.add_column('meeting_block', sa.Column('cancel_reason', sa.Text(), server_default='', nullable=False))

    op.add_column('session_rules', sa.Column('se_day_starts', sa.Time(), nullable=True))
    op.add_column('session_rules', sa.Column('se_day_ends', sa.Time(), nullable=True))
    rules = sa.table('session_rules', sa.column('se_day_starts', sa.Time()), sa.column('se_day_ends', sa.Time()))
    op.execute(rules.update().values(se_day_starts=time(8, 0), se_day_ends=time(21, 0)))
    with op.batch_alter_table('session_rules', schema=None) as batch_op:
        batch_op.alter_column('se_day_starts', existing_type=sa.Time(), nullable=False)
        batch_op.alter_column('se_day_ends', existing_type=sa.Time(), nullable=False)
        batch_op.create_check_constraint('side_event_day_in_order', 'se_day_ends > se_day_starts')

    _floor_block_fk('RESTRICT')

    op.create_table('room_booking',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commission_session_id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', meetings.timeutil.UTCDateTime(), nullable=False),
    sa.Column('ends_at', meetings.timeutil.UTCDateTime(), nullable=False),
    sa.Column('holder_kind', holder_kind, nullable=False),
    sa.Column('meeting_block_id', sa.Integer(), nullable=True),
    sa.Column('side_event_id', sa.Integer(), nullable=True),
    sa.Column('label', sa.String(length=400), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_room_booking_ends_after_start')),
    sa.CheckConstraint(
        "(holder_kind = 'meeting' AND meeting_block_id IS NOT NULL AND side_event_id IS NULL) OR "
        "(holder_kind = 'side_event' AND side_event_id IS NOT NULL AND meeting_block_id IS NULL)",
        name=op.f('ck_room_booking_one_holder_of_its_kind')),
    sa.ForeignKeyConstraint(['commission_session_id'], ['commission_session.id'],
                            name=op.f('fk_room_booking_commission_session_id_commission_session'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_block_id'], ['meeting_block.id'],
                            name=op.f('fk_room_booking_meeting_block_id_meeting_block'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_room_booking_room_id_room'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['side_event_id'], ['side_event.id'],
                            name=op.f('fk_room_booking_side_event_id_side_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_room_booking')),
    sa.UniqueConstraint('meeting_block_id', name=op.f('uq_room_booking_meeting_block_id')),
    sa.UniqueConstraint('side_event_id', name=op.f('uq_room_booking_side_event_id'))
    )
    with op.batch_alter_table('room_booking', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_room_booking_commission_session_id'), ['commission_session_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_room_booking_room_id'), ['room_id'], unique=False)

    _book_what_exists()
    if _postgresql():
        # The test server's user is a superuser; in production the database owner may create it
        # (btree_gist is a trusted extension), or an administrator creates it once beforehand.
        op.execute('CREATE EXTENSION IF NOT EXISTS btree_gist')
        op.execute(f'ALTER TABLE room_booking ADD CONSTRAINT {OVERLAP} '
                   'EXCLUDE USING gist (room_id WITH =, tsrange(starts_at, ends_at) WITH &&)')


BLOCKS = 'SELECT id, room_id, starts_at, ends_at, title FROM meeting_block'
EVENTS = ('SELECT e.id, e.room_id, e.starts_at, e.ends_at, e.title, d.name FROM side_event e '
          "JOIN delegation d ON d.id = e.organizer_id WHERE e.status = 'accepted' AND e.starts_at IS NOT NULL")


def _refuse_rooms_held_twice() -> None:
    """Stop before changing anything when a room is held twice at once (a meeting added over a
    side event before this version refused it): the list of clashes, to be settled first."""
    conn = op.get_bind()
    held = [(r.room_id, r.starts_at, r.ends_at, f'the meeting “{r.title}”') for r in conn.execute(sa.text(BLOCKS))]
    held += [(r.room_id, r.starts_at, r.ends_at, f'“{r.title}” ({r.name})') for r in conn.execute(sa.text(EVENTS))]
    held.sort(key=lambda h: (h[0], h[1]))
    clashes = [f'{a[3]} and {b[3]} (room {a[0]})' for a, b in zip(held, held[1:]) if a[0] == b[0] and b[1] < a[2]]
    if clashes:
        raise RuntimeError('These hold one room at the same time; move one of each pair, then upgrade again: '
                           + '; '.join(clashes))


def _book_what_exists() -> None:
    """Every meeting block and every scheduled accepted side event holds its room, as before."""
    kind = (lambda k: f"CAST('{k}' AS room_holder_kind)") if _postgresql() else (lambda k: f"'{k}'")
    columns = ('INSERT INTO room_booking (commission_session_id, room_id, starts_at, ends_at, holder_kind, '
               'meeting_block_id, side_event_id, label) ')
    op.execute(columns + f"SELECT commission_session_id, room_id, starts_at, ends_at, {kind('meeting')}, id, NULL, "
               "substr('the meeting “' || title || '”', 1, 400) FROM meeting_block")
    op.execute(columns + f"SELECT e.commission_session_id, e.room_id, e.starts_at, e.ends_at, {kind('side_event')}, "
               "NULL, e.id, substr('“' || e.title || '” (' || d.name || ')', 1, 400) "
               "FROM side_event e JOIN delegation d ON d.id = e.organizer_id "
               "WHERE e.status = 'accepted' AND e.starts_at IS NOT NULL")


def _floor_block_fk(ondelete: str) -> None:
    """Change what deleting a meeting does to its floor.

    On SQLite the change recreates `floor`; dropping the old table, with foreign keys on, would
    delete its turns and requests by cascade, so they are kept aside and put back.
    """
    sqlite = not _postgresql()
    if sqlite:
        for table in ('floor_turn', 'floor_request'):
            op.execute(f'CREATE TEMPORARY TABLE _keep_{table} AS SELECT * FROM {table}')
    with op.batch_alter_table('floor', schema=None, recreate='auto') as batch_op:
        batch_op.drop_constraint('fk_floor_block_id_meeting_block', type_='foreignkey')
        batch_op.create_foreign_key('fk_floor_block_id_meeting_block', 'meeting_block', ['block_id'], ['id'],
                                    ondelete=ondelete)
    if sqlite:
        for table in ('floor_turn', 'floor_request'):
            op.execute(f'INSERT INTO {table} SELECT * FROM _keep_{table} WHERE id NOT IN (SELECT id FROM {table})')
            op.execute(f'DROP TABLE _keep_{table}')


def downgrade():
    op.drop_table('room_booking')
    if _postgresql():
        holder_kind.drop(op.get_bind(), checkfirst=False)
        # Nothing else of this application uses it.
        op.execute('DROP EXTENSION IF EXISTS btree_gist')

    _floor_block_fk('CASCADE')

    with op.batch_alter_table('session_rules', schema=None) as batch_op:
        batch_op.drop_constraint('side_event_day_in_order', type_='check')
        batch_op.drop_column('se_day_ends')
        batch_op.drop_column('se_day_starts')

    op.drop_column('meeting_block', 'cancel_reason')
    op.drop_column('meeting_block', 'cancelled_at')
