"""The roles, asked in one place. Every feature's permissions.py builds its predicates on these.

A `System` actor (the command line, a rule applied by the application) passes every test: it
never comes from a web request.
"""

from sqlalchemy import Select, select

from meetings.auth.actors import System
from meetings.auth.models import Role, User


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
    """Any logged-in user (their own API tokens)."""
    return logged_in(user) and not _system(user)


def can_revoke_token(user, token) -> bool:
    """The token's own user, or the secretariat (any user's token)."""
    return can_manage_tokens(user) and (token.user_id == user.id or can_manage_accounts(user))


def can_change_own_password(user) -> bool:
    """Any logged-in user, for their own account."""
    return logged_in(user) and not _system(user)


def can_choose_language(user) -> bool:
    """Any logged-in user keeps their own language on their account."""
    return logged_in(user)


def can_manage_accounts(user) -> bool:
    """The secretariat (disables and enables users, sets one-time passwords, sees and revokes any token)."""
    return is_secretariat(user)


def account_managers() -> Select:
    """The active users who can manage accounts (the secretariat's): one of them must remain."""
    return select(User).where(User.role == Role.secretariat, User.active.is_(True)).order_by(User.id)
