"""Loading the reference list of delegations; registering delegations and users."""

import csv
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import resources

from flask_babel import gettext as _
from sqlalchemy import case, func, inspect, or_, select, update

from meetings.audit import services as audit
from meetings.audit.models import AuditEntry
from meetings.auth.actors import Actor
from meetings.auth.models import Role, User
from meetings.auth.services import create_user
from meetings.delegations import permissions
from meetings.delegations.models import Delegation, DelegationKind, RegionalGroup
from meetings.extensions import db
from meetings.refusal import Refusal, require, taken_meanwhile
from meetings.timeutil import utcnow

LANGS = ("ar", "zh", "fr", "ru", "es")


def _rows(name: str) -> list[dict]:
    with resources.files("meetings.delegations").joinpath("data", name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _names(row: dict) -> dict:
    return {lang: row[f"name_{lang}"] for lang in LANGS if row.get(f"name_{lang}")}


def load_reference_data() -> int:
    """Insert the five regional groups, the 193 Member States and the demo observers.

    Idempotent: rows already present (by code) are left alone. Returns how many were added.
    """
    added = 0
    groups = {g.code: g for g in db.session.scalars(select(RegionalGroup))}
    for row in _rows("groups.csv"):
        if row["code"] not in groups:
            groups[row["code"]] = RegionalGroup(code=row["code"], name=row["name"], position=int(row["position"]))
            db.session.add(groups[row["code"]])
            added += 1
    known = set(db.session.scalars(select(Delegation.code)))
    for row in _rows("member_states.csv"):
        if row["code"] not in known:
            db.session.add(
                Delegation(
                    code=row["code"],
                    name=row["name"],
                    kind=DelegationKind.member_state,
                    regional_group=groups[row["group"]],
                    names=_names(row),
                )
            )
            added += 1
    for row in _rows("observers.csv"):
        if row["code"] not in known:
            db.session.add(
                Delegation(code=row["code"], name=row["name"], kind=DelegationKind(row["kind"]), names=_names(row))
            )
            added += 1
    db.session.flush()
    return added


def delegation_by_code(code: str) -> Delegation | None:
    return db.session.scalar(select(Delegation).where(Delegation.code == code.upper()))


def require_delegation(code: str) -> Delegation:
    """The delegation of that code, or a 404 that says so."""
    delegation = delegation_by_code(code)
    if delegation is None:
        raise Refusal(_("There is no delegation with the code %(code)s.", code=code.upper()), status=404)
    return delegation


def offer_groups(form) -> None:
    groups = db.session.scalars(select(RegionalGroup).order_by(RegionalGroup.position)).all()
    form.regional_group.choices = [("", _("none"))] + [(g.code, g.shown_name) for g in groups]


def _reasons(errors: dict) -> str:
    """The reasons of a refusal, one after the other (each a sentence of its own)."""
    return " ".join(m for ms in errors.values() for m in ms)


def register_delegation(actor: Actor, *, code: str, name: str, kind: str, regional_group: str,
                        **names: str) -> Delegation:  # fmt: skip
    """Add an observer, an organization or a Member State missing from the list."""
    require(permissions.can_register(actor), _("Only the secretariat registers delegations."))
    code, name, kind = code.strip().upper(), name.strip(), DelegationKind(kind)
    errors = {}
    if delegation_by_code(code) is not None:
        errors["code"] = [_("A delegation with the code %(code)s is already registered.", code=code)]
    if db.session.scalar(select(Delegation.id).where(Delegation.name == name)) is not None:
        errors["name"] = [_("%(name)s is already registered.", name=name)]
    group = (
        db.session.scalar(select(RegionalGroup).where(RegionalGroup.code == regional_group)) if regional_group else None
    )
    if (kind == DelegationKind.member_state) != (group is not None):
        errors["regional_group"] = [_("A Member State belongs to one regional group; other delegations to none.")]
    if errors:
        raise Refusal(_("The delegation was not registered: %(reasons)s", reasons=_reasons(errors)), errors)
    clean = {lang: (names.get(f"name_{lang}") or "").strip() for lang in LANGS}
    delegation = Delegation(
        code=code, name=name, kind=kind, regional_group=group, names={k: v for k, v in clean.items() if v}
    )
    db.session.add(delegation)
    db.session.flush()
    audit.record(actor, "delegations", "delegation_registered", target=delegation, label=name, delegation=delegation,
                 after={"code": code, "name": name, "kind": kind.value, "regional_group": regional_group or None,
                        "names": delegation.names})  # fmt: skip
    return delegation


def register_user(actor: Actor, *, username: str, full_name: str, role: str, delegation: str, password: str) -> User:
    """Create a user; a delegation user is bound to exactly one delegation."""
    require(permissions.can_register(actor), _("Only the secretariat creates users."))
    username, role = username.strip().lower(), Role(role)
    errors = {}
    if db.session.scalar(select(User.id).where(User.username == username)) is not None:
        errors["username"] = [_("The user name %(name)s is taken.", name=username)]
    bound = delegation_by_code(delegation) if delegation else None
    if role.belongs_to_delegation and bound is None:
        errors["delegation"] = [_("A delegation user needs the code of a registered delegation.")]
    if not role.belongs_to_delegation and delegation:
        errors["delegation"] = [_("Only delegation users belong to a delegation.")]
    if errors:
        raise Refusal(_("The user was not created: %(reasons)s", reasons=_reasons(errors)), errors)
    with taken_meanwhile(sentence=lambda: _("Someone registered the user name %(name)s at the same moment; "
                                            "nothing was changed.", name=username)):  # fmt: skip
        return create_user(actor, username, password, role, full_name.strip(), bound)


# --- the home page: what changed since the last visit -----------------------------------------

# Page views closer together than this are one visit: the "since" of the list stays put.
VISIT_GAP = timedelta(minutes=30)
CHANGES_SHOWN = 20


def record_home_visit(actor: User, delegation: Delegation) -> datetime | None:
    """Note that a user of the delegation opened its home page; return where "since your last visit" starts.

    A visit is a run of views less than VISIT_GAP apart. The list starts at the last view of the
    visit before: a reload, or coming back after accepting a swap, does not empty it. None on the
    very first visit.

    The UPDATE decides both columns from the row as it stands, and is the transaction's first
    statement (the caller ends its reads first; the ids are taken without reading): on SQLite a
    transaction that has read cannot start writing once another writer got in, while one that
    starts by writing waits its turn. Its WHERE is the permission itself: a user bound to this
    delegation (only delegation users are); `require` then names the refusal.

    Not audited, by design: a visit changes no record that anyone relies on or may dispute, only
    the reader's own bookmark. An entry per page view would flood the record, and would show up
    in the very list of changes this page shows. The runner still commits it, once.
    """
    now = utcnow()
    new_visit = or_(User.home_seen_at.is_(None), User.home_seen_at < now - VISIT_GAP)
    kept = db.session.execute(
        update(User)
        .where(User.id == inspect(actor).identity[0], User.delegation_id == inspect(delegation).identity[0])
        .values(home_changes_since=case((new_visit, User.home_seen_at), else_=User.home_changes_since),
                home_seen_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount  # fmt: skip
    require(kept == 1 and permissions.keeps_last_visit(actor, delegation),
            _("Only the delegation's own users have a last visit here."))  # fmt: skip
    db.session.refresh(actor, ["home_seen_at", "home_changes_since"])
    return actor.home_changes_since


@dataclass
class Changes:
    """The newest entries about a delegation's records (at most CHANGES_SHOWN), and how many more."""

    since: datetime | None
    entries: list[AuditEntry]
    more: int


def changes_for(delegation: Delegation, commission_session_id: int | None, since: datetime | None = None,
                viewer: User | None = None) -> Changes:  # fmt: skip
    """Entries about the delegation's records after `since` (all if None), newest first.

    The viewer's own changes are left out (they know them), not what the system did after them.
    """
    stmt = audit.Query(commission_session_id=commission_session_id, delegation=delegation).statement()
    if since is not None:
        stmt = stmt.where(AuditEntry.at > since)
    if viewer is not None:
        stmt = stmt.where(or_(AuditEntry.actor_id.is_(None), AuditEntry.actor_id != viewer.id, AuditEntry.by_system))
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    entries = list(db.session.scalars(stmt.order_by(AuditEntry.seq.desc()).limit(CHANGES_SHOWN)))
    return Changes(since, entries, max(0, total - len(entries)))
