"""A new speaker or protocol level, and the requests to raise a level after the draw.

After the draw a higher level moves a delegation up a tier (rules.sort_key): a delegation could
otherwise jump from slot 49 to 16 by itself. Its raise is therefore a request that the
secretariat confirms or declines with a reason; until then the inscription keeps its speaker,
level and place. A lower level (or the same) takes effect at once, as does any change before
the draw and the secretariat's own change.
"""

from sqlalchemy import select

from meetings.audit import services as audit
from meetings.auth.actors import Actor
from meetings.debate import permissions, rules
from meetings.debate.listing import build_list, current_draw, refresh_projection
from meetings.debate.models import ChangeKind, Inscription, LevelRequest, LevelRequestStatus
from meetings.debate.services import (
    _allowed,
    _level,
    _log,
    _log_promotions,
    label_of,
    level_request_label,
    reloaded,
    required_reason,
    shown_time,
    speaker_of,
)
from meetings.extensions import db
from meetings.i18n.words import _
from meetings.locking import lock_commission_session
from meetings.programme.models import CommissionSession
from meetings.refusal import Refusal, require
from meetings.timeutil import utcnow


def pending_request(i: Inscription) -> LevelRequest | None:
    """The inscription's request to raise its level that waits for the secretariat, if any."""
    return db.session.scalar(
        select(LevelRequest).where(
            LevelRequest.inscription_id == i.id, LevelRequest.status == LevelRequestStatus.pending
        )
    )


def change_speaker(
    cs: CommissionSession, user: Actor, i: Inscription, *, speaker_name: str, speaker_title: str, level: str, reason=""
) -> Inscription | LevelRequest:
    """A new speaker or level: the delegation moves to the tier of the new level and keeps its lot.

    A delegation's raise after the draw becomes a request (returned) that the secretariat decides.
    """
    _allowed(permissions.can_change(user, i))
    lvl = _level(level)
    speaker_name, speaker_title = (speaker_name or "").strip(), (speaker_title or "").strip()
    if not speaker_name:
        raise Refusal(_("Give the speaker's name."), {"speaker_name": [_("Give the speaker's name.")]})
    cs = lock_commission_session(cs.id)
    i = reloaded(i)
    if not i.active:
        raise Refusal(_("This inscription was withdrawn."))
    waiting = pending_request(i)
    if waiting is not None:
        raise Refusal(_(
            "%(delegation)s's request to speak at %(level)s level (filed %(filed)s) waits for the secretariat: "
            "cancel it, or wait for its decision, before changing the speaker or level again.",
            delegation=i.delegation.shown_name, level=waiting.to_level.label.lower(),
            filed=shown_time(cs, waiting.requested_at, "%d %B %H:%M"),
        ))  # fmt: skip
    draw = current_draw(cs)
    drawn = draw is not None and draw.performed
    if rules.level_change_needs_confirmation(i.level.value, lvl.value, drawn, permissions.can_decide_level(user)):
        return _file_request(cs, user, i, lvl, speaker_name, speaker_title, (reason or "").strip())
    before_list = build_list(cs)
    before = speaker_of(i)
    i.speaker_name, i.speaker_title, i.level = speaker_name, speaker_title, lvl
    _log(cs, user, ChangeKind.speaker_changed, i, reason=reason, before=before, after=speaker_of(i))
    _log_promotions(cs, user, before_list, refresh_projection(cs), f"the new level of {label_of(i)}; rule: a "
                    "group's quota admits its Member States by tier and lot, the rest wait")  # fmt: skip
    return i


def _file_request(cs, user: Actor, i: Inscription, lvl, speaker_name: str, speaker_title: str, reason: str):
    request = LevelRequest(
        commission_session_id=cs.id, inscription=i, from_level=i.level, to_level=lvl, speaker_name=speaker_name,
        speaker_title=speaker_title, reason=reason, requested_by_id=user.id,
    )  # fmt: skip
    db.session.add(request)
    db.session.flush()
    row = build_list(cs).row_of(i.id)
    audit.record(user, "debate", "level_requested", target=request, commission_session=cs,
                 label=level_request_label(request), delegation=i.delegation, reason=reason,
                 before={**speaker_of(i), "slot": row.slot if row else None},
                 after={"speaker_name": speaker_name, "speaker_title": speaker_title, "level": lvl.value,
                        "status": "pending"})  # fmt: skip
    return request


def request_for(cs: CommissionSession, request_id: int) -> LevelRequest:
    request = db.session.get(LevelRequest, request_id)
    if request is None or request.commission_session_id != cs.id:
        raise Refusal(_("There is no such request."), status=404)
    return request


def _still_pending(cs: CommissionSession, request: LevelRequest) -> LevelRequest:
    request = reloaded(request)
    if request.status != LevelRequestStatus.pending:
        raise Refusal(_already_decided(cs, request))
    return request


def _already_decided(cs: CommissionSession, request: LevelRequest) -> str:
    """Why a decided request cannot be decided again: what became of it, and when."""
    if request.decided_at is None:
        return {
            LevelRequestStatus.confirmed: _("This request was already confirmed: nothing was changed."),
            LevelRequestStatus.declined: _("This request was already declined: nothing was changed."),
            LevelRequestStatus.cancelled: _("This request was already cancelled: nothing was changed."),
        }[request.status]
    when = shown_time(cs, request.decided_at, "%d %B %H:%M")
    return {
        LevelRequestStatus.confirmed: _("This request was already confirmed on %(when)s: nothing was changed.", when=when),
        LevelRequestStatus.declined: _("This request was already declined on %(when)s: nothing was changed.", when=when),
        LevelRequestStatus.cancelled: _("This request was already cancelled on %(when)s: nothing was changed.",
                                        when=when),
    }[request.status]  # fmt: skip


def confirm_level(cs: CommissionSession, user: Actor, request: LevelRequest, reason: str = "") -> LevelRequest:
    """The secretariat confirms: the new speaker and level apply, and the delegation moves to its tier."""
    require(permissions.can_decide_level(user), _("Only the secretariat confirms a higher protocol level."))
    cs = lock_commission_session(cs.id)
    request = _still_pending(cs, request)
    i = request.inscription
    before_list = build_list(cs)
    row = before_list.row_of(i.id)
    before = {**speaker_of(i), "slot": row.slot if row else None, "status": "pending"}
    i.speaker_name, i.speaker_title, i.level = request.speaker_name, request.speaker_title, request.to_level
    request.status, request.decided_by_id, request.decided_at = LevelRequestStatus.confirmed, user.id, utcnow()
    request.decision_reason = (reason or "").strip()
    db.session.flush()
    after_list = refresh_projection(cs)
    moved = after_list.row_of(i.id)
    audit.record(user, "debate", "level_confirmed", target=request, commission_session=cs,
                 label=level_request_label(request), delegation=i.delegation, reason=request.decision_reason,
                 before=before, after={**speaker_of(i), "slot": moved.slot if moved else None,
                                       "status": "confirmed"})  # fmt: skip
    _log_promotions(cs, user, before_list, after_list, f"the confirmed level of {label_of(i)}; rule: a group's "
                    "quota admits its Member States by tier and lot, the rest wait")  # fmt: skip
    return request


def decline_level(cs: CommissionSession, user: Actor, request: LevelRequest, reason: str) -> LevelRequest:
    """The secretariat declines, with a reason: the inscription keeps its speaker, level and place."""
    require(permissions.can_decide_level(user), _("Only the secretariat declines a request for a higher level."))
    reason = required_reason(reason, _("Say why the request is declined: the delegation reads the reason."))
    cs = lock_commission_session(cs.id)
    request = _still_pending(cs, request)
    request.status, request.decided_by_id, request.decided_at = LevelRequestStatus.declined, user.id, utcnow()
    request.decision_reason = reason
    audit.record(user, "debate", "level_declined", target=request, commission_session=cs,
                 label=level_request_label(request), delegation=request.inscription.delegation, reason=reason,
                 before={"status": "pending"}, after={"status": "declined"})  # fmt: skip
    return request


def cancel_level_request(cs: CommissionSession, user: Actor, request: LevelRequest, reason: str = "") -> LevelRequest:
    """The delegation takes its request back before the secretariat decides."""
    require(permissions.can_cancel_level_request(user, request),
            _("Only the delegation that filed it cancels a request."))  # fmt: skip
    cs = lock_commission_session(cs.id)
    request = _still_pending(cs, request)
    request.status, request.decided_by_id, request.decided_at = LevelRequestStatus.cancelled, user.id, utcnow()
    request.decision_reason = (reason or "").strip()
    audit.record(user, "debate", "level_request_cancelled", target=request, commission_session=cs,
                 label=level_request_label(request), delegation=request.inscription.delegation,
                 reason=request.decision_reason, before={"status": "pending"}, after={"status": "cancelled"})  # fmt: skip
    return request


def pending_requests(cs: CommissionSession, delegation=None) -> list[LevelRequest]:
    """The requests waiting for the secretariat, oldest first; only a delegation's own when given."""
    stmt = select(LevelRequest).where(
        LevelRequest.commission_session_id == cs.id, LevelRequest.status == LevelRequestStatus.pending
    )
    if delegation is not None:
        stmt = stmt.join(Inscription, LevelRequest.inscription_id == Inscription.id).where(
            Inscription.delegation_id == delegation.id
        )
    return list(db.session.scalars(stmt.order_by(LevelRequest.requested_at, LevelRequest.id)))


def request_as_dict(request: LevelRequest) -> dict:
    return {
        "id": request.id, "inscription": request.inscription_id, "delegation": request.inscription.delegation.code,
        "delegation_name": request.inscription.delegation.name, "from_level": request.from_level.value,
        "to_level": request.to_level.value, "speaker_name": request.speaker_name,
        "speaker_title": request.speaker_title, "reason": request.reason or None, "status": request.status.value,
        "requested_at": request.requested_at.isoformat(),
        "decided_at": request.decided_at.isoformat() if request.decided_at else None,
        "decision_reason": request.decision_reason or None,
    }  # fmt: skip
