"""Who may publish a version, and who sees the working state beside it."""

from meetings.auth.permissions import acts_for, is_secretariat


def can_publish(user) -> bool:
    """The secretariat (publishes a new version of the speakers list or the side-event programme)."""
    return is_secretariat(user)


def can_preview(user) -> bool:
    """The secretariat (sees what publishing would change)."""
    return is_secretariat(user)


def can_see_notices(user, delegation) -> bool:
    """A delegation's own users and the secretariat (what a new version changed for the delegation)."""
    return acts_for(user, delegation)
