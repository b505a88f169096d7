"""The roles, asked in one place. Every feature's permissions.py builds its predicates on these.

A `System` actor (the command line, a rule applied by the application) passes every test: it
never comes from a web request.
"""

from meetings.auth.actors import System
from meetings.auth.models import Role


def _system(user) -> bool:
    return isinstance(user, System)


def logged_in(user) -> bool:
    return user is not None and bool(getattr(user, "is_authenticated", False))


def is_secretariat(user) -> bool:
    return _system(user) or (logged_in(user) and user.role == Role.secretariat)


def is_chair(user) -> bool:
    """The chair, or the secretariat, which can always stand in."""
    return _system(user) or (logged_in(user) and user.role in (Role.chair, Role.secretariat))


def is_delegation_user(user) -> bool:
    return logged_in(user) and not _system(user) and user.role == Role.delegation


def acts_for(user, delegation) -> bool:
    """The secretariat acts for anyone; a delegation's users only for their own delegation."""
    if delegation is None:
        return False
    return is_secretariat(user) or (is_delegation_user(user) and user.delegation_id == delegation.id)


def can_manage_tokens(user) -> bool:
    return logged_in(user) and not _system(user)


def can_revoke_token(user, token) -> bool:
    return can_manage_tokens(user) and token.user_id == user.id
