"""Who may see and produce the session report."""

from meetings.auth.permissions import is_chair, is_secretariat


def can_make_report(user) -> bool:
    """The secretariat (drafts of the session report, its figures, and final versions)."""
    return is_secretariat(user)


def can_read_finals(user) -> bool:
    """The secretariat and the Chair (the final versions of the session report)."""
    return is_chair(user)
