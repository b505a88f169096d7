"""The general-debate decisions a diplomat may ask us to explain: quotas, lots, order, times.

Pure functions over plain data: nothing here touches Flask or the database, so each rule can
be checked by hand and by its own unit tests.
"""

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from meetings.i18n.words import _, _l, ngettext

LEVELS = ("higher_than_ministerial", "ministerial", "lower_than_ministerial")
# The words a page shows, in the reader's language (lazy: translated when shown). A record (the
# audit log's label) writes the English words, which are the value with spaces.
LEVEL_LABELS = {
    "higher_than_ministerial": _l("Higher than ministerial"),
    "ministerial": _l("Ministerial"),
    "lower_than_ministerial": _l("Lower than ministerial"),
}
# Observers follow the Member States in this order; NGOs last, "time permitting".
OBSERVER_ORDER = ("observer_state", "igo", "ngo")


# --- quotas -------------------------------------------------------------------------------


def largest_remainder(total: int, sizes: dict[str, int]) -> dict[str, int]:
    """Split `total` seats in proportion to `sizes` (Hamilton's method).

    Each group gets the whole part of its exact share; the seats left go one each to the
    largest remainders; a tie goes to the larger group, then to the code in alphabetical
    order, so the result never depends on the order of the input.
    """
    population = sum(sizes.values())
    if population <= 0 or total < 0:
        return {code: 0 for code in sizes}
    shares = {code: total * n / population for code, n in sizes.items()}
    seats = {code: int(share) for code, share in shares.items()}
    left = total - sum(seats.values())
    by_remainder = sorted(sizes, key=lambda c: (-(shares[c] - seats[c]), -sizes[c], c))
    for code in by_remainder[:left]:
        seats[code] += 1
    return seats


def quota_problems(quotas: dict[str, int], slot_count: int, groups: set[str]) -> list[str]:
    """Why hand-set quotas cannot be accepted; empty when they can."""
    problems = []
    if set(quotas) != groups:
        problems.append(
            _("Give a quota for each of the regional groups: %(groups)s.", groups=", ".join(sorted(groups)))
        )
    if any(n < 0 for n in quotas.values()):
        problems.append(_("A quota cannot be negative."))
    if sum(quotas.values()) != slot_count:
        problems.append(
            ngettext(
                "The quotas add up to %(sum)d, but there is %(num)d slot.",
                "The quotas add up to %(sum)d, but there are %(num)d slots.",
                slot_count,
                sum=sum(quotas.values()),
            )
        )
    return problems


# --- the drawing of lots ------------------------------------------------------------------
#
# The secretariat commits to a secret before inscription closes (it publishes SHA-256 of the
# secret). At the draw it reveals the secret, and a public value is fixed in the room (numbers
# drawn from an urn by the Chief of Protocol, typed in by the secretariat). The seed is
#     seed = SHA-256(UTF-8(secret) + "\n" + UTF-8(public value)), in lowercase hexadecimal,
# and each delegation's lot is its rank when the codes are sorted by HMAC-SHA256(seed, code).
# The secretariat cannot choose the public value, and the room cannot know the secret: nobody
# chooses the outcome. Neither part may hold a line break, so the joining is unambiguous.


def commitment_of(secret: str) -> str:
    """The published commitment: SHA-256 of the secret's UTF-8 bytes, in hexadecimal."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def derive_seed(secret: str, public_value: str) -> str:
    """The seed of the draw: SHA-256 of the secret, a line break and the public value (UTF-8), in hexadecimal."""
    return hashlib.sha256((secret + "\n" + public_value).encode("utf-8")).hexdigest()


def draw_inputs(inscriptions: list[tuple[str, bool]]) -> list[str]:
    """The delegations that take part in the draw, from (code, late) of the active inscriptions.

    Exactly those the list orders by lot: a late inscription (accepted after the deadline, or
    after a draw) goes to the end of the list in order of acceptance, so it takes no lot.
    """
    return sorted({code for code, late in inscriptions if not late})


def lot_key(seed: str, code: str) -> str:
    return hmac.new(seed.encode("utf-8"), code.encode("utf-8"), hashlib.sha256).hexdigest()


def draw_lots(seed: str, codes: list[str]) -> dict[str, int]:
    """Each delegation's lot: its rank (1 first) when sorted by HMAC-SHA256(seed, code).

    Depends only on the seed and the set of codes: not on their order, nor on database ids.
    Anyone can recompute it:
        sorted(codes, key=lambda c: hmac.new(seed.encode(), c.encode(), hashlib.sha256).hexdigest())
    """
    unique = sorted(set(codes))
    ranked = sorted(unique, key=lambda c: (lot_key(seed, c), c))
    return {code: rank for rank, code in enumerate(ranked, start=1)}


@dataclass(frozen=True)
class DrawCheck:
    commitment_matches: bool  # SHA-256 of the revealed secret is the published commitment
    seed_matches: bool  # the stored seed is derived from the secret and the public value
    lots_match: bool  # the lots recompute from the seed and the inputs
    differences: list[str]

    @property
    def ok(self) -> bool:
        return self.commitment_matches and self.seed_matches and self.lots_match


def verify_draw(
    commitment: str, secret: str, public_value: str | None, seed: str, codes: list[str], result: dict[str, int]
) -> DrawCheck:
    """Recompute a stored draw from its two parts and say what, if anything, does not match.

    A draw recorded before public values existed (`public_value` None) used the secret itself as the seed.
    """
    expected_seed = secret if public_value is None else derive_seed(secret, public_value)
    expected = draw_lots(expected_seed, codes)
    differences = [
        _(
            "%(code)s: recorded %(recorded)s, recomputed %(recomputed)s",
            code=code,
            recorded=result.get(code),
            recomputed=expected.get(code),
        )  # fmt: skip
        for code in sorted(set(expected) | set(result))
        if expected.get(code) != result.get(code)
    ]
    return DrawCheck(commitment_of(secret) == commitment.lower(), expected_seed == seed, not differences, differences)


# --- protocol level -----------------------------------------------------------------------


def raises_level(old: str, new: str) -> bool:
    """A higher protocol level than before (a minister arrives): it would move the speaker up a tier."""
    return LEVELS.index(new) < LEVELS.index(old)


def level_change_needs_confirmation(old: str, new: str, drawn: bool, decides_levels: bool) -> bool:
    """After the draw, a delegation's raise of its level waits for the secretariat's confirmation.

    Before the draw there is no place to keep; a lower level or the same takes effect at once
    (it can only move the speaker down); the secretariat's own change takes effect at once.
    """
    return drawn and not decides_levels and raises_level(old, new)


# --- the order of speakers ----------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One inscription as the ordering sees it."""

    id: int
    code: str
    category: str  # "group" (on behalf of a group of States), "member_state", "observer_state", "igo", "ngo"
    level: str
    regional_group: str | None = None
    lot: int | None = None
    late: bool = False
    late_seq: int = 0  # order of acceptance among late inscriptions (they go to the end)


@dataclass
class Ordering:
    speakers: list[Entry]
    waiting: dict[str, list[Entry]] = field(default_factory=dict)  # group code (or "NGO") → waiting list
    released: int = 0  # slots passed from groups that did not use them to other groups' waiting lists


def sort_key(e: Entry) -> tuple:
    """Tier by protocol level, then lot; late inscriptions after every drawn one."""
    if e.late or e.lot is None:
        return (1, 0, e.late_seq, e.code)
    return (0, LEVELS.index(e.level), e.lot, e.code)


def order_speakers(
    entries: list[Entry],
    quotas: dict[str, int],
    ngo_max: int,
    release_unused: bool = False,
    moves: list[tuple[str, int, int | None]] = (),
) -> Ordering:
    """The list of speakers: group statements, Member States by tier and lot, then observers.

    Within each regional group's quota, Member States are admitted by tier then lot; the others
    wait on that group's list. With `release_unused`, the slots a group leaves unused go to the
    waiting Member States of the other groups, again by tier then lot. `moves` are the changes
    recorded after the draw, replayed in order: ("swap", a, b) exchanges two places,
    ("absent", a, None) moves a speaker one place down.
    """
    groups = sorted((e for e in entries if e.category == "group"), key=sort_key)
    admitted: list[Entry] = []
    waiting: dict[str, list[Entry]] = {}
    unused = 0
    for code, quota in sorted(quotas.items()):
        members = sorted(
            (e for e in entries if e.category == "member_state" and e.regional_group == code), key=sort_key
        )
        admitted += members[:quota]
        waiting[code] = members[quota:]
        unused += max(0, quota - len(members))
    released = 0
    if release_unused and unused:
        candidates = sorted((e for lst in waiting.values() for e in lst), key=sort_key)[:unused]
        released = len(candidates)
        admitted += candidates
        for code in waiting:
            waiting[code] = [e for e in waiting[code] if e not in candidates]
    admitted.sort(key=sort_key)
    observers: list[Entry] = []
    for category in OBSERVER_ORDER:
        kind = sorted((e for e in entries if e.category == category), key=sort_key)
        if category == "ngo":
            observers += kind[:ngo_max]
            waiting["NGO"] = kind[ngo_max:]
        else:
            observers += kind
    speakers = groups + admitted + observers
    return Ordering(apply_moves(speakers, moves), waiting, released)


def apply_moves(speakers: list[Entry], moves) -> list[Entry]:
    order = list(speakers)
    for kind, a, b in moves:
        pos = {e.id: i for i, e in enumerate(order)}
        if kind == "swap" and a in pos and b in pos:
            i, j = pos[a], pos[b]
            order[i], order[j] = order[j], order[i]
        elif kind == "absent" and a in pos and pos[a] + 1 < len(order):
            i = pos[a]
            order[i], order[i + 1] = order[i + 1], order[i]
    return order


# --- projected times ----------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    id: int
    starts_at: datetime
    ends_at: datetime
    open_ended: bool = False


@dataclass(frozen=True)
class Projected:
    entry_id: int
    block_id: int | None  # None: no meeting left for this speaker
    starts_at: datetime | None
    seconds: int
    actual: bool  # the duration is the recorded one, not the limit
    overflow: bool = False  # ends after the planned end of its meeting (only ever the last one)


def project_times(
    speakers: list[tuple[int, int]],
    blocks: list[Block],
    changeover_s: int,
    actual: dict[int, int] | None = None,
) -> list[Projected]:
    """The projected start of each speaker, filling the meetings in order, each to its planned end.

    `speakers` is [(entry id, time limit in seconds)] in list order. A speech that would end
    after its meeting's planned end (`ends_at`, also for a meeting that runs "until the list is
    exhausted") goes to the start of the next meeting, so no meeting is projected past its end
    while a later one is empty. Only the last meeting, if it is open-ended, takes the speakers
    left over, past its planned end (`overflow`); after a last meeting with a fixed end they
    have no meeting. A speech with a recorded duration in `actual` counts for that duration
    instead of the limit. Between speakers of a meeting a changeover allowance is added.
    """
    actual = actual or {}
    ordered = sorted(blocks, key=lambda b: b.starts_at)
    out: list[Projected] = []
    index, clock, in_block = 0, ordered[0].starts_at if ordered else None, 0
    for entry_id, limit in speakers:
        seconds = int(actual.get(entry_id, limit))
        start = None
        while index < len(ordered):
            block = ordered[index]
            start = clock if in_block == 0 else clock + timedelta(seconds=changeover_s)
            last = index == len(ordered) - 1
            if start + timedelta(seconds=seconds) <= block.ends_at or (last and block.open_ended):
                break
            index, in_block = index + 1, 0
            if index < len(ordered):
                clock = ordered[index].starts_at
        if index >= len(ordered):
            out.append(Projected(entry_id, None, None, seconds, entry_id in actual))
            continue
        block = ordered[index]
        end = start + timedelta(seconds=seconds)
        out.append(Projected(entry_id, block.id, start, seconds, entry_id in actual, end > block.ends_at))
        clock, in_block = end, in_block + 1
    return out
