"""Swaps of places by mutual agreement: one delegation proposes, the other accepts or declines.

A swap is replayed from the log of changes (listing.moves_of) once accepted; a proposal still
waiting shows on both delegations' home pages, and ends when declined or when one withdraws.
"""

from sqlalchemy import select

from meetings.audit import services as audit
from meetings.auth.actors import Actor
from meetings.debate import permissions
from meetings.debate.listing import build_list, refresh_projection
from meetings.debate.models import ChangeKind, Inscription, Swap
from meetings.debate.services import _allowed, _log, _require_drawn, national_of, reloaded, shown_time, swap_label
from meetings.extensions import db
from meetings.i18n.words import _
from meetings.locking import lock_commission_session
from meetings.programme.models import CommissionSession
from meetings.refusal import Refusal, require
from meetings.timeutil import utcnow


def propose_swap(cs: CommissionSession, user: Actor, mine: Inscription, other_code: str, reason: str = "") -> Swap:
    """Propose to exchange places with the delegation of that code; it must accept."""
    _allowed(permissions.can_change(user, mine))
    other = national_of(cs, other_code)
    if other is None:
        raise Refusal(_("%(code)s has no slot on the list.", code=other_code),
                      {"other": [_("Unknown or not inscribed.")]})  # fmt: skip
    cs = lock_commission_session(cs.id)
    _require_drawn(cs, _("Slots can be swapped only after the drawing of lots has fixed the order."))
    if mine.id == other.id or mine.delegation_id == other.delegation_id:
        raise Refusal(_("A swap takes two different delegations."))
    listing = build_list(cs)
    if listing.row_of(mine.id) is None or listing.row_of(other.id) is None:
        raise Refusal(_("Both delegations must hold a slot on the list to swap."))
    already = next((s for s in pending_swaps(cs, mine) if {s.first_id, s.second_id} == {mine.id, other.id}), None)
    if already is not None:
        raise Refusal(_(
            "Swap of places between %(first)s and %(second)s was already proposed on %(when)s; it waits for an answer.",
            first=already.first.delegation.shown_name, second=already.second.delegation.shown_name,
            when=shown_time(cs, already.proposed_at, "%d %B at %H:%M"),
        ))  # fmt: skip
    swap = Swap(commission_session_id=cs.id, first=mine, second=other, proposed_by_id=user.id, reason=reason or "")
    db.session.add(swap)
    db.session.flush()
    audit.record(user, "debate", "swap_proposed", target=swap, commission_session=cs, delegation=mine.delegation,
                 other_delegation=other.delegation, label=swap_label(swap), reason=reason,
                 after={"first_slot": listing.row_of(mine.id).slot, "second_slot": listing.row_of(other.id).slot})  # fmt: skip
    return swap


def _still_proposed(cs: CommissionSession, swap: Swap) -> Swap:
    swap = reloaded(swap)
    if swap.confirmed_at is not None:
        raise Refusal(_("This swap was already accepted."))
    if swap.declined_at is not None:
        when = shown_time(cs, swap.declined_at, "%d %B at %H:%M")
        raise Refusal(_("This swap was declined on %(when)s: nothing was changed.", when=when))
    return swap


def confirm_swap(cs: CommissionSession, user: Actor, swap: Swap) -> Swap:
    """The other delegation accepts; only then do the two exchange places."""
    if swap.commission_session_id != cs.id:
        raise Refusal(_("There is no such swap."), status=404)
    require(permissions.can_confirm_swap(user, swap),
            _("The swap must be accepted by %(delegation)s.", delegation=swap.second.delegation.shown_name))  # fmt: skip
    cs = lock_commission_session(cs.id)
    swap = _still_proposed(cs, swap)
    listing = build_list(cs)
    if listing.row_of(swap.first_id) is None or listing.row_of(swap.second_id) is None:
        raise Refusal(_("One of the two delegations no longer holds a slot: the swap cannot be made."))
    swap.confirmed_by_id, swap.confirmed_at = user.id, utcnow()
    first, second = listing.row_of(swap.first_id).slot, listing.row_of(swap.second_id).slot
    _log(cs, user, ChangeKind.swapped, swap.first, swap.second, reason=swap.reason or "Swap by mutual agreement.",
         target=swap, label=swap_label(swap), before={"first_slot": first, "second_slot": second},
         after={"first_slot": second, "second_slot": first}, proposed_by=swap.proposed_by_id, swap=swap.id)  # fmt: skip
    db.session.flush()
    refresh_projection(cs)
    return swap


def decline_swap(cs: CommissionSession, user: Actor, swap: Swap, reason: str = "") -> Swap:
    """The other delegation declines (a reason is optional): the proposal ends, nobody moves."""
    if swap.commission_session_id != cs.id:
        raise Refusal(_("There is no such swap."), status=404)
    require(permissions.can_decline_swap(user, swap),
            _("Only %(delegation)s can decline this swap.", delegation=swap.second.delegation.shown_name))  # fmt: skip
    cs = lock_commission_session(cs.id)
    swap = _still_proposed(cs, swap)
    swap.declined_by_id, swap.declined_at, swap.decline_reason = user.id, utcnow(), (reason or "").strip()
    audit.record(user, "debate", "swap_declined", target=swap, commission_session=cs, label=swap_label(swap),
                 delegation=swap.second.delegation, other_delegation=swap.first.delegation,
                 reason=swap.decline_reason, before={"status": "proposed"}, after={"status": "declined"})  # fmt: skip
    return swap


def swap_for(cs: CommissionSession, swap_id: int) -> Swap:
    swap = db.session.get(Swap, swap_id)
    if swap is None or swap.commission_session_id != cs.id:
        raise Refusal(_("There is no such swap."), status=404)
    return swap


def pending_swaps(cs: CommissionSession, i: Inscription) -> list[Swap]:
    """The proposals that involve the inscription and wait for an answer, oldest first."""
    return list(
        db.session.scalars(
            select(Swap)
            .where(Swap.commission_session_id == cs.id, Swap.confirmed_at.is_(None), Swap.declined_at.is_(None),
                   (Swap.first_id == i.id) | (Swap.second_id == i.id))
            .order_by(Swap.proposed_at, Swap.id)
        )
    )  # fmt: skip


def swap_as_dict(swap: Swap) -> dict:
    state = "accepted" if swap.confirmed_at else ("declined" if swap.declined_at else "proposed")
    return {
        "id": swap.id, "first": swap.first_id, "second": swap.second_id, "status": state,
        "confirmed": swap.confirmed_at is not None,
        "proposed_by": swap.first.delegation.code, "proposed_by_name": swap.first.delegation.name,
        "other": swap.second.delegation.code, "other_name": swap.second.delegation.name,
        "proposed_at": swap.proposed_at.isoformat(), "reason": swap.reason or None,
        "decline_reason": swap.decline_reason or None,
    }  # fmt: skip
