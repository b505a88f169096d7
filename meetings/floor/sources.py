"""Where a floor's lineup comes from: features register a function per kind of meeting.

The general debate registers its list of speakers (meetings.debate.on_the_floor); roundtables may register
their panelists. Each function returns LineupEntry items in speaking order, or nothing for a
block it does not know.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from meetings.delegations.models import Delegation
from meetings.programme.models import MeetingBlock


@dataclass(frozen=True)
class LineupEntry:
    source_ref: str  # stable, e.g. "gd-entry-17": how the source later finds the actual duration
    delegation: Delegation | None
    speaker_name: str
    speaker_title: str
    role: str  # a TurnRole value
    limit_s: int | None = None  # None: the session's limit for the role


LineupSource = Callable[[MeetingBlock], Iterable[LineupEntry]]
LINEUP_SOURCES: list[LineupSource] = []


def register_lineup_source(fn: LineupSource) -> LineupSource:
    if fn not in LINEUP_SOURCES:
        LINEUP_SOURCES.append(fn)
    return fn


def lineup_for(block: MeetingBlock) -> list[LineupEntry]:
    entries: list[LineupEntry] = []
    for source in LINEUP_SOURCES:
        entries.extend(source(block) or ())
    return entries


# What other features hear of the floor: ("ended", turn, actor) when a speech is recorded,
# ("absent", turn, actor) when a speaker was called and absent.
FloorListener = Callable[[str, object, object], None]
FLOOR_LISTENERS: list[FloorListener] = []


def register_floor_listener(fn: FloorListener) -> FloorListener:
    if fn not in FLOOR_LISTENERS:
        FLOOR_LISTENERS.append(fn)
    return fn


def notify(event: str, turn, actor) -> None:
    for listener in FLOOR_LISTENERS:
        listener(event, turn, actor)
