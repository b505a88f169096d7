"""One function per action on a delegation's registration. Services flush; the page or API route commits once.

A delegation registers its participants and uploads its note verbale while its registration is a
draft or was returned to it, then submits it; the secretariat approves it (every participant it did
not return is approved with it) or returns it with a reason. A submitted registration is with the
secretariat and does not change under its eyes; an approved one is changed only after it is
reopened (by the delegation or the secretariat), which takes it back through the secretariat:
until it approves it again, the delegation does not count as registered.

Every write is decided under `lock_commission_session`, inside the request's one transaction, with
the registration read again under the lock: two users of one delegation, or the delegation and the
secretariat, acting at once see each other's change. The schema backs it (one registration per
delegation and session, one head of delegation per registration).
"""

import secrets
from datetime import datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from meetings.audit import services as audit
from meetings.auth.actors import Actor, consequence
from meetings.debate.services import check_pdf
from meetings.delegations.models import Delegation
from meetings.extensions import db
from meetings.i18n.words import _, shown
from meetings.locking import lock_commission_session
from meetings.programme.models import CommissionSession
from meetings.refusal import Refusal, require, taken_meanwhile
from meetings.registration import permissions, rules
from meetings.registration.models import (
    Attendance,
    Participant,
    ParticipantStatus,
    Registration,
    RegistrationStatus,
    Segment,
)
from meetings.timeutil import to_local, utcnow

FEATURE = "registration"
FOLDER = "notes_verbales"


# --- names: the record's (English, kept as written) and the reader's -------------------------


def label_of(r: Registration) -> str:
    """How the audit log names a registration: "Austria's registration for CND67"."""
    return f"{r.delegation.name}'s registration for {r.commission_session.code}"


def participant_label(p: Participant) -> str:
    """How the audit log names a participant: "H.E. Mr. Karl Nehammer (Austria), registered participant"."""
    who = f"{p.title} {p.name}".strip()
    return f"{who} ({p.registration.delegation.name}), registered participant"


def participant_values(p: Participant) -> dict:
    return {"name": p.name, "title": p.title, "function": p.function, "head_of_delegation": p.head_of_delegation,
            "segment": p.segment.value, "attendance": p.attendance.value, "status": p.status.value}  # fmt: skip


def registration_values(r: Registration) -> dict:
    return {"status": r.status.value, "note_verbale": r.note_verbale_file,
            "participants": len(r.participants)}  # fmt: skip


def shown_time(cs: CommissionSession, instant: datetime) -> str:
    """A moment as a sentence shows it: the session's local time, in the reader's language."""
    return shown(to_local(instant, cs.timezone), "%d %B %Y at %H:%M")


def _log(actor: Actor, action: str, r: Registration, *, before: dict | None = None, after: dict | None = None,
         reason: str = "") -> None:  # fmt: skip
    audit.record(actor, FEATURE, action, target=r, commission_session=r.commission_session_id, label=label_of(r),
                 delegation=r.delegation, before=before,
                 after=after if after is not None else registration_values(r), reason=reason)  # fmt: skip


def _log_participant(actor: Actor, action: str, p: Participant, *, before: dict | None = None,
                     after: dict | None = None, reason: str = "") -> None:  # fmt: skip
    r = p.registration
    audit.record(actor, FEATURE, action, target=p, commission_session=r.commission_session_id,
                 label=participant_label(p), delegation=r.delegation, before=before,
                 after=after if after is not None else participant_values(p), reason=reason)  # fmt: skip


# --- reading ---------------------------------------------------------------------------------


def registration_of(cs: CommissionSession, delegation: Delegation) -> Registration | None:
    """The delegation's registration for the session, if it has begun one."""
    stmt = (
        select(Registration)
        .where(Registration.commission_session_id == cs.id, Registration.delegation_id == delegation.id)
        .options(selectinload(Registration.participants))
    )
    return db.session.scalar(stmt)


def registration_for(cs: CommissionSession, actor: Actor | None, delegation: Delegation) -> Registration | None:
    """The registration a user may see: their own delegation's, or any for the secretariat."""
    require(permissions.can_see_registration(actor, delegation), _own_only())
    return registration_of(cs, delegation)


def _own_only() -> str:
    return _("A delegation sees and changes only its own registration.")


def participant_for(cs: CommissionSession, actor: Actor | None, participant_id: int) -> Participant:
    """A participant the user may see (their own delegation's, or any for the secretariat), or a refusal."""
    p = db.session.get(Participant, participant_id)
    if p is None or p.registration.commission_session_id != cs.id:
        raise Refusal(_("There is no such participant in this session."), status=404)
    require(permissions.can_see_registration(actor, p.registration.delegation),
            _("This participant is registered by another delegation; a delegation sees and changes only its own "
              "participants."))  # fmt: skip
    return p


def registrations_of(cs: CommissionSession, status: RegistrationStatus | None = None) -> list[Registration]:
    """The session's registrations (for the secretariat), those submitted first, then by delegation."""
    stmt = (
        select(Registration)
        .join(Delegation, Registration.delegation_id == Delegation.id)
        .where(Registration.commission_session_id == cs.id)
        .options(selectinload(Registration.participants), selectinload(Registration.delegation))
        .order_by(Delegation.name)
    )
    if status is not None:
        stmt = stmt.where(Registration.status == status)
    return list(db.session.scalars(stmt))


def _has_approved_participant(commission_session_id: int, delegation: Delegation,
                              segments: tuple[Segment, ...] | None = None) -> bool:  # fmt: skip
    stmt = (
        select(Participant.id)
        .join(Registration, Participant.registration_id == Registration.id)
        .where(Registration.commission_session_id == commission_session_id,
               Registration.delegation_id == delegation.id, Registration.status == RegistrationStatus.approved,
               Participant.status == ParticipantStatus.approved)
        .limit(1)
    )  # fmt: skip
    if segments is not None:
        stmt = stmt.where(Participant.segment.in_(segments))
    return db.session.scalar(stmt) is not None


def high_level_approved(cs: CommissionSession, delegation: Delegation) -> bool:
    """Whether the delegation has an approved registration with at least one approved participant in the
    high-level segment (or both segments). Other features ask it (the bilateral rooms)."""
    return _has_approved_participant(cs.id, delegation, (Segment.high_level, Segment.both))


def registered_for_session(commission_session_id: int, delegation: Delegation) -> bool:
    """Whether the delegation has an approved registration with at least one approved participant (any segment).
    The side events ask it through meetings.hooks (a virtual event's meeting link is for registered people)."""
    return _has_approved_participant(commission_session_id, delegation)


def note_verbale_path(r: Registration | None) -> Path | None:
    if r is None or not r.note_verbale_file:
        return None
    return Path(current_app.config["UPLOAD_FOLDER"]) / FOLDER / r.note_verbale_file


# --- what a delegation types ------------------------------------------------------------------


def _one_line(value: str | None) -> str:
    return " ".join((value or "").split())


def _too_long(field: str, limit: int) -> Refusal:
    message = _("At most %(limit)d characters.", limit=limit)
    return Refusal(_("Some fields are too long: nothing was changed."), {field: [message]}, status=422)


def cleaned(*, name: str, title: str = "", function: str = "", segment: str, attendance: str) -> dict:
    """The participant's fields as stored, or a refusal naming each wrong field."""
    values = {"name": _one_line(name), "title": _one_line(title), "function": _one_line(function)}
    if not values["name"]:
        message = _("Give the participant's name.")
        raise Refusal(message, {"name": [message]}, status=422)
    for field, limit in (("name", rules.MAX_NAME), ("title", rules.MAX_TITLE), ("function", rules.MAX_FUNCTION)):
        if len(values[field]) > limit:
            raise _too_long(field, limit)
    if segment not in rules.SEGMENTS:
        message = _("Choose the segment: high-level, regular or both.")
        raise Refusal(message, {"segment": [message]}, status=422)
    if attendance not in rules.ATTENDANCES:
        message = _("Say whether the participant attends in person or online.")
        raise Refusal(message, {"attendance": [message]}, status=422)
    return {**values, "segment": Segment(segment), "attendance": Attendance(attendance)}


def _reason(reason: str | None, sentence: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise Refusal(sentence, {"reason": [sentence]}, status=422)
    if len(reason) > rules.MAX_REASON:
        raise _too_long("reason", rules.MAX_REASON)
    return reason


# --- the registration as it stands under the lock ----------------------------------------------


def _locked(cs: CommissionSession, delegation: Delegation) -> Registration | None:
    """The delegation's registration read again under the session lock (another request may have changed it)."""
    lock_commission_session(cs.id)
    stmt = select(Registration).where(Registration.commission_session_id == cs.id,
                                      Registration.delegation_id == delegation.id)  # fmt: skip
    r = db.session.scalar(stmt.execution_options(populate_existing=True))
    if r is not None:
        db.session.refresh(r, ["participants"])
    return r


def _locked_or_new(cs: CommissionSession, actor: Actor, delegation: Delegation) -> Registration:
    r = _locked(cs, delegation)
    if r is not None:
        return r
    r = Registration(commission_session_id=cs.id, delegation=delegation, status=RegistrationStatus.draft,
                     return_reason="", created_at=utcnow())  # fmt: skip
    sentence = lambda: _("Someone of your delegation began the registration at the same moment; nothing was "  # noqa: E731
                         "changed. Reload the page and try again.")  # fmt: skip
    with taken_meanwhile(sentence=sentence), db.session.begin_nested():
        db.session.add(r)
        db.session.flush()
    _log(actor, "registration_started", r, after={"status": r.status.value})
    return r


def _require_editable(cs: CommissionSession, r: Registration) -> None:
    """A delegation's change is refused while the secretariat has its registration, and after approval."""
    if rules.editable(r.status.value):
        return
    if r.status == RegistrationStatus.submitted:
        raise Refusal(_("The registration was submitted on %(when)s and is with the secretariat: it cannot be "
                        "changed until the secretariat returns it, or until you take it back with “Reopen”.",
                        when=shown_time(cs, r.submitted_at)), status=409)  # fmt: skip
    raise Refusal(_("The secretariat approved the registration on %(when)s. To change it, reopen it first: it then "
                    "goes back through the secretariat, and counts as approved again only when the secretariat "
                    "approves it again.", when=shown_time(cs, r.decided_at)), status=409)  # fmt: skip


def _refuse_second_head(r: Registration, head: bool, keep: Participant | None = None) -> None:
    if not head:
        return
    current = next((p for p in r.participants if p.head_of_delegation and p is not keep), None)
    if current is not None:
        message = _("%(name)s is already the head of delegation; a delegation has one head. Change that participant "
                    "first.", name=current.name)  # fmt: skip
        raise Refusal(message, {"head_of_delegation": [message]}, status=409)


def _refuse_same_person(r: Registration, name: str, keep: Participant | None = None) -> None:
    """A second row for the same person (a form sent twice) is refused."""
    for p in r.participants:
        if p is not keep and rules.person_key(p.name) == rules.person_key(name):
            message = _("%(name)s is already registered by %(delegation)s.", name=p.name,
                        delegation=r.delegation.shown_name)  # fmt: skip
            raise Refusal(message, {"name": [message]}, status=409)


def _flush_participant(r: Registration) -> None:
    """Write the participant; a head of delegation named at the same moment by someone else loses to the schema."""
    sentence = lambda: _("Someone of your delegation named a head of delegation at the same moment; nothing was "  # noqa: E731
                         "changed. Reload the page to see who.")  # fmt: skip
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as exc:
        raise Refusal(sentence(), {"head_of_delegation": [sentence()]}, status=409) from exc


# --- the delegation's actions -------------------------------------------------------------------


def add_participant(cs: CommissionSession, actor: Actor, delegation: Delegation, *, name: str, title: str = "",
                    function: str = "", head_of_delegation: bool = False, segment: str,
                    attendance: str) -> Participant:  # fmt: skip
    """A delegation registers one more participant (its registration begins with the first)."""
    require(permissions.can_register(actor, delegation), _own_only())
    values = cleaned(name=name, title=title, function=function, segment=segment, attendance=attendance)
    r = _locked_or_new(cs, actor, delegation)
    _require_editable(cs, r)
    _refuse_same_person(r, values["name"])
    _refuse_second_head(r, head_of_delegation)
    p = Participant(registration=r, head_of_delegation=bool(head_of_delegation), status=ParticipantStatus.pending,
                    return_reason="", created_at=utcnow(), **values)  # fmt: skip
    db.session.add(p)
    _flush_participant(r)
    _log_participant(actor, "participant_added", p)
    return p


def change_participant(cs: CommissionSession, actor: Actor, p: Participant, *, name: str, title: str = "",
                       function: str = "", head_of_delegation: bool = False, segment: str,
                       attendance: str) -> Participant:  # fmt: skip
    """A delegation corrects a participant; a participant changed waits for the secretariat's decision again."""
    delegation = p.registration.delegation
    require(permissions.can_register(actor, delegation), _own_only())
    values = cleaned(name=name, title=title, function=function, segment=segment, attendance=attendance)
    r = _locked(cs, delegation)
    db.session.refresh(p)
    _require_editable(cs, r)
    _refuse_same_person(r, values["name"], keep=p)
    _refuse_second_head(r, head_of_delegation, keep=p)
    before = participant_values(p)
    for key, value in values.items():
        setattr(p, key, value)
    p.head_of_delegation = bool(head_of_delegation)
    if participant_values(p) == before:
        return p  # nothing changed: no record, and the secretariat's decision stands
    p.status, p.return_reason = ParticipantStatus.pending, ""
    _flush_participant(r)
    _log_participant(actor, "participant_changed", p, before=before)
    return p


def remove_participant(cs: CommissionSession, actor: Actor, p: Participant) -> Registration:
    """A delegation takes a participant off its registration."""
    delegation = p.registration.delegation
    require(permissions.can_register(actor, delegation), _own_only())
    r = _locked(cs, delegation)
    _require_editable(cs, r)
    _log_participant(actor, "participant_removed", p, before=participant_values(p), after={})
    db.session.delete(p)
    db.session.flush()
    db.session.refresh(r, ["participants"])
    return r


def upload_note_verbale(cs: CommissionSession, actor: Actor, delegation: Delegation, data: bytes) -> Registration:
    """Keep the delegation's note verbale (a PDF, checked as the general debate checks statements)."""
    require(permissions.can_register(actor, delegation), _own_only())
    check_pdf(data, "note_verbale", _("The note verbale must be a PDF file."))
    r = _locked_or_new(cs, actor, delegation)
    _require_editable(cs, r)
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{cs.code}-{delegation.code}-{secrets.token_hex(8)}.pdf"
    (folder / name).write_bytes(data)
    before = {"note_verbale": r.note_verbale_file}
    r.note_verbale_file, r.note_verbale_uploaded_at = name, utcnow()
    db.session.flush()
    _log(actor, "note_verbale_uploaded", r, before=before, after={"note_verbale": name, "bytes": len(data)})
    return r


def submit(cs: CommissionSession, actor: Actor, delegation: Delegation, now: datetime | None = None) -> Registration:
    """The delegation sends its registration to the secretariat: its participants, a head of delegation, its note
    verbale. Each participant not approved yet waits for the secretariat's decision."""
    require(permissions.can_register(actor, delegation), _own_only())
    r = _locked(cs, delegation)
    if r is None or not r.participants:
        raise Refusal(_("Register at least one participant before submitting the registration."), status=409)
    if r.status == RegistrationStatus.submitted:
        raise Refusal(_("The registration was already submitted on %(when)s; the secretariat will approve it or "
                        "return it. Nothing was changed.", when=shown_time(cs, r.submitted_at)), status=409)  # fmt: skip
    if r.status == RegistrationStatus.approved:
        raise Refusal(_("The registration was already approved on %(when)s; nothing was changed.",
                        when=shown_time(cs, r.decided_at)), status=409)  # fmt: skip
    if not any(p.head_of_delegation for p in r.participants):
        raise Refusal(_("Say which participant is the head of delegation before submitting the registration."),
                      status=409)  # fmt: skip
    if not r.note_verbale_file:
        message = _("Upload the note verbale (PDF) before submitting the registration.")
        raise Refusal(message, {"note_verbale": [message]}, status=409)
    before = registration_values(r)
    r.status, r.submitted_at, r.decided_at = RegistrationStatus.submitted, now or utcnow(), None
    db.session.flush()
    _log(actor, "registration_submitted", r, before=before)
    system = consequence(actor, f"{label_of(r)} was submitted; rule: each participant not approved waits for the "
                                "secretariat's decision")  # fmt: skip
    for p in r.participants:
        if p.status == ParticipantStatus.returned:
            before_p = participant_values(p)
            p.status, p.return_reason = ParticipantStatus.pending, ""
            _log_participant(system, "participant_resubmitted", p, before=before_p)
    db.session.flush()
    return r


def reopen(cs: CommissionSession, actor: Actor, delegation: Delegation, reason: str = "") -> Registration:
    """A submitted or approved registration goes back to the delegation as a draft, to be changed and submitted
    again; an approved one no longer counts as approved until the secretariat approves it again."""
    require(permissions.can_register(actor, delegation), _own_only())
    reason = (reason or "").strip()
    if len(reason) > rules.MAX_REASON:
        raise _too_long("reason", rules.MAX_REASON)
    r = _locked(cs, delegation)
    if r is None or rules.editable(r.status.value):
        raise Refusal(_("The registration is already open for changes: change it, then submit it."), status=409)
    before = registration_values(r)
    r.status = RegistrationStatus.draft
    db.session.flush()
    _log(actor, "registration_reopened", r, before=before, reason=reason)
    return r


# --- the secretariat's decisions -------------------------------------------------------------------


def _locked_decision(cs: CommissionSession, actor: Actor, r: Registration) -> Registration:
    require(permissions.can_decide(actor), _("Only the secretariat approves or returns a registration."))
    return _locked(cs, r.delegation)


def approve(cs: CommissionSession, actor: Actor, r: Registration, now: datetime | None = None) -> Registration:
    """The secretariat approves a submitted registration; each participant it did not return is approved with it."""
    r = _locked_decision(cs, actor, r)
    if r.status != RegistrationStatus.submitted:
        raise Refusal(_not_submitted(cs, r), status=409)
    approved = [p for p in r.participants if p.status != ParticipantStatus.returned]
    if not approved:
        raise Refusal(_("Every participant of this registration is returned: return the registration instead, with "
                        "the reason."), status=409)  # fmt: skip
    before = registration_values(r)
    r.status, r.decided_at, r.return_reason = RegistrationStatus.approved, now or utcnow(), ""
    db.session.flush()
    _log(actor, "registration_approved", r, before=before)
    system = consequence(actor, f"{label_of(r)} was approved; rule: approving a registration approves each "
                                "participant the secretariat did not return")  # fmt: skip
    for p in approved:
        if p.status != ParticipantStatus.approved:
            before_p = participant_values(p)
            p.status = ParticipantStatus.approved
            _log_participant(system, "participant_approved", p, before=before_p)
    db.session.flush()
    return r


def return_registration(cs: CommissionSession, actor: Actor, r: Registration, reason: str,
                        now: datetime | None = None) -> Registration:  # fmt: skip
    """The secretariat returns a submitted (or approved) registration to the delegation, saying why."""
    require(permissions.can_decide(actor), _("Only the secretariat approves or returns a registration."))
    reason = _reason(reason, _("Give the reason for returning the registration; the delegation reads it."))
    r = _locked_decision(cs, actor, r)
    if r.status not in (RegistrationStatus.submitted, RegistrationStatus.approved):
        raise Refusal(_not_submitted(cs, r), status=409)
    before = registration_values(r)
    r.status, r.decided_at, r.return_reason = RegistrationStatus.returned, now or utcnow(), reason
    db.session.flush()
    _log(actor, "registration_returned", r, before=before, reason=reason)
    return r


def return_participant(cs: CommissionSession, actor: Actor, p: Participant, reason: str) -> Participant:
    """The secretariat returns one participant of a submitted registration, saying why; the others are approved
    with the registration."""
    require(permissions.can_decide(actor), _("Only the secretariat approves or returns a registration."))
    reason = _reason(reason, _("Give the reason for returning the participant; the delegation reads it."))
    r = _locked(cs, p.registration.delegation)
    db.session.refresh(p)
    if r.status != RegistrationStatus.submitted:
        raise Refusal(_("A participant can be returned only while the registration is submitted and waits for the "
                        "secretariat's decision."), status=409)  # fmt: skip
    if p.status == ParticipantStatus.returned:
        raise Refusal(_("%(name)s is already returned.", name=p.name), status=409)
    before = participant_values(p)
    p.status, p.return_reason = ParticipantStatus.returned, reason
    db.session.flush()
    _log_participant(actor, "participant_returned", p, before=before, reason=reason)
    return p


def _not_submitted(cs: CommissionSession, r: Registration) -> str:
    if r.status == RegistrationStatus.approved:
        return _("The registration was already approved on %(when)s.", when=shown_time(cs, r.decided_at))
    if r.status == RegistrationStatus.returned:
        return _("The registration was returned on %(when)s; it waits for the delegation to submit it again.",
                 when=shown_time(cs, r.decided_at))  # fmt: skip
    return _("The registration is not submitted yet: the delegation is still preparing it.")
