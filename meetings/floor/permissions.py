"""Who may do what on the floor."""

from meetings.auth.permissions import acts_for, is_chair, is_delegation_user


def can_drive(user, block=None) -> bool:
    """The Chair and the secretariat (the console: timer, list, queue, limits)."""
    return is_chair(user)


def can_read_record(user, block=None) -> bool:
    """The Chair and the secretariat (the speaking-time report)."""
    return is_chair(user)


def can_request_for(user, delegation) -> bool:
    """A delegation asks for the floor for itself; the chair adds a nameplate raised in the room."""
    return is_chair(user) or (is_delegation_user(user) and acts_for(user, delegation))


def can_raise_nameplate(user) -> bool:
    """Who is offered the nameplate page: a delegation's users."""
    return is_delegation_user(user) and user.delegation_id is not None


def can_withdraw_request(user, request) -> bool:
    return is_chair(user) or (is_delegation_user(user) and acts_for(user, request.delegation))
