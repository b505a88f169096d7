"""Who may change the session's set-up and read its record."""

from meetings.auth.permissions import is_chair, is_secretariat
from meetings.i18n.words import N_

# The first line of each predicate's docstring says who it admits; the API's refusal (403) names it
# in the reader's language, so each line is in the catalogue too. Keep the two in step.
WHO = (
    N_("Details, rules, meeting blocks and rooms: the secretariat."),
    N_("The chair and the secretariat."),
    N_("The secretariat, which books rooms for meetings and side events."),
    N_("The secretariat: cancels a meeting, keeping its record."),
    N_("The secretariat: deletes a meeting that holds no record."),
)


def can_edit_session(user) -> bool:
    """Details, rules, meeting blocks and rooms: the secretariat."""
    return is_secretariat(user)


def can_read_setup_log(user) -> bool:
    """The chair and the secretariat."""
    return is_chair(user)


def can_book_rooms(user) -> bool:
    """The secretariat, which books rooms for meetings and side events."""
    return is_secretariat(user)


def can_cancel_block(user) -> bool:
    """The secretariat: cancels a meeting, keeping its record."""
    return is_secretariat(user)


def can_delete_block(user) -> bool:
    """The secretariat: deletes a meeting that holds no record."""
    return is_secretariat(user)
