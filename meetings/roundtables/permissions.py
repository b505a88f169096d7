"""Who may do what with roundtables: nominations, the co-chairs' console, the panel and the summary."""

from sqlalchemy import select

from meetings.auth.permissions import acts_for, is_chair, is_delegation_user, is_secretariat, logged_in
from meetings.extensions import db
from meetings.i18n.words import N_
from meetings.roundtables.models import Nomination, NominationStatus, Roundtable

# The first line of each predicate's docstring says who it admits; the API's refusal (403) names it
# in the reader's language, so each line is in the catalogue too. Keep the two in step.
WHO = (
    N_("The secretariat."),
    N_("A delegation's users, for their own delegation, and the secretariat."),
    N_("The nominating delegation and the secretariat."),
    N_("The nominating delegation's users and the secretariat."),
    N_("A confirmed co-chair of this roundtable."),
    N_("The secretariat and the confirmed co-chairs of this roundtable."),
    N_("The chair, the secretariat and the confirmed co-chairs of this roundtable."),
)


def can_manage_roundtables(user) -> bool:
    """The secretariat."""
    return is_secretariat(user)


def can_decide_nominations(user) -> bool:
    """The secretariat."""
    return is_secretariat(user)


def can_see_nominations(user) -> bool:
    """The secretariat."""
    return is_secretariat(user)


def can_nominate(user, delegation=None) -> bool:
    """A delegation's users, for their own delegation, and the secretariat.

    Without a delegation: whether the user may nominate at all (for the form and the API).
    """
    if delegation is None:
        return is_secretariat(user) or (is_delegation_user(user) and user.delegation_id is not None)
    return acts_for(user, delegation)


def can_name_the_delegation(user) -> bool:
    """The secretariat says which delegation nominates; a delegation nominates for itself."""
    return is_secretariat(user)


def can_see_nomination(user, nomination) -> bool:
    """The nominating delegation and the secretariat."""
    return acts_for(user, nomination.delegation)


def is_confirmed_cochair(user, roundtable) -> bool:
    """A confirmed co-chair of this roundtable."""
    if not logged_in(user) or roundtable is None or getattr(user, "id", None) is None:
        return False
    return any(n.status == "confirmed" and n.user_id == user.id for n in roundtable.nominations)


def can_run_roundtable(user, roundtable) -> bool:
    """The chair, the secretariat and the confirmed co-chairs of this roundtable."""
    return is_chair(user) or is_confirmed_cochair(user, roundtable)


def can_edit_summary(user, roundtable) -> bool:
    """The secretariat and the confirmed co-chairs of this roundtable."""
    return is_secretariat(user) or is_confirmed_cochair(user, roundtable)


def can_finalize_summary(user) -> bool:
    """The secretariat."""
    return is_secretariat(user)


def can_manage_panelists(user, roundtable) -> bool:
    """The secretariat and the confirmed co-chairs of this roundtable."""
    return is_secretariat(user) or is_confirmed_cochair(user, roundtable)


def can_withdraw_nomination(user, nomination) -> bool:
    """The nominating delegation's users and the secretariat."""
    return acts_for(user, nomination.delegation)


def is_cochair_of_block(user, block) -> bool:
    """A confirmed co-chair of the roundtable held in this meeting block (the floor asks it through its hook)."""
    if not logged_in(user) or getattr(user, "id", None) is None or block is None:
        return False
    stmt = (
        select(Nomination.id)
        .join(Roundtable, Nomination.roundtable_id == Roundtable.id)
        .where(Roundtable.block_id == block.id, Nomination.user_id == user.id,
               Nomination.status == NominationStatus.confirmed)
        .limit(1)
    )  # fmt: skip
    return db.session.scalar(stmt) is not None
