from flask import jsonify

from meetings.api import api_route, api_user, not_found, validated
from meetings.auth.models import Role
from meetings.extensions import db
from meetings.programme import services
from meetings.programme.forms import BlockForm, RulesForm, SessionForm
from meetings.programme.models import MeetingBlock
from meetings.webforms import fields_of

_session = services.require_commission_session


@api_route("/session", summary="The Commission session: segments, rooms and rules", public=True)
def get_session():
    return jsonify(services.session_as_dict(_session()))


@api_route("/session/rules", ["PUT"], summary="Replace the session's rules", form=RulesForm, roles=(Role.secretariat,))
def put_rules():
    cs = _session()
    form = validated(RulesForm)
    services.update_rules(cs, form.data, actor=api_user())
    return jsonify(services.session_as_dict(cs)["rules"])


@api_route("/session/blocks", summary="The meeting blocks, in order", public=True)
def list_blocks():
    cs = _session()
    return jsonify([services.block_as_dict(b, cs.timezone) for b in cs.blocks])


def _validated_block(cs) -> dict:
    form = validated(BlockForm, prepare=lambda f: services.offer_rooms(f, cs))
    return fields_of(form)


@api_route("/session/blocks", ["POST"], summary="Add a meeting block", form=BlockForm, roles=(Role.secretariat,))
def create_block():
    cs = _session()
    block = services.save_block(cs, actor=api_user(), **_validated_block(cs))
    return jsonify(services.block_as_dict(block, cs.timezone)), 201


@api_route(
    "/session/blocks/<int:block_id>",
    ["PUT"],
    summary="Change a meeting block",
    form=BlockForm,
    roles=(Role.secretariat,),
)
def update_block(block_id: int):
    cs = _session()
    block = db.session.get(MeetingBlock, block_id)
    if block is None or block.commission_session_id != cs.id:
        not_found("meeting block")
    block = services.save_block(cs, block=block, actor=api_user(), **_validated_block(cs))
    return jsonify(services.block_as_dict(block, cs.timezone))


@api_route("/session/blocks/<int:block_id>", ["DELETE"], summary="Delete a meeting block", roles=(Role.secretariat,))
def delete_block(block_id: int):
    services.delete_block(_session(), block_id, actor=api_user())
    return jsonify({"deleted": block_id})


@api_route(
    "/session",
    ["PUT"],
    summary="Change the session's name, venue, time zone and segment dates",
    form=SessionForm,
    roles=(Role.secretariat,),
)
def put_session():
    cs = _session()
    form = validated(SessionForm)
    services.update_details(cs, api_user(), **fields_of(form))
    return jsonify(services.session_as_dict(cs))


@api_route("/session/log", summary="Who changed what in the session's set-up", roles=(Role.secretariat, Role.chair))
def get_log():
    cs = _session()
    return jsonify(
        [
            {"at": e.at.isoformat(), "by": e.actor_name, "action": e.action, "summary": e.summary, "details": e.details}
            for e in services.session_log(cs)
        ]
    )
