"""The drawing of lots as user actions: publish the commitment, draw with the seed, void, check."""

import re

from sqlalchemy import select

from meetings.auth.actors import Actor
from meetings.debate import permissions, rules
from meetings.debate.listing import active_inscriptions, current_draw, refresh_projection
from meetings.debate.models import ChangeKind, Draw
from meetings.debate.services import _closed, _log
from meetings.extensions import db
from meetings.locking import lock_commission_session
from meetings.programme.models import CommissionSession
from meetings.refusal import Refusal, require
from meetings.timeutil import utcnow

_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def _secretariat(user: Actor) -> None:
    require(permissions.can_draw(user), "Only the secretariat draws the lots.")


def publish_commitment(cs: CommissionSession, user: Actor, commitment: str) -> Draw:
    """Publish SHA-256(seed) before the draw; the seed itself stays with the secretariat."""
    _secretariat(user)
    commitment = (commitment or "").strip().lower()
    if not _HEX64.match(commitment):
        raise Refusal(
            "The commitment must be a SHA-256 digest: 64 hexadecimal characters.",
            {"commitment": ["64 hexadecimal characters."]},
        )
    cs = lock_commission_session(cs.id)
    draw = current_draw(cs)
    if draw is not None:
        state = "a draw has been made" if draw.performed else "a commitment is already published"
        raise Refusal(f"Not published: {state}. The secretariat must first void it, with a reason.")
    draw = Draw(commission_session_id=cs.id, commitment=commitment, committed_by_id=user.id)
    db.session.add(draw)
    db.session.flush()
    _log(cs, user, ChangeKind.draw_committed, target=draw, label=f"Drawing of lots no. {draw.id}",
         after={"commitment": commitment}, commitment=commitment, draw=draw.id)  # fmt: skip
    return draw


def perform_draw(cs: CommissionSession, user: Actor, seed: str) -> Draw:
    """Reveal the seed and give every inscribed delegation its lot."""
    _secretariat(user)
    seed = (seed or "").strip()
    if not seed:
        raise Refusal("Give the seed.", {"seed": ["Give the seed."]})
    cs = lock_commission_session(cs.id)
    draw = current_draw(cs)
    if draw is None:
        raise Refusal("No commitment has been published: publish the SHA-256 of the seed before drawing the lots.")
    if draw.performed:
        raise Refusal(
            f"The lots were already drawn on {draw.performed_at:%d %B %Y}. "
            "A new draw needs the first to be voided, with a reason."
        )
    if rules.commitment_of(seed) != draw.commitment:
        raise Refusal(
            "This seed does not match the published commitment: the lots were not drawn.",
            {"seed": ["SHA-256 of this seed differs from the commitment."]},
        )
    if not _closed(cs):
        raise Refusal("Inscription is still open: the lots are drawn after it closes.")
    codes = sorted({i.delegation.code for i in active_inscriptions(cs)})
    if not codes:
        raise Refusal("No delegation is inscribed: there is nothing to draw.")
    draw.seed, draw.inputs, draw.result = seed, codes, rules.draw_lots(seed, codes)
    draw.performed_at, draw.performed_by_id = utcnow(), user.id
    _log(cs, user, ChangeKind.draw_performed, target=draw, label=f"Drawing of lots no. {draw.id}",
         after={"seed": seed, "inputs": codes, "result": draw.result}, draw=draw.id, delegations=len(codes))  # fmt: skip
    db.session.flush()
    refresh_projection(cs)
    return draw


def void_draw(cs: CommissionSession, user: Actor, reason: str) -> Draw:
    """Void the current draw (or commitment). The record and its reason stay public."""
    _secretariat(user)
    reason = (reason or "").strip()
    if not reason:
        raise Refusal("Say why the draw is voided: the reason stays on the record.", {"reason": ["Give a reason."]})
    cs = lock_commission_session(cs.id)
    draw = current_draw(cs)
    if draw is None:
        raise Refusal("There is no draw to void.")
    before = {"state": "drawn" if draw.performed else "committed"}
    draw.voided_at, draw.voided_by_id, draw.void_reason = utcnow(), user.id, reason
    _log(cs, user, ChangeKind.draw_voided, reason=reason, target=draw, label=f"Drawing of lots no. {draw.id}",
         before=before, after={"state": "voided"}, draw=draw.id)  # fmt: skip
    db.session.flush()
    refresh_projection(cs)
    return draw


def all_draws(cs: CommissionSession) -> list[Draw]:
    return list(db.session.scalars(select(Draw).where(Draw.commission_session_id == cs.id).order_by(Draw.id)))


def draw_for(cs: CommissionSession, draw_id: int) -> Draw:
    draw = db.session.get(Draw, draw_id)
    if draw is None or draw.commission_session_id != cs.id:
        raise Refusal("There is no such draw.", status=404)
    return draw


def check(draw: Draw) -> rules.DrawCheck | None:
    """Recompute a performed draw from its stored record; None before the seed is revealed."""
    if not draw.performed:
        return None
    return rules.verify_draw(draw.commitment, draw.seed or "", list(draw.inputs or []), dict(draw.result or {}))


def draw_as_dict(draw: Draw) -> dict:
    result = check(draw)
    return {
        "id": draw.id,
        "commitment": draw.commitment,
        "committed_at": draw.committed_at.isoformat(),
        "committed_by": draw.committed_by.full_name,
        "seed": draw.seed,
        "inputs": draw.inputs,
        "result": draw.result,
        "performed_at": draw.performed_at.isoformat() if draw.performed_at else None,
        "performed_by": draw.performed_by.full_name if draw.performed_by else None,
        "voided_at": draw.voided_at.isoformat() if draw.voided_at else None,
        "void_reason": draw.void_reason or None,
        "check": None if result is None else {"matches": result.ok, "differences": result.differences},
    }
