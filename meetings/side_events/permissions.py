"""Who may do what with side events."""

from meetings.auth.permissions import acts_for, is_delegation_user, is_secretariat
from meetings.hooks import hooks_of


def can_apply(user) -> bool:
    """A delegation's users (applications are made for one's own delegation)."""
    return is_delegation_user(user) and user.delegation_id is not None


def can_open_application_form(user) -> bool:
    """A delegation's users and the secretariat."""
    return can_apply(user) or is_secretariat(user)


def can_change(user, event) -> bool:
    """Edit a draft, submit, withdraw: the organizer's users and the secretariat."""
    return acts_for(user, event.organizer)


def can_see(user, event, public: bool) -> bool:
    """A scheduled accepted event is public; an application is its organizer's and the secretariat's."""
    return public or acts_for(user, event.organizer)


def can_see_all(user) -> bool:
    """The secretariat (every application, the queue with receipt times)."""
    return is_secretariat(user)


def can_list_own(user) -> bool:
    """A delegation's users (their own applications) and the secretariat (all)."""
    return can_see_all(user) or can_apply(user)


def can_decide(user) -> bool:
    """The secretariat (reject an application, set times and rooms)."""
    return is_secretariat(user)


def can_see_meeting_link(user, event) -> bool:
    """A virtual event's link: its organizer, the secretariat, and the delegations registered for the session."""
    if acts_for(user, event.organizer):
        return True
    delegation = getattr(user, "delegation", None) if is_delegation_user(user) else None
    return delegation is not None and any(
        check(event.commission_session_id, delegation) for check in hooks_of().registered_checks
    )
