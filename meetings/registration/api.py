"""Registration as JSON under /api/v1/registration, through the same services and forms as the pages."""

from flask import jsonify, request

from meetings.api import ApiError, ApiRoutes, api_user, validated
from meetings.api.schemas import BOOL, INSTANT, INT, STR, arr, mapping, maybe, obj, text
from meetings.debate.listing import build_list
from meetings.debate.services import refuse_oversized
from meetings.delegations.services import require_delegation
from meetings.exports.filters import refusal_of
from meetings.exports.views import send_bytes
from meetings.i18n.words import _
from meetings.programme.services import require_commission_session as _session
from meetings.refusal import require
from meetings.registration import documents, lists, permissions, services
from meetings.registration.forms import NoteVerbaleForm, ParticipantForm, ReopenForm, ReturnForm
from meetings.registration.models import Participant, Registration, RegistrationStatus
from meetings.timeutil import to_local

routes = ApiRoutes()

PARTICIPANT = obj(id=INT, delegation=STR, name=STR, title=STR, function=STR, head_of_delegation=BOOL, segment=STR,
                  attendance=STR, status=STR, return_reason=maybe(STR))  # fmt: skip
NAMED = obj(code=STR, name=STR)
REGISTRATION = obj(delegation=NAMED, status=maybe(STR), editable=BOOL, high_level_approved=BOOL, submitted_at=maybe(INSTANT),
                   decided_at=maybe(INSTANT), return_reason=maybe(STR), note_verbale=maybe(obj(uploaded_at=INSTANT)),
                   participants=arr(PARTICIPANT))  # fmt: skip


def _iso(instant, tz: str) -> str | None:
    return to_local(instant, tz).isoformat() if instant is not None else None


def participant_dict(p: Participant) -> dict:
    d = p.registration.delegation
    return {
        "id": p.id, "delegation": d.code, "name": p.name, "title": p.title, "function": p.function,
        "head_of_delegation": p.head_of_delegation, "segment": p.segment.value, "attendance": p.attendance.value,
        "status": p.status.value, "return_reason": p.return_reason or None,
    }  # fmt: skip


def registration_dict(cs, delegation, r: Registration | None) -> dict:
    tz = cs.timezone
    return {
        "delegation": {"code": delegation.code, "name": delegation.name},
        "status": r.status.value if r is not None else None,
        "editable": r is None or r.status.value in ("draft", "returned"),
        "submitted_at": _iso(r.submitted_at, tz) if r else None, "decided_at": _iso(r.decided_at, tz) if r else None,
        "return_reason": (r.return_reason or None) if r else None,
        "note_verbale": {"uploaded_at": _iso(r.note_verbale_uploaded_at, tz)} if r and r.note_verbale_file else None,
        "high_level_approved": services.high_level_approved(cs, delegation),
        "participants": [participant_dict(p) for p in r.participants] if r else [],
    }  # fmt: skip


def _delegation(code: str):
    cs = _session()
    delegation = require_delegation(code)
    require(permissions.can_see_registration(api_user(), delegation),
            _("A delegation sees and changes only its own registration."))  # fmt: skip
    return cs, delegation


def _fields(form: ParticipantForm) -> dict:
    return {"name": form.name.data, "title": form.title.data or "", "function": form.function.data or "",
            "head_of_delegation": bool(form.head_of_delegation.data), "segment": form.segment.data,
            "attendance": form.attendance.data}  # fmt: skip


@routes.route("/registration", allow=permissions.can_register,
              response=arr(REGISTRATION), summary="Registrations: the secretariat's all (?status=draft|submitted|approved|returned), a delegation's "
              "its own")  # fmt: skip
def registration_list():
    cs, user = _session(), api_user()
    if not permissions.can_see_all_registrations(user):
        return jsonify([registration_dict(cs, user.delegation, services.registration_of(cs, user.delegation))])
    status = request.args.get("status") or None
    if status is not None and status not in RegistrationStatus.__members__:
        raise ApiError(_("Unknown status '%(status)s'.", status=status), 422, {"status": [_("Unknown status.")]})
    found = services.registrations_of(cs, RegistrationStatus(status) if status else None)
    return jsonify([registration_dict(cs, r.delegation, r) for r in found])


@routes.route("/registration/delegations/<code>", allow=permissions.can_register,
              response=REGISTRATION, summary="A delegation's registration: status, reason, note verbale, participants with their status")  # fmt: skip
def registration_get(code: str):
    cs, delegation = _delegation(code)
    return jsonify(registration_dict(cs, delegation, services.registration_of(cs, delegation)))


@routes.route("/registration/delegations/<code>/participants", allow=permissions.can_register,
              response=arr(PARTICIPANT), summary="A delegation's participants (its own users and the secretariat)")  # fmt: skip
def registration_participants(code: str):
    cs, delegation = _delegation(code)
    r = services.registration_of(cs, delegation)
    return jsonify([participant_dict(p) for p in r.participants] if r else [])


@routes.route("/registration/delegations/<code>/participants", ["POST"], status=201, form=ParticipantForm,
              allow=permissions.can_register, response=PARTICIPANT, summary="Register a participant (name, title, function, head of "
              "delegation, segment high_level|regular|both, attendance in_person|online)")  # fmt: skip
def registration_add_participant(code: str):
    cs, delegation = _delegation(code)
    form = validated(ParticipantForm)
    p = services.add_participant(cs, api_user(), delegation, **_fields(form))
    return jsonify(participant_dict(p)), 201


@routes.route("/registration/participants/<int:participant_id>", allow=permissions.can_register,
              response=PARTICIPANT, summary="One participant (its delegation's users and the secretariat)")  # fmt: skip
def registration_participant(participant_id: int):
    cs = _session()
    return jsonify(participant_dict(services.participant_for(cs, api_user(), participant_id)))


@routes.route("/registration/participants/<int:participant_id>", ["PUT"], form=ParticipantForm,
              allow=permissions.can_register, response=PARTICIPANT, summary="Change a participant of a draft or returned registration; "
              "a participant changed waits for the secretariat's decision again")  # fmt: skip
def registration_change_participant(participant_id: int):
    cs, user = _session(), api_user()
    p = services.participant_for(cs, user, participant_id)
    form = validated(ParticipantForm)
    return jsonify(participant_dict(services.change_participant(cs, user, p, **_fields(form))))


@routes.route("/registration/participants/<int:participant_id>", ["DELETE"], allow=permissions.can_register,
              response=REGISTRATION, summary="Take a participant off a draft or returned registration")  # fmt: skip
def registration_remove_participant(participant_id: int):
    cs, user = _session(), api_user()
    p = services.participant_for(cs, user, participant_id)
    delegation = p.registration.delegation
    r = services.remove_participant(cs, user, p)
    return jsonify(registration_dict(cs, delegation, r))


@routes.route("/registration/participants/<int:participant_id>/return", ["POST"], form=ReturnForm,
              allow=permissions.can_decide, response=PARTICIPANT, summary="Return one participant of a submitted registration, with the "
              "reason the delegation reads")  # fmt: skip
def registration_return_participant(participant_id: int):
    cs, user = _session(), api_user()
    p = services.participant_for(cs, user, participant_id)
    form = validated(ReturnForm)
    return jsonify(participant_dict(services.return_participant(cs, user, p, form.reason.data)))


@routes.route("/registration/delegations/<code>/note-verbale", ["POST"], allow=permissions.can_register,
              form=NoteVerbaleForm, consumes="multipart/form-data",
              response=REGISTRATION, summary="Upload the note verbale (multipart field 'note_verbale', PDF, at most 5 MB)")  # fmt: skip
def registration_upload_note_verbale(code: str):
    cs, delegation = _delegation(code)
    refuse_oversized(request.content_length, "note_verbale")
    form = NoteVerbaleForm(meta={"csrf": False})  # multipart: the file comes with the request
    r = services.upload_note_verbale(cs, api_user(), delegation, form.content())
    return jsonify(registration_dict(cs, delegation, r))


@routes.route("/registration/delegations/<code>/note-verbale", allow=permissions.can_register,
              produces="application/pdf", response=text("application/pdf"), summary="The note verbale (its delegation's users and the secretariat)")  # fmt: skip
def registration_note_verbale(code: str):
    cs, delegation = _delegation(code)
    path = services.note_verbale_path(services.registration_of(cs, delegation))
    if path is None or not path.exists():
        raise ApiError(_("No note verbale is uploaded yet."), 404)
    return send_bytes(path.read_bytes(), "application/pdf", f"{cs.code}-{delegation.code}-note-verbale.pdf")


@routes.route("/registration/delegations/<code>/submit", ["POST"], allow=permissions.can_register,
              response=REGISTRATION, summary="Submit the registration to the secretariat (at least one participant, a head of delegation, "
              "the note verbale); a second submission is refused")  # fmt: skip
def registration_submit(code: str):
    cs, delegation = _delegation(code)
    r = services.submit(cs, api_user(), delegation)
    return jsonify(registration_dict(cs, delegation, r))


@routes.route("/registration/delegations/<code>/reopen", ["POST"], form=ReopenForm, allow=permissions.can_register,
              response=REGISTRATION, summary="Take back a submitted or approved registration to change it; it goes back through the "
              "secretariat, and an approved one no longer counts as approved until approved again")  # fmt: skip
def registration_reopen(code: str):
    cs, delegation = _delegation(code)
    form = validated(ReopenForm)
    r = services.reopen(cs, api_user(), delegation, form.reason.data or "")
    return jsonify(registration_dict(cs, delegation, r))


def _registration(cs, delegation) -> Registration:
    r = services.registration_of(cs, delegation)
    if r is None:
        raise ApiError(_("%(delegation)s has not begun a registration.", delegation=delegation.shown_name), 404)
    return r


@routes.route("/registration/delegations/<code>/approve", ["POST"], allow=permissions.can_decide,
              response=REGISTRATION, summary="Approve a submitted registration: each participant not returned is approved with it")  # fmt: skip
def registration_approve(code: str):
    cs, delegation = _delegation(code)
    r = services.approve(cs, api_user(), _registration(cs, delegation))
    return jsonify(registration_dict(cs, delegation, r))


@routes.route("/registration/delegations/<code>/return", ["POST"], form=ReturnForm, allow=permissions.can_decide,
              response=REGISTRATION, summary="Return a submitted or approved registration to the delegation, with the reason it reads")  # fmt: skip
def registration_return(code: str):
    cs, delegation = _delegation(code)
    form = validated(ReturnForm)
    r = services.return_registration(cs, api_user(), _registration(cs, delegation), form.reason.data)
    return jsonify(registration_dict(cs, delegation, r))


def _listed(cs, user):
    form, keep = lists.participants_filter(request.args)
    refusal = refusal_of(form, status=422)
    if refusal is not None:
        raise refusal
    if permissions.can_see_all_registrations(user):
        everyone = lists.participants_of(cs)
    else:
        everyone = lists.participants_of(cs, user.delegation, include_drafts=True)
    return form, [p for p in everyone if keep(p)]


@routes.route("/registration/lists", allow=permissions.can_register,
              response=obj(segments=mapping(arr(obj(delegation=NAMED, participants=arr(PARTICIPANT)))), counts=arr(obj(segment=STR, regional_group=maybe(STR), delegations=INT, participants=INT)), totals=mapping(obj(delegations=INT, participants=INT))), summary="Participants per segment and delegation with counts by regional group and segment "
              "(?segment=high_level|regular&group=&status=&attendance=&q=); a delegation's token: its own")  # fmt: skip
def registration_lists():
    cs, user = _session(), api_user()
    form, shown = _listed(cs, user)
    segments = lists.segments_shown(form)
    counts = lists.counts_of(shown)
    return jsonify({
        "segments": {segment: [{"delegation": {"code": rows.delegation.code, "name": rows.delegation.name},
                                "participants": [participant_dict(p) for p in rows.participants]}
                               for rows in delegations]
                     for segment, delegations in lists.by_segment(shown, segments)},
        "counts": [{"regional_group": code, "segment": segment, "participants": counts.participants_in(code, segment),
                    "delegations": counts.delegations_in(code, segment)}
                   for _label, code in lists.count_rows() for segment in segments],
        "totals": {segment: {"participants": counts.total(segment), "delegations": counts.total_delegations(segment)}
                   for segment in segments},
    })  # fmt: skip


@routes.route("/registration/lists.csv", allow=permissions.can_register, produces="text/csv",
              response=text("text/csv"), summary="The lists as CSV, with the same filters")  # fmt: skip
def registration_lists_csv():
    cs = _session()
    form, shown = _listed(cs, api_user())
    data = documents.participants_csv(shown, lists.segments_shown(form))
    return send_bytes(data, "text/csv; charset=utf-8", f"{cs.code}-participants.csv")


@routes.route("/registration/lists.pdf", allow=permissions.can_register, produces="application/pdf",
              response=text("application/pdf"), summary="The lists as PDF, with the counts, with the same filters")  # fmt: skip
def registration_lists_pdf():
    cs = _session()
    form, shown = _listed(cs, api_user())
    segments = lists.segments_shown(form)
    data = documents.participants_pdf(cs, shown, segments, lists.counts_of(shown), bool(request.args))
    return send_bytes(data, "application/pdf", f"{cs.code}-participants.pdf")


@routes.route("/registration/high-level/missing", allow=permissions.can_see_all_registrations,
              response=arr(obj(delegation=NAMED, kind=STR, regional_group=maybe(STR), registration=maybe(STR), state=STR)), summary="The delegations not registered for the high-level segment, and where each stands")  # fmt: skip
def registration_missing():
    cs = _session()
    return jsonify([{"delegation": {"code": m.delegation.code, "name": m.delegation.name},
                     "kind": m.delegation.kind.value,
                     "regional_group": m.delegation.regional_group.code if m.delegation.regional_group else None,
                     "registration": m.registration.status.value if m.registration else None, "state": m.state}
                    for m in lists.missing_high_level(cs)])  # fmt: skip


@routes.route("/registration/speakers", allow=permissions.can_register,
              response=arr(obj(participant_id=INT, speaker_name=STR, speaker_title=STR, approved=BOOL)), summary="Whom a delegation may choose as its general-debate speaker: its registered high-level "
              "participants (a delegation's token: its own; the secretariat: ?delegation=CODE)")  # fmt: skip
def registration_speakers():
    cs, user = _session(), api_user()
    code = request.args.get("delegation") or (user.delegation.code if user.delegation else "")
    if not code:
        raise ApiError(_("Name the delegation (?delegation=CODE)."), 422, {"delegation": [_("Unknown delegation.")]})
    cs, delegation = _delegation(code)
    return jsonify([{"participant_id": int(c.key), "speaker_name": c.name, "speaker_title": c.title,
                     "approved": not c.note} for c in lists.speaker_choices(cs, delegation)])  # fmt: skip


@routes.route("/registration/speakers/standing", allow=permissions.can_see_speaker_registration,
              response=arr(obj(inscription_id=INT, slot=maybe(INT), delegation=STR, speaker_name=STR, standing=STR)), summary="Each general-debate speaker (on the list or a waiting list) against the delegation's "
              "registration: approved, awaiting_approval or not_registered for the high-level segment")  # fmt: skip
def registration_speaker_standing():
    cs = _session()
    listing = build_list(cs)
    rows = listing.rows + [r for waiting in listing.waiting.values() for r in waiting]
    standings = lists.speaker_standings(cs, [(r.delegation, r.inscription.speaker_name) for r in rows])
    return jsonify([{"inscription_id": r.inscription.id, "slot": r.slot, "delegation": r.delegation.code,
                     "speaker_name": r.inscription.speaker_name,
                     "standing": standings[(r.delegation.id, r.inscription.speaker_name)]} for r in rows])  # fmt: skip
