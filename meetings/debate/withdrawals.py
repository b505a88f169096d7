"""Withdrawal and reinstatement: a place given up with a reason, taken back only by the secretariat.

A delegation in a hurry must not lose its slot by one click: the page asks for confirmation
and a reason (views), and only the secretariat can put a withdrawn inscription back, where
its tier and lot place it.
"""

from sqlalchemy import select

from meetings.audit import services as audit
from meetings.auth.actors import Actor, consequence, person
from meetings.debate import permissions
from meetings.debate.listing import build_list, current_draw, refresh_projection
from meetings.debate.models import ChangeKind, Inscription, LevelRequest, LevelRequestStatus, Swap
from meetings.debate.services import (
    _allowed,
    _log,
    _log_promotions,
    label_of,
    level_request_label,
    local_text,
    place_values,
    reloaded,
    required_reason,
    shown_label,
    shown_time,
    swap_label,
)
from meetings.extensions import db
from meetings.i18n.words import _
from meetings.locking import lock_commission_session
from meetings.programme.models import CommissionSession
from meetings.refusal import Refusal, require
from meetings.timeutil import utcnow


def withdraw(cs: CommissionSession, user: Actor, i: Inscription, reason: str) -> Inscription:
    """Withdraw, with a reason; the freed slot goes to the next on the group's waiting list.

    The delegation cannot take its place back: only the secretariat can reinstate it. Proposals
    that involve the inscription (swaps, a raise of level) lapse.
    """
    _allowed(permissions.can_withdraw(user, i))
    reason = required_reason(reason, _("Say why the inscription is withdrawn: the reason stays on the record."))
    cs = lock_commission_session(cs.id)
    i = reloaded(i)
    if not i.active:
        raise Refusal(_("This inscription is already withdrawn."))
    before = build_list(cs)
    i.withdrawn_at = utcnow()
    if i.projected_at is not None:
        i.projected_at, i.ical_sequence = None, i.ical_sequence + 1
    _log(cs, user, ChangeKind.withdrawn, i, reason=reason, before={"status": "inscribed", **place_values(cs, before, i)},
         after={"status": "withdrawn"})  # fmt: skip
    _lapse_proposals(cs, user, i)
    _log_promotions(cs, user, before, refresh_projection(cs), f"the withdrawal of {label_of(i)} freed a slot; "
                    "the next on the group's waiting list takes it")  # fmt: skip
    return i


def _lapse_proposals(cs: CommissionSession, actor: Actor, i: Inscription) -> None:
    """End the swaps and the level request still waiting on a withdrawn inscription, as the system's doing."""
    system = consequence(actor, f"the withdrawal of {label_of(i)}; rule: a proposal ends when a party withdraws")
    swaps = db.session.scalars(
        select(Swap).where(Swap.confirmed_at.is_(None), Swap.declined_at.is_(None),
                           (Swap.first_id == i.id) | (Swap.second_id == i.id))
    ).all()  # fmt: skip
    for swap in swaps:
        swap.declined_at, swap.declined_by_id = utcnow(), person(actor).id
        swap.decline_reason = f"{i.delegation.name} withdrew."
        audit.record(system, "debate", "swap_lapsed", target=swap, commission_session=cs, label=swap_label(swap),
                     delegation=swap.first.delegation, other_delegation=swap.second.delegation,
                     before={"status": "proposed"}, after={"status": "lapsed"})  # fmt: skip
    requests = db.session.scalars(
        select(LevelRequest).where(LevelRequest.inscription_id == i.id,
                                   LevelRequest.status == LevelRequestStatus.pending)
    ).all()  # fmt: skip
    for request in requests:
        request.status, request.decided_at = LevelRequestStatus.cancelled, utcnow()
        audit.record(system, "debate", "level_request_lapsed", target=request, commission_session=cs,
                     label=level_request_label(request), delegation=i.delegation,
                     before={"status": "pending"}, after={"status": "cancelled"})  # fmt: skip


def reinstate(cs: CommissionSession, user: Actor, i: Inscription, reason: str) -> Inscription:
    """Put a withdrawn inscription back where its tier and lot place it (the secretariat, with a reason).

    It keeps its lot if the draw gave it one; one that took no part in the draw (late, or
    withdrawn when the lots were drawn) is late: after every speaker placed by lot, among the
    late ones in the order they were first inscribed.
    """
    require(permissions.can_reinstate(user), _("Only the secretariat reinstates a withdrawn inscription."))
    reason = required_reason(reason, _("Say why the inscription is reinstated: the reason stays on the record."))
    cs = lock_commission_session(cs.id)
    i = reloaded(i)
    if i.active:
        raise Refusal(_("%(statement)s is not withdrawn: there is nothing to reinstate.", statement=shown_label(i)))
    again = _inscribed_again(cs, i)
    if again is not None:
        raise Refusal(_inscribed_again_sentence(cs, i, again))
    before = build_list(cs)
    draw = current_draw(cs)
    was = {"status": "withdrawn", "withdrawn_at": local_text(cs, i.withdrawn_at), "late": i.late}
    if draw is not None and draw.performed and not i.late and i.delegation.code not in (draw.inputs or []):
        i.late = True  # it took no part in the draw: the list puts it at the end, as it does a late one
    i.withdrawn_at = None
    db.session.flush()
    after = refresh_projection(cs)
    audit.record(user, "debate", "reinstated", target=i, commission_session=cs, label=label_of(i),
                 delegation=i.delegation, before=was, reason=reason,
                 after={"status": "inscribed", "late": i.late, **place_values(cs, after, i)})  # fmt: skip
    _log_promotions(cs, user, before, after, f"the reinstatement of {label_of(i)}; rule: a group's quota admits "
                    "its Member States by tier and lot, the rest wait")  # fmt: skip
    return i


def _inscribed_again_sentence(cs: CommissionSession, i: Inscription, again: Inscription) -> str:
    """Why `i` cannot be reinstated: the delegation inscribed again meanwhile, and one such statement is in force."""
    values = {"delegation": i.delegation.shown_name, "speaker": again.speaker_name,
              "when": shown_time(cs, again.created_at, "%d %B %Y at %H:%M")}  # fmt: skip
    if i.on_behalf_of_group:
        return _("%(delegation)s inscribed again on %(when)s (%(speaker)s): one statement on behalf of %(group)s is "
                 "in force. Withdraw that inscription first if this one should take its place.",
                 group=i.group_name, **values)  # fmt: skip
    return _("%(delegation)s inscribed again on %(when)s (%(speaker)s): one national statement is in force. "
             "Withdraw that inscription first if this one should take its place.", **values)  # fmt: skip


def _inscribed_again(cs: CommissionSession, i: Inscription) -> Inscription | None:
    """The inscription in force that a reinstatement of `i` would double (the schema allows one)."""
    stmt = select(Inscription).where(
        Inscription.commission_session_id == cs.id, Inscription.delegation_id == i.delegation_id,
        Inscription.on_behalf_of_group == i.on_behalf_of_group, Inscription.withdrawn_at.is_(None),
        Inscription.id != i.id,
    )  # fmt: skip
    found = db.session.scalars(stmt).all()
    if i.on_behalf_of_group:
        found = [f for f in found if f.group_name.casefold() == i.group_name.casefold()]
    return found[0] if found else None
