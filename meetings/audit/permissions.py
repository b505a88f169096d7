"""Who may read and check the audit log."""

from meetings.auth.permissions import acts_for, is_secretariat


def can_read_audit(user) -> bool:
    """The secretariat (the whole log, every filter)."""
    return is_secretariat(user)


def can_verify_audit(user) -> bool:
    """The secretariat."""
    return is_secretariat(user)


def can_read_history_of(user, delegation) -> bool:
    """The entries about one delegation's records: its own users and the secretariat."""
    return acts_for(user, delegation)
