"""The floor beyond the list (ECOSOC practice): points of order and rights of reply.

A **point of order** is heard at once, before the next speaker, and takes nobody's time: a
speech in progress is held (its turn is `held`, its elapsed time kept on the floor) while the
point of order has the floor with a timer of its own; when the point of order ends, the held
speech has the floor again with the time it had (services._resume_held).

A **right of reply** is heard at the end of the meeting, after the last listed speaker
(services.waiting calls the listed speakers first), with its own limits: a delegation's first
reply gets the first limit, its second the second; at most `floor_replies_max` per delegation
and meeting. The number is decided under the floor's lock and unique per delegation and
meeting in the schema (uq_floor_turn_reply_once), so two requests at once cannot both take it.
"""

from datetime import datetime

from sqlalchemy.exc import IntegrityError

from meetings.auth.actors import Actor
from meetings.delegations.models import Delegation, DelegationKind
from meetings.delegations.services import delegation_by_code
from meetings.extensions import db
from meetings.floor import permissions, rules
from meetings.floor.models import Floor, TimerStatus, Turn, TurnRole, TurnStatus
from meetings.floor.services import (
    _append,
    _changed,
    _changed_meanwhile,
    _locked_floor,
    current,
    ensure_may_drive,
    floor_of,
    held,
    log,
)
from meetings.i18n.words import _, ngettext
from meetings.programme.models import MeetingBlock
from meetings.refusal import Refusal, require
from meetings.timeutil import utcnow

# --- a point of order -----------------------------------------------------------------------


def point_of_order(block: MeetingBlock, actor: Actor, delegation: Delegation | None, speaker_name: str = "",
                   expected_version: int | None = None, now: datetime | None = None) -> Turn:  # fmt: skip
    """The chair gives the floor at once to a delegation that raises a point of order.

    A running (or paused) speech is held with its time; the point of order is a turn of its own,
    with its own timer (the session's limit for a point of order), never counted in the speaker's time.
    """
    ensure_may_drive(actor, block)
    if delegation is None:
        raise Refusal(_("Name the delegation that raises the point of order."),
                      {"delegation": [_("Required.")]})  # fmt: skip
    now = now or utcnow()
    floor = _locked_floor(block)
    if expected_version is not None and floor.version != expected_version:
        raise Refusal(_changed_meanwhile(current(floor)), status=409)
    speaking = current(floor)
    if speaking is not None and speaking.is_point_of_order:
        raise Refusal(_("A point of order of %(delegation)s is being heard; end it before another is raised.",
                        delegation=speaking.shown_who or speaking.speaker_name), status=409)  # fmt: skip
    before = {"speaker": speaking.speaker_name if speaking else None, "timer": floor.status.value}
    if speaking is not None:
        floor.held_ms, floor.held_running = rules.held_time(floor.status.value, floor.anchor_at,
                                                            floor.paused_elapsed_ms, now)  # fmt: skip
        speaking.status = TurnStatus.held
        speaking.times_interrupted += 1
        db.session.flush()  # one speaking turn at a time (uq_floor_turn_one_speaking)
    limit = rules.limit_for(TurnRole.point_of_order.value, _rules_of(block))
    turn = _append(block, delegation, speaker_name, TurnRole.point_of_order, limit_s=limit, now=now, by_rule=True)
    turn.status, turn.started_at = TurnStatus.speaking, now
    floor.status, floor.anchor_at, floor.paused_elapsed_ms = TimerStatus.running, now, 0
    _changed(floor, now)
    after = {"speaker": turn.speaker_name, "delegation": delegation.name, "timer": "running", "limit_s": turn.limit_s}
    if speaking is not None:
        after |= {"interrupted": speaking.speaker_name, "interrupted_elapsed_ms": floor.held_ms}
    log(actor, "point_of_order", block, turn, f"point of order of {delegation.name}", delegation=delegation,
        before=before, after=after)  # fmt: skip
    return turn


def _rules_of(block: MeetingBlock) -> dict[str, int]:
    r = block.commission_session.rules
    return {f: getattr(r, f) for f in (*rules.LIMIT_FIELDS.values(), *rules.REPLY_FIELDS)}


# --- rights of reply ------------------------------------------------------------------------


def replying_delegation(block: MeetingBlock, actor: Actor, code: str | None) -> Delegation:
    """For whom a right of reply is asked: a delegation for itself; the chair names the delegation."""
    if permissions.can_drive(actor, block):
        delegation = delegation_by_code((code or "").strip().upper()) if code else None
        if delegation is None:
            raise Refusal(_("Name the delegation that asks for a right of reply."),
                          {"delegation": [_("Unknown delegation code.")]})  # fmt: skip
        return delegation
    own = getattr(actor, "delegation", None)
    require(own is not None, _("Only a delegation can ask for a right of reply."))
    require(not code or code.strip().upper() == own.code,
            _("You can ask for a right of reply for your own delegation only."))  # fmt: skip
    return own


def replies_of(floor: Floor | None, delegation: Delegation) -> list[Turn]:
    """A delegation's rights of reply in a meeting, first to last."""
    if floor is None:
        return []
    mine = [t for t in floor.turns if t.is_reply and t.delegation_id == delegation.id]
    return sorted(mine, key=lambda t: t.reply_number or 0)


def request_reply(block: MeetingBlock, actor: Actor, code: str | None = None, speaker_name: str = "",
                  now: datetime | None = None) -> Turn:  # fmt: skip
    """Queue a right of reply at the end of the meeting, with the limit of its number."""
    delegation = replying_delegation(block, actor, code)
    require(permissions.can_ask_reply(actor, delegation, block),
            _("You can ask for a right of reply for your own delegation only."))  # fmt: skip
    if delegation.kind == DelegationKind.ngo:
        raise Refusal(_("The right of reply belongs to States and intergovernmental organizations; "
                        "%(delegation)s is a non-governmental organization.", delegation=delegation.shown_name))  # fmt: skip
    if block.is_cancelled:
        raise Refusal(_("This meeting was cancelled."), status=409)
    floor = _locked_floor(block)
    limits = _rules_of(block)
    most = limits["floor_replies_max"]
    numbers = [t.reply_number for t in replies_of(floor, delegation)]
    number = rules.next_reply_number(numbers, most)
    if number is None:
        raise Refusal(_too_many(delegation, most), {"delegation": [_too_many(delegation, most)]}, 409)
    limit = rules.reply_limit(number, limits["floor_reply_first_s"], limits["floor_reply_second_s"])
    try:  # the schema's backstop (uq_floor_turn_reply_once), should two requests pass the lock at once
        with db.session.begin_nested():
            turn = _append(block, delegation, speaker_name, TurnRole.right_of_reply, limit_s=limit, now=now,
                           by_rule=True, reply_number=number)  # fmt: skip
    except IntegrityError:
        raise Refusal(_too_many(delegation, most), status=409) from None
    log(actor, "reply_requested", block, turn, f"right of reply no. {number} of {delegation.name}",
        delegation=delegation, after={"reply_number": number, "position": turn.position, "limit_s": turn.limit_s,
                                      "speaker_name": turn.speaker_name}, reason="")  # fmt: skip
    return turn


def _too_many(delegation: Delegation, most: int) -> str:
    if most == 0:
        return _("The rules of this session give no right of reply.")
    return ngettext(
        "%(delegation)s has already asked for %(num)d right of reply in this meeting, "
        "the most the session's rules allow per delegation.",
        "%(delegation)s has already asked for %(num)d rights of reply in this meeting, "
        "the most the session's rules allow per delegation.",
        most,
        delegation=delegation.shown_name,
    )


def reply_by_id(block: MeetingBlock, turn_id: int) -> Turn:
    floor = floor_of(block)
    turn = db.session.get(Turn, turn_id)
    if floor is None or turn is None or turn.floor_id != floor.id or not turn.is_reply:
        raise Refusal(_("There is no such right of reply in this meeting."), status=404)
    return turn


def withdraw_reply(block: MeetingBlock, actor: Actor, turn_id: int) -> Turn:
    """A delegation waives a right of reply not yet heard (or the chair takes it off the list).

    Its later replies waiting in this meeting move up a number and take that number's limit,
    unless the chair set another; the withdrawn reply no longer counts."""
    require(permissions.can_withdraw_reply(actor, reply_by_id(block, turn_id)),
            _("Only the delegation that asked for the right of reply, or the Chair, can withdraw it."))  # fmt: skip
    floor = _locked_floor(block)
    turn = reply_by_id(block, turn_id)
    if turn.status != TurnStatus.waiting:
        raise Refusal(_("This right of reply has been heard or is being heard; it is part of the record."),
                      status=409)  # fmt: skip
    later = [t for t in replies_of(floor, turn.delegation) if t.reply_number > turn.reply_number]
    if any(t.status != TurnStatus.waiting for t in later):
        raise Refusal(_("A later right of reply of %(delegation)s has been heard; this one stays on the record.",
                        delegation=turn.delegation.shown_name), status=409)  # fmt: skip
    before = {"reply_number": turn.reply_number, "position": turn.position, "limit_s": turn.limit_s}
    delegation, number = turn.delegation, turn.reply_number
    db.session.delete(turn)
    db.session.flush()
    limits = _rules_of(block)
    for t in later:  # one at a time: each number stays unique
        t.reply_number -= 1
        if not t.limit_overridden:
            t.limit_s = rules.reply_limit(t.reply_number, limits["floor_reply_first_s"], limits["floor_reply_second_s"])
        db.session.flush()
    db.session.expire(floor, ["turns"])
    _changed(floor, utcnow())
    log(actor, "reply_withdrawn", block, turn, f"right of reply no. {number} of {delegation.name}",
        delegation=delegation, before=before, after={"withdrawn": True, "renumbered": len(later)})  # fmt: skip
    return turn


__all__ = ["held", "point_of_order", "replies_of", "request_reply", "withdraw_reply"]
