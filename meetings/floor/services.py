"""One function per action on the floor. Services flush; the request commits once.

Every action that moves the speaker or the clock carries the version of the floor the chair's
screen showed: a second "next" (a double click, another laptop) finds a newer version and is
refused with 409, so the list moves by one. The floor row is locked (FOR UPDATE on PostgreSQL;
BEGIN IMMEDIATE on SQLite) before the version is compared.
"""

from datetime import datetime

from sqlalchemy import select

from meetings.audit import services as audit
from meetings.auth.actors import Actor
from meetings.delegations.models import Delegation
from meetings.delegations.services import delegation_by_code
from meetings.extensions import db
from meetings.floor import permissions, rules, sources
from meetings.floor.models import Floor, TimerStatus, Turn, TurnRole, TurnStatus
from meetings.floor.sources import lineup_for
from meetings.i18n.words import _
from meetings.locking import lock_commission_session
from meetings.programme.models import BlockKind, MeetingBlock
from meetings.refusal import Refusal, require
from meetings.timeutil import utcnow

FLOOR_KINDS = (BlockKind.general_debate, BlockKind.roundtable)
ACTIONS = ("start", "pause", "resume", "end", "next", "absent")


def floor_of(block: MeetingBlock) -> Floor | None:
    return db.session.scalar(select(Floor).where(Floor.block_id == block.id))


def _locked_floor(block: MeetingBlock) -> Floor:
    """The block's floor, created on first use, locked until the commit."""
    if block.kind not in FLOOR_KINDS:
        raise Refusal(_("Only general-debate meetings and roundtables have a speakers' floor."), status=404)
    stmt = select(Floor).where(Floor.block_id == block.id).execution_options(populate_existing=True)
    if db.session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(key_share=True)
    floor = db.session.scalar(stmt)
    if floor is None:
        lock_commission_session(block.commission_session_id)
        floor = db.session.scalar(stmt)
        if floor is None:
            floor = Floor(block=block, room_id=block.room_id, status=TimerStatus.idle, version=0)
            db.session.add(floor)
            db.session.flush()
    return floor


def named_delegation(code: str | None) -> Delegation | None:
    """The delegation of a code typed on the console; none for an empty code; a refusal for an unknown one."""
    code = (code or "").strip().upper()
    if not code:
        return None
    delegation = delegation_by_code(code)
    if delegation is None:
        raise Refusal(_("There is no delegation with the code '%(code)s'.", code=code),
                      {"delegation": [_("Unknown code.")]}, 422)  # fmt: skip
    return delegation


def ensure_may_drive(actor: Actor, block: MeetingBlock) -> None:
    require(permissions.can_drive(actor, block), _("Only the Chair or the secretariat runs the floor of this meeting."))


def log(actor: Actor, action: str, block: MeetingBlock, target, label: str, *, delegation=None,
        before: dict | None = None, after: dict | None = None, reason: str = "") -> None:  # fmt: skip
    """An entry of the floor in the audit log, named after its meeting."""
    audit.record(actor, "floor", action, target=target, commission_session=block.commission_session_id,
                 label=f"{block.title}: {label}", delegation=delegation, before=before, after=after,
                 reason=reason)  # fmt: skip


def _changed(floor: Floor, now: datetime) -> None:
    floor.version += 1
    floor.updated_at = now
    db.session.flush()


def limits(block: MeetingBlock) -> dict[str, int]:
    r = block.commission_session.rules
    return {f: getattr(r, f) for f in rules.LIMIT_FIELDS.values()}


def waiting(floor: Floor) -> list[Turn]:
    """Who waits, in the order they are called: the listed speakers, then the rights of reply."""
    return rules.replies_last([t for t in floor.turns if t.status == TurnStatus.waiting], lambda t: t.is_reply)


def current(floor: Floor) -> Turn | None:
    return next((t for t in floor.turns if t.status == TurnStatus.speaking), None)


def held(floor: Floor) -> Turn | None:
    """The speech a point of order interrupted, which resumes when the point of order ends."""
    return next((t for t in floor.turns if t.status == TurnStatus.held), None)


# --- the list -------------------------------------------------------------------------------


def add_turn(
    block: MeetingBlock,
    actor: Actor,
    delegation: Delegation | None,
    speaker_name: str,
    role: TurnRole,
    speaker_title: str = "",
    limit_s: int | None = None,
    source_ref: str | None = None,
    now: datetime | None = None,
) -> Turn:
    """Add a speaker at the end of the list by hand. The running speech is not touched."""
    ensure_may_drive(actor, block)
    turn = _append(block, delegation, speaker_name, role, speaker_title, limit_s, source_ref, now)
    log(actor, "speaker_added", block, turn, turn.speaker_name, delegation=delegation,
        after={"position": turn.position, "speaker_name": turn.speaker_name, "role": turn.role.value,
               "limit_s": turn.limit_s})  # fmt: skip
    return turn


def _append(block: MeetingBlock, delegation: Delegation | None, speaker_name: str, role: TurnRole,
            speaker_title: str = "", limit_s: int | None = None, source_ref: str | None = None,
            now: datetime | None = None, *, by_rule: bool = False, reply_number: int | None = None,
            remote: bool = False, connection_link: str = "") -> Turn:  # fmt: skip
    """A turn at the end of the list. `by_rule`: `limit_s` is the rules' limit, not another one the chair set."""
    floor = _locked_floor(block)
    speaker_name = (speaker_name or "").strip() or (delegation.name if delegation else "")
    if not speaker_name:
        raise Refusal(_("Give the speaker's name or a delegation."), {"speaker_name": [_("Required.")]})
    if source_ref and any(t.source_ref == source_ref for t in floor.turns):
        raise Refusal(_("This speaker is already on the list."))
    position = max((t.position for t in floor.turns), default=0) + 1
    turn = Turn(
        floor=floor, position=position, delegation=delegation, speaker_name=speaker_name[:200],
        speaker_title=(speaker_title or "")[:200], role=TurnRole(role), source_ref=source_ref,
        limit_s=limit_s or rules.limit_for(TurnRole(role).value, limits(block)),
        limit_overridden=bool(limit_s) and not by_rule, status=TurnStatus.waiting, reply_number=reply_number,
        remote=remote, connection_link=connection_link if remote else "",
    )  # fmt: skip
    db.session.add(turn)
    _changed(floor, now or utcnow())
    return turn


def load_lineup(block: MeetingBlock, actor: Actor) -> int:
    """Append the registered sources' speakers not yet on the list; returns how many."""
    ensure_may_drive(actor, block)
    floor = _locked_floor(block)
    known = {t.source_ref for t in floor.turns if t.source_ref}
    added = []
    for entry in lineup_for(block):
        if entry.source_ref in known:
            continue
        added.append(_append(block, entry.delegation, entry.speaker_name, TurnRole(entry.role), entry.speaker_title,
                             entry.limit_s, entry.source_ref, remote=entry.remote,
                             connection_link=entry.connection_link))  # fmt: skip
        known.add(entry.source_ref)
    if added:
        log(actor, "lineup_loaded", block, floor, "speakers loaded from the list",
            after={"added": len(added), "speakers": [t.delegation.name if t.delegation else t.speaker_name
                                                      for t in added]})  # fmt: skip
    return len(added)


def _turn(floor: Floor, turn_id: int) -> Turn:
    turn = next((t for t in floor.turns if t.id == turn_id), None)
    if turn is None:
        raise Refusal(_("This speaker is not on the list of this meeting."), status=404)
    return turn


def set_limit(block: MeetingBlock, actor: Actor, turn_id: int, limit_s: int) -> Turn:
    """Another limit for one speaker (also while speaking: the screens show it at once)."""
    ensure_may_drive(actor, block)
    floor = _locked_floor(block)
    turn = _turn(floor, turn_id)
    if turn.status == TurnStatus.done:
        raise Refusal(_("This speech is over; its limit is part of the record."), status=409)
    before = {"limit_s": turn.limit_s}
    turn.limit_s, turn.limit_overridden = limit_s, True
    _changed(floor, utcnow())
    log(actor, "limit_changed", block, turn, turn.speaker_name, delegation=turn.delegation, before=before,
        after={"limit_s": limit_s})  # fmt: skip
    return turn


# --- the clock ------------------------------------------------------------------------------


def act(block: MeetingBlock, actor: Actor, action: str, expected_version: int, turn_id: int | None = None,
        now: datetime | None = None) -> Floor:  # fmt: skip
    """Apply a chair's action if the floor is still as the chair's screen showed it."""
    ensure_may_drive(actor, block)
    if action not in ACTIONS:
        raise Refusal(_("Unknown action '%(action)s'.", action=action), {"action": [_("Unknown action.")]})
    now = now or utcnow()
    floor = _locked_floor(block)
    if floor.version != expected_version:
        raise Refusal(_changed_meanwhile(current(floor)), status=409)
    before = {t.id: (t.status, t.times_absent) for t in floor.turns}
    seen = _seen(floor)
    {"start": _start, "pause": _pause, "resume": _resume, "end": _end, "next": _next, "absent": _absent}[action](
        floor, turn_id, now
    )
    _changed(floor, now)
    after = _seen(floor)
    log(actor, action, block, floor, after["speaker"] or seen["speaker"] or "the floor", before=seen, after=after)
    for turn in floor.turns:
        status, absences = before.get(turn.id, (None, 0))
        if turn.status == TurnStatus.done and status != TurnStatus.done:
            sources.notify("ended", turn, actor)
        if turn.times_absent > absences:
            sources.notify("absent", turn, actor)
    return floor


def _changed_meanwhile(speaking: Turn | None) -> str:
    """Why a chair's action found the floor newer than the chair's screen, and what is on it now."""
    if speaking is not None:
        return _("The floor changed since your screen was updated (%(speaker)s has the floor); nothing was done. "
                 "Look again and repeat if needed.", speaker=speaking.speaker_name)  # fmt: skip
    return _("The floor changed since your screen was updated (nobody has the floor); nothing was done. "
             "Look again and repeat if needed.")  # fmt: skip


def _seen(floor: Floor) -> dict:
    """What the room sees of the floor: the speaker, the timer, the next speaker (and a speech a
    point of order interrupted)."""
    speaking, queue, interrupted = current(floor), waiting(floor), held(floor)
    seen = {
        "speaker": speaking.speaker_name if speaking else None,
        "timer": floor.status.value,
        "next": queue[0].speaker_name if queue else None,
    }
    if interrupted is not None:
        seen["interrupted"] = interrupted.speaker_name
    return seen


def _start(floor: Floor, turn_id: int | None, now: datetime) -> None:
    speaking = current(floor)
    if speaking is not None:
        raise Refusal(_("%(speaker)s has the floor; end that speech first.", speaker=speaking.speaker_name), status=409)
    queue = waiting(floor)
    if turn_id is not None:
        turn = _turn(floor, turn_id)
        if turn.status != TurnStatus.waiting:
            raise Refusal(_("This speaker has already spoken."), status=409)
    elif queue:
        turn = queue[0]
    else:
        raise Refusal(_("The list of speakers is exhausted."), status=409)
    turn.status, turn.started_at = TurnStatus.speaking, now
    floor.status, floor.anchor_at, floor.paused_elapsed_ms = TimerStatus.running, now, 0


def _pause(floor: Floor, turn_id: int | None, now: datetime) -> None:
    if floor.status != TimerStatus.running:
        raise Refusal(_("No speech is running."), status=409)
    floor.paused_elapsed_ms = rules.paused_at(floor.anchor_at, now)
    floor.status, floor.anchor_at = TimerStatus.paused, None


def _resume(floor: Floor, turn_id: int | None, now: datetime) -> None:
    if floor.status != TimerStatus.paused:
        raise Refusal(_("No speech is paused."), status=409)
    floor.status, floor.anchor_at = TimerStatus.running, rules.resumed_anchor(floor.paused_elapsed_ms, now)


def _end(floor: Floor, turn_id: int | None, now: datetime) -> None:
    turn = current(floor)
    if turn is None:
        raise Refusal(_("Nobody has the floor."), status=409)
    spoken = rules.elapsed_ms(floor.status.value, floor.anchor_at, floor.paused_elapsed_ms, now)
    turn.status, turn.ended_at = TurnStatus.done, now
    turn.duration_s = rules.whole_seconds(spoken)
    turn.overrun_s = rules.overrun_s(turn.duration_s, turn.limit_s)
    floor.status, floor.anchor_at, floor.paused_elapsed_ms = TimerStatus.idle, None, 0
    db.session.flush()
    _resume_held(floor, now)


def _resume_held(floor: Floor, now: datetime) -> None:
    """After a point of order, the interrupted speech has the floor again with the time it had
    (its clock running again if it was running, paused if it was paused)."""
    interrupted = held(floor)
    if interrupted is None:
        return
    interrupted.status = TurnStatus.speaking
    if floor.held_running:
        floor.status, floor.anchor_at = TimerStatus.running, rules.resumed_anchor(floor.held_ms, now)
        floor.paused_elapsed_ms = 0
    else:
        floor.status, floor.anchor_at, floor.paused_elapsed_ms = TimerStatus.paused, None, floor.held_ms
    floor.held_ms, floor.held_running = 0, False
    db.session.flush()


def _next(floor: Floor, turn_id: int | None, now: datetime) -> None:
    if current(floor) is None and not waiting(floor):
        raise Refusal(_("The list of speakers is exhausted."), status=409)
    interrupted = held(floor)
    if current(floor) is not None:
        _end(floor, None, now)
    if waiting(floor) and interrupted is None:  # after a point of order, the interrupted speaker goes on
        _start(floor, None, now)


def _absent(floor: Floor, turn_id: int | None, now: datetime) -> None:
    queue = waiting(floor)
    if not queue:
        raise Refusal(_("Nobody is waiting to speak."), status=409)
    turn = _turn(floor, turn_id) if turn_id is not None else queue[0]
    if turn.status != TurnStatus.waiting:
        raise Refusal(_("Only a speaker who is waiting can be marked absent."), status=409)
    order = rules.after_next([t.id for t in queue], turn.id)
    slots = sorted(t.position for t in queue)
    by_id = {t.id: t for t in queue}
    for position, tid in zip(slots, order, strict=True):
        by_id[tid].position = position
    turn.times_absent += 1
    db.session.flush()
    db.session.expire(floor, ["turns"])


def actual_durations(source_refs: list[str]) -> dict[str, int]:
    """Seconds actually spoken, for the turns with these references that have ended."""
    if not source_refs:
        return {}
    rows = db.session.execute(
        select(Turn.source_ref, Turn.duration_s).where(Turn.source_ref.in_(source_refs), Turn.status == TurnStatus.done)
    )
    return {ref: duration for ref, duration in rows}
