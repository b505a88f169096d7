"""The session's rules changed: the confirmed co-chairs must still satisfy them (a rules listener)."""

from sqlalchemy import select

from meetings.auth.actors import Actor
from meetings.extensions import db
from meetings.i18n.words import _, shown_list
from meetings.locking import lock_commission_session
from meetings.programme.models import CommissionSession
from meetings.refusal import Refusal
from meetings.roundtables.models import Nomination, NominationStatus, Roundtable
from meetings.roundtables.nominations import shown_nominee


def follow_rules(cs: CommissionSession, changed: dict, actor: Actor) -> None:
    """The confirmed co-chairs must still satisfy changed rules; otherwise the change is refused (nothing saved).

    Fewer co-chairs per roundtable than some roundtable already has, or groups kept distinct across
    roundtables while one group co-chairs two, is refused naming the co-chairs concerned. Keeping
    groups distinct also fixes each confirmed co-chair's group for the session in the schema.
    """
    if "cochairs_per_roundtable" not in changed and "rt_groups_distinct_across" not in changed:
        return
    lock_commission_session(cs.id)
    seated = list(db.session.scalars(
        select(Nomination).join(Roundtable, Nomination.roundtable_id == Roundtable.id)
        .where(Nomination.commission_session_id == cs.id, Nomination.status == NominationStatus.confirmed)
        .order_by(Roundtable.number, Nomination.seat)
    ))  # fmt: skip
    cap = cs.rules.cochairs_per_roundtable
    for number in sorted({n.roundtable.number for n in seated}):
        here = [n for n in seated if n.roundtable.number == number]
        if len(here) > cap:
            raise Refusal(_("The rules were not saved: Roundtable %(number)d has %(count)d confirmed co-chairs "
                            "(%(cochairs)s); withdraw one before lowering the number of co-chairs to %(cap)d.",
                            number=number, count=len(here), cochairs=shown_list(shown_nominee(n) for n in here),
                            cap=cap), {"cochairs_per_roundtable": [_("Fewer than the co-chairs confirmed.")]},
                          status=409)  # fmt: skip
    distinct = cs.rules.rt_groups_distinct_across
    if distinct:
        first_of: dict[int, Nomination] = {}
        for n in seated:
            other = first_of.setdefault(n.confirmed_group_id, n)
            if other is not n:
                raise Refusal(_("The rules were not saved: %(first)s co-chairs Roundtable %(one)d and %(second)s "
                                "Roundtable %(two)d, of the same regional group; withdraw one of them before keeping "
                                "the groups distinct across roundtables.", first=shown_nominee(other),
                                one=other.roundtable.number, second=shown_nominee(n), two=n.roundtable.number),
                              {"rt_groups_distinct_across": [_("Two roundtables have co-chairs of one group.")]},
                              status=409)  # fmt: skip
    for n in seated:
        n.exclusive_group_id = n.confirmed_group_id if distinct else None
    db.session.flush()
