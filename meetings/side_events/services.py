"""One function per action on an application: save a draft, submit, withdraw, reject.

Every decision about the queue (position, seats, an organizer's cap) is taken after
`lock_commission_session`, inside the request's one transaction; the unique seat and slot
columns back it in the schema. Services flush; the view or API commits.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context
from sqlalchemy import String, bindparam, cast, func, select

from meetings.audit import services as audit
from meetings.auth.actors import Actor, consequence
from meetings.delegations.models import DelegationKind
from meetings.extensions import db
from meetings.i18n.words import _, ngettext, shown, shown_list
from meetings.locking import lock_commission_session
from meetings.programme import rooms
from meetings.programme.models import CommissionSession, HolderKind
from meetings.programme.rules import within_hours
from meetings.refusal import Refusal, require
from meetings.side_events import permissions, rules
from meetings.side_events.models import SideEvent, SideEventFormat, SideEventKind, SideEventStatus
from meetings.timeutil import utcnow

EDITABLE = ("kind", "title", "partners", "format", "contact_name", "contact_email", "description",
            "duration_minutes", "preferred_times")  # fmt: skip


def clock_now() -> datetime:
    """Now, shifted by the SIDE_EVENTS_CLOCK_OFFSET setting (a timedelta) if there is one.

    Tests and rehearsals move the clock into the application window without sleeping; the
    shift keeps the clock running, so receipt times still follow the order of arrival.
    """
    offset = current_app.config.get("SIDE_EVENTS_CLOCK_OFFSET") if has_app_context() else None
    return utcnow() + (offset or timedelta(0))


def shown_label(event: SideEvent) -> str:
    """An application as a sentence names it: its title in quotes and its organizer, in the reader's language."""
    return _("“%(title)s” (%(organizer)s)", title=event.title or _("untitled"), organizer=event.organizer.shown_name)


def label_of(event: SideEvent) -> str:
    """An application as the audit log records it (a record, kept as written)."""
    return f"“{event.title or 'untitled'}” ({event.organizer.name})"


def state_of(event: SideEvent) -> dict:
    """An application's place as the audit log records it before and after a change."""
    return {"status": event.status.value, "queue_position": event.queue_position, "seat": event.accepted_seat}


def log(event: SideEvent, actor: Actor, action: str, detail: str = "", before: dict | None = None,
        after: dict | None = None) -> None:  # fmt: skip
    audit.record(actor, "side_events", action, target=event, commission_session=event.commission_session_id,
                 label=label_of(event), delegation=event.organizer, before=before,
                 after=after if after is not None else state_of(event), reason=detail)  # fmt: skip


# --- who sees what --------------------------------------------------------------------------


def ensure_can_change(user: Actor, event: SideEvent) -> None:
    require(permissions.can_change(user, event), _("This application belongs to another delegation."))


def event_for(cs: CommissionSession, event_id: int, user: Actor | None) -> SideEvent:
    """The application, if this user may see it: its organizer's users and the secretariat.

    A scheduled accepted event is public (it is in the programme).
    """
    event = db.session.get(SideEvent, event_id)
    if event is None or event.commission_session_id != cs.id:
        raise Refusal(_("There is no such side event."), status=404)
    require(permissions.can_see(user, event, is_public(event)), _("This application belongs to another delegation."))
    return event


def is_public(event: SideEvent) -> bool:
    return event.status == SideEventStatus.accepted and event.starts_at is not None


def events_for(cs: CommissionSession, user: Actor) -> list[SideEvent]:
    """The secretariat sees every application; a delegation only its own."""
    stmt = select(SideEvent).where(SideEvent.commission_session_id == cs.id)
    if not permissions.can_see_all(user):
        stmt = stmt.where(SideEvent.organizer_id == user.delegation_id)
    return list(db.session.scalars(stmt.order_by(SideEvent.kind, SideEvent.queue_position, SideEvent.id)))


def events_of(cs: CommissionSession, delegation) -> list[SideEvent]:
    stmt = select(SideEvent).where(SideEvent.commission_session_id == cs.id, SideEvent.organizer_id == delegation.id)
    return list(db.session.scalars(stmt.order_by(SideEvent.kind, SideEvent.queue_position, SideEvent.id)))


def queue(cs: CommissionSession) -> list[SideEvent]:
    """Every submitted high-level application in order of receipt, withdrawn and rejected included."""
    stmt = select(SideEvent).where(
        SideEvent.commission_session_id == cs.id, SideEvent.queue_position.is_not(None)
    )  # fmt: skip
    return list(db.session.scalars(stmt.order_by(SideEvent.queue_position)))


# --- drafts ---------------------------------------------------------------------------------


def _apply(event: SideEvent, values: dict) -> None:
    for name in EDITABLE:
        if name not in values:
            continue
        value = values[name]
        if name == "preferred_times":
            value = [t.strftime("%Y-%m-%dT%H:%M") for t in value or []]
        elif name == "kind":
            value = SideEventKind(value or "high_level")
        elif name == "format":
            value = SideEventFormat(value) if value else None
        elif name != "duration_minutes":
            value = (value or "").strip()
        setattr(event, name, value)


# The statements of a submission, built once: SQLAlchemy then neither builds them nor computes
# their cache keys again on every submission, which was about a quarter of its time (bench/submission_cost.py).
_BY_KEY = select(SideEvent).where(
    SideEvent.commission_session_id == bindparam("cs_id"),
    SideEvent.organizer_id == bindparam("organizer_id"),
    SideEvent.submission_key == bindparam("key"),
)
_OWN_SLOTS = select(SideEvent.organizer_slot, SideEvent.title).where(
    SideEvent.commission_session_id == bindparam("cs_id"),
    SideEvent.organizer_id == bindparam("organizer_id"),
    SideEvent.id != bindparam("event_id"),  # 0 for a new application: no record has it
    SideEvent.organizer_slot.is_not(None),
)
_QUEUE_STATE = select(
    func.max(SideEvent.queue_position),
    func.aggregate_strings(cast(SideEvent.accepted_seat, String), ","),
    func.count(SideEvent.id).filter(SideEvent.status == SideEventStatus.waitlisted),
).where(SideEvent.commission_session_id == bindparam("cs_id"))


def _by_key(cs: CommissionSession, user: Actor, key: str | None) -> SideEvent | None:
    if not key or user.delegation_id is None:
        return None
    return db.session.scalar(_BY_KEY, {"cs_id": cs.id, "organizer_id": user.delegation_id, "key": key})


def _new(cs: CommissionSession, user: Actor, key: str | None) -> SideEvent:
    require(permissions.can_apply(user), _("Only a delegation applies for side events; log in as one of its users."))
    event = SideEvent(commission_session_id=cs.id, organizer_id=user.delegation_id, organizer=user.delegation, created_by=user,
                      submission_key=key or None, kind=SideEventKind.high_level, status=SideEventStatus.draft,
                      preferred_times=[])  # fmt: skip
    db.session.add(event)
    return event


def save_draft(cs: CommissionSession, user: Actor, values: dict, event: SideEvent | None = None,
               key: str | None = None) -> SideEvent:  # fmt: skip
    """Create or change a draft; it may be incomplete. A repeated save with the same key changes the same draft."""
    lock_commission_session(cs.id)
    event = event or _by_key(cs, user, key) or _new(cs, user, key)
    ensure_can_change(user, event)
    if event.status != SideEventStatus.draft:
        raise Refusal(_("This application was submitted; it can no longer be changed, only withdrawn."), status=409)
    before = {name: getattr(event, name) for name in EDITABLE} if event.id else None
    _apply(event, values)
    _check_duration(cs, event, draft=True)
    db.session.flush()
    after = {name: getattr(event, name) for name in EDITABLE}
    changed = [name for name in EDITABLE if before is None or before[name] != after[name]]
    log(event, user, "draft_saved", before={k: before[k] for k in changed} if before else None,
        after={k: after[k] for k in changed})  # fmt: skip
    return event


def delete_draft(cs: CommissionSession, user: Actor, event: SideEvent) -> None:
    ensure_can_change(user, event)
    if event.status != SideEventStatus.draft:
        raise Refusal(_("Only a draft can be deleted; a submitted application is withdrawn."), status=409)
    log(event, user, "draft_deleted", before={name: getattr(event, name) for name in EDITABLE}, after={})
    db.session.delete(event)
    db.session.flush()


# --- submission: the queue ------------------------------------------------------------------


def submit(cs: CommissionSession, user: Actor, values: dict | None = None, event: SideEvent | None = None,
           key: str | None = None, now: datetime | None = None) -> SideEvent:  # fmt: skip
    """Submit a complete application; a high-level one takes its place in the queue.

    Idempotent: an application already submitted (the same draft, or the same submission key)
    is returned unchanged. Refusals leave everything as it was.
    """
    lock_commission_session(cs.id)
    if cs.rules is None:  # loaded here, before a new application exists, so that it is inserted once, complete
        raise Refusal(_("The session's rules are not set up yet."), status=409)
    if event is not None:
        db.session.refresh(event)
    else:
        event = _by_key(cs, user, key)
    if event is not None and event.status != SideEventStatus.draft:
        ensure_can_change(user, event)
        return event
    event = event or _new(cs, user, key)
    ensure_can_change(user, event)
    _apply(event, values or {})
    _check_complete(cs, event)
    now = now or clock_now()
    if event.is_high_level:
        _check_high_level(cs, event, now)
        return _enter_queue(cs, user, event, now)
    event.status, event.submitted_at = SideEventStatus.accepted, now
    db.session.flush()
    log(event, user, "submitted", "Regular side event registered.")
    return event


def _check_complete(cs: CommissionSession, event: SideEvent) -> None:
    missing = rules.missing_fields({name: getattr(event, name) for name in rules.REQUIRED_FIELDS})
    if missing:
        words = shown_list(rules.REQUIRED_FIELDS[m] for m in missing)
        raise Refusal(_("The application is incomplete; to submit it, give: %(fields)s. You can save it as a draft.",
                        fields=words), {m: [_("Required to submit.")] for m in missing}, status=422)  # fmt: skip
    _check_duration(cs, event)


def _check_duration(cs: CommissionSession, event: SideEvent, draft: bool = False) -> None:
    """The length, and each preferred time: within the period (the side-event period for a
    high-level event, the session's days for a regular one) and within the day's hours."""
    limit = cs.rules.se_max_minutes
    if event.duration_minutes is not None and not 0 < event.duration_minutes <= limit:
        message = _("A side event lasts at most %(limit)d minutes.", limit=limit)
        raise Refusal(message, {"duration_minutes": [message]}, status=422)
    if draft:
        return
    tz, r = ZoneInfo(cs.timezone), cs.rules
    first, last = (r.se_period_start, r.se_period_end) if event.is_high_level else (None, None)
    if first is None or last is None:
        first, last = cs.first_day, cs.last_day
    for text in event.preferred_times:
        start = datetime.fromisoformat(text)
        end = start + timedelta(minutes=event.duration_minutes)
        if not rules.within_period(start, end, first, last):
            message = _("%(start)s is outside the side-event period (%(first)s to %(last)s, %(zone)s).",
                        start=shown(start, "%d %B %Y %H:%M"), first=shown(first, "%d %B"),
                        last=shown(last, "%d %B %Y"), zone=tz.key)  # fmt: skip
            raise Refusal(message, {"preferred_times": [message]}, status=422)
        if not within_hours(start, end, r.se_day_starts, r.se_day_ends):
            message = _("%(start)s to %(end)s is outside the day's hours for side events "
                        "(%(opens)s to %(closes)s, %(zone)s).", start=shown(start, "%d %B %Y %H:%M"),
                        end=shown(end, "%H:%M"), opens=shown(r.se_day_starts, "%H:%M"),
                        closes=shown(r.se_day_ends, "%H:%M"), zone=tz.key)  # fmt: skip
            raise Refusal(message, {"preferred_times": [message]}, status=422)


def window_message(cs: CommissionSession, now: datetime) -> str | None:
    """Why a high-level application cannot be submitted now, or None when the window is open."""
    r, tz = cs.rules, ZoneInfo(cs.timezone)
    state = rules.window_state(now, r.hl_window_opens, r.hl_window_closes)
    if state == rules.Window.not_yet_open:
        return _(
            "Applications for high-level side events open on %(when)s (%(zone)s time).",
            when=shown(r.hl_window_opens.astimezone(tz), "%A %d %B %Y at %H:%M"),
            zone=tz.key,
        )
    if state == rules.Window.closed:
        return _(
            "Applications for high-level side events closed on %(when)s (%(zone)s time).",
            when=shown(r.hl_window_closes.astimezone(tz), "%A %d %B %Y at %H:%M"),
            zone=tz.key,
        )
    return None


def _check_high_level(cs: CommissionSession, event: SideEvent, now: datetime) -> None:
    message = window_message(cs, now)
    if message:
        raise Refusal(message, status=409)
    if event.organizer.kind != DelegationKind.member_state:
        raise Refusal(_("High-level side events are organized by Member States; "
                        "apply for a regular side event instead."), status=409)  # fmt: skip


def _active_high_level(cs: CommissionSession, organizer_id: int | None = None) -> list[SideEvent]:
    stmt = select(SideEvent).where(
        SideEvent.commission_session_id == cs.id,
        SideEvent.kind == SideEventKind.high_level,
        SideEvent.status.in_((SideEventStatus.accepted, SideEventStatus.waitlisted)),
    )
    if organizer_id is not None:
        stmt = stmt.where(SideEvent.organizer_id == organizer_id)
    return list(db.session.scalars(stmt.order_by(SideEvent.queue_position)))


def _enter_queue(cs: CommissionSession, user: Actor, event: SideEvent, now: datetime) -> SideEvent:
    """Last in line: the next position, an organizer slot, and a free seat if nobody waits before it.

    The queue already gives the seats to the first active applications, so a newcomer is accepted
    exactly when a seat is free and the waiting list is empty (a raised cap is settled by the full
    rebalance). Decided without intermediate flushes: one INSERT, under the lock.
    """
    with db.session.no_autoflush:
        cap = cs.rules.hl_cap_per_organizer
        own = db.session.execute(_OWN_SLOTS, {"cs_id": cs.id, "organizer_id": event.organizer_id,
                                              "event_id": event.id or 0}).all()  # fmt: skip
        slot = rules.free_slot((slot for slot, _title in own), cap)
        if slot is None:
            titles = "; ".join(_("“%(title)s”", title=title) for _slot, title in own)
            raise Refusal(ngettext("%(organizer)s already has %(num)d active high-level side-event application "
                                   "(%(titles)s); at most %(cap)d per organizer. Withdraw it to submit another.",
                                   "%(organizer)s already has %(num)d active high-level side-event applications "
                                   "(%(titles)s); at most %(cap)d per organizer. Withdraw one to submit another.",
                                   len(own), organizer=event.organizer.shown_name, titles=titles, cap=cap),
                          status=409)  # fmt: skip
        last, seats, waiting = _queue_state(cs)
        seat = rules.free_slot(seats, cs.rules.hl_cap_total)
        waits = seat is not None and waiting
    event.queue_position, event.organizer_slot = last + 1, slot
    event.status, event.submitted_at = SideEventStatus.waitlisted, now
    received = f"Received {now.isoformat(timespec='microseconds')}; position {event.queue_position}"
    if seat is not None and not waits:
        event.status, event.accepted_seat = SideEventStatus.accepted, seat
        log(event, user, "accepted", f"{received}; accepted (seat {seat} of {cs.rules.hl_cap_total}).",
            after={**state_of(event), "received": now})  # fmt: skip
    else:
        log(event, user, "submitted", f"{received}; on the waiting list.", after={**state_of(event), "received": now})
    db.session.flush()
    if waits:
        rebalance(cs, user, event.id, "a new application arrived while seats were free")
    return event


def _queue_state(cs: CommissionSession) -> tuple[int, list[int], bool]:
    """The last queue position, the seats taken and whether anyone waits, in one query."""
    last, seats, waiting = db.session.execute(_QUEUE_STATE, {"cs_id": cs.id}).one()
    return last or 0, [int(seat) for seat in (seats or "").split(",") if seat], bool(waiting)


def rebalance(cs: CommissionSession, actor: Actor, newcomer_id: int | None = None, trigger: str = "") -> None:
    """Give the accepted seats to the first `hl_cap_total` active applications in queue order.

    Seats are taken away before new ones are given, so the unique seat never collides mid-way.
    Each move is the system's doing, recorded with the rule and the change (`trigger`) that caused it.
    """
    cap = cs.rules.hl_cap_total
    system = consequence(actor, f"{trigger}; rule: the first {cap} active high-level applications in queue order "
                                "are accepted, the others wait")  # fmt: skip
    active = _active_high_level(cs)
    plan = rules.plan_seats([(e.id, e.accepted_seat) for e in active], cap)
    losing = [e for e in active if plan[e.id] is None and e.accepted_seat is not None]
    for event in losing:
        before = state_of(event)
        event.accepted_seat, event.status = None, SideEventStatus.waitlisted
        _unschedule(event, system)
        log(event, system, "waitlisted", "Moved to the waiting list: the number of accepted events was lowered.",
            before=before)  # fmt: skip
    db.session.flush()
    for event in active:
        seat = plan[event.id]
        if seat is not None and event.accepted_seat != seat:
            before = state_of(event)
            moved_up = event.status == SideEventStatus.waitlisted and event.id != newcomer_id
            event.accepted_seat, event.status = seat, SideEventStatus.accepted
            what = "Moved up from the waiting list" if moved_up else "Accepted"
            log(event, system if event.id != newcomer_id else actor, "promoted" if moved_up else "accepted",
                f"{what} (seat {seat} of {cap}).", before=before)  # fmt: skip
    db.session.flush()


def follow_cap(cs: CommissionSession, changed: dict, actor: Actor) -> None:
    """A changed number of high-level events takes effect at once: the seats follow the queue."""
    if "hl_cap_total" in changed:
        lock_commission_session(cs.id)
        before, after = changed["hl_cap_total"]
        rebalance(cs, actor, trigger=f"the number of accepted high-level side events changed from {before} to {after}")


def history(event: SideEvent) -> list:
    return audit.history_of(SideEvent.__tablename__, event.id)


def _unschedule(event: SideEvent, actor: Actor) -> None:
    if event.starts_at is not None:
        cs = db.session.get(CommissionSession, event.commission_session_id)
        rooms.release(cs, actor, HolderKind.side_event, event.id)  # its room is free again
        event.starts_at = event.ends_at = event.room_id = None
        event.room = None
        event.ical_sequence += 1


def withdraw(cs: CommissionSession, user: Actor, event: SideEvent, reason: str = "") -> SideEvent:
    """The organizer (or the secretariat for it) withdraws; the next on the waiting list moves up."""
    lock_commission_session(cs.id)
    db.session.refresh(event)
    ensure_can_change(user, event)
    return _end(cs, user, event, SideEventStatus.withdrawn, reason or "Withdrawn by the organizer.")


def reject(cs: CommissionSession, user: Actor, event: SideEvent, reason: str) -> SideEvent:
    """The secretariat rejects an application, saying why; the next on the waiting list moves up."""
    require(permissions.can_decide(user), _("Only the secretariat rejects an application."))
    if not reason.strip():
        raise Refusal(_("Give the reason for the rejection."), {"reason": [_("Give the reason.")]}, status=422)
    lock_commission_session(cs.id)
    db.session.refresh(event)
    return _end(cs, user, event, SideEventStatus.rejected, reason.strip())


def _end(cs: CommissionSession, user: Actor, event: SideEvent, status: SideEventStatus, reason: str) -> SideEvent:
    if not event.status.active:
        raise Refusal(_not_in_queue(event.status), status=409)
    before = state_of(event)
    event.status, event.accepted_seat, event.organizer_slot = status, None, None
    _unschedule(event, user)
    db.session.flush()
    log(event, user, status.value, reason, before=before)
    if event.is_high_level:
        rebalance(cs, user, trigger=f"{label_of(event)} was {status.value}")
    return event


def _not_in_queue(status: SideEventStatus) -> str:
    """Why an application that left the queue (or never entered it) cannot leave it again, in one sentence."""
    if status == SideEventStatus.withdrawn:
        return _("This application is withdrawn; it is not in the queue.")
    if status == SideEventStatus.rejected:
        return _("This application is rejected; it is not in the queue.")
    return _("This application is draft; it is not in the queue.")
