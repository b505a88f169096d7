"""floor interventions: points of order and rights of reply

Revision ID: 0012_floor_interventions
Revises: 0011_roundtables
Create Date: 2026-11-23 13:30:00

Two roles of a turn (point_order, reply) and a status (held: a speech a point of order
interrupted); the floor keeps the interrupted speech's time; a right of reply has its
number per delegation and meeting (unique); the session's rules get the limits and the count.

SQLite: `floor` and `floor_turn` are referenced by other tables with ON DELETE actions, so they are
never rebuilt (a rebuild drops the old table, which would cascade): their new columns are added
with ALTER TABLE ADD COLUMN, each carrying its own CHECK. `session_rules` is rebuilt (batch) for
its checks; nothing refers to it.
"""
import sqlalchemy as sa
from alembic import op

import meetings.timeutil  # noqa: F401

revision = '0012_floor_interventions'
down_revision = '0011_roundtables'
branch_labels = None
depends_on = None

NEW_ROLES = ('point_order', 'reply')
OLD_ROLES = ('gd_national', 'gd_group', 'rt_panelist', 'rt_floor', 'other')
OLD_STATUSES = ('waiting', 'speaking', 'done')
HELD = {'sqlite_where': sa.text("status = 'held'"), 'postgresql_where': sa.text("status = 'held'")}
SPEAKING = {'sqlite_where': sa.text("status = 'speaking'"), 'postgresql_where': sa.text("status = 'speaking'")}

# (table, column, type, default, check name, check) of the columns added to the floor's tables.
FLOOR_COLUMNS = [
    ('floor', 'held_ms', 'INTEGER', '0', 'ck_floor_held_not_negative', 'held_ms >= 0'),
    ('floor', 'held_running', 'BOOLEAN', None, None, None),
    ('floor_turn', 'reply_number', 'INTEGER', None, 'ck_floor_turn_reply_number_positive',
     'reply_number IS NULL OR reply_number > 0'),
    ('floor_turn', 'times_interrupted', 'INTEGER', '0', 'ck_floor_turn_interruptions_not_negative',
     'times_interrupted >= 0'),
]
REPLY_NUMBERED = ('ck_floor_turn_reply_numbered', "(role = 'reply') = (reply_number IS NOT NULL)")
RULES_CHECKS = [
    ('rt_ngo_split_not_negative', 'rt_ngo_panelists_max >= 0 AND rt_ngo_floor_max >= 0'),
    ('floor_rules_valid', 'floor_point_of_order_s > 0 AND floor_reply_first_s > 0 AND floor_reply_second_s > 0 '
                          'AND floor_replies_max >= 0'),
]
RULES_COLUMNS = [('floor_point_of_order_s', '120'), ('floor_reply_first_s', '300'), ('floor_reply_second_s', '180'),
                 ('floor_replies_max', '2')]


def _postgresql() -> bool:
    return op.get_bind().dialect.name == 'postgresql'


def upgrade():
    if _postgresql():
        # A new enum value can be used only once committed: add them outside the migration's transaction.
        with op.get_context().autocommit_block():
            for role in NEW_ROLES:
                op.execute(f"ALTER TYPE turn_role ADD VALUE IF NOT EXISTS '{role}'")
            op.execute("ALTER TYPE turn_status ADD VALUE IF NOT EXISTS 'held' BEFORE 'done'")
    # (SQLite stores these enums as VARCHAR(11) and VARCHAR(8) without a CHECK: the new values, no
    # longer than the others, need nothing.)

    for table, column, type_, default, check_name, check in FLOOR_COLUMNS:
        if _postgresql():
            if type_ == 'BOOLEAN':
                op.add_column(table, sa.Column(column, sa.Boolean(), server_default=sa.false(), nullable=False))
            else:
                op.add_column(table, sa.Column(column, sa.Integer(), server_default=default, nullable=default is None))
            if check:
                op.create_check_constraint(op.f(check_name), table, check)
            continue
        if type_ == 'BOOLEAN':
            sql = f"ALTER TABLE {table} ADD COLUMN {column} BOOLEAN DEFAULT (0) NOT NULL"
        elif default is not None:
            sql = f"ALTER TABLE {table} ADD COLUMN {column} {type_} DEFAULT '{default}' NOT NULL"
        else:
            sql = f"ALTER TABLE {table} ADD COLUMN {column} {type_}"
        if check:
            sql += f" CONSTRAINT {check_name} CHECK ({check})"
        if column == 'reply_number':
            sql += f" CONSTRAINT {REPLY_NUMBERED[0]} CHECK ({REPLY_NUMBERED[1]})"
        op.execute(sql)
    if _postgresql():
        op.create_check_constraint(op.f(REPLY_NUMBERED[0]), 'floor_turn', REPLY_NUMBERED[1])
    op.create_index('uq_floor_turn_one_held', 'floor_turn', ['floor_id'], unique=True, **HELD)
    op.create_index('uq_floor_turn_reply_once', 'floor_turn', ['floor_id', 'delegation_id', 'reply_number'],
                    unique=True)

    with op.batch_alter_table('session_rules', schema=None) as batch_op:
        for column, default in RULES_COLUMNS:
            batch_op.add_column(sa.Column(column, sa.Integer(), server_default=default, nullable=False))
        for name, check in RULES_CHECKS:
            batch_op.create_check_constraint(batch_op.f(f'ck_session_rules_{name}'), check)


def downgrade():
    with op.batch_alter_table('session_rules', schema=None) as batch_op:
        for name, _check in reversed(RULES_CHECKS):
            batch_op.drop_constraint(batch_op.f(f'ck_session_rules_{name}'), type_='check')
        for column, _default in reversed(RULES_COLUMNS):
            batch_op.drop_column(column)

    # The older schema knows no point of order or right of reply: those turns go, and a speech a
    # point of order interrupted takes the floor back, paused at the time it had.
    op.execute("DELETE FROM floor_turn WHERE role IN ('point_order', 'reply')")
    op.execute("UPDATE floor SET status = 'paused', anchor_at = NULL, paused_elapsed_ms = held_ms "
               "WHERE id IN (SELECT floor_id FROM floor_turn WHERE status = 'held')")
    op.execute("UPDATE floor_turn SET status = 'speaking' WHERE status = 'held'")

    op.drop_index('uq_floor_turn_reply_once', table_name='floor_turn')
    op.drop_index('uq_floor_turn_one_held', table_name='floor_turn', **HELD)
    if _postgresql():
        op.drop_constraint(op.f(REPLY_NUMBERED[0]), 'floor_turn', type_='check')
    for table, column, _type, _default, check_name, check in reversed(FLOOR_COLUMNS):
        if check and _postgresql():
            op.drop_constraint(op.f(check_name), table, type_='check')
        op.drop_column(table, column)

    if _postgresql():
        # PostgreSQL cannot drop a value from an enum: the type is made again without it. The
        # index and the check that compare the status with a value of the type go and come back.
        op.drop_index('uq_floor_turn_one_speaking', table_name='floor_turn', **SPEAKING)
        op.drop_constraint(op.f('ck_floor_turn_done_has_end'), 'floor_turn', type_='check')
        for name, values, column in (('turn_role', OLD_ROLES, 'role'), ('turn_status', OLD_STATUSES, 'status')):
            op.execute(f"ALTER TYPE {name} RENAME TO {name}_old")
            sa.Enum(*values, name=name).create(op.get_bind())
            op.execute(f"ALTER TABLE floor_turn ALTER COLUMN {column} TYPE {name} USING {column}::text::{name}")
            op.execute(f"DROP TYPE {name}_old")
        op.create_check_constraint(op.f('ck_floor_turn_done_has_end'), 'floor_turn',
                                   "(status = 'done') = (ended_at IS NOT NULL)")
        op.create_index('uq_floor_turn_one_speaking', 'floor_turn', ['floor_id'], unique=True, **SPEAKING)
