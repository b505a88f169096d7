"""One audit log: entries in a hash chain, the chain's head; the session and side-event logs move into it

Revision ID: 0006_audit
Revises: 0005_side_events
Create Date: 2026-11-23 10:00:00

"""
import sqlalchemy as sa
from alembic import op

import meetings.timeutil
from meetings.audit import chain

revision = '0006_audit'
down_revision = '0005_side_events'
branch_labels = None
depends_on = None

IMMUTABLE = """
CREATE FUNCTION audit_entry_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit entries cannot be changed or deleted (entry %)', OLD.seq;
END
$$;
CREATE TRIGGER audit_entry_immutable BEFORE UPDATE OR DELETE ON audit_entry
  FOR EACH ROW EXECUTE FUNCTION audit_entry_immutable();
"""


def upgrade():
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('at', meetings.timeutil.UTCDateTime(), nullable=False),
    sa.Column('commission_session_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=200), nullable=False),
    sa.Column('by_system', sa.Boolean(), nullable=False),
    sa.Column('cause', sa.Text(), nullable=False),
    sa.Column('feature', sa.String(length=40), nullable=False),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('record_kind', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=True),
    sa.Column('record_label', sa.String(length=400), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=True),
    sa.Column('other_delegation_id', sa.Integer(), nullable=True),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_audit_entry_actor_id_user_account')),
    sa.ForeignKeyConstraint(['commission_session_id'], ['commission_session.id'], name=op.f('fk_audit_entry_commission_session_id_commission_session')),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegation.id'], name=op.f('fk_audit_entry_delegation_id_delegation')),
    sa.ForeignKeyConstraint(['other_delegation_id'], ['delegation.id'], name=op.f('fk_audit_entry_other_delegation_id_delegation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry')),
    sa.UniqueConstraint('hash', name=op.f('uq_audit_entry_hash')),
    sa.UniqueConstraint('seq', name=op.f('uq_audit_entry_seq'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index('ix_audit_entry_at', ['at'], unique=False)
        batch_op.create_index('ix_audit_entry_delegation', ['delegation_id'], unique=False)
        batch_op.create_index('ix_audit_entry_feature', ['commission_session_id', 'feature', 'seq'], unique=False)
        batch_op.create_index('ix_audit_entry_other_delegation', ['other_delegation_id'], unique=False)
        batch_op.create_index('ix_audit_entry_record', ['record_kind', 'record_id'], unique=False)

    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_head'))
    )
    _move_old_logs()
    op.drop_table('session_log')
    with op.batch_alter_table('side_event_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_side_event_log_side_event_id'))
    op.drop_table('side_event_log')
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(IMMUTABLE)


def _move_old_logs():
    """Carry the session's and the side events's logs into the chain, oldest first."""
    utc = meetings.timeutil.UTCDateTime
    session_log = sa.table('session_log', sa.column('id', sa.Integer), sa.column('at', utc()),
                           sa.column('commission_session_id', sa.Integer), sa.column('actor_id', sa.Integer),
                           sa.column('actor_name', sa.String), sa.column('action', sa.String),
                           sa.column('summary', sa.String), sa.column('details', sa.JSON))
    event_log = sa.table('side_event_log', sa.column('id', sa.Integer), sa.column('at', utc()),
                         sa.column('side_event_id', sa.Integer), sa.column('user_id', sa.Integer),
                         sa.column('action', sa.String), sa.column('detail', sa.Text))
    event = sa.table('side_event', sa.column('id', sa.Integer), sa.column('commission_session_id', sa.Integer),
                     sa.column('title', sa.String), sa.column('organizer_id', sa.Integer))
    delegation = sa.table('delegation', sa.column('id', sa.Integer), sa.column('name', sa.String))
    user = sa.table('user_account', sa.column('id', sa.Integer), sa.column('full_name', sa.String))
    bind = op.get_bind()
    rows = []
    for r in bind.execute(sa.select(session_log).order_by(session_log.c.at, session_log.c.id)).mappings():
        details = r['details'] if isinstance(r['details'], dict) else {}
        rows.append(dict(at=r['at'], commission_session_id=r['commission_session_id'], actor_id=r['actor_id'],
                         actor_name=r['actor_name'], by_system=r['actor_id'] is None, cause='',
                         feature='programme', action=r['action'], record_kind='commission_session',
                         record_id=r['commission_session_id'], record_label=r['summary'][:400], delegation_id=None,
                         other_delegation_id=None, before=details.get('before'), after=details or None, reason=''))
    query = (sa.select(event_log.c.at, event_log.c.user_id, event_log.c.action, event_log.c.detail, event.c.id,
                       event.c.commission_session_id, event.c.title, event.c.organizer_id,
                       delegation.c.name.label('organizer'), user.c.full_name)
             .join(event, event.c.id == event_log.c.side_event_id)
             .join(delegation, delegation.c.id == event.c.organizer_id)
             .outerjoin(user, user.c.id == event_log.c.user_id)
             .order_by(event_log.c.at, event_log.c.id))
    for r in bind.execute(query).mappings():
        rows.append(dict(at=r['at'], commission_session_id=r['commission_session_id'], actor_id=r['user_id'],
                         actor_name=r['full_name'] or 'the system', by_system=r['user_id'] is None, cause='',
                         feature='side_events', action=r['action'], record_kind='side_event',
                         record_id=r['id'], record_label=f"“{r['title']}” ({r['organizer']})"[:400],
                         delegation_id=r['organizer_id'], other_delegation_id=None, before=None, after=None,
                         reason=r['detail'] or ''))
    rows.sort(key=lambda row: row['at'])
    entries = sa.table('audit_entry', sa.column('at', utc()), sa.column('before', sa.JSON),
                       sa.column('after', sa.JSON), *(sa.column(n) for n in (
        'seq', 'commission_session_id', 'actor_id', 'actor_name', 'by_system', 'cause', 'feature', 'action',
        'record_kind', 'record_id', 'record_label', 'delegation_id', 'other_delegation_id', 'reason', 'prev_hash',
        'hash')))
    prev = chain.GENESIS
    for seq, row in enumerate(rows, start=1):
        content = {**row, 'seq': seq, 'before': chain.plain(row['before']), 'after': chain.plain(row['after'])}
        digest = chain.link(prev, content)
        bind.execute(entries.insert().values(**content, prev_hash=prev, hash=digest))
        prev = digest
    bind.execute(sa.text("INSERT INTO audit_head (id, seq, hash) VALUES (1, :seq, :hash)"),
                 {"seq": len(rows), "hash": prev})


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER IF EXISTS audit_entry_immutable ON audit_entry")
        op.execute("DROP FUNCTION IF EXISTS audit_entry_immutable()")
    # The older logs come back empty: the audit log is their successor and is dropped whole.
    op.create_table('side_event_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('side_event_id', sa.Integer(), nullable=False),
    sa.Column('at', meetings.timeutil.UTCDateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['side_event_id'], ['side_event.id'], name=op.f('fk_side_event_log_side_event_id_side_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_side_event_log_user_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_side_event_log'))
    )
    with op.batch_alter_table('side_event_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_side_event_log_side_event_id'), ['side_event_id'], unique=False)
    op.create_table('session_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commission_session_id', sa.Integer(), nullable=False),
    sa.Column('at', meetings.timeutil.UTCDateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=80), nullable=False),
    sa.Column('summary', sa.String(length=1000), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_session_log_actor_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['commission_session_id'], ['commission_session.id'], name=op.f('fk_session_log_commission_session_id_commission_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_log'))
    )
    op.drop_table('audit_head')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entry_record')
        batch_op.drop_index('ix_audit_entry_other_delegation')
        batch_op.drop_index('ix_audit_entry_feature')
        batch_op.drop_index('ix_audit_entry_delegation')
        batch_op.drop_index('ix_audit_entry_at')
    op.drop_table('audit_entry')
