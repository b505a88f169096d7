"""Where a floor's lineup comes from: features add a function per kind of meeting.

The general debate adds its list of speakers (meetings.debate.on_the_floor, in the debate's
init_app); roundtables may add their panelists. Each function returns LineupEntry items in
speaking order, or nothing for a block it does not know. The functions live in the current
app's hooks (meetings.hooks), not in this module.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from meetings.delegations.models import Delegation
from meetings.hooks import hooks_of
from meetings.programme.models import MeetingBlock


@dataclass(frozen=True)
class LineupEntry:
    source_ref: str  # stable, e.g. "gd-entry-17": how the source later finds the actual duration
    delegation: Delegation | None
    speaker_name: str
    speaker_title: str
    role: str  # a TurnRole value
    limit_s: int | None = None  # None: the session's limit for the role
    remote: bool = False
    connection_link: str = ""  # for the console only


LineupSource = Callable[[MeetingBlock], Iterable[LineupEntry]]


def lineup_for(block: MeetingBlock) -> list[LineupEntry]:
    entries: list[LineupEntry] = []
    for source in hooks_of().lineup_sources:
        entries.extend(source(block) or ())
    return entries


# What other features hear of the floor: ("ended", turn, actor) when a speech is recorded,
# ("absent", turn, actor) when a speaker was called and absent.
FloorListener = Callable[[str, object, object], None]


def notify(event: str, turn, actor) -> None:
    for listener in hooks_of().floor_listeners:
        listener(event, turn, actor)
