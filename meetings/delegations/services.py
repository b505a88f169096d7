"""Loading the reference list of delegations; registering delegations and users."""

import csv
from importlib import resources

from sqlalchemy import select

from meetings.audit import services as audit
from meetings.auth.actors import Actor
from meetings.auth.models import Role, User
from meetings.auth.services import create_user
from meetings.delegations import permissions
from meetings.delegations.models import Delegation, DelegationKind, RegionalGroup
from meetings.extensions import db
from meetings.refusal import Refusal, require, taken_meanwhile

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
        raise Refusal(f"There is no delegation with the code {code.upper()}.", status=404)
    return delegation


def offer_groups(form) -> None:
    groups = db.session.scalars(select(RegionalGroup).order_by(RegionalGroup.position)).all()
    form.regional_group.choices = [("", "none")] + [(g.code, g.name) for g in groups]


def register_delegation(actor: Actor, *, code: str, name: str, kind: str, regional_group: str,
                        **names: str) -> Delegation:  # fmt: skip
    """Add an observer, an organization or a Member State missing from the list."""
    require(permissions.can_register(actor), "Only the secretariat registers delegations.")
    code, name, kind = code.strip().upper(), name.strip(), DelegationKind(kind)
    errors = {}
    if delegation_by_code(code) is not None:
        errors["code"] = [f"A delegation with the code {code} is already registered."]
    if db.session.scalar(select(Delegation.id).where(Delegation.name == name)) is not None:
        errors["name"] = [f"{name} is already registered."]
    group = (
        db.session.scalar(select(RegionalGroup).where(RegionalGroup.code == regional_group)) if regional_group else None
    )
    if (kind == DelegationKind.member_state) != (group is not None):
        errors["regional_group"] = ["A Member State belongs to one regional group; other delegations to none."]
    if errors:
        raise Refusal("The delegation was not registered: " + " ".join(m for ms in errors.values() for m in ms), errors)
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
    require(permissions.can_register(actor), "Only the secretariat creates users.")
    username, role = username.strip().lower(), Role(role)
    errors = {}
    if db.session.scalar(select(User.id).where(User.username == username)) is not None:
        errors["username"] = [f"The user name {username} is taken."]
    bound = delegation_by_code(delegation) if delegation else None
    if role.belongs_to_delegation and bound is None:
        errors["delegation"] = ["A delegation user needs the code of a registered delegation."]
    if not role.belongs_to_delegation and delegation:
        errors["delegation"] = ["Only delegation users belong to a delegation."]
    if errors:
        raise Refusal("The user was not created: " + " ".join(m for ms in errors.values() for m in ms), errors)
    with taken_meanwhile(f"the user name {username}"):
        return create_user(actor, username, password, role, full_name.strip(), bound)
