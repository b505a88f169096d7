"""Who may do what with registrations: a delegation registers its own participants and sees only its own
registration; the secretariat sees every registration, decides on them and reads the lists."""

from meetings.auth.permissions import acts_for, is_delegation_user, is_secretariat
from meetings.i18n.words import N_

# The first line of each predicate's docstring says who it admits; the API's refusal (403) names it
# in the reader's language, so each line is in the catalogue too. Keep the two in step.
WHO = (
    N_("A delegation's users, for their own delegation, and the secretariat."),
    N_("The secretariat."),
)


def can_register(user, delegation=None) -> bool:
    """A delegation's users, for their own delegation, and the secretariat.

    Without a delegation: whether the user registers anyone at all (for the navigation and the API).
    """
    if delegation is None:
        return is_secretariat(user) or (is_delegation_user(user) and user.delegation_id is not None)
    return acts_for(user, delegation)


def can_see_registration(user, delegation) -> bool:
    """A delegation's users, for their own delegation, and the secretariat."""
    return acts_for(user, delegation)


def can_see_all_registrations(user) -> bool:
    """The secretariat."""
    return is_secretariat(user)


def can_decide(user) -> bool:
    """The secretariat."""
    return is_secretariat(user)


def can_see_speaker_registration(user) -> bool:
    """The secretariat."""
    return is_secretariat(user)
