"""Who may do what with bilateral rooms: set them up, book, answer, cancel, see."""

from meetings.auth.permissions import acts_for, is_delegation_user, is_secretariat, logged_in
from meetings.i18n.words import N_

# The first line of each predicate's docstring says who it admits; the API's refusal (403) names it
# in the reader's language, so each line is in the catalogue too. Keep the two in step.
WHO = (
    N_("The secretariat, which sets up the bilateral rooms and their slots."),
    N_("Anyone logged in."),
    N_("A delegation's users, for their own delegation, and the secretariat, for any."),
    N_("The counterpart delegation's users, and the secretariat for it."),
    N_("The booking delegation's users, and the secretariat for it."),
    N_("The two delegations of the meeting and the secretariat."),
)


def can_set_up(user) -> bool:
    """The secretariat, which sets up the bilateral rooms and their slots."""
    return is_secretariat(user)


def can_see_grid(user) -> bool:
    """Anyone logged in."""
    return logged_in(user)


def can_book(user) -> bool:
    """A delegation's users, for their own delegation, and the secretariat, for any."""
    return is_secretariat(user) or (is_delegation_user(user) and user.delegation_id is not None)


def can_book_for(user, delegation) -> bool:
    """A delegation's users, for their own delegation, and the secretariat, for any."""
    return acts_for(user, delegation)


def can_name_the_booker(user) -> bool:
    """The secretariat, which books for a delegation (a delegation books for itself)."""
    return is_secretariat(user)


def can_answer(user, booking) -> bool:
    """The counterpart delegation's users, and the secretariat for it."""
    return booking.counterpart is not None and acts_for(user, booking.counterpart)


def can_cancel(user, booking) -> bool:
    """The booking delegation's users, and the secretariat for it."""
    return acts_for(user, booking.booked_by)


def can_see_booking(user, booking) -> bool:
    """The two delegations of the meeting and the secretariat."""
    return acts_for(user, booking.booked_by) or (
        booking.counterpart is not None and acts_for(user, booking.counterpart)
    )


# The words the audit log shows for this feature's actions (meetings/audit/words.py names them too),
# kept here so that this feature's catalogue holds their translations.
AUDIT_WORDS = (
    N_("Bilateral slots set"),
    N_("Bilateral rooms set"),
    N_("Bilateral meeting booked"),
    N_("Bilateral meeting confirmed"),
    N_("Bilateral meeting declined"),
    N_("Bilateral meeting cancelled"),
)
