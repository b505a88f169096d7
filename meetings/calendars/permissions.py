"""Who may see and change the secret calendar addresses."""

from meetings.auth.actors import System
from meetings.auth.permissions import acts_for, is_delegation_user, is_secretariat, logged_in


def can_manage_delegation_address(user, delegation) -> bool:
    """A delegation's own users and the secretariat (see, renew and revoke its secret calendar address)."""
    return acts_for(user, delegation)


def can_manage_user_address(user, owner) -> bool:
    """The user themself, and the secretariat (see, renew and revoke a user's secret calendar address)."""
    return is_secretariat(user) or (can_have_own_address(user) and user.id == owner.id)


def can_have_own_address(user) -> bool:
    """Any logged-in user (their own secret calendar address)."""
    return logged_in(user) and not isinstance(user, System)


def can_manage_addresses(user) -> bool:
    """A delegation's users and the secretariat (the secret calendar addresses of delegations)."""
    return is_secretariat(user) or is_delegation_user(user)
