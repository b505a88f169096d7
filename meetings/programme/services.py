"""One function per secretariat action on the session's set-up."""

from datetime import date, datetime, time
from decimal import Decimal

from flask import g
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from meetings.audit import services as audit
from meetings.auth.actors import Actor
from meetings.extensions import db
from meetings.hooks import hooks_of
from meetings.i18n.words import _, _l, ngettext, shown
from meetings.locking import lock_commission_session
from meetings.programme import permissions, room_setup, rooms, rules
from meetings.programme.models import (
    BlockKind,
    CommissionSession,
    HolderKind,
    MeetingBlock,
    Room,
    RoomBooking,
    Segment,
    SegmentKind,
    SessionRules,
)
from meetings.refusal import Refusal, require
from meetings.timeutil import local_instant, to_local, utcnow

_CURRENT = (  # built once: nearly every request asks it
    select(CommissionSession)
    .options(joinedload(CommissionSession.rules))
    .order_by(CommissionSession.id.desc())
    .limit(1)
)


def current_commission_session() -> CommissionSession | None:
    """The session the app runs: the most recently created one."""
    cs = db.session.scalar(_CURRENT)
    if cs is not None:
        g.tz = cs.timezone
    return cs


def require_commission_session() -> CommissionSession:
    cs = current_commission_session()
    if cs is None:
        raise Refusal(_("No session is set up yet: run 'flask --app meetings demo' to load one."), status=404)
    return cs


# The rooms themselves live in room_setup; their functions are the session's actions too.
add_room, update_room, room_of, room_as_dict = (
    room_setup.add_room,
    room_setup.update_room,
    room_setup.room_of,
    room_setup.room_as_dict,
)


def _may_edit(actor: Actor) -> None:
    require(permissions.can_edit_session(actor), _("Only the secretariat changes the session's set-up."))


def setup_log(cs: CommissionSession, limit: int = 500) -> list:
    """The changes to the session's set-up, newest first."""
    return audit.page_of(audit.Query(commission_session_id=cs.id, feature="programme"), per_page=limit).entries


def update_details(cs: CommissionSession, actor: Actor, *, name: str, venue: str, timezone: str,
                   hl_start: date, hl_end: date, regular_start: date, regular_end: date) -> CommissionSession:  # fmt: skip
    """Rename the session, move it to another zone or change its segments' dates."""
    _may_edit(actor)
    errors = rules.session_problems(timezone, hl_start, hl_end, regular_start, regular_end)
    if not errors:
        first, last = min(hl_start, regular_start), max(hl_end, regular_end)
        outside = [b for b in cs.blocks if not first <= to_local(b.starts_at, timezone).date() <= last]
        if outside:
            names = _(", ").join(
                _("%(title)s (%(day)s)", title=b.title, day=shown(to_local(b.starts_at, timezone), "%d %B"))
                for b in outside[:5]
            )
            errors["hl_start"] = [
                ngettext(
                    "%(num)d meeting block would fall outside the session: %(names)s.",
                    "%(num)d meeting blocks would fall outside the session: %(names)s.",
                    len(outside),
                    names=names,
                )
            ]
    if errors:
        reasons = " ".join(m for ms in errors.values() for m in ms)
        raise Refusal(_("The session was not changed: %(reasons)s", reasons=reasons), errors)
    before = session_as_dict(cs)
    cs.name, cs.venue, cs.timezone = name.strip(), venue.strip(), timezone
    for kind, start, end in (
        (SegmentKind.high_level, hl_start, hl_end),
        (SegmentKind.regular, regular_start, regular_end),
    ):
        segment = cs.segment(kind)
        if segment is None:
            segment = Segment(kind=kind)
            cs.segments.append(segment)
        segment.start_date, segment.end_date = start, end
    db.session.flush()
    after = session_as_dict(cs)
    keys = ("name", "venue", "timezone", "segments")
    audit.record(actor, "programme", "session.details", target=cs, commission_session=cs,
                 label="Changed the session's name, venue, time zone or dates.",
                 before={k: before[k] for k in keys}, after={k: after[k] for k in keys})  # fmt: skip
    return cs


def details_as_form_data(cs: CommissionSession) -> dict:
    hl, regular = cs.segment(SegmentKind.high_level), cs.segment(SegmentKind.regular)
    return {
        "name": cs.name, "venue": cs.venue, "timezone": cs.timezone,
        "hl_start": hl.start_date if hl else None, "hl_end": hl.end_date if hl else None,
        "regular_start": regular.start_date if regular else None, "regular_end": regular.end_date if regular else None,
    }  # fmt: skip


MINUTE_FIELDS = {
    "gd_limit_national_min": "gd_limit_national_s",
    "gd_limit_group_min": "gd_limit_group_s",
    "rt_limit_panelist_min": "rt_limit_panelist_s",
    "rt_limit_floor_min": "rt_limit_floor_s",
}
LOCAL_DATETIME_FIELDS = ("gd_inscription_closes", "nominations_close", "hl_window_opens", "hl_window_closes")
PLAIN_FIELDS = (
    "gd_slot_count", "changeover_s", "gd_ngo_max", "gd_draw_date", "rt_ngo_max", "cochairs_per_roundtable",
    "hl_cap_total", "hl_cap_per_organizer", "se_max_minutes", "se_period_start", "se_period_end",
    "se_day_starts", "se_day_ends",
)  # fmt: skip


# Added later: a request that leaves one out keeps its value (older API clients send none of them).
KEPT_MINUTE_FIELDS = {
    "floor_point_of_order_min": "floor_point_of_order_s",
    "floor_reply_first_min": "floor_reply_first_s",
    "floor_reply_second_min": "floor_reply_second_s",
}
KEPT_PLAIN_FIELDS = ("rt_ngo_panelists_max", "rt_ngo_floor_max", "floor_replies_max")
FLAG_FIELDS = ("rt_groups_distinct_across",)


def rules_as_form_data(cs: CommissionSession) -> dict:
    r = cs.rules
    data = {name: getattr(r, name) for name in (*PLAIN_FIELDS, *KEPT_PLAIN_FIELDS, *FLAG_FIELDS)}
    data.update({form: Decimal(getattr(r, col)) / 60 for form, col in (MINUTE_FIELDS | KEPT_MINUTE_FIELDS).items()})
    for name in LOCAL_DATETIME_FIELDS:
        value = getattr(r, name)
        data[name] = to_local(value, cs.timezone).replace(tzinfo=None) if value else None
    return data


def update_rules(cs: CommissionSession, actor: Actor, data: dict) -> SessionRules:
    """Store new rules from form data (minutes and local times), or refuse with reasons."""
    _may_edit(actor)
    values = {name: data[name] for name in PLAIN_FIELDS}
    values.update({col: int(round(Decimal(data[form]) * 60)) for form, col in MINUTE_FIELDS.items()})
    values.update({name: data[name] if data.get(name) is not None else getattr(cs.rules, name)
                   for name in KEPT_PLAIN_FIELDS})  # fmt: skip
    values.update({col: int(round(Decimal(data[form]) * 60)) if data.get(form) is not None else getattr(cs.rules, col)
                   for form, col in KEPT_MINUTE_FIELDS.items()})  # fmt: skip
    values.update({name: bool(data.get(name)) for name in FLAG_FIELDS})
    for name in LOCAL_DATETIME_FIELDS:
        local = data.get(name)
        values[name] = local_instant(local.date(), local.time(), cs.timezone) if local else None
    errors = rules.rules_problems(values)
    closes = values.get("gd_inscription_closes")
    draw = rules.draw_problems(values.get("gd_draw_date"), to_local(closes, cs.timezone) if closes else None)
    if draw:
        errors.setdefault("gd_draw_date", []).extend(draw)
    for field in ("se_period_start", "se_period_end"):
        day = values.get(field)
        if day and not cs.first_day <= day <= cs.last_day:
            errors.setdefault(field, []).append(
                _(
                    "The day must fall within the session (%(first)s to %(last)s).",
                    first=shown(cs.first_day, "%d %B"),
                    last=shown(cs.last_day, "%d %B %Y"),
                )
            )
    if errors:
        reasons = " ".join(m for ms in errors.values() for m in ms)
        raise Refusal(_("The rules were not saved: %(reasons)s", reasons=reasons), errors)
    changed = {}
    for name, value in values.items():
        if getattr(cs.rules, name) != value:
            changed[name] = [_plain(getattr(cs.rules, name), cs.timezone), _plain(value, cs.timezone)]
        setattr(cs.rules, name, value)
    if changed:
        audit.record(actor, "programme", "rules.update", target=cs.rules, commission_session=cs,
                     label="Changed " + ", ".join(sorted(changed)) + ".",
                     before={k: v[0] for k, v in changed.items()}, after={k: v[1] for k, v in changed.items()})  # fmt: skip
    db.session.flush()
    # Features that must follow a change of the rules (a raised cap admits the next in a queue),
    # added by their init_app: fn(cs, changed, actor), `changed` maps each rule to [before, after].
    for listener in hooks_of().rules_listeners if changed else ():
        listener(cs, changed, actor)
    return cs.rules


def save_block(
    cs: CommissionSession,
    actor: Actor,
    *,
    title: str,
    kind: str,
    day: date,
    start: time,
    end: time,
    room_id: int,
    open_ended: bool = False,
    block: MeetingBlock | None = None,
) -> MeetingBlock:
    """Add a meeting block or change one; its room is booked through meetings.programme.rooms."""
    _may_edit(actor)
    lock_commission_session(cs.id)
    room = db.session.get(Room, room_id)
    if room is None or room.commission_session_id != cs.id:
        raise Refusal(_("Choose one of the session's rooms."), {"room_id": [_("Unknown room.")]})
    if block is not None and block.is_cancelled:
        raise Refusal(_("“%(title)s” was cancelled; a cancelled meeting is kept as it was and cannot be changed.",
                        title=block.title), status=409)  # fmt: skip
    starts_at, ends_at = local_instant(day, start, cs.timezone), local_instant(day, end, cs.timezone)
    problems = rules.block_problems(starts_at, ends_at, cs.first_day, cs.last_day, day, day)
    if problems:
        raise Refusal(" ".join(problems), {_problem_field(starts_at, ends_at, cs, day): problems})
    before = block_as_dict(block, cs.timezone) if block is not None else None
    if block is None:
        block = MeetingBlock(commission_session=cs)
        db.session.add(block)
    elif (block.starts_at, block.ends_at, block.room_id) != (starts_at, ends_at, room.id):
        block.ical_sequence += 1
    block.title, block.kind, block.room = title.strip(), BlockKind(kind), room
    block.starts_at, block.ends_at, block.open_ended = starts_at, ends_at, open_ended
    db.session.flush()
    rooms.book(cs, actor, rooms.meeting_holder(block), room, starts_at, ends_at)
    audit.record(actor, "programme", "block.create" if before is None else "block.update", target=block,
                 commission_session=cs, label=f"{block.title}: {day:%d %B} {start:%H:%M}–{end:%H:%M}, {room.name}",
                 before=before, after=block_as_dict(block, cs.timezone))  # fmt: skip
    return block


def offer_rooms(form, cs: CommissionSession) -> None:
    form.room_id.choices = [(r.id, r.name) for r in cs.rooms]


def block_of(cs: CommissionSession, block_id: int) -> MeetingBlock:
    block = db.session.get(MeetingBlock, block_id)
    if block is None or block.commission_session_id != cs.id:
        raise Refusal(_("There is no such meeting block."), status=404)
    return block


# What other features keep about a meeting, by the table that refers to it, in words.
RECORD_WORDS = {"floor": _l("the record of its floor (the chair's console: speeches, requests for the floor, timer)")}


def records_of(block: MeetingBlock) -> list[str]:
    """What a meeting holds, in words: rows of any feature that refer to it, and speakers that
    a feature's list places in it (the general debate projects its speakers into its meetings).

    Empty when the meeting holds nothing and may be deleted.
    """
    held = []
    for table in db.metadata.sorted_tables:
        if table.name == RoomBooking.__tablename__:
            continue
        for fk in table.foreign_keys:
            if fk.column.table.name == MeetingBlock.__tablename__:
                count = db.session.scalar(select(func.count()).select_from(table).where(fk.parent == block.id))
                if count:
                    words = RECORD_WORDS.get(table.name)
                    held.append(str(words) if words else _("records of %(table)s", table=table.name.replace("_", " ")))
    speakers = sum(len(list(source(block) or ())) for source in hooks_of().lineup_sources)
    if speakers:
        held.append(
            ngettext(
                "%(num)d speaker that the list of speakers places in it",
                "%(num)d speakers that the list of speakers places in it",
                speakers,
            )
        )
    return held


def delete_block(cs: CommissionSession, actor: Actor, block_id: int) -> None:
    """Delete a meeting that holds nothing; one that holds records can only be cancelled."""
    require(permissions.can_delete_block(actor), _("Only the secretariat deletes a meeting."))
    lock_commission_session(cs.id)
    block = block_of(cs, block_id)
    held = records_of(block)
    if held:
        raise Refusal(_("“%(title)s” cannot be deleted: it holds %(records)s. Cancel it instead: it is then kept, "
                        "shown as cancelled, and its room is freed.", title=block.title, records=_("; ").join(held)),
                      status=409)  # fmt: skip
    audit.record(actor, "programme", "block.delete", target=block, commission_session=cs,
                 label=f"{block.title} ({to_local(block.starts_at, cs.timezone):%d %B %H:%M})",
                 before=block_as_dict(block, cs.timezone))  # fmt: skip
    rooms.release(cs, actor, HolderKind.meeting, block.id)
    db.session.delete(block)
    db.session.flush()


def cancel_block(cs: CommissionSession, actor: Actor, block_id: int, reason: str) -> MeetingBlock:
    """Cancel a meeting: kept with its records, shown as cancelled, its room freed.

    Calendars get STATUS:CANCELLED with a raised SEQUENCE; the general debate projects its
    speakers into the meetings that remain; the projector of its room no longer shows it.
    """
    require(permissions.can_cancel_block(actor), _("Only the secretariat cancels a meeting."))
    reason = (reason or "").strip()
    if not reason:
        raise Refusal(_("Give the reason for the cancellation; delegations will read it."),
                      {"reason": [_("Give the reason.")]}, status=422)  # fmt: skip
    lock_commission_session(cs.id)
    block = block_of(cs, block_id)
    if block.is_cancelled:
        raise Refusal(_("“%(title)s” is already cancelled.", title=block.title), status=409)
    before = block_as_dict(block, cs.timezone)
    rooms.release(cs, actor, HolderKind.meeting, block.id)
    block.cancelled_at, block.cancel_reason = utcnow(), reason
    block.ical_sequence += 1
    db.session.flush()
    audit.record(actor, "programme", "block.cancel", target=block, commission_session=cs,
                 label=f"{block.title} ({to_local(block.starts_at, cs.timezone):%d %B %H:%M}, {block.room.name})",
                 before=before, after=block_as_dict(block, cs.timezone), reason=reason)  # fmt: skip
    return block


def _problem_field(starts_at: datetime, ends_at: datetime, cs: CommissionSession, day: date) -> str:
    """The field a block's first problem (as rules.block_problems orders them) belongs to."""
    if ends_at <= starts_at or cs.first_day <= day <= cs.last_day:
        return "end"
    return "day"


def block_as_dict(block: MeetingBlock, tz: str) -> dict:
    return {
        "id": block.id,
        "title": block.title,
        "kind": block.kind.value,
        "room": block.room.name,
        "starts_at": to_local(block.starts_at, tz).isoformat(),
        "ends_at": to_local(block.ends_at, tz).isoformat(),
        "open_ended": block.open_ended,
        "status": "cancelled" if block.is_cancelled else "scheduled",
        "cancelled_at": to_local(block.cancelled_at, tz).isoformat() if block.cancelled_at else None,
        "cancel_reason": block.cancel_reason or None,
    }


def _plain(value, tz: str | None = None):
    if isinstance(value, datetime):
        return to_local(value, tz).isoformat()
    if isinstance(value, time):
        return f"{value:%H:%M}"
    return value.isoformat() if isinstance(value, date) else value


def session_as_dict(cs: CommissionSession) -> dict:
    r = cs.rules
    return {
        "code": cs.code,
        "name": cs.name,
        "venue": cs.venue,
        "timezone": cs.timezone,
        "segments": [
            {"kind": s.kind.value, "start": s.start_date.isoformat(), "end": s.end_date.isoformat()}
            for s in cs.segments
        ],
        "rooms": [room_as_dict(rm) for rm in cs.rooms],
        "rules": {
            **{name: _plain(getattr(r, name)) for name in PLAIN_FIELDS},
            **{col: getattr(r, col) for col in (*MINUTE_FIELDS.values(), *KEPT_MINUTE_FIELDS.values())},
            **{name: getattr(r, name) for name in (*KEPT_PLAIN_FIELDS, *FLAG_FIELDS)},
            **{name: _plain(getattr(r, name), cs.timezone) for name in LOCAL_DATETIME_FIELDS},
        },
    }
