"""The decisions of registration a diplomat may ask us to explain. Pure functions over plain data.

- When a delegation may change its registration: while it is a draft or was returned to it. A
  submitted registration is with the secretariat; an approved one is changed only after it is
  reopened, which takes it back through the secretariat (it is approved again, or returned).
- Who counts for a segment: a participant registered for "both" counts in each segment.
- Whether a general-debate speaker is a registered high-level participant: the same person by
  name, whatever the case, accents, punctuation or honorifics ("H.E. Mr. Karl Nehammer" is
  "Karl NEHAMMER").
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Registration statuses (the values of meetings.registration.models.RegistrationStatus).
DRAFT, SUBMITTED, APPROVED, RETURNED = "draft", "submitted", "approved", "returned"
EDITABLE = (DRAFT, RETURNED)
SEGMENTS = ("high_level", "regular", "both")
ATTENDANCES = ("in_person", "online")

# Limits of what a delegation types (the schema's column widths).
MAX_NAME, MAX_TITLE, MAX_FUNCTION, MAX_REASON = 200, 100, 200, 1000

# Honorifics and ranks printed before a name, in the six languages, as they are folded by `folded`.
HONORIFICS = frozenset((
    "mr", "mrs", "ms", "miss", "mx", "dr", "dra", "prof", "professor", "he", "hon", "sir", "dame", "lord", "lady",
    "excellency", "ambassador", "amb", "sheikh", "shaikh", "m", "mme", "mlle", "sr", "sra", "srta", "don", "dona",
    "г", "гн", "гжа", "господин", "госпожа", "др", "проф",
    "先生", "女士", "博士", "教授", "阁下",
    "السيد", "السيدة", "الدكتور", "الدكتورة", "الشيخ", "معالي", "سعادة",
))  # fmt: skip
# Honorifics of two folded words: "H.E.", "S.E." (Son Excelencia), "Г-н", "Г-жа".
HONORIFIC_PAIRS = frozenset({("h", "e"), ("s", "e"), ("г", "н"), ("г", "жа")})


def editable(status: str) -> bool:
    """Whether the delegation may change its participants or its note verbale now."""
    return status in EDITABLE


def counts_in(segment: str, wanted: str) -> bool:
    """Whether a participant of `segment` counts in the list of segment `wanted` (high_level, regular)."""
    return segment == wanted or segment == "both"


def folded(text: str | None) -> str:
    """Lower case, without accents or punctuation, one space between words."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", plain).split())


def person_key(name: str | None) -> str:
    """A name as it is compared: folded, without the honorifics in front ("H.E. Mr. Karl Nehammer" → "karl nehammer")."""
    words = folded(name).split()
    while len(words) > 1:
        if len(words) > 2 and tuple(words[:2]) in HONORIFIC_PAIRS:
            words = words[2:]
        elif words[0] in HONORIFICS:
            words = words[1:]
        else:
            break
    key = " ".join(words)
    for honorific in ("先生", "女士", "阁下"):  # Chinese puts them after the name
        if key.endswith(honorific) and len(key) > len(honorific):
            key = key[: -len(honorific)].strip()
    return key


def same_person(speaker_name: str, participant_name: str, participant_title: str = "") -> bool:
    """Whether a speaker's name names a participant (with or without the participant's title)."""
    speaker = person_key(speaker_name)
    if not speaker:
        return False
    return speaker in (person_key(participant_name), person_key(f"{participant_title} {participant_name}"))


@dataclass(frozen=True)
class Person:
    """A registered participant as the speaker check sees them."""

    name: str
    title: str
    segment: str
    status: str  # the participant's: pending, approved, returned
    registration_status: str


# How a speaker stands against the delegation's registration (the secretariat reads it beside the name).
APPROVED_HIGH_LEVEL = "approved"
AWAITING = "awaiting_approval"
NOT_REGISTERED = "not_registered"


def speaker_standing(speaker_name: str, people: Iterable[Person]) -> str:
    """Whether a general-debate speaker is a registered high-level participant of their delegation.

    Approved: an approved participant of an approved registration, in the high-level segment or both.
    Awaiting approval: a participant of a submitted registration, or one not yet decided. Otherwise
    (no such person, a draft, a participant returned, only the regular segment) not registered.
    """
    found = NOT_REGISTERED
    for p in people:
        if not counts_in(p.segment, "high_level") or not same_person(speaker_name, p.name, p.title):
            continue
        if p.registration_status == APPROVED and p.status == "approved":
            return APPROVED_HIGH_LEVEL
        if p.registration_status in (SUBMITTED, APPROVED, RETURNED) and p.status == "pending":
            found = AWAITING
    return found


@dataclass(frozen=True)
class Counted:
    """One participant as the counts see them: the delegation's regional group (None outside them) and segment."""

    group: str | None
    delegation: str
    segment: str


@dataclass
class Counts:
    """Participants and delegations per regional group and segment (high_level, regular), and the totals."""

    participants: dict[tuple[str | None, str], int]
    delegations: dict[tuple[str | None, str], int]

    def participants_in(self, group: str | None, segment: str) -> int:
        return self.participants.get((group, segment), 0)

    def delegations_in(self, group: str | None, segment: str) -> int:
        return self.delegations.get((group, segment), 0)

    def total(self, segment: str) -> int:
        return sum(n for (_, s), n in self.participants.items() if s == segment)

    def total_delegations(self, segment: str) -> int:
        return sum(n for (_, s), n in self.delegations.items() if s == segment)


def counts(rows: Iterable[Counted]) -> Counts:
    """Count by regional group and segment; a participant of both segments counts in each."""
    people: dict[tuple[str | None, str], int] = {}
    seen: dict[tuple[str | None, str], set[str]] = {}
    for row in rows:
        for segment in ("high_level", "regular"):
            if counts_in(row.segment, segment):
                key = (row.group, segment)
                people[key] = people.get(key, 0) + 1
                seen.setdefault(key, set()).add(row.delegation)
    return Counts(people, {key: len(codes) for key, codes in seen.items()})
