"""The session's rooms themselves: add one, rename it, its seats and the language of its projector.

What holds a room when is meetings.programme.rooms (the occupancy); this module changes the room
record, each change recorded once in the audit log. English, the default language of a
projector, is kept as no language (None), so that a room has one way of saying it.
"""

from meetings.audit import services as audit
from meetings.auth.actors import Actor
from meetings.extensions import db
from meetings.i18n.languages import DEFAULT, LANGUAGES
from meetings.i18n.words import _
from meetings.locking import lock_commission_session
from meetings.programme import permissions
from meetings.programme.models import CommissionSession, Room
from meetings.refusal import Refusal, require, taken_meanwhile


def _may_edit(actor: Actor) -> None:
    require(permissions.can_edit_session(actor), _("Only the secretariat changes the session's set-up."))


def projector_language_of(value: str | None) -> str | None:
    """The column's value for a chosen projector language: None for English (the default), else its code.

    Refused, naming the six, when it is not one of them.
    """
    value = (value or "").strip() or DEFAULT
    if value not in LANGUAGES:
        message = _("The projector speaks one of the six official languages: ar, zh, en, fr, ru or es.")
        raise Refusal(message, {"projector_language": [message]}, status=422)
    return None if value == DEFAULT else value


def room_as_dict(room: Room) -> dict:
    return {"id": room.id, "name": room.name, "capacity": room.capacity,
            "projector_language": room.projector_language or DEFAULT}  # fmt: skip


def _name_free(cs: CommissionSession, name: str, room: Room | None = None) -> None:
    if any(r.name.lower() == name.lower() and r is not room for r in cs.rooms):
        raise Refusal(_("There is already a room called %(name)s.", name=name), {"name": [_("Already exists.")]})


def add_room(
    cs: CommissionSession, actor: Actor, name: str, capacity: int | None, projector_language: str | None = None
) -> Room:
    _may_edit(actor)
    name, language = name.strip(), projector_language_of(projector_language)
    _name_free(cs, name)
    room = Room(commission_session=cs, name=name, capacity=capacity, projector_language=language)
    db.session.add(room)
    with taken_meanwhile(sentence=_("Someone registered a room called %(name)s at the same moment; nothing was changed.",
                                    name=name)):  # fmt: skip
        db.session.flush()
    after = {"name": name, "capacity": capacity}
    if language is not None:  # English, the default, goes unsaid, as before the projector had a language
        after["projector_language"] = language
    audit.record(actor, "programme", "room.add", target=room, commission_session=cs, label=name, after=after)
    return room


def room_of(cs: CommissionSession, room_id: int) -> Room:
    room = db.session.get(Room, room_id)
    if room is None or room.commission_session_id != cs.id:
        raise Refusal(_("There is no such room."), status=404)
    return room


def update_room(
    cs: CommissionSession,
    actor: Actor,
    room_id: int,
    *,
    name: str,
    capacity: int | None,
    projector_language: str | None = None,
) -> Room:
    """Rename a room, change its seats or the language of its projector (what holds it stays)."""
    _may_edit(actor)
    name, language = name.strip(), projector_language_of(projector_language)
    lock_commission_session(cs.id)
    room = room_of(cs, room_id)
    _name_free(cs, name, room)
    before = room_as_dict(room)
    room.name, room.capacity, room.projector_language = name, capacity, language
    with taken_meanwhile(sentence=_("Someone named another room %(name)s at the same moment; nothing was changed.",
                                    name=name)):  # fmt: skip
        db.session.flush()
    after = room_as_dict(room)
    if after != before:
        changed = [k for k in before if before[k] != after[k]]
        audit.record(actor, "programme", "room.update", target=room, commission_session=cs, label=name,
                     before={k: before[k] for k in changed}, after={k: after[k] for k in changed})  # fmt: skip
    return room
