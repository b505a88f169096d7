"""The hash chain of the audit log, as pure functions.

Each entry's hash is SHA-256 over the previous entry's hash and the entry's own canonical
content (sorted keys, no spaces, UTF-8). Changing, removing or inserting an entry breaks every
hash after it, so anyone holding the chain head can tell the log was not edited.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

GENESIS = "0" * 64


def plain(value):
    """The value as JSON would store it and give it back, so that a stored entry hashes the same."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else str(value)
    if isinstance(value, Enum):
        return plain(value.value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    return str(value)


def canonical(content: dict) -> str:
    return json.dumps(plain(content), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def link(prev_hash: str, content: dict) -> str:
    return hashlib.sha256((prev_hash + "\n" + canonical(content)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Sealed:
    """What the chain stores of one entry: its place, the hash before it, its own hash, its content."""

    seq: int
    entry_id: int
    prev_hash: str
    hash: str
    content: dict


@dataclass(frozen=True)
class Break:
    """Where the chain breaks: `problem` in English (the command line), `kind` and `numbers` for a
    page to say it in its reader's language (meetings.audit.services.problem_in_words)."""

    seq: int
    entry_id: int | None
    problem: str
    kind: str = ""
    numbers: tuple[int, ...] = ()


def first_break(entries, head_seq: int | None = None, head_hash: str | None = None) -> tuple[int, Break | None]:
    """Walk the chain in order; return how many entries were checked and the first that does not match."""
    expected_prev, expected_seq, checked = GENESIS, 1, 0
    for e in entries:
        if e.seq != expected_seq:
            missing = "missing" if e.seq > expected_seq else "repeated"
            return checked, Break(e.seq, e.entry_id, f"entry number {expected_seq} is {missing} before it", missing,
                                  (expected_seq,))  # fmt: skip
        if e.prev_hash != expected_prev:
            return checked, Break(e.seq, e.entry_id, "it does not follow the entry before it (previous hash differs)",
                                  "unlinked")  # fmt: skip
        if link(e.prev_hash, e.content) != e.hash:
            return checked, Break(e.seq, e.entry_id, "its content does not match its hash: it was changed", "changed")
        expected_prev, expected_seq, checked = e.hash, e.seq + 1, checked + 1
    if head_seq is not None and (head_seq, head_hash) != (expected_seq - 1, expected_prev):
        return checked, Break(expected_seq, None, f"the chain ends at entry {expected_seq - 1} but the head says "
                                                  f"{head_seq}: entries at the end were removed", "cut",
                              (expected_seq - 1, head_seq))  # fmt: skip
    return checked, None
