"""Loading the reference list of delegations."""

import csv
from importlib import resources

from sqlalchemy import select

from meetings.delegations.models import Delegation, DelegationKind, RegionalGroup
from meetings.extensions import db

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
