"""What changed between two published versions: pure functions over the snapshots' rows.

A speakers-list row is a dict with `key` (the inscription), `slot`, `delegation` (its code),
`speaker`, `title`, `level`, `group` (the group of States a statement is made for, or "") and
`starts_at` (ISO, UTC). A programme row has `key` (the side event), `title`, `organizer` (its
code), `starts_at`, `ends_at`, `room`, `partners`, `format`. The change log is a list of entries,
each a dict with a `kind` and what its sentence needs; `delegations` names the delegations it
concerns (a delegation is told of a version whose log names it).
"""

FIRST = "first"
# The speakers list.
ADDED, WITHDRAWN, MOVED, NEW_SPEAKER, LEVEL, TIMES = "added", "withdrawn", "moved", "new_speaker", "level", "times"
# The side-event programme.
EVENT_NEW, EVENT_CANCELLED, EVENT_MOVED, EVENT_DETAILS = "event_new", "event_cancelled", "event_moved", "event_details"


def _by_key(rows: list[dict]) -> dict[str, dict]:
    return {str(r["key"]): r for r in rows}


def _who(row: dict) -> dict:
    return {"delegation": row["delegation"], "group": row.get("group") or ""}


def speakers_changes(before: list[dict] | None, after: list[dict]) -> list[dict]:
    """The change log of a speakers list: new and withdrawn speakers, slots that moved, new speakers
    or levels for a delegation, and how many projected times moved without a change of slot."""
    if before is None:
        return [{"kind": FIRST, "count": len(after), "delegations": []}]
    old, new = _by_key(before), _by_key(after)
    changes: list[dict] = []
    for key, row in new.items():
        if key not in old:
            changes.append({"kind": ADDED, **_who(row), "slot": row["slot"], "speaker": row["speaker"],
                            "title": row.get("title", ""), "delegations": [row["delegation"]]})  # fmt: skip
    for key, row in old.items():
        if key not in new:
            changes.append({"kind": WITHDRAWN, **_who(row), "slot": row["slot"], "delegations": [row["delegation"]]})
    times = 0
    for key, row in new.items():
        was = old.get(key)
        if was is None:
            continue
        if (was["speaker"], was.get("title", "")) != (row["speaker"], row.get("title", "")):
            changes.append({"kind": NEW_SPEAKER, **_who(row), "speaker": row["speaker"],
                            "title": row.get("title", ""), "delegations": [row["delegation"]]})  # fmt: skip
        if was.get("level") != row.get("level"):
            changes.append({"kind": LEVEL, **_who(row), "level": row.get("level"), "delegations": [row["delegation"]]})
        if was["slot"] != row["slot"]:
            changes.append({"kind": MOVED, **_who(row), "from": was["slot"], "to": row["slot"],
                            "delegations": [row["delegation"]]})  # fmt: skip
        elif was.get("starts_at") != row.get("starts_at"):
            times += 1
    if times:
        changes.append({"kind": TIMES, "count": times, "delegations": []})
    return sorted(changes, key=_speakers_order)


def _speakers_order(change: dict) -> tuple:
    rank = [FIRST, WITHDRAWN, ADDED, NEW_SPEAKER, LEVEL, MOVED, TIMES].index(change["kind"])
    return rank, change.get("to") or change.get("slot") or 0, change.get("delegation", "")


def programme_changes(before: list[dict] | None, after: list[dict]) -> list[dict]:
    """The change log of a side-event programme: new, cancelled and moved events, and changed details."""
    if before is None:
        return [{"kind": FIRST, "count": len(after), "delegations": []}]
    old, new = _by_key(before), _by_key(after)
    changes: list[dict] = []

    def entry(kind: str, row: dict, **more) -> dict:
        return {"kind": kind, "title": row["title"], "organizer": row["organizer"], **more,
                "delegations": [row["organizer"]]}  # fmt: skip

    for key, row in new.items():
        was = old.get(key)
        if was is None:
            changes.append(entry(EVENT_NEW, row, starts_at=row["starts_at"], room=row["room"]))
            continue
        if (was["starts_at"], was["ends_at"], was["room"]) != (row["starts_at"], row["ends_at"], row["room"]):
            changes.append(entry(EVENT_MOVED, row, starts_at=row["starts_at"], room=row["room"]))
        details = ("title", "organizer", "partners", "format")
        if any(was.get(k) != row.get(k) for k in details):
            changes.append(entry(EVENT_DETAILS, row, previous_title=was["title"]))
    for key, row in old.items():
        if key not in new:
            changes.append(entry(EVENT_CANCELLED, row))
    rank = [EVENT_CANCELLED, EVENT_NEW, EVENT_MOVED, EVENT_DETAILS]
    return sorted(changes, key=lambda c: (rank.index(c["kind"]), c.get("starts_at") or "", c["title"]))


def names(changes: list[dict], delegation_code: str) -> list[dict]:
    """The entries of a change log that name the delegation."""
    return [c for c in changes if delegation_code in c.get("delegations", [])]
