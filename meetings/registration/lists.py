"""Reading registrations across delegations: the lists per segment and per delegation with their counts,
the delegations not registered for the high-level segment, and what the general debate asks (through
meetings.hooks) about its speakers."""

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from meetings.delegations.models import Delegation, DelegationKind, RegionalGroup
from meetings.exports.filters import ListFilter, group_choices, group_of, list_filter, row_filter
from meetings.extensions import db
from meetings.hooks import SpeakerChoice
from meetings.i18n.words import _, pgettext
from meetings.programme.models import CommissionSession
from meetings.registration import permissions, rules
from meetings.registration.models import (
    Attendance,
    Participant,
    ParticipantStatus,
    Registration,
    RegistrationStatus,
    Segment,
)

LISTED = (RegistrationStatus.submitted, RegistrationStatus.approved, RegistrationStatus.returned)
LIST_SEGMENTS = ("high_level", "regular")


def segment_title(segment: str) -> str:
    """A list's heading: the high-level segment or the regular one."""
    return _("High-level segment") if segment == "high_level" else _("Regular segment")


def _order_key(p: Participant) -> tuple:
    d = p.registration.delegation
    group = d.regional_group
    return (group.position if group else 99, d.name, not p.head_of_delegation, p.name.casefold(), p.id)


def participants_of(cs: CommissionSession, delegation: Delegation | None = None,
                    include_drafts: bool = False) -> list[Participant]:  # fmt: skip
    """The participants of the session's registrations (a draft is the delegation's own, not yet the secretariat's),
    by regional group, delegation, head of delegation first, then name."""
    stmt = (
        select(Participant)
        .join(Registration, Participant.registration_id == Registration.id)
        .where(Registration.commission_session_id == cs.id)
        .options(joinedload(Participant.registration).joinedload(Registration.delegation)
                 .joinedload(Delegation.regional_group))
    )  # fmt: skip
    if not include_drafts:
        stmt = stmt.where(Registration.status.in_(LISTED))
    if delegation is not None:
        stmt = stmt.where(Registration.delegation_id == delegation.id)
    return sorted(db.session.scalars(stmt).unique(), key=_order_key)


def counts_of(participants: list[Participant]) -> rules.Counts:
    return rules.counts(
        rules.Counted(group=p.registration.delegation.regional_group.code if p.registration.delegation.regional_group
                      else None, delegation=p.registration.delegation.code, segment=p.segment.value)
        for p in participants
    )  # fmt: skip


def count_rows() -> list[tuple[str, str | None]]:
    """The rows of the counts table: the five regional groups, then the delegations outside them."""
    groups = db.session.scalars(select(RegionalGroup).order_by(RegionalGroup.position))
    return [(g.shown_name, g.code) for g in groups] + [(_("No regional group (observers, organizations)"), None)]


def participants_filter(args) -> tuple[ListFilter, Callable[[Participant], bool]]:
    """The lists' filter: segment, regional group, status, attendance, and a name or code."""
    form = list_filter(args, _("Delegation, participant or code contains"), {
        "segment": (_("Segment"), [(s, segment_title(s)) for s in LIST_SEGMENTS]),
        "group": (_("Regional group"), group_choices()),
        "status": (pgettext("a registered participant", "Status"), [(s.value, s.label) for s in ParticipantStatus]),
        "attendance": (_("Attendance"), [(a.value, a.label) for a in Attendance]),
    })  # fmt: skip
    keep = row_filter(
        form,
        {"group": lambda p: group_of(p.registration.delegation), "status": lambda p: p.status.value,
         "attendance": lambda p: p.attendance.value},
        lambda p: [p.registration.delegation.code, p.registration.delegation.name,
                   *(p.registration.delegation.names or {}).values(), p.name, p.title, p.function],
    )  # fmt: skip
    segment = form.segment.data if not form.errors else ""

    def keeps(p: Participant) -> bool:
        return keep(p) and (not segment or rules.counts_in(p.segment.value, segment))

    return form, keeps


def segments_shown(form: ListFilter) -> tuple[str, ...]:
    return (form.segment.data,) if form.segment.data in LIST_SEGMENTS else LIST_SEGMENTS


@dataclass
class DelegationRows:
    delegation: Delegation
    participants: list[Participant]


def by_segment(participants: list[Participant], segments: tuple[str, ...]) -> list[tuple[str, list[DelegationRows]]]:
    """Each segment's list, delegation by delegation (a participant of both segments is in each)."""
    out = []
    for segment in segments:
        rows: list[DelegationRows] = []
        for p in participants:
            if not rules.counts_in(p.segment.value, segment):
                continue
            d = p.registration.delegation
            if not rows or rows[-1].delegation.id != d.id:
                rows.append(DelegationRows(d, []))
            rows[-1].participants.append(p)
        out.append((segment, rows))
    return out


# --- the delegations not registered for the high-level segment ------------------------------------


@dataclass
class Missing:
    delegation: Delegation
    registration: Registration | None

    @property
    def state(self) -> str:
        """Why the delegation does not count as registered for the high-level segment, in words."""
        r = self.registration
        if r is None:
            return _("No registration")
        if r.status == RegistrationStatus.draft:
            return _("Registration begun, not submitted")
        if r.status == RegistrationStatus.returned:
            return _("Registration returned to the delegation")
        return _("No participant in the high-level segment")


def registered_for_high_level(r: Registration | None) -> bool:
    """Registered for the high-level segment: a submitted or approved registration with a participant of that
    segment (or both) that the secretariat did not return."""
    if r is None or r.status not in (RegistrationStatus.submitted, RegistrationStatus.approved):
        return False
    return any(p.segment.in_high_level and p.status != ParticipantStatus.returned for p in r.participants)


def missing_high_level(cs: CommissionSession) -> list[Missing]:
    """Every delegation not registered for the high-level segment, by kind, regional group and name."""
    registrations = {
        r.delegation_id: r
        for r in db.session.scalars(
            select(Registration).where(Registration.commission_session_id == cs.id)
            .options(selectinload(Registration.participants))
        )
    }  # fmt: skip
    kinds = list(DelegationKind)
    delegations = db.session.scalars(select(Delegation).options(joinedload(Delegation.regional_group)))
    missing = [Missing(d, registrations.get(d.id)) for d in delegations
               if not registered_for_high_level(registrations.get(d.id))]  # fmt: skip
    return sorted(missing, key=lambda m: (kinds.index(m.delegation.kind), m.delegation.regional_group.position
                                          if m.delegation.regional_group else 99, m.delegation.name))  # fmt: skip


def missing_filter(args) -> tuple[ListFilter, Callable[[Missing], bool]]:
    form = list_filter(args, _("Delegation or code contains"), {
        "group": (_("Regional group"), group_choices()),
        "kind": (_("Kind"), [(k.value, k.label) for k in DelegationKind]),
    })  # fmt: skip
    keep = row_filter(
        form, {"group": lambda m: group_of(m.delegation), "kind": lambda m: m.delegation.kind.value},
        lambda m: [m.delegation.code, m.delegation.name, *(m.delegation.names or {}).values()],
    )  # fmt: skip
    return form, keep


# --- what the general debate asks (through meetings.hooks) ------------------------------------------


def _people(cs: CommissionSession, delegation_ids: set[int]) -> dict[int, list[rules.Person]]:
    stmt = (
        select(Participant, Registration)
        .join(Registration, Participant.registration_id == Registration.id)
        .where(Registration.commission_session_id == cs.id, Registration.delegation_id.in_(delegation_ids))
    )
    people: dict[int, list[rules.Person]] = {}
    for p, r in db.session.execute(stmt):
        people.setdefault(r.delegation_id, []).append(
            rules.Person(p.name, p.title, p.segment.value, p.status.value, r.status.value)
        )
    return people


def speaker_standings(cs: CommissionSession, speakers: list) -> dict[tuple[int, str], str]:
    """Each (delegation, speaker name): approved, awaiting_approval or not_registered (meetings.registration.rules)."""
    people = _people(cs, {d.id for d, _name in speakers if d is not None})
    return {(d.id, name): rules.speaker_standing(name, people.get(d.id, [])) for d, name in speakers if d is not None}


def speaker_notes(user, cs: CommissionSession, speakers: list) -> dict:
    """For the secretariat: beside each general-debate speaker who is not an approved high-level participant
    of their delegation, whether they are not registered at all or not yet approved."""
    if not permissions.can_see_speaker_registration(user):
        return {}
    words = {rules.NOT_REGISTERED: _("not registered for the high-level segment"),
             rules.AWAITING: _("registered for the high-level segment, not yet approved")}  # fmt: skip
    return {key: words[standing] for key, standing in speaker_standings(cs, speakers).items() if standing in words}


def speaker_choices(cs: CommissionSession, delegation: Delegation) -> list[SpeakerChoice]:
    """The delegation's registered high-level participants (a submitted or approved registration, not returned),
    head of delegation first: whom it may choose as its general-debate speaker."""
    stmt = (
        select(Participant)
        .join(Registration, Participant.registration_id == Registration.id)
        .where(Registration.commission_session_id == cs.id, Registration.delegation_id == delegation.id,
               Registration.status.in_((RegistrationStatus.submitted, RegistrationStatus.approved)),
               Participant.segment.in_((Segment.high_level, Segment.both)),
               Participant.status != ParticipantStatus.returned)
        .order_by(Participant.head_of_delegation.desc(), Participant.id)
    )  # fmt: skip
    choices = []
    for p in db.session.scalars(stmt):
        note = "" if p.status == ParticipantStatus.approved else _("not yet approved")
        choices.append(SpeakerChoice(key=str(p.id), name=p.name, title=p.function or p.title, note=note))
    return choices
