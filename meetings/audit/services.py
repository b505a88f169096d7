"""Writing, sealing, checking and reading the audit log.

`record()` keeps an entry with the database session; when the transaction commits, `seal()`
locks the chain head, numbers the session's entries in order, links each to the one before
and inserts them, all in the same transaction as the change they describe. A rollback drops
them with the change. Nothing here ever updates or deletes an entry.
"""

from dataclasses import dataclass
from datetime import date, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import event, func, or_, select
from sqlalchemy.orm import Session

from meetings.audit import chain
from meetings.audit.models import AuditEntry, AuditHead
from meetings.auth.actors import Actor, System, person
from meetings.delegations.models import Delegation
from meetings.extensions import db
from meetings.timeutil import local_instant, utcnow

PENDING = "audit_pending"


@dataclass
class _Pending:
    entry: AuditEntry
    record: object | None


def record(
    actor: Actor,
    feature: str,
    action: str,
    *,
    label: str,
    target=None,
    kind: str | None = None,
    record_id: int | None = None,
    commission_session=None,
    delegation: Delegation | None = None,
    other_delegation: Delegation | None = None,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> AuditEntry:
    """Keep one entry for a change, to be sealed when the transaction commits.

    `target` is the changed record (its table name and id are taken when the entry is sealed,
    so a new record gets its id first); `kind` and `record_id` name a record without one.
    """
    if actor is None:
        raise ValueError("an audited change needs its actor")
    user = person(actor)
    cs_id = getattr(commission_session, "id", commission_session)
    entry = AuditEntry(
        at=utcnow(), commission_session_id=cs_id, actor_id=user.id if user is not None else None,
        actor_name=user.full_name if user is not None else "the system", by_system=isinstance(actor, System),
        cause=actor.because if isinstance(actor, System) else "", feature=feature, action=action,
        record_kind=kind or (target.__tablename__ if target is not None else "session"), record_id=record_id,
        record_label=label[:400], delegation_id=delegation.id if delegation is not None else None,
        other_delegation_id=other_delegation.id if other_delegation is not None else None,
        before=chain.plain(before) if before is not None else None,
        after=chain.plain(after) if after is not None else None, reason=(reason or "").strip(),
    )  # fmt: skip
    session = db.session()
    if session.get_transaction() is None:
        session.begin()  # so that a rollback, even before any statement, drops the entry
    session.info.setdefault(PENDING, []).append(_Pending(entry, target))
    return entry


def pending_entries() -> list[AuditEntry]:
    """The entries this transaction has recorded and not yet sealed."""
    return [p.entry for p in db.session.info.get(PENDING, [])]


_HEAD = select(AuditHead).where(AuditHead.id == 1).execution_options(populate_existing=True)
_LOCKED_HEAD = _HEAD.with_for_update()  # both built once: every change asks one of them


def _locked_head(session: Session) -> AuditHead:
    stmt = _LOCKED_HEAD if session.get_bind().dialect.name == "postgresql" else _HEAD
    head = session.scalar(stmt)
    if head is None:
        dialect = session.get_bind().dialect.name
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        session.execute(insert(AuditHead).values(id=1, seq=0, hash=chain.GENESIS).on_conflict_do_nothing())
        head = session.scalar(stmt)
    return head


def seal(session: Session) -> None:
    """Number, link and insert the transaction's entries, under the chain head's lock."""
    if session.in_nested_transaction():
        return
    pending: list[_Pending] = session.info.pop(PENDING, [])
    if not pending:
        return
    if any(p.record is not None and getattr(p.record, "id", None) is None for p in pending):
        session.flush()
    head = _locked_head(session)
    for p in pending:
        e = p.entry
        if p.record is not None and e.record_id is None:
            e.record_id = p.record.id
        e.seq, e.prev_hash = head.seq + 1, head.hash
        e.hash = chain.link(e.prev_hash, e.content())
        head.seq, head.hash = e.seq, e.hash
        session.add(e)
    session.flush()


def _forget(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(PENDING, None)


def install(session_class: type[Session]) -> None:
    """Seal entries on every commit of the app's sessions; forget them on a rollback."""
    if not event.contains(session_class, "before_commit", seal):
        event.listen(session_class, "before_commit", seal)
        event.listen(session_class, "after_transaction_end", _forget)


# --- checking ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    checked: int
    head_seq: int
    problem: chain.Break | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify() -> Verification:
    """Recompute the whole chain from the stored entries and compare it with the head."""
    head = db.session.get(AuditHead, 1)
    rows = db.session.scalars(select(AuditEntry).order_by(AuditEntry.seq).execution_options(yield_per=500))
    sealed = (chain.Sealed(e.seq, e.id, e.prev_hash, e.hash, e.content()) for e in rows)
    checked, problem = chain.first_break(sealed, head.seq if head else 0, head.hash if head else chain.GENESIS)
    return Verification(checked, head.seq if head else 0, problem)


def problem_in_words(problem: chain.Break) -> str:
    """Where the chain breaks, in the reader's language (in a request; the command line keeps `problem`)."""
    n = problem.numbers
    words = {
        "missing": lambda: _("entry number %(number)d is missing before it", number=n[0]),
        "repeated": lambda: _("entry number %(number)d is repeated before it", number=n[0]),
        "unlinked": lambda: _("it does not follow the entry before it (previous hash differs)"),
        "changed": lambda: _("its content does not match its hash: it was changed"),
        "cut": lambda: _("the chain ends at entry %(last)d but the head says %(head)d: entries at the end were removed",
                         last=n[0], head=n[1]),
    }  # fmt: skip
    return words[problem.kind]() if problem.kind in words else problem.problem


def chain_head() -> tuple[int, str]:
    head = db.session.get(AuditHead, 1)
    return (head.seq, head.hash) if head else (0, chain.GENESIS)


# --- reading ----------------------------------------------------------------------------------


@dataclass
class Query:
    """A filter of the log; `delegation` restricts to entries about that delegation's records."""

    commission_session_id: int | None = None
    feature: str | None = None
    delegation: Delegation | None = None
    actor: str | None = None
    since: date | None = None
    until: date | None = None
    record_kind: str | None = None
    record_id: int | None = None
    tz: str = "UTC"

    def statement(self):
        stmt = select(AuditEntry)
        if self.commission_session_id is not None:
            stmt = stmt.where(
                or_(AuditEntry.commission_session_id == self.commission_session_id,
                    AuditEntry.commission_session_id.is_(None))
            )  # fmt: skip
        if self.feature:
            stmt = stmt.where(AuditEntry.feature == self.feature)
        if self.delegation is not None:
            d = self.delegation.id
            stmt = stmt.where(or_(AuditEntry.delegation_id == d, AuditEntry.other_delegation_id == d))
        if self.actor:
            stmt = stmt.where(AuditEntry.actor_name.ilike(f"%{_like(self.actor)}%", escape="\\"))
        if self.since:
            stmt = stmt.where(AuditEntry.at >= local_instant(self.since, time(0), self.tz))
        if self.until:
            stmt = stmt.where(AuditEntry.at < local_instant(self.until + timedelta(days=1), time(0), self.tz))
        if self.record_kind:
            stmt = stmt.where(AuditEntry.record_kind == self.record_kind)
        if self.record_id is not None:
            stmt = stmt.where(AuditEntry.record_id == self.record_id)
        return stmt


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass
class Page:
    entries: list[AuditEntry]
    number: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def page_of(query: Query, number: int = 1, per_page: int = 50, newest_first: bool = True) -> Page:
    stmt = query.statement()
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
    number = max(1, number)
    order = AuditEntry.seq.desc() if newest_first else AuditEntry.seq
    rows = db.session.scalars(stmt.order_by(order).offset((number - 1) * per_page).limit(per_page)).all()
    return Page(list(rows), number, per_page, total or 0)


def history_of(kind: str, record_id: int) -> list[AuditEntry]:
    """A record's own history, oldest first."""
    return list(db.session.scalars(Query(record_kind=kind, record_id=record_id).statement().order_by(AuditEntry.seq)))


def all_entries(query: Query) -> list[AuditEntry]:
    return list(db.session.scalars(query.statement().order_by(AuditEntry.seq)))


def entry_as_dict(e: AuditEntry) -> dict:
    return {
        "seq": e.seq, "at": e.at.isoformat(timespec="microseconds"), "feature": e.feature, "action": e.action,
        "actor": {"id": e.actor_id, "name": e.actor_name, "system": e.by_system, "cause": e.cause or None},
        "record": {"kind": e.record_kind, "id": e.record_id, "label": e.record_label},
        "delegation": e.delegation.code if e.delegation else None,
        "other_delegation": e.other_delegation.code if e.other_delegation else None,
        "before": e.before, "after": e.after, "reason": e.reason or None, "hash": e.hash,
    }  # fmt: skip
