"""Who may change the session's set-up and read its record."""

from meetings.auth.permissions import is_chair, is_secretariat


def can_edit_session(user) -> bool:
    """Details, rules, meeting blocks and rooms: the secretariat."""
    return is_secretariat(user)


def can_read_setup_log(user) -> bool:
    return is_chair(user)
