"""The general debate through /api/v1: the same services as the HTML pages."""

from flask import jsonify, request

from meetings.api import ApiError, ApiRoutes, api_user, validated
from meetings.api.schemas import ANY, BOOL, INSTANT, INT, STR, arr, mapping, maybe, obj
from meetings.debate import levels, lots, permissions, remote, services, standing, swaps, withdrawals
from meetings.debate.forms import (
    CancelLevelForm,
    CommitmentForm,
    ConfirmLevelForm,
    DeclineLevelForm,
    DeclineSwapForm,
    DrawForm,
    InscriptionForm,
    QuotaForm,
    ReasonForm,
    ReinstateForm,
    RemoteForm,
    SpeakerForm,
    StatementForm,
    SwapForm,
    VoidForm,
    WithdrawForm,
)
from meetings.debate.listing import Row, build_list
from meetings.debate.models import LevelRequest
from meetings.delegations.services import delegation_by_code
from meetings.i18n.words import _
from meetings.programme.services import require_commission_session as _session
from meetings.refusal import require

routes = ApiRoutes()

ROW = obj(id=INT, slot=maybe(INT), delegation=STR, delegation_name=STR, speaker_name=STR, speaker_title=STR, level=STR,
          on_behalf_of_group=BOOL, group_name=maybe(STR), lot=maybe(INT), late=BOOL, limit_s=INT, block_id=maybe(INT),
          projected_start=maybe(INSTANT), past_planned_end=BOOL, statement=BOOL, remote=BOOL)  # fmt: skip
ONE = {"anyOf": [{**ROW, "properties": {**ROW["properties"], "waiting": BOOL}},
                 obj(id=INT, delegation=STR, withdrawn=BOOL)]}  # on the list or a waiting list; or withdrawn  # fmt: skip
SWAP = obj(id=INT, first=INT, second=INT, status=STR, confirmed=BOOL, proposed_by=STR, proposed_by_name=STR, other=STR,
           other_name=STR, proposed_at=INSTANT, reason=maybe(STR), decline_reason=maybe(STR))  # fmt: skip
LEVEL_REQUEST = obj(id=INT, inscription=INT, delegation=STR, delegation_name=STR, from_level=STR, to_level=STR,
                    speaker_name=STR, speaker_title=STR, reason=maybe(STR), status=STR, requested_at=INSTANT,
                    decided_at=maybe(INSTANT), decision_reason=maybe(STR))  # fmt: skip
DRAW = obj(id=INT, commitment=STR, committed_at=maybe(INSTANT), committed_by=maybe(STR), performed_at=maybe(INSTANT),
           performed_by=maybe(STR), public_value=maybe(STR), seed=maybe(STR), inputs=ANY, result=ANY,
           voided_at=maybe(INSTANT), void_reason=maybe(STR))  # fmt: skip
QUOTAS = mapping(INT)


def row_as_dict(row: Row) -> dict:
    i = row.inscription
    return {
        "id": i.id,
        "slot": row.slot,
        "delegation": i.delegation.code,
        "delegation_name": i.delegation.name,
        "speaker_name": i.speaker_name,
        "speaker_title": i.speaker_title,
        "level": i.level.value,
        "on_behalf_of_group": i.on_behalf_of_group,
        "group_name": i.group_name or None,
        "lot": row.lot,
        "late": i.late,
        "limit_s": row.limit_s,
        "block_id": row.block.id if row.block else None,
        "projected_start": row.starts_at.isoformat() if row.starts_at else None,
        "past_planned_end": row.overflow,
        "statement": bool(i.statement_file),
        "remote": i.remote,
    }


@routes.route(
    "/debate/list",
    response=obj(
        drawn=BOOL, quotas=QUOTAS, quotas_by_hand=BOOL, released=INT, speakers=arr(ROW), waiting=mapping(arr(ROW))
    ),
    summary="The general-debate list of speakers, with projected times",
    allow=permissions.can_see_working_list,
)
def get_list():
    """The working state; the public reads the published versions at /api/v1/publication/speakers_list."""
    listing = build_list(_session())
    return jsonify(
        {
            "drawn": listing.draw is not None and listing.draw.performed,
            "quotas": listing.quotas,
            "quotas_by_hand": listing.quotas_by_hand,
            "released": listing.released,
            "speakers": [row_as_dict(r) for r in listing.rows],
            "waiting": {code: [row_as_dict(r) for r in rows] for code, rows in listing.waiting.items()},
        }
    )


@routes.route("/debate/inscriptions", ["POST"], status=201, response=ONE, summary="Inscribe a speaker", form=InscriptionForm,
           allow=permissions.can_take_part)  # fmt: skip
def create_inscription():
    cs, user = _session(), api_user()
    form = validated(InscriptionForm)
    code = form.delegation.data if permissions.can_name_the_delegation(user) else None
    delegation = delegation_by_code(code) if code else user.delegation
    if delegation is None:
        raise ApiError(_("Give a known delegation code."), 422, {"delegation": [_("Unknown delegation.")]})
    i = services.inscribe(
        cs, user, delegation, speaker_name=form.speaker_name.data, speaker_title=form.speaker_title.data,
        level=form.level.data, on_behalf_of_group=form.on_behalf_of_group.data, group_name=form.group_name.data,
    )  # fmt: skip
    return jsonify(_one(cs, i.id)), 201


def _one(cs, inscription_id: int) -> dict:
    listing = build_list(cs)
    row = listing.row_of(inscription_id)
    if row is None:
        row = next((r for rows in listing.waiting.values() for r in rows if r.inscription.id == inscription_id), None)
    if row is None:
        i = services.inscription_for(cs, inscription_id)
        return {"id": i.id, "delegation": i.delegation.code, "withdrawn": not i.active}
    return {**row_as_dict(row), "waiting": row.slot is None}


@routes.route("/debate/inscriptions/<int:inscription_id>", ["PUT"], status=(200, 202), form=SpeakerForm,
           allow=permissions.can_take_part,
           response={"anyOf": [ONE, obj(level_request=LEVEL_REQUEST)]}, summary="Change the speaker or protocol level (after the draw a delegation's raise is a request: 202)")  # fmt: skip
def update_inscription(inscription_id: int):
    cs, user = _session(), api_user()
    i = services.inscription_for(cs, inscription_id)
    d = validated(SpeakerForm).data
    done = levels.change_speaker(cs, user, i, speaker_name=d["speaker_name"], speaker_title=d["speaker_title"],
                                 level=d["level"], reason=d["reason"])  # fmt: skip
    if isinstance(done, LevelRequest):
        return jsonify({**_one(cs, i.id), "level_request": levels.request_as_dict(done)}), 202
    return jsonify(_one(cs, i.id))


@routes.route("/debate/inscriptions/<int:inscription_id>/remote", ["PUT"], form=RemoteForm,
           allow=permissions.can_take_part,
           response=obj(id=INT, remote=BOOL, connection_link=maybe(STR)), summary="Say how the speaker takes part: online (with the chair's connection link) or in the room")  # fmt: skip
def put_remote(inscription_id: int):
    """The inscription's delegation and the secretariat; the link is returned to them only."""
    cs = _session()
    i = services.inscription_for(cs, inscription_id)
    form = validated(RemoteForm)
    remote.set_remote(cs, api_user(), i, bool(form.remote.data), form.connection_link.data or "")
    return jsonify({"id": i.id, "remote": i.remote, "connection_link": i.connection_link})


@routes.route("/debate/inscriptions/<int:inscription_id>/withdraw", ["POST"], form=WithdrawForm,
           response=ONE, summary="Withdraw an inscription (a reason is required; only the secretariat can reinstate it)",
           allow=permissions.can_take_part)  # fmt: skip
def withdraw_inscription(inscription_id: int):
    cs, user = _session(), api_user()
    i = services.inscription_for(cs, inscription_id)
    require(permissions.can_withdraw(user, i), _("You may act only for your own delegation."))
    withdrawals.withdraw(cs, user, i, validated(WithdrawForm).reason.data)
    return jsonify(_one(cs, i.id))


@routes.route("/debate/inscriptions/<int:inscription_id>/reinstate", ["POST"], form=ReinstateForm,
           response=ONE, summary="Reinstate a withdrawn inscription at the place its tier and lot give it, with a reason",
           allow=permissions.can_reinstate)  # fmt: skip
def reinstate_inscription(inscription_id: int):
    cs, user = _session(), api_user()
    i = services.inscription_for(cs, inscription_id)
    withdrawals.reinstate(cs, user, i, validated(ReinstateForm).reason.data)
    return jsonify(_one(cs, i.id))


@routes.route("/debate/inscriptions/<int:inscription_id>/absent", ["POST"], response=ONE, summary="Absent when called: next slot",
           form=ReasonForm, allow=permissions.can_mark_absent)  # fmt: skip
def absent(inscription_id: int):
    cs, user = _session(), api_user()
    i = services.inscription_for(cs, inscription_id)
    services.mark_absent(cs, user, i, validated(ReasonForm).reason.data or "")
    return jsonify(_one(cs, i.id))


@routes.route("/debate/inscriptions/<int:inscription_id>/statement", ["POST"], allow=permissions.can_take_part,
           form=StatementForm, consumes="multipart/form-data",
           response=obj(id=INT, statement=BOOL), summary="Upload the full statement (multipart field 'statement', PDF, at most 5 MB)")  # fmt: skip
def upload(inscription_id: int):
    cs, user = _session(), api_user()
    i = services.inscription_for(cs, inscription_id)
    services.refuse_oversized(request.content_length)
    form = StatementForm(meta={"csrf": False})  # multipart: the file comes with the request
    services.upload_statement(cs, user, i, form.content())
    return jsonify({"id": i.id, "statement": True})


@routes.route("/debate/inscriptions/<int:inscription_id>/swaps", ["POST"], status=201, form=SwapForm,
           response=SWAP, summary="Propose to swap slots with another delegation", allow=permissions.can_take_part)  # fmt: skip
def propose_swap(inscription_id: int):
    cs, user = _session(), api_user()
    mine = services.inscription_for(cs, inscription_id)
    form = validated(SwapForm)
    swap = swaps.propose_swap(cs, user, mine, form.other.data, form.reason.data or "")
    return jsonify(swaps.swap_as_dict(swap)), 201


@routes.route("/debate/swaps/<int:swap_id>/confirm", ["POST"], response=SWAP, summary="Accept a proposed swap (the other delegation)",
           allow=permissions.can_take_part)  # fmt: skip
def confirm_swap(swap_id: int):
    cs, user = _session(), api_user()
    swap = swaps.confirm_swap(cs, user, swaps.swap_for(cs, swap_id))
    return jsonify(swaps.swap_as_dict(swap))


@routes.route("/debate/swaps/<int:swap_id>/decline", ["POST"], form=DeclineSwapForm, allow=permissions.can_take_part,
           response=SWAP, summary="Decline a proposed swap (the other delegation; a reason is optional)")  # fmt: skip
def decline_swap(swap_id: int):
    cs, user = _session(), api_user()
    swap = swaps.swap_for(cs, swap_id)
    require(permissions.can_decline_swap(user, swap),
            _("Only %(delegation)s can decline this swap.", delegation=swap.second.delegation.shown_name))  # fmt: skip
    swap = swaps.decline_swap(cs, user, swap, validated(DeclineSwapForm).reason.data or "")
    return jsonify(swaps.swap_as_dict(swap))


@routes.route("/debate/standing/<code>", response=obj(delegation=STR, inscriptions=arr(obj(id=INT, speaker_name=STR, speaker_title=STR, level=STR)), withdrawn=arr(obj(id=INT, speaker_name=STR, withdrawn_at=INSTANT)), incoming_swaps=arr(SWAP), outgoing_swaps=arr(SWAP), level_requests=arr(LEVEL_REQUEST)), summary="Where a delegation stands: its places, swaps and level requests",
           allow=permissions.can_take_part)  # fmt: skip
def get_standing(code: str):
    cs, user = _session(), api_user()
    delegation = delegation_by_code(code)
    if delegation is None:
        raise ApiError(_("There is no such delegation."), 404)
    require(permissions.can_see_standing(user, delegation), _("You may see only your own delegation's standing."))
    s = standing.standing_of(cs, delegation)
    return jsonify({
        "delegation": delegation.code, "inscriptions": [standing.place_as_dict(p) for p in s.places],
        "withdrawn": [{"id": i.id, "speaker_name": i.speaker_name, "withdrawn_at": i.withdrawn_at.isoformat()}
                      for i in s.withdrawn],
        "incoming_swaps": [swaps.swap_as_dict(x) for x in s.incoming],
        "outgoing_swaps": [swaps.swap_as_dict(x) for x in s.outgoing],
        "level_requests": [levels.request_as_dict(r) for r in s.level_requests],
    })  # fmt: skip


@routes.route("/debate/level-requests", allow=permissions.can_take_part,
              response=arr(LEVEL_REQUEST), summary="Requests for a higher level waiting for the secretariat (a delegation sees its own)")  # fmt: skip
def list_level_requests():
    cs, user = _session(), api_user()
    if permissions.can_decide_level(user):
        found = levels.pending_requests(cs)
    else:
        found = levels.pending_requests(cs, user.delegation) if user.delegation is not None else []
    return jsonify([levels.request_as_dict(r) for r in found])


@routes.route("/debate/level-requests/<int:request_id>/confirm", ["POST"], form=ConfirmLevelForm,
           response=LEVEL_REQUEST, summary="Confirm a higher level: the delegation moves to that tier", allow=permissions.can_decide_level)  # fmt: skip
def confirm_level(request_id: int):
    cs = _session()
    done = levels.confirm_level(cs, api_user(), levels.request_for(cs, request_id),
                                validated(ConfirmLevelForm).reason.data or "")  # fmt: skip
    return jsonify(levels.request_as_dict(done))


@routes.route("/debate/level-requests/<int:request_id>/decline", ["POST"], form=DeclineLevelForm,
           response=LEVEL_REQUEST, summary="Decline a higher level, with a reason: the delegation keeps its place",
           allow=permissions.can_decide_level)  # fmt: skip
def decline_level(request_id: int):
    cs = _session()
    done = levels.decline_level(cs, api_user(), levels.request_for(cs, request_id),
                                validated(DeclineLevelForm).reason.data)  # fmt: skip
    return jsonify(levels.request_as_dict(done))


@routes.route("/debate/level-requests/<int:request_id>/cancel", ["POST"], form=CancelLevelForm,
           response=LEVEL_REQUEST, summary="Cancel a request for a higher level (the delegation that filed it)",
           allow=permissions.can_take_part)  # fmt: skip
def cancel_level(request_id: int):
    cs, user = _session(), api_user()
    req = levels.request_for(cs, request_id)
    require(permissions.can_cancel_level_request(user, req), _("Only the delegation that filed it cancels a request."))
    done = levels.cancel_level_request(cs, user, req, validated(CancelLevelForm).reason.data or "")
    return jsonify(levels.request_as_dict(done))


@routes.route(
    "/debate/quotas",
    response=obj(quotas=QUOTAS, by_hand=BOOL, released=INT),
    summary="The regional groups' quotas",
    public=True,
)
def get_quotas():
    listing = build_list(_session())
    return jsonify({"quotas": listing.quotas, "by_hand": listing.quotas_by_hand, "released": listing.released})


@routes.route("/debate/quotas", ["PUT"], response=obj(quotas=QUOTAS, by_hand=BOOL), summary="Set the quotas by hand (they must add up to the slots)",
           form=QuotaForm, allow=permissions.can_manage_quotas)  # fmt: skip
def put_quotas():
    cs = _session()
    form = validated(QuotaForm)
    quotas = services.set_quotas(cs, api_user(), {g: getattr(form, g).data for g in QuotaForm.GROUPS})
    return jsonify({"quotas": quotas, "by_hand": True})


@routes.route("/debate/quotas/release", ["POST"], response=obj(released=INT), summary="Release unused quota to other groups (after the deadline)",
           allow=permissions.can_manage_quotas)  # fmt: skip
def release_quota():
    released = services.release_unused_quota(_session(), api_user())
    return jsonify({"released": released})


@routes.route("/debate/draws", response=arr(DRAW), summary="Every drawing of lots, voided ones included", public=True)
def list_draws():
    return jsonify([lots.draw_as_dict(d) for d in lots.all_draws(_session())])


@routes.route(
    "/debate/draws/<int:draw_id>", response=DRAW, summary="One drawing of lots, recomputed and checked", public=True
)
def get_draw(draw_id: int):
    return jsonify(lots.draw_as_dict(lots.draw_for(_session(), draw_id)))


@routes.route("/debate/draw/commitment", ["POST"], status=201,
           response=DRAW, summary="Publish the commitment (SHA-256 of the secret), before inscription closes",
           form=CommitmentForm, allow=permissions.can_draw)  # fmt: skip
def post_commitment():
    draw = lots.publish_commitment(_session(), api_user(), validated(CommitmentForm).commitment.data)
    return jsonify(lots.draw_as_dict(draw)), 201


@routes.route("/debate/draw", ["POST"], form=DrawForm, allow=permissions.can_draw,
           response=DRAW, summary="Reveal the secret, give the public value fixed in the room, and draw the lots")  # fmt: skip
def post_draw():
    form = validated(DrawForm)
    draw = lots.perform_draw(_session(), api_user(), form.secret.data, form.public_value.data)
    return jsonify(lots.draw_as_dict(draw))


@routes.route("/debate/draw/void", ["POST"], response=DRAW, summary="Void the current draw, with a reason kept on record",
           form=VoidForm, allow=permissions.can_draw)  # fmt: skip
def post_void():
    draw = lots.void_draw(_session(), api_user(), validated(VoidForm).reason.data)
    return jsonify(lots.draw_as_dict(draw))


@routes.route(
    "/debate/blocks/<int:block_id>/lineup",
    response=arr(
        obj(
            entry_id=INT,
            slot=maybe(INT),
            delegation=STR,
            delegation_name=STR,
            speaker_name=STR,
            speaker_title=STR,
            on_behalf_of_group=BOOL,
            limit_s=INT,
            remote=BOOL,
            starts_at=maybe(INSTANT),
        )
    ),
    summary="The speakers projected in one meeting",
    public=True,
)
def lineup(block_id: int):
    cs = _session()
    block = next((b for b in cs.blocks if b.id == block_id), None)
    if block is None:
        raise ApiError(_("No such meeting block."), 404)
    rows = services.floor_lineup(block)
    return jsonify([{**r, "starts_at": r["starts_at"].isoformat() if r["starts_at"] else None} for r in rows])
