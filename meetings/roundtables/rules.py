"""The decisions about co-chairs a diplomat would ask us to explain: pure functions over plain data.

A confirmation gives a nominee a seat (1..the number of co-chairs) and fixes the regional group
of the nominee's delegation as the co-chair's group. It is refused when
- a co-chair of the same regional group already sits on this roundtable;
- every seat of the roundtable is taken;
- the session keeps groups distinct across roundtables and the group co-chairs another one.
"""

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time


@dataclass(frozen=True)
class Seat:
    """A confirmed co-chair as the rules see it."""

    nomination_id: int
    roundtable_id: int
    roundtable_number: int
    group_id: int
    seat: int


class ClashKind(enum.StrEnum):
    same_group = "same_group"  # another co-chair of this roundtable comes from the same regional group
    full = "full"  # every seat of this roundtable is taken
    group_elsewhere = "group_elsewhere"  # the group co-chairs another roundtable (distinct groups across)


@dataclass(frozen=True)
class Clash:
    kind: ClashKind
    # The co-chairs the confirmation clashes with: one, or every co-chair of a full roundtable.
    with_: tuple[Seat, ...]


def confirmation_clash(roundtable_id: int, group_id: int, confirmed: Iterable[Seat], per_roundtable: int,
                       distinct_across: bool) -> Clash | None:  # fmt: skip
    """Why a nominee of `group_id` cannot be confirmed for this roundtable, or None when it can.

    `confirmed` holds the session's confirmed co-chairs (every roundtable), the nominee excluded.
    The same group is named before a full roundtable: it is the rule the nominating group can act on.
    """
    confirmed = list(confirmed)
    here = sorted((s for s in confirmed if s.roundtable_id == roundtable_id), key=lambda s: s.seat)
    same = [s for s in here if s.group_id == group_id]
    if same:
        return Clash(ClashKind.same_group, (same[0],))
    if len(here) >= per_roundtable:
        return Clash(ClashKind.full, tuple(here))
    if distinct_across:
        elsewhere = sorted((s for s in confirmed if s.roundtable_id != roundtable_id and s.group_id == group_id),
                           key=lambda s: (s.roundtable_number, s.seat))  # fmt: skip
        if elsewhere:
            return Clash(ClashKind.group_elsewhere, (elsewhere[0],))
    return None


def free_seat(taken: Iterable[int], per_roundtable: int) -> int | None:
    """The lowest seat from 1 to `per_roundtable` nobody holds, or None when all are taken."""
    held = set(taken)
    return next((n for n in range(1, per_roundtable + 1) if n not in held), None)


def nominations_open(now: datetime, closes: datetime | None) -> bool:
    """Nominations are received until the closing instant (none set: always)."""
    return closes is None or now < closes


def closes_at_midnight(local_close: datetime) -> bool:
    """A deadline at 00:00 local time is the end of the day before: "closes at the end of 15 March"."""
    return local_close.time() == time(0, 0)


def same_person(a: str, b: str) -> bool:
    """Two names written for one nominee: equal once case and spacing are set aside."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
