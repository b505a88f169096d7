"""The drawing of lots as user actions: publish the commitment, draw, void, check.

Nobody can choose the outcome, the secretariat included: the commitment to the secret is
published while inscription is still open (so the secret is fixed before the secretariat knows
who takes part), and the seed also depends on a public value fixed in the room at the draw,
which the secretariat cannot know when it commits (meetings.debate.rules).
"""

import re
from datetime import datetime

from sqlalchemy import select

from meetings.auth.actors import Actor
from meetings.debate import permissions, rules
from meetings.debate.listing import active_inscriptions, current_draw, refresh_projection
from meetings.debate.models import ChangeKind, Draw
from meetings.debate.services import _log, inscription_closed, shown_time
from meetings.extensions import db
from meetings.i18n.words import _
from meetings.locking import lock_commission_session
from meetings.programme.models import CommissionSession
from meetings.refusal import Refusal, require
from meetings.timeutil import utcnow

_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def _secretariat(user: Actor) -> None:
    require(permissions.can_draw(user), _("Only the secretariat draws the lots."))


def _closes_text(cs: CommissionSession) -> str:
    return shown_time(cs, cs.rules.gd_inscription_closes, "%d %B %Y at %H:%M")


def publish_commitment(cs: CommissionSession, user: Actor, commitment: str, *, now: datetime | None = None) -> Draw:
    """Publish SHA-256(secret) while inscription is open; the secret itself stays with the secretariat.

    `now` is the moment of publication (the demo replays a past session); by default the clock.
    """
    _secretariat(user)
    commitment = (commitment or "").strip().lower()
    if not _HEX64.match(commitment):
        raise Refusal(
            _("The commitment must be a SHA-256 digest: 64 hexadecimal characters."),
            {"commitment": [_("64 hexadecimal characters.")]},
        )
    cs = lock_commission_session(cs.id)
    draw = current_draw(cs)
    if draw is not None and draw.performed:
        raise Refusal(_("Not published: a draw has been made. The secretariat must first void it, with a reason."))
    if draw is not None:
        raise Refusal(
            _("Not published: a commitment is already published. The secretariat must first void it, with a reason.")
        )
    if inscription_closed(cs, now):
        raise Refusal(
            _("Not published: inscription closed on %(closes)s. The commitment must be published before inscription "
              "closes, so that the secret is fixed before anyone knows who takes part. To draw again, first reopen "
              "inscription (Session → Change the rules).", closes=_closes_text(cs)),
            {"commitment": [_("Inscription has closed.")]},
        )  # fmt: skip
    draw = Draw(commission_session_id=cs.id, commitment=commitment, committed_by_id=user.id,
                committed_at=now or utcnow())  # fmt: skip
    db.session.add(draw)
    db.session.flush()
    _log(cs, user, ChangeKind.draw_committed, target=draw, label=f"Drawing of lots no. {draw.id}",
         after={"commitment": commitment}, commitment=commitment, draw=draw.id)  # fmt: skip
    return draw


def _parts(secret: str, public_value: str) -> tuple[str, str]:
    secret, public_value = (secret or "").strip(), (public_value or "").strip()
    errors = {}
    if not secret:
        errors["secret"] = [_("Give the secret.")]
    if not public_value:
        errors["public_value"] = [_("Type the public value fixed in the room.")]
    for name, value in (("secret", secret), ("public_value", public_value)):
        if "\n" in value or "\r" in value:
            errors[name] = [_("One line only.")]
    if errors:
        raise Refusal(
            _("The lots are drawn from the secret revealed now and the public value fixed in the room "
              "(for example the numbers drawn from the urn): give both, each on one line."),
            errors,
        )  # fmt: skip
    return secret, public_value


def perform_draw(cs: CommissionSession, user: Actor, secret: str, public_value: str, *,
                 now: datetime | None = None) -> Draw:  # fmt: skip
    """Reveal the secret, take the public value fixed in the room, and give each delegation its lot.

    The inputs are the delegations the list orders by lot: those with an inscription in force
    that is not late (rules.draw_inputs).
    """
    _secretariat(user)
    secret, public_value = _parts(secret, public_value)
    cs = lock_commission_session(cs.id)
    draw = current_draw(cs)
    if draw is None:
        raise Refusal(_("No commitment has been published: publish the SHA-256 of the secret before drawing the lots."))
    if draw.performed:
        raise Refusal(
            _("The lots were already drawn on %(drawn)s. A new draw needs the first to be voided, with a reason.",
              drawn=shown_time(cs, draw.performed_at, "%d %B %Y"))
        )  # fmt: skip
    if rules.commitment_of(secret) != draw.commitment:
        raise Refusal(
            _("This secret does not match the published commitment: the lots were not drawn."),
            {"secret": [_("SHA-256 of this secret differs from the commitment.")]},
        )
    if not inscription_closed(cs, now):
        raise Refusal(_("Inscription is still open: the lots are drawn after it closes."))
    closes = cs.rules.gd_inscription_closes
    if draw.committed_at >= closes:
        raise Refusal(
            _("This commitment was published after inscription closed on %(closes)s: it cannot be used. "
              "Void it with a reason.", closes=_closes_text(cs))
        )  # fmt: skip
    codes = rules.draw_inputs([(i.delegation.code, i.late) for i in active_inscriptions(cs)])
    if not codes:
        raise Refusal(_("No delegation is inscribed: there is nothing to draw."))
    seed = rules.derive_seed(secret, public_value)
    draw.secret, draw.public_value, draw.seed = secret, public_value, seed
    draw.inputs, draw.result = codes, rules.draw_lots(seed, codes)
    draw.performed_at, draw.performed_by_id = now or utcnow(), user.id
    _log(cs, user, ChangeKind.draw_performed, target=draw, label=f"Drawing of lots no. {draw.id}",
         after={"secret": secret, "public_value": public_value, "seed": seed, "inputs": codes, "result": draw.result},
         draw=draw.id, delegations=len(codes))  # fmt: skip
    db.session.flush()
    refresh_projection(cs)
    return draw


def void_draw(cs: CommissionSession, user: Actor, reason: str) -> Draw:
    """Void the current draw (or commitment). The record and its reason stay public."""
    _secretariat(user)
    reason = (reason or "").strip()
    if not reason:
        raise Refusal(
            _("Say why the draw is voided: the reason stays on the record."), {"reason": [_("Give a reason.")]}
        )
    cs = lock_commission_session(cs.id)
    draw = current_draw(cs)
    if draw is None:
        raise Refusal(_("There is no draw to void."))
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
        raise Refusal(_("There is no such draw."), status=404)
    return draw


def check(draw: Draw) -> rules.DrawCheck | None:
    """Recompute a performed draw from its stored record; None before the secret is revealed."""
    if not draw.performed:
        return None
    return rules.verify_draw(draw.commitment, draw.secret or "", draw.public_value, draw.seed or "",
                             list(draw.inputs or []), dict(draw.result or {}))  # fmt: skip


def draw_as_dict(draw: Draw) -> dict:
    result = check(draw)
    return {
        "id": draw.id,
        "commitment": draw.commitment,
        "committed_at": draw.committed_at.isoformat(),
        "committed_by": draw.committed_by.full_name,
        "secret": draw.secret,
        "public_value": draw.public_value,
        "seed": draw.seed,
        "seed_rule": "SHA-256(secret + '\\n' + public_value), hexadecimal" if draw.public_value is not None else None,
        "inputs": draw.inputs,
        "result": draw.result,
        "performed_at": draw.performed_at.isoformat() if draw.performed_at else None,
        "performed_by": draw.performed_by.full_name if draw.performed_by else None,
        "voided_at": draw.voided_at.isoformat() if draw.voided_at else None,
        "void_reason": draw.void_reason or None,
        "check": None if result is None else _check_as_dict(result),
    }


def _check_as_dict(result: rules.DrawCheck) -> dict:
    return {
        "matches": result.ok,
        "commitment_matches": result.commitment_matches,
        "seed_matches": result.seed_matches,
        "lots_match": result.lots_match,
        "differences": result.differences,
    }
