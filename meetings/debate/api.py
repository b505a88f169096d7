"""The general debate through /api/v1: the same services as the HTML pages."""

from flask import jsonify, request

from meetings.api import ApiError, ApiRoutes, api_user, validated
from meetings.debate import lots, permissions, services
from meetings.debate.forms import (
    CommitmentForm,
    InscriptionForm,
    QuotaForm,
    ReasonForm,
    SeedForm,
    SpeakerForm,
    StatementForm,
    SwapForm,
    VoidForm,
)
from meetings.debate.listing import Row, build_list
from meetings.delegations.services import delegation_by_code
from meetings.programme.services import require_commission_session as _session

routes = ApiRoutes()


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
        "statement": bool(i.statement_file),
    }


@routes.route("/debate/list", summary="The general-debate list of speakers, with projected times", public=True)
def get_list():
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


@routes.route("/debate/inscriptions", ["POST"], summary="Inscribe a speaker", form=InscriptionForm,
           allow=permissions.can_take_part)  # fmt: skip
def create_inscription():
    cs, user = _session(), api_user()
    form = validated(InscriptionForm)
    code = form.delegation.data if permissions.can_name_the_delegation(user) else None
    delegation = delegation_by_code(code) if code else user.delegation
    if delegation is None:
        raise ApiError("Give a known delegation code.", 422, {"delegation": ["Unknown delegation."]})
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


@routes.route("/debate/inscriptions/<int:inscription_id>", ["PUT"], summary="Change the speaker or protocol level",
           form=SpeakerForm, allow=permissions.can_take_part)  # fmt: skip
def update_inscription(inscription_id: int):
    cs, user = _session(), api_user()
    i = services.inscription_for(cs, inscription_id)
    d = validated(SpeakerForm).data
    services.change_speaker(cs, user, i, speaker_name=d["speaker_name"], speaker_title=d["speaker_title"],
                            level=d["level"], reason=d["reason"])  # fmt: skip
    return jsonify(_one(cs, i.id))


@routes.route("/debate/inscriptions/<int:inscription_id>/withdraw", ["POST"], summary="Withdraw an inscription",
           form=ReasonForm, allow=permissions.can_take_part)  # fmt: skip
def withdraw_inscription(inscription_id: int):
    cs, user = _session(), api_user()
    i = services.inscription_for(cs, inscription_id)
    services.withdraw(cs, user, i, validated(ReasonForm).reason.data or "")
    return jsonify(_one(cs, i.id))


@routes.route("/debate/inscriptions/<int:inscription_id>/absent", ["POST"], summary="Absent when called: next slot",
           form=ReasonForm, allow=permissions.can_mark_absent)  # fmt: skip
def absent(inscription_id: int):
    cs, user = _session(), api_user()
    i = services.inscription_for(cs, inscription_id)
    services.mark_absent(cs, user, i, validated(ReasonForm).reason.data or "")
    return jsonify(_one(cs, i.id))


@routes.route("/debate/inscriptions/<int:inscription_id>/statement", ["POST"], allow=permissions.can_take_part,
           summary="Upload the full statement (multipart field 'statement', PDF, at most 5 MB)")  # fmt: skip
def upload(inscription_id: int):
    cs, user = _session(), api_user()
    i = services.inscription_for(cs, inscription_id)
    services.refuse_oversized(request.content_length)
    form = StatementForm(meta={"csrf": False})  # multipart: the file comes with the request
    services.upload_statement(cs, user, i, form.content())
    return jsonify({"id": i.id, "statement": True})


@routes.route("/debate/inscriptions/<int:inscription_id>/swaps", ["POST"], form=SwapForm,
           summary="Propose to swap slots with another delegation", allow=permissions.can_take_part)  # fmt: skip
def propose_swap(inscription_id: int):
    cs, user = _session(), api_user()
    mine = services.inscription_for(cs, inscription_id)
    form = validated(SwapForm)
    swap = services.propose_swap(cs, user, mine, form.other.data, form.reason.data or "")
    return jsonify({"id": swap.id, "first": mine.id, "second": swap.second.id, "confirmed": False}), 201


@routes.route("/debate/swaps/<int:swap_id>/confirm", ["POST"], summary="Confirm a proposed swap (the other delegation)",
           allow=permissions.can_take_part)  # fmt: skip
def confirm_swap(swap_id: int):
    cs, user = _session(), api_user()
    swap = services.confirm_swap(cs, user, services.swap_for(cs, swap_id))
    return jsonify({"id": swap.id, "first": swap.first_id, "second": swap.second_id, "confirmed": True})


@routes.route("/debate/quotas", summary="The regional groups' quotas", public=True)
def get_quotas():
    listing = build_list(_session())
    return jsonify({"quotas": listing.quotas, "by_hand": listing.quotas_by_hand, "released": listing.released})


@routes.route("/debate/quotas", ["PUT"], summary="Set the quotas by hand (they must add up to the slots)",
           form=QuotaForm, allow=permissions.can_manage_quotas)  # fmt: skip
def put_quotas():
    cs = _session()
    form = validated(QuotaForm)
    quotas = services.set_quotas(cs, api_user(), {g: getattr(form, g).data for g in QuotaForm.GROUPS})
    return jsonify({"quotas": quotas, "by_hand": True})


@routes.route("/debate/quotas/release", ["POST"], summary="Release unused quota to other groups (after the deadline)",
           allow=permissions.can_manage_quotas)  # fmt: skip
def release_quota():
    released = services.release_unused_quota(_session(), api_user())
    return jsonify({"released": released})


@routes.route("/debate/draws", summary="Every drawing of lots, voided ones included", public=True)
def list_draws():
    return jsonify([lots.draw_as_dict(d) for d in lots.all_draws(_session())])


@routes.route("/debate/draws/<int:draw_id>", summary="One drawing of lots, recomputed and checked", public=True)
def get_draw(draw_id: int):
    return jsonify(lots.draw_as_dict(lots.draw_for(_session(), draw_id)))


@routes.route("/debate/draw/commitment", ["POST"], summary="Publish the commitment (SHA-256 of the seed)",
           form=CommitmentForm, allow=permissions.can_draw)  # fmt: skip
def post_commitment():
    draw = lots.publish_commitment(_session(), api_user(), validated(CommitmentForm).commitment.data)
    return jsonify(lots.draw_as_dict(draw)), 201


@routes.route("/debate/draw", ["POST"], summary="Reveal the seed and draw the lots", form=SeedForm,
           allow=permissions.can_draw)  # fmt: skip
def post_draw():
    draw = lots.perform_draw(_session(), api_user(), validated(SeedForm).seed.data)
    return jsonify(lots.draw_as_dict(draw))


@routes.route("/debate/draw/void", ["POST"], summary="Void the current draw, with a reason kept on record",
           form=VoidForm, allow=permissions.can_draw)  # fmt: skip
def post_void():
    draw = lots.void_draw(_session(), api_user(), validated(VoidForm).reason.data)
    return jsonify(lots.draw_as_dict(draw))


@routes.route("/debate/blocks/<int:block_id>/lineup", summary="The speakers projected in one meeting", public=True)
def lineup(block_id: int):
    cs = _session()
    block = next((b for b in cs.blocks if b.id == block_id), None)
    if block is None:
        raise ApiError("No such meeting block.", 404)
    rows = services.floor_lineup(block)
    return jsonify([{**r, "starts_at": r["starts_at"].isoformat() if r["starts_at"] else None} for r in rows])
