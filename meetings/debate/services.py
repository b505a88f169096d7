"""One function per user action on the general debate. Services flush; the request commits.

Each asks meetings.debate.permissions, for the HTML views and the API alike, and writes its
change to the audit log; the debate's own table of changes (`Change`) is what the list replays.
"""

import io
import secrets
from datetime import datetime
from pathlib import Path

import pikepdf
from flask import current_app
from sqlalchemy import select

from meetings.audit import services as audit
from meetings.auth.actors import Actor, consequence, person
from meetings.debate import permissions, rules
from meetings.debate.listing import build_list, current_draw, debate_blocks, refresh_projection
from meetings.debate.models import (
    Change,
    ChangeKind,
    DebateState,
    Inscription,
    Level,
    LevelRequest,
    Quota,
    Swap,
)
from meetings.delegations.models import Delegation, RegionalGroup
from meetings.extensions import db
from meetings.i18n.words import _, shown
from meetings.locking import lock_commission_session
from meetings.programme.models import CommissionSession, MeetingBlock
from meetings.refusal import Refusal, require
from meetings.timeutil import to_local, utcnow

MAX_STATEMENT_BYTES = 5 * 1024 * 1024


def label_of(i: Inscription) -> str:
    """How the record names an inscription: "Austria's national statement" (the audit log keeps it as written)."""
    if i.on_behalf_of_group:
        return f"{i.delegation.name}'s statement on behalf of {i.group_name}"
    return f"{i.delegation.name}'s national statement"


def shown_label(i: Inscription) -> str:
    """How a page or a refusal names an inscription, in the reader's language."""
    if i.on_behalf_of_group:
        return _("%(delegation)s's statement on behalf of %(group)s", delegation=i.delegation.shown_name,
                 group=i.group_name)  # fmt: skip
    return _("%(delegation)s's national statement", delegation=i.delegation.shown_name)


def shown_time(cs: CommissionSession, instant: datetime, pattern: str) -> str:
    """A moment as a sentence shows it: the session's local time, written in the reader's language.

    `pattern` is the English house style (strftime); other languages write its fields as CLDR does.
    """
    return shown(to_local(instant, cs.timezone), pattern)


def history(i: Inscription) -> list:
    """The inscription's entries in the audit log, with those of its swaps and level requests, oldest first."""
    entries = audit.history_of(Inscription.__tablename__, i.id)
    swaps = db.session.scalars(select(Swap.id).where((Swap.first_id == i.id) | (Swap.second_id == i.id))).all()
    requests = db.session.scalars(select(LevelRequest.id).where(LevelRequest.inscription_id == i.id)).all()
    for kind, ids in ((Swap.__tablename__, swaps), (LevelRequest.__tablename__, requests)):
        for record_id in ids:
            entries += audit.history_of(kind, record_id)
    return sorted(entries, key=lambda e: e.seq)


def speaker_of(i: Inscription) -> dict:
    return {"speaker_name": i.speaker_name, "speaker_title": i.speaker_title, "level": i.level.value}


def _log(cs, actor: Actor, kind: ChangeKind, inscription=None, other=None, reason: str = "", *, target=None,
         label: str = "", before: dict | None = None, after: dict | None = None, **details) -> Change:  # fmt: skip
    """The change in the debate's own table (what the list replays) and its entry in the audit log."""
    user = person(actor)
    change = Change(
        commission_session_id=cs.id, kind=kind, inscription_id=inscription.id if inscription else None,
        other_inscription_id=other.id if other else None, by_id=user.id, reason=reason or "",
        details={**details, **({"before": before, "after": after} if before is not None else {})},
    )  # fmt: skip
    db.session.add(change)
    audit.record(
        actor, "debate", kind.value, target=target or inscription, commission_session=cs,
        label=label or (label_of(inscription) if inscription else kind.value.replace("_", " ")),
        kind=None if (target or inscription) else "gd_list",
        delegation=inscription.delegation if inscription else None, other_delegation=other.delegation if other else None,
        before=before, after=after if after is not None else (details or None), reason=reason,
    )  # fmt: skip
    return change


def _allowed(allowed: bool) -> None:
    require(allowed, _("You may act only for your own delegation."))


def _log_promotions(cs, actor: Actor, before, after, because: str) -> None:
    """Record, as the system's doing, each speaker who left a waiting list for a slot, and each who
    lost a slot to the waiting list (a speaker put back, or raised to a higher tier, in a full quota)."""
    waiting = {r.inscription.id for rows in before.waiting.values() for r in rows}
    listed = {r.inscription.id: r.slot for r in before.rows}
    system = consequence(actor, because)
    for row in after.rows:
        if row.inscription.id in waiting:
            audit.record(system, "debate", "promoted", target=row.inscription,
                         commission_session=cs, label=label_of(row.inscription), delegation=row.delegation,
                         before={"slot": None, "waiting": True}, after={"slot": row.slot, "waiting": False})  # fmt: skip
    for rows in after.waiting.values():
        for position, row in enumerate(rows, start=1):
            if row.inscription.id in listed:
                audit.record(system, "debate", "moved_to_waiting_list", target=row.inscription, commission_session=cs,
                             label=label_of(row.inscription), delegation=row.delegation,
                             before={"slot": listed[row.inscription.id], "waiting": False},
                             after={"slot": None, "waiting": True, "position": position})  # fmt: skip


def required_reason(reason: str | None, sentence: str) -> str:
    """The reason an action needs, stripped; refused with `sentence` when there is none."""
    reason = (reason or "").strip()
    if not reason:
        raise Refusal(sentence, {"reason": [_("Give a reason.")]})
    return reason


def local_text(cs: CommissionSession, instant: datetime | None) -> str | None:
    """A moment as the record shows it to people: local time of the session, e.g. "14 Mar 2024 10:11"."""
    return f"{to_local(instant, cs.timezone):%d %b %Y %H:%M}" if instant is not None else None


def place_values(cs: CommissionSession, listing, i: Inscription) -> dict:
    """Where the inscription stands, for a record's before and after: slot, lot, meeting and time, or waiting list."""
    row = listing.row_of(i.id)
    if row is not None:
        values = {"slot": row.slot, "lot": row.lot, "meeting": row.block.title if row.block else None,
                  "projected_start": local_text(cs, row.starts_at)}  # fmt: skip
        return {k: v for k, v in values.items() if v is not None}
    for code, rows in listing.waiting.items():
        for n, r in enumerate(rows, start=1):
            if r.inscription.id == i.id:
                return {"waiting_list": code, "waiting_position": n}
    return {}


def reloaded(record):
    """The record as it stands under the lock just taken: another request may have changed it meanwhile."""
    return db.session.get(type(record), record.id, populate_existing=True)


def _level(value: str) -> Level:
    try:
        return Level(value)
    except ValueError:
        raise Refusal(
            _("Choose the protocol level: higher than ministerial, ministerial or lower than ministerial."),
            {"level": [_("Unknown protocol level.")]},
        ) from None


def inscription_closed(cs: CommissionSession, now: datetime | None = None) -> bool:
    """Whether the inscription deadline has passed (at `now`, by default the clock)."""
    closes = cs.rules.gd_inscription_closes
    return closes is not None and (now or utcnow()) >= closes


def inscription_for(cs: CommissionSession, inscription_id: int) -> Inscription:
    i = db.session.get(Inscription, inscription_id)
    if i is None or i.commission_session_id != cs.id:
        raise Refusal(_("There is no such inscription."), status=404)
    return i


def inscribe(
    cs: CommissionSession,
    user: Actor,
    delegation: Delegation,
    *,
    speaker_name: str,
    speaker_title: str = "",
    level: str,
    on_behalf_of_group: bool = False,
    group_name: str = "",
) -> Inscription:
    """Inscribe a speaker. After the deadline only the secretariat may, to the end of the list."""
    _allowed(permissions.can_inscribe(user, delegation))
    lvl = _level(level)
    cs = lock_commission_session(cs.id)
    speaker_name, group_name = (speaker_name or "").strip(), (group_name or "").strip()
    if not speaker_name:
        raise Refusal(_("Give the speaker's name."), {"speaker_name": [_("Give the speaker's name.")]})
    if on_behalf_of_group and not group_name:
        raise Refusal(_("Say on behalf of which group of States."), {"group_name": [_("Name the group of States.")]})
    late = inscription_closed(cs)
    if late and not permissions.can_inscribe_late(user):
        raise Refusal(
            _("Inscription closed on %(closes)s. The secretariat can still add a speaker at the end of the list: "
              "please contact it.", closes=shown_time(cs, cs.rules.gd_inscription_closes, "%d %B %Y at %H:%M"))
        )  # fmt: skip
    existing = db.session.scalars(
        select(Inscription).where(
            Inscription.commission_session_id == cs.id,
            Inscription.delegation_id == delegation.id,
            Inscription.on_behalf_of_group == on_behalf_of_group,
            Inscription.withdrawn_at.is_(None),
        )
    ).all()
    if not on_behalf_of_group and existing:
        raise Refusal(_("%(delegation)s is already inscribed for its national statement (one per delegation).",
                        delegation=delegation.shown_name))  # fmt: skip
    if on_behalf_of_group and any(e.group_name.casefold() == group_name.casefold() for e in existing):
        raise Refusal(_("%(delegation)s is already inscribed to speak on behalf of %(group)s.",
                        delegation=delegation.shown_name, group=group_name))  # fmt: skip
    draw = current_draw(cs)
    late = late or (draw is not None and draw.performed)
    i = Inscription(
        commission_session_id=cs.id, delegation=delegation, speaker_name=speaker_name,
        speaker_title=(speaker_title or "").strip(), level=lvl, on_behalf_of_group=on_behalf_of_group,
        group_name=group_name if on_behalf_of_group else "", late=late, created_by_id=user.id,
    )  # fmt: skip
    db.session.add(i)
    db.session.flush()
    _log(cs, user, ChangeKind.accepted_late if late else ChangeKind.inscribed, i,
         after={**speaker_of(i), "on_behalf_of_group": i.on_behalf_of_group, "group_name": i.group_name, "late": late})  # fmt: skip
    refresh_projection(cs)
    return i


def swap_label(swap: Swap) -> str:
    return f"Swap of places between {swap.first.delegation.name} and {swap.second.delegation.name}"


def level_request_label(request: LevelRequest) -> str:
    """How the record names a request: "Austria's request to speak at ministerial level" (English, as written)."""
    level = request.to_level.value.replace("_", " ")
    return f"{request.inscription.delegation.name}'s request to speak at {level} level"


def _require_drawn(cs: CommissionSession, sentence: str) -> None:
    """Refuse with `sentence` (what can be done only once the lots are drawn) before the draw."""
    draw = current_draw(cs)
    if draw is None or not draw.performed:
        raise Refusal(sentence)


def mark_absent(cs: CommissionSession, user: Actor, i: Inscription, reason: str = "") -> Inscription:
    """Absent when called: the speaker moves to the next slot."""
    require(permissions.can_mark_absent(user), _("Only the Chair or the secretariat records an absent speaker."))
    lock_commission_session(cs.id)
    _require_drawn(cs, _("A speaker can be marked absent only after the drawing of lots has fixed the order."))
    listing = build_list(cs)
    row = listing.row_of(i.id)
    if row is None:
        raise Refusal(_("This delegation has no slot on the list."))
    if row.slot == len(listing.rows):
        raise Refusal(_("This is the last speaker on the list: there is no next slot to move to."))
    _log(cs, user, ChangeKind.absent, i, reason=reason or "Absent when called.", before={"slot": row.slot},
         after={"slot": row.slot + 1})  # fmt: skip
    db.session.flush()
    refresh_projection(cs)
    return i


def set_quotas(cs: CommissionSession, user: Actor, quotas: dict[str, int]) -> dict[str, int]:
    require(permissions.can_manage_quotas(user), _("Only the secretariat sets quotas."))
    cs = lock_commission_session(cs.id)
    groups = {g.code: g for g in db.session.scalars(select(RegionalGroup))}
    problems = rules.quota_problems(quotas, cs.rules.gd_slot_count, set(groups))
    if problems:
        raise Refusal(_("The quotas were not saved: %(problems)s", problems=" ".join(problems)))
    stored = {
        q.regional_group_id: q for q in db.session.scalars(select(Quota).where(Quota.commission_session_id == cs.id))
    }
    before = build_list(cs)
    for code, slots in quotas.items():
        quota = stored.get(groups[code].id) or Quota(commission_session_id=cs.id, regional_group_id=groups[code].id)
        quota.slots = slots
        db.session.add(quota)
    _log(cs, user, ChangeKind.quotas_set, label="Quotas of the regional groups", before=dict(before.quotas),
         after=dict(quotas), quotas=quotas)  # fmt: skip
    db.session.flush()
    _log_promotions(cs, user, before, refresh_projection(cs), "the quotas changed; a group's waiting list "
                    "fills the slots of its quota in order of tier and lot")  # fmt: skip
    return quotas


def release_unused_quota(cs: CommissionSession, user: Actor, reason: str = "") -> int:
    """After the deadline, give the slots a group leaves unused to other groups' waiting lists."""
    require(permissions.can_manage_quotas(user), _("Only the secretariat releases unused quota."))
    cs = lock_commission_session(cs.id)
    if not inscription_closed(cs):
        raise Refusal(_("Unused quota can be released only after inscription has closed."))
    state = db.session.scalar(select(DebateState).where(DebateState.commission_session_id == cs.id))
    if state is None:
        state = DebateState(commission_session_id=cs.id)
        db.session.add(state)
    if state.unused_quota_released_at is not None:
        raise Refusal(_("The unused quota has already been released."))
    before = build_list(cs)
    state.unused_quota_released_at = utcnow()
    db.session.flush()
    listing = refresh_projection(cs)
    _log(cs, user, ChangeKind.quota_released, reason=reason, label="Unused quota released to other groups",
         before={"released": 0}, after={"released": listing.released}, released=listing.released)  # fmt: skip
    _log_promotions(cs, user, before, listing, "unused quota was released to the other groups' waiting lists")
    return listing.released


def log_page(cs: CommissionSession, number: int = 1, per_page: int = 100):
    """One page of the general debate's entries in the audit log, newest first."""
    return audit.page_of(audit.Query(commission_session_id=cs.id, feature="debate"), number, per_page)


def upload_statement(cs: CommissionSession, user: Actor, i: Inscription, data: bytes) -> Inscription:
    """Keep the full statement (a PDF) for publication with the list."""
    _allowed(permissions.can_change(user, i))
    check_pdf(data)
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / "statements"
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{cs.code}-{i.delegation.code}-{i.id}-{secrets.token_hex(6)}.pdf"
    (folder / name).write_bytes(data)
    before = {"file": i.statement_file}
    i.statement_file, i.statement_uploaded_at = name, utcnow()
    _log(cs, user, ChangeKind.statement_uploaded, i, before=before, file=name, bytes=len(data))
    db.session.flush()
    return i


def check_pdf(data: bytes, field: str = "statement", not_a_pdf: str | None = None) -> None:
    """Refuse an upload that is empty, larger than 5 MB or not a PDF (its first bytes are not `%PDF-`).

    The statements are checked with it, and so are other features' PDFs (registration's notes verbales):
    `field` names the form's field, `not_a_pdf` the sentence that says what the file must be.
    """
    if not data:
        raise Refusal(_("The file is empty."), {field: [_("Choose a PDF file.")]})
    if len(data) > MAX_STATEMENT_BYTES:
        raise _too_large(field=field)
    if not data.startswith(b"%PDF-"):
        raise Refusal(not_a_pdf or _("The full statement must be a PDF file."),
                      {field: [_("Only PDF files are accepted.")]})  # fmt: skip
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            found = active_content(pdf)
    except pikepdf.PdfError:
        raise Refusal(_("The file cannot be read as a PDF: it may be damaged. Save it again as PDF and upload it."),
                      {field: [_("Only PDF files are accepted.")]}) from None  # fmt: skip
    if found:
        raise Refusal(_("The PDF holds %(what)s, which a published document may not: save it again as a plain PDF "
                        "(for example, print it to PDF) and upload it.", what=found),
                      {field: [_("Only plain PDF files are accepted.")]})  # fmt: skip


def active_content(pdf: "pikepdf.Pdf") -> str:
    """What in a PDF could act on a reader's machine, in words ("JavaScript", "a launch action", "embedded
    files"), or "" for a plain document. Every object is looked at, nested dictionaries included."""
    seen: set[tuple[int, int]] = set()
    stack = list(pdf.objects)
    while stack:
        obj = stack.pop()
        if isinstance(obj, pikepdf.Array):
            stack.extend(item for item in obj if isinstance(item, pikepdf.Object) and not item.is_indirect)
            continue
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        action = obj.get("/S")
        if "/JS" in obj or action == "/JavaScript" or "/JavaScript" in obj:
            return _("JavaScript")
        if action == "/Launch":
            return _("a launch action")
        if obj.get("/Type") == "/EmbeddedFile" or "/EmbeddedFiles" in obj or obj.get("/Subtype") == "/FileAttachment":
            return _("embedded files")
        stack.extend(value for value in obj.values() if isinstance(value, pikepdf.Object) and not value.is_indirect)
    return ""


def refuse_oversized(content_length: int | None, field: str = "statement") -> None:
    """Refuse a request body far larger than any accepted statement before reading it."""
    if content_length is not None and content_length > MAX_STATEMENT_BYTES + 64 * 1024:
        raise _too_large(status=413, field=field)


def _too_large(status: int = 400, field: str = "statement") -> Refusal:
    limit = MAX_STATEMENT_BYTES // (1024 * 1024)
    return Refusal(_("The file is larger than %(limit)d MB.", limit=limit),
                   {field: [_("At most %(limit)d MB.", limit=limit)]}, status=status)  # fmt: skip


def statement_path(i: Inscription) -> Path | None:
    if not i.statement_file:
        return None
    return Path(current_app.config["UPLOAD_FOLDER"]) / "statements" / i.statement_file


def floor_lineup(block: MeetingBlock, actual: dict[int, int] | None = None) -> list[dict]:
    """The speakers projected in one general-debate meeting, in order, for the floor to load."""
    listing = build_list(block.commission_session, actual)
    return [
        {
            "entry_id": r.inscription.id,
            "slot": r.slot,
            "delegation": r.delegation.code,
            "delegation_name": r.delegation.name,
            "speaker_name": r.inscription.speaker_name,
            "speaker_title": r.inscription.speaker_title,
            "limit_s": r.limit_s,
            "on_behalf_of_group": r.inscription.on_behalf_of_group,
            "starts_at": r.starts_at,
            "remote": r.inscription.remote,
        }
        for r in listing.rows_in(block)
    ]


__all__ = ["build_list", "debate_blocks", "floor_lineup"]


def national_of(cs: CommissionSession, code: str) -> Inscription | None:
    """A delegation's active national inscription, by delegation code."""
    return db.session.scalar(
        select(Inscription)
        .join(Delegation, Inscription.delegation_id == Delegation.id)
        .where(
            Inscription.commission_session_id == cs.id,
            Delegation.code == (code or "").strip().upper(),
            Inscription.withdrawn_at.is_(None),
            Inscription.on_behalf_of_group.is_(False),
        )
    )
