"""Who may do what in the general debate."""

from meetings.auth.permissions import acts_for, is_chair, is_delegation_user, is_secretariat


def can_inscribe(user, delegation) -> bool:
    """A delegation inscribes its own speaker; the secretariat inscribes anyone."""
    return acts_for(user, delegation)


def can_take_part(user) -> bool:
    """A delegation's users and the secretariat."""
    return is_secretariat(user) or (is_delegation_user(user) and user.delegation is not None)


def can_see_working_list(user) -> bool:
    """The secretariat, the Chair and a delegation's users (the working list, its CSV and PDFs).

    Anyone else reads the latest published version: the working state is work in progress.
    """
    return is_chair(user) or (is_delegation_user(user) and user.delegation is not None)


def reads_published_list(user) -> bool:
    """Anyone who may not see the working list (the public): their menu leads to the latest published version."""
    return not can_see_working_list(user)


def can_name_the_delegation(user) -> bool:
    """The secretariat says for which delegation it inscribes; a delegation inscribes itself."""
    return is_secretariat(user)


def can_inscribe_late(user) -> bool:
    """After the deadline, only the secretariat adds a speaker (at the end of the list)."""
    return is_secretariat(user)


def can_change(user, inscription) -> bool:
    """Change the speaker or level, withdraw, upload the statement, propose a swap."""
    return acts_for(user, inscription.delegation)


def can_see_inscription(user, inscription) -> bool:
    return acts_for(user, inscription.delegation) or is_chair(user)


def can_mark_absent(user) -> bool:
    """The Chair and the secretariat."""
    return is_chair(user)


def can_confirm_swap(user, swap) -> bool:
    """The other delegation confirms; whoever proposed it cannot confirm it too."""
    return acts_for(user, swap.second.delegation) and getattr(user, "id", None) != swap.proposed_by_id


def can_manage_quotas(user) -> bool:
    """The secretariat."""
    return is_secretariat(user)


def can_draw(user) -> bool:
    """The secretariat (publish the commitment, draw, void)."""
    return is_secretariat(user)


def can_withdraw(user, inscription) -> bool:
    """The delegation itself (after a confirmation page) or the secretariat."""
    return acts_for(user, inscription.delegation)


def can_reinstate(user) -> bool:
    """The secretariat: a delegation cannot take a withdrawn place back by itself."""
    return is_secretariat(user)


def can_decline_swap(user, swap) -> bool:
    """The other delegation (or the secretariat for it); not whoever proposed it."""
    return acts_for(user, swap.second.delegation) and getattr(user, "id", None) != swap.proposed_by_id


def can_decide_level(user) -> bool:
    """The secretariat confirms or declines a raise of protocol level after the draw; its own changes apply at once."""
    return is_secretariat(user)


def can_cancel_level_request(user, request) -> bool:
    """The delegation that filed the request (or the secretariat for it)."""
    return acts_for(user, request.inscription.delegation)


def can_see_standing(user, delegation) -> bool:
    """The delegation's own users and the secretariat."""
    return acts_for(user, delegation)
