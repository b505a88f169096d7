"""The general debate on the floor.

The chair loads a meeting's speakers from the list; when a speech is recorded, the list's
projected times take its actual duration; a speaker absent when called on the floor moves on
the list as well. Turns refer to inscriptions as "gd-entry-<id>" (meetings.debate.refs).
The debate's init_app adds `debate_lineup` and `heard_on_the_floor` to the app's hooks.
"""

from meetings.auth.actors import consequence
from meetings.debate import services
from meetings.debate.listing import refresh_projection
from meetings.debate.models import Inscription
from meetings.debate.refs import inscription_id, source_ref
from meetings.delegations.services import delegation_by_code
from meetings.extensions import db
from meetings.floor.sources import LineupEntry
from meetings.programme.models import BlockKind, CommissionSession, MeetingBlock


def debate_lineup(block: MeetingBlock) -> list[LineupEntry]:
    """The meeting's speakers as the list projects them; a remote speaker brings the chair's connection link."""
    if block.kind != BlockKind.general_debate:
        return []
    return [
        LineupEntry(
            source_ref=source_ref(e["entry_id"]),
            delegation=delegation_by_code(e["delegation"]),
            speaker_name=e["speaker_name"],
            speaker_title=e["speaker_title"] or "",
            role="gd_group" if e["on_behalf_of_group"] else "gd_national",
            limit_s=e["limit_s"],
            remote=e["remote"],
            connection_link=db.session.get(Inscription, e["entry_id"]).connection_link if e["remote"] else "",
        )
        for e in services.floor_lineup(block)
    ]


def heard_on_the_floor(event: str, turn, actor) -> None:
    entry = inscription_id(turn.source_ref)
    inscription = db.session.get(Inscription, entry) if entry is not None else None
    if inscription is None:
        return
    cs = db.session.get(CommissionSession, inscription.commission_session_id)
    if event == "ended":
        refresh_projection(cs)
    elif event == "absent" and actor is not None:
        moved = consequence(actor, "absent when called on the floor: the speaker moves to the next slot of the list")
        services.mark_absent(cs, moved, inscription, "Absent when called on the floor.")
