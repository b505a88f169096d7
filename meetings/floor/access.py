"""Who may do what on the floor, in one place."""

from meetings.auth.models import User
from meetings.delegations.models import Delegation
from meetings.delegations.services import delegation_by_code
from meetings.floor.models import FloorRequest
from meetings.refusal import Refusal


def may_drive(user: User | None) -> bool:
    """The console (timer, list, queue) is the chair's and the secretariat's."""
    return bool(user is not None and user.is_authenticated and user.is_chair)


def requesting_delegation(user: User, code: str | None) -> tuple[Delegation, bool]:
    """For whom a request is made, and whether it was raised in the room (added by the chair).

    A delegation user asks for its own delegation only; the chair names the delegation.
    """
    if may_drive(user):
        delegation = delegation_by_code((code or "").strip().upper()) if code else None
        if delegation is None:
            raise Refusal("Name the delegation that raised its nameplate (its code, e.g. AUT).",
                          {"delegation": ["Unknown delegation code."]})  # fmt: skip
        return delegation, True
    if user.delegation is None:
        raise Refusal("Only a delegation can ask for the floor.", status=403)
    if code and code.strip().upper() != user.delegation.code:
        raise Refusal("You can ask for the floor for your own delegation only.", status=403)
    return user.delegation, False


def ensure_may_withdraw(user: User, req: FloorRequest) -> None:
    if may_drive(user) or (user.delegation_id is not None and user.delegation_id == req.delegation_id):
        return
    raise Refusal("Only the delegation that asked for the floor can withdraw its request.", status=403)
