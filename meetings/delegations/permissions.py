"""Who may see a delegation's own pages and register delegations and users."""

from meetings.auth.permissions import acts_for, is_delegation_user, is_secretariat


def can_register(user) -> bool:
    """The secretariat (registers delegations and creates users)."""
    return is_secretariat(user)


def can_see_own_pages(user, delegation) -> bool:
    """A delegation's home page, its users and history: its own users and the secretariat."""
    return acts_for(user, delegation)


def keeps_last_visit(user, delegation) -> bool:
    """The delegation's own users: their last visit of its home page is kept (the secretariat's is not)."""
    return is_delegation_user(user) and user.delegation_id == delegation.id
