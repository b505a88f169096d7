"""One function per action on roundtables and their co-chairs: create a roundtable, nominate, confirm,
decline, withdraw. Services flush; the page or API route commits once.

Who may co-chair is decided under `lock_commission_session`, inside the request's one transaction
(meetings.roundtables.rules explains the decision); the unique constraints on (roundtable,
confirmed group), (roundtable, seat) and (session, exclusive group) back it in the schema, and a
confirmation that loses a race against them gets the same sentence as one refused by the check.
"""

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from meetings.audit import services as audit
from meetings.auth.actors import Actor
from meetings.auth.models import User
from meetings.delegations.models import Delegation
from meetings.delegations.services import delegation_by_code
from meetings.extensions import db
from meetings.i18n.words import _, ngettext, shown, shown_list
from meetings.locking import lock_commission_session
from meetings.programme.models import BlockKind, CommissionSession, MeetingBlock
from meetings.refusal import Refusal, require, taken_meanwhile
from meetings.roundtables import permissions, rules
from meetings.roundtables.models import Nomination, NominationStatus, Roundtable
from meetings.timeutil import to_local, utcnow

FEATURE = "roundtables"
ACTIVE = (NominationStatus.pending, NominationStatus.confirmed)


# --- names: the record's (English, kept as written) and the reader's -------------------------


def label_of(n: Nomination) -> str:
    """How the audit log names a nomination: "Ms Anna Gruber (Austria) for co-chair of Roundtable 1"."""
    return f"{n.nominee_name} ({n.delegation.name}) for co-chair of Roundtable {n.roundtable.number}"


def shown_nominee(n: Nomination) -> str:
    """A nominee as a sentence names them: "Ms Anna Gruber (Austria, Western European and other States)"."""
    group = n.delegation.regional_group
    if group is None:
        return _("%(name)s (%(delegation)s)", name=n.nominee_name, delegation=n.delegation.shown_name)
    return _("%(name)s (%(delegation)s, %(group)s)", name=n.nominee_name, delegation=n.delegation.shown_name,
             group=group.shown_name)  # fmt: skip


def state_of(n: Nomination) -> dict:
    return {"status": n.status.value, "seat": n.seat,
            "group": n.delegation.regional_group.name if n.confirmed_group_id else None}  # fmt: skip


def _log(actor: Actor, action: str, n: Nomination, *, before: dict | None = None, after: dict | None = None,
         reason: str = "") -> None:  # fmt: skip
    audit.record(actor, FEATURE, action, target=n, commission_session=n.commission_session_id, label=label_of(n),
                 delegation=n.delegation, before=before, after=after if after is not None else state_of(n),
                 reason=reason)  # fmt: skip


# --- reading --------------------------------------------------------------------------------


def roundtables_of(cs: CommissionSession) -> list[Roundtable]:
    stmt = (
        select(Roundtable)
        .where(Roundtable.commission_session_id == cs.id)
        .options(joinedload(Roundtable.block).joinedload(MeetingBlock.room))
        .order_by(Roundtable.number)
    )
    return list(db.session.scalars(stmt))


def roundtable_for(cs: CommissionSession, roundtable_id: int) -> Roundtable:
    """The session's roundtable, or a refusal (404) for an unknown one or another session's."""
    roundtable = db.session.get(Roundtable, roundtable_id)
    if roundtable is None or roundtable.commission_session_id != cs.id:
        raise Refusal(_("There is no such roundtable in this session."), status=404)
    return roundtable


def roundtable_of_block(block: MeetingBlock) -> Roundtable | None:
    if block.kind != BlockKind.roundtable:
        return None
    return db.session.scalar(select(Roundtable).where(Roundtable.block_id == block.id))


def nomination_for(cs: CommissionSession, nomination_id: int, user: Actor | None) -> Nomination:
    """A nomination the user may see (its delegation's users and the secretariat), or a refusal."""
    n = db.session.get(Nomination, nomination_id)
    if n is None or n.commission_session_id != cs.id:
        raise Refusal(_("There is no such nomination in this session."), status=404)
    require(permissions.can_see_nomination(user, n), _("This nomination belongs to another delegation."))
    return n


def confirmed_cochairs(roundtable: Roundtable) -> list[Nomination]:
    """The roundtable's confirmed co-chairs, by seat."""
    stmt = (
        select(Nomination)
        .where(Nomination.roundtable_id == roundtable.id, Nomination.status == NominationStatus.confirmed)
        .options(joinedload(Nomination.delegation).joinedload(Delegation.regional_group))
        .order_by(Nomination.seat)
    )
    return list(db.session.scalars(stmt))


def nominations_of(cs: CommissionSession, status: NominationStatus | None = None,
                   delegation: Delegation | None = None) -> list[Nomination]:  # fmt: skip
    """The session's nominations, by roundtable and order of arrival; of one status or delegation if asked."""
    stmt = (
        select(Nomination)
        .join(Roundtable, Nomination.roundtable_id == Roundtable.id)
        .where(Nomination.commission_session_id == cs.id)
        .options(joinedload(Nomination.roundtable), joinedload(Nomination.delegation), joinedload(Nomination.user))
        .order_by(Roundtable.number, Nomination.submitted_at, Nomination.id)
    )
    if status is not None:
        stmt = stmt.where(Nomination.status == status)
    if delegation is not None:
        stmt = stmt.where(Nomination.delegation_id == delegation.id)
    return list(db.session.scalars(stmt))


def cochair_of(cs: CommissionSession, user: Actor | None) -> list[Roundtable]:
    """The roundtables whose confirmed co-chair logs in as this user (their consoles)."""
    if getattr(user, "id", None) is None:
        return []
    stmt = (
        select(Roundtable)
        .join(Nomination, Nomination.roundtable_id == Roundtable.id)
        .where(Roundtable.commission_session_id == cs.id, Nomination.user_id == user.id,
               Nomination.status == NominationStatus.confirmed)
        .order_by(Roundtable.number)
    )  # fmt: skip
    return list(db.session.scalars(stmt))


def free_blocks(cs: CommissionSession) -> list[MeetingBlock]:
    """The session's roundtable meetings that hold no roundtable yet (and are not cancelled)."""
    taken = select(Roundtable.block_id)
    stmt = select(MeetingBlock).where(
        MeetingBlock.commission_session_id == cs.id, MeetingBlock.kind == BlockKind.roundtable,
        MeetingBlock.cancelled_at.is_(None), MeetingBlock.id.not_in(taken),
    ).order_by(MeetingBlock.starts_at)  # fmt: skip
    return list(db.session.scalars(stmt))


def accounts_of(delegation: Delegation | None) -> list[User]:
    """The active accounts of a delegation, any of which may act as its co-chair; None: of every delegation."""
    stmt = select(User).where(User.active.is_(True)).order_by(User.username)
    if delegation is None:
        return list(db.session.scalars(stmt.where(User.delegation_id.is_not(None))))
    return list(db.session.scalars(stmt.where(User.delegation_id == delegation.id)))


def deadline_words(cs: CommissionSession) -> str | None:
    """When nominations close, as a sentence in the reader's language; None when no deadline is set."""
    closes = cs.rules.nominations_close if cs.rules else None
    if closes is None:
        return None
    local = to_local(closes, cs.timezone)
    if rules.closes_at_midnight(local):
        return _("at the end of %(day)s (%(zone)s time)", day=shown(local - timedelta(days=1), "%A %d %B %Y"),
                 zone=cs.timezone)  # fmt: skip
    return _("on %(when)s (%(zone)s time)", when=shown(local, "%A %d %B %Y at %H:%M"), zone=cs.timezone)


def nominations_open(cs: CommissionSession, now: datetime | None = None) -> bool:
    return rules.nominations_open(now or utcnow(), cs.rules.nominations_close if cs.rules else None)


# --- the roundtables ------------------------------------------------------------------------


def create_roundtable(cs: CommissionSession, actor: Actor, *, block_id: int | None, number: int | None,
                      topic: str) -> Roundtable:  # fmt: skip
    """The secretariat puts a roundtable (number, topic) on one of the session's roundtable meetings."""
    require(permissions.can_manage_roundtables(actor), _("Only the secretariat sets up roundtables."))
    topic = " ".join((topic or "").split())
    if not topic:
        message = _("Give the roundtable's topic.")
        raise Refusal(message, {"topic": [message]}, status=422)
    if number is None or number < 1:
        message = _("A roundtable's number is a whole number from 1.")
        raise Refusal(message, {"number": [message]}, status=422)
    lock_commission_session(cs.id)
    block = db.session.get(MeetingBlock, block_id) if block_id is not None else None
    if block is None or block.commission_session_id != cs.id or block.kind != BlockKind.roundtable:
        message = _("Choose one of the session's roundtable meetings.")
        raise Refusal(message, {"block_id": [message]}, status=422)
    if block.is_cancelled:
        message = _("The meeting “%(meeting)s” is cancelled.", meeting=block.title)
        raise Refusal(message, {"block_id": [message]}, status=409)
    _refuse_taken(cs, block, number)
    roundtable = Roundtable(
        commission_session_id=cs.id, number=number, topic=topic[:300], block_id=block.id, summary=""
    )
    with (
        taken_meanwhile(sentence=lambda: _("Someone set up this roundtable at the same moment; nothing was changed.")),
        db.session.begin_nested(),
    ):
        db.session.add(roundtable)
        db.session.flush()
    audit.record(actor, FEATURE, "roundtable_created", target=roundtable, commission_session=cs,
                 label=f"Roundtable {number}: {roundtable.topic}",
                 after={"number": number, "topic": roundtable.topic, "meeting": block.title})  # fmt: skip
    return roundtable


def _refuse_taken(cs: CommissionSession, block: MeetingBlock, number: int) -> None:
    on_block = db.session.scalar(select(Roundtable).where(Roundtable.block_id == block.id))
    if on_block is not None:
        message = _("The meeting “%(meeting)s” already holds Roundtable %(number)d (“%(topic)s”).",
                    meeting=block.title, number=on_block.number, topic=on_block.topic)  # fmt: skip
        raise Refusal(message, {"block_id": [message]}, status=409)
    same_number = db.session.scalar(
        select(Roundtable).where(Roundtable.commission_session_id == cs.id, Roundtable.number == number)
    )
    if same_number is not None:
        message = _("Roundtable %(number)d already exists (“%(topic)s”).", number=number, topic=same_number.topic)
        raise Refusal(message, {"number": [message]}, status=409)


# --- nominations ----------------------------------------------------------------------------


def nominating_delegation(actor: Actor, code: str | None) -> Delegation:
    """For whom a nomination is made: a delegation's users nominate for their own delegation; the
    secretariat names it by its code."""
    code = (code or "").strip().upper()
    if permissions.can_name_the_delegation(actor):
        delegation = delegation_by_code(code) if code else None
        if delegation is None:
            message = _("Name the nominee's delegation (its code, e.g. AUT).") if not code else _(
                "There is no delegation with the code '%(code)s'.", code=code)  # fmt: skip
            raise Refusal(message, {"delegation": [message]}, status=422)
        return delegation
    own = getattr(actor, "delegation", None)
    require(own is not None and permissions.can_nominate(actor), _("Only a delegation nominates a co-chair."))
    if code and code != own.code:
        raise Refusal(_("You can nominate a co-chair for your own delegation only."), status=403)
    return own


def nominate(cs: CommissionSession, actor: Actor, roundtable: Roundtable, *, delegation: Delegation | None,
             nominee_name: str, nominee_title: str = "", on_behalf_of_group: bool = False,
             account: str | None = None, now: datetime | None = None) -> Nomination:  # fmt: skip
    """A delegation (or a regional group through its chair's delegation) nominates one of its people
    as co-chair of a roundtable, before the deadline. The nomination waits for the secretariat."""
    if roundtable is None or roundtable.commission_session_id != cs.id:
        raise Refusal(_("There is no such roundtable in this session."), status=404)
    if delegation is None:
        message = _("Name the nominee's delegation.")
        raise Refusal(message, {"delegation": [message]}, status=422)
    require(permissions.can_nominate(actor, delegation), _("You can nominate a co-chair for your own delegation only."))
    name = " ".join((nominee_name or "").split())
    if not name:
        message = _("Give the nominee's name.")
        raise Refusal(message, {"nominee_name": [message]}, status=422)
    if delegation.regional_group is None:
        raise Refusal(no_group_sentence(delegation), status=409)
    now = now or utcnow()
    if not rules.nominations_open(now, cs.rules.nominations_close):
        raise Refusal(_("Nominations of co-chairs closed %(when)s.", when=deadline_words(cs)), status=409)
    user = _account(delegation, account)
    lock_commission_session(cs.id)
    _refuse_duplicate(roundtable, delegation, name)
    _refuse_seated_group(cs, roundtable, delegation)
    n = Nomination(commission_session_id=cs.id, roundtable=roundtable, delegation=delegation, nominee_name=name[:200],
                   nominee_title=" ".join((nominee_title or "").split())[:200], user=user,
                   on_behalf_of_group=delegation.regional_group if on_behalf_of_group else None,
                   status=NominationStatus.pending, submitted_at=now, reason="")  # fmt: skip
    db.session.add(n)
    db.session.flush()
    _log(actor, "nominated", n, after={**state_of(n), "nominee_title": n.nominee_title,
                                       "on_behalf_of_group": on_behalf_of_group, "account": user.username if user else None})  # fmt: skip
    return n


def no_group_sentence(delegation: Delegation) -> str:
    """Why an observer State, an IGO or an NGO cannot nominate a co-chair."""
    return _("%(delegation)s belongs to no regional group: the co-chairs of a roundtable represent the regional groups "
             "of Member States, so observers, intergovernmental and non-governmental organizations cannot nominate "
             "one.", delegation=delegation.shown_name)  # fmt: skip


def _account(delegation: Delegation, username: str | None) -> User | None:
    """The account the co-chair will log in with: one of the nominating delegation's own."""
    username = (username or "").strip()
    if not username:
        return None
    user = next((u for u in accounts_of(delegation) if u.username == username), None)
    if user is None:
        message = _("The account “%(account)s” is not an active account of %(delegation)s.", account=username,
                    delegation=delegation.shown_name)  # fmt: skip
        raise Refusal(message, {"account": [message]}, status=422)
    return user


def _refuse_duplicate(roundtable: Roundtable, delegation: Delegation, name: str) -> None:
    mine = db.session.scalars(select(Nomination).where(
        Nomination.roundtable_id == roundtable.id, Nomination.delegation_id == delegation.id,
        Nomination.status.in_(ACTIVE)))  # fmt: skip
    for other in mine:
        if rules.same_person(other.nominee_name, name):
            raise Refusal(_("%(name)s is already nominated for Roundtable %(number)d (%(status)s).", name=name,
                            number=roundtable.number, status=other.status.label), status=409)  # fmt: skip


def _refuse_seated_group(cs: CommissionSession, roundtable: Roundtable, delegation: Delegation) -> None:
    """A nomination that could never be confirmed is refused at once, with the same reason."""
    clash = rules.confirmation_clash(roundtable.id, delegation.regional_group_id, _seats(cs),
                                     cs.rules.cochairs_per_roundtable, cs.rules.rt_groups_distinct_across)  # fmt: skip
    if clash is not None and clash.kind != rules.ClashKind.full:
        raise Refusal(clash_sentence(clash), status=409)


def _seats(cs: CommissionSession, excluding: int | None = None) -> list[rules.Seat]:
    rows = db.session.execute(
        select(Nomination.id, Nomination.roundtable_id, Roundtable.number, Nomination.confirmed_group_id,
               Nomination.seat)
        .join(Roundtable, Nomination.roundtable_id == Roundtable.id)
        .where(Nomination.commission_session_id == cs.id, Nomination.status == NominationStatus.confirmed)
    )  # fmt: skip
    return [rules.Seat(*row) for row in rows if row[0] != excluding]


def clash_sentence(clash: rules.Clash) -> str:
    """Why a confirmation is refused, naming the co-chair (or co-chairs) it clashes with."""
    seated = [db.session.get(Nomination, s.nomination_id) for s in clash.with_]
    first = seated[0]
    number = first.roundtable.number
    if clash.kind == rules.ClashKind.same_group:
        return _("%(cochair)s is already a co-chair of Roundtable %(number)d: two co-chairs of one roundtable cannot "
                 "come from the same regional group.", cochair=shown_nominee(first), number=number)  # fmt: skip
    if clash.kind == rules.ClashKind.group_elsewhere:
        return _("%(cochair)s is already a co-chair of Roundtable %(number)d: the session's rules keep the regional "
                 "groups of co-chairs distinct across roundtables.", cochair=shown_nominee(first), number=number)  # fmt: skip
    return ngettext("Roundtable %(number)d already has its %(num)d co-chair: %(cochairs)s.",
                    "Roundtable %(number)d already has its %(num)d co-chairs: %(cochairs)s.", len(seated),
                    number=number, cochairs=shown_list(shown_nominee(n) for n in seated))  # fmt: skip


def _locked(cs: CommissionSession, n: Nomination) -> Nomination:
    """The nomination as it stands now, read again under the session lock."""
    lock_commission_session(cs.id)
    db.session.refresh(n)
    return n


def _not_pending(n: Nomination) -> str:
    if n.status == NominationStatus.confirmed:
        return _("This nomination is already confirmed.")
    if n.status == NominationStatus.declined:
        return _("This nomination was declined.")
    return _("This nomination was withdrawn.")


def confirm(cs: CommissionSession, actor: Actor, n: Nomination) -> Nomination:
    """The secretariat confirms a nominee as co-chair: a free seat, and the regional group fixed."""
    require(permissions.can_decide_nominations(actor), _("Only the secretariat confirms or declines a nomination."))
    n = _locked(cs, n)
    if n.status != NominationStatus.pending:
        raise Refusal(_not_pending(n), status=409)
    group = n.delegation.regional_group
    if group is None:  # a Member State that lost its group since: the rule cannot be applied
        raise Refusal(_("%(delegation)s belongs to no regional group; it cannot provide a co-chair.",
                        delegation=n.delegation.shown_name), status=409)  # fmt: skip
    r = cs.rules
    seats = _seats(cs, excluding=n.id)
    clash = rules.confirmation_clash(n.roundtable_id, group.id, seats, r.cochairs_per_roundtable,
                                     r.rt_groups_distinct_across)  # fmt: skip
    if clash is not None:
        raise Refusal(clash_sentence(clash), status=409)
    seat = rules.free_seat((s.seat for s in seats if s.roundtable_id == n.roundtable_id), r.cochairs_per_roundtable)
    before = state_of(n)
    try:
        # Changed inside the savepoint, so that losing to the constraint undoes only this change.
        with db.session.begin_nested():
            n.status, n.seat, n.confirmed_group_id, n.decided_at = NominationStatus.confirmed, seat, group.id, utcnow()
            n.exclusive_group_id = group.id if r.rt_groups_distinct_across else None
            db.session.flush()
    except IntegrityError:  # another confirmation committed between our check and our write
        raise Refusal(_raced(cs, n, group.id), status=409) from None
    _log(actor, "confirmed", n, before=before)
    return n


def _raced(cs: CommissionSession, n: Nomination, group_id: int) -> str:
    r = cs.rules
    clash = rules.confirmation_clash(n.roundtable_id, group_id, _seats(cs, excluding=n.id), r.cochairs_per_roundtable,
                                     r.rt_groups_distinct_across)  # fmt: skip
    if clash is not None:
        return clash_sentence(clash)
    return _("Another co-chair was confirmed at the same moment; nothing was changed. Look again and repeat if needed.")


def decline(cs: CommissionSession, actor: Actor, n: Nomination, reason: str) -> Nomination:
    """The secretariat declines a pending nomination, saying why (the delegation reads it)."""
    require(permissions.can_decide_nominations(actor), _("Only the secretariat confirms or declines a nomination."))
    reason = (reason or "").strip()
    if not reason:
        message = _("Give the reason for declining the nomination.")
        raise Refusal(message, {"reason": [message]}, status=422)
    n = _locked(cs, n)
    if n.status != NominationStatus.pending:
        raise Refusal(_not_pending(n), status=409)
    before = state_of(n)
    n.status, n.reason, n.decided_at = NominationStatus.declined, reason[:1000], utcnow()
    db.session.flush()
    _log(actor, "declined", n, before=before, reason=n.reason)
    return n


def withdraw(cs: CommissionSession, actor: Actor, n: Nomination, reason: str = "") -> Nomination:
    """The nominating delegation (or the secretariat for it) withdraws a pending or confirmed nomination;
    a confirmed co-chair's seat is free again."""
    require(permissions.can_withdraw_nomination(actor, n), _("This nomination belongs to another delegation."))
    n = _locked(cs, n)
    if n.status not in ACTIVE:
        raise Refusal(_not_pending(n), status=409)
    before = state_of(n)
    n.status, n.decided_at = NominationStatus.withdrawn, utcnow()
    n.seat = n.confirmed_group_id = n.exclusive_group_id = None
    n.reason = (reason or "").strip()[:1000]
    db.session.flush()
    _log(actor, "withdrawn", n, before=before, reason=n.reason or "Withdrawn by the nominating delegation.")
    return n
