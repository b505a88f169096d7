"""Who may do what on the floor.

Besides the Chair and the secretariat, other features may let someone run one meeting's floor
(a roundtable's confirmed co-chairs run theirs): they register `fn(user, block) -> bool` with
`hooks.add_floor_runner`, and the floor asks them without knowing who they are.
"""

from flask import has_app_context, has_request_context
from flask import request as current_request

from meetings.auth.permissions import acts_for, is_chair, is_delegation_user
from meetings.extensions import db
from meetings.hooks import hooks_of
from meetings.programme.models import MeetingBlock


def can_drive(user, block=None) -> bool:
    """The Chair and the secretariat (the console: timer, list, queue, limits).

    Also whoever a registered floor runner admits to this meeting's floor (a roundtable's co-chairs).
    """
    return is_chair(user) or _runs(user, block)


def can_read_record(user, block=None) -> bool:
    """The Chair and the secretariat (the speaking-time report).

    Also whoever runs this meeting's floor (a roundtable's co-chairs, their own roundtable's record).
    """
    return is_chair(user) or _runs(user, block)


def _runs(user, block) -> bool:
    """Whether a registered floor runner admits the user to this meeting's floor.

    Without a block, the meeting the address names (…/blocks/<block_id>/…): a page's decorator and an
    API route's gate ask before the view has loaded the meeting; the services ask again with it.
    """
    if not has_app_context() or user is None or not getattr(user, "is_authenticated", False):
        return False
    runners = hooks_of().floor_runners
    if not runners:
        return False
    block = block if block is not None else _addressed_block()
    return block is not None and any(runner(user, block) for runner in runners)


def _addressed_block() -> MeetingBlock | None:
    if not has_request_context():
        return None
    block_id = (current_request.view_args or {}).get("block_id")
    return db.session.get(MeetingBlock, block_id) if isinstance(block_id, int) else None


def can_request_for(user, delegation, block=None) -> bool:
    """A delegation asks for the floor for itself; the chair adds a nameplate raised in the room."""
    return can_drive(user, block) or (is_delegation_user(user) and acts_for(user, delegation))


def can_raise_nameplate(user) -> bool:
    """Who is offered the nameplate page: a delegation's users."""
    return is_delegation_user(user) and user.delegation_id is not None


def can_withdraw_request(user, request) -> bool:
    return can_drive(user, request.floor.block) or (is_delegation_user(user) and acts_for(user, request.delegation))


# --- the floor beyond the list: rights of reply ---------------------------------------------


def can_ask_reply(user, delegation, block=None) -> bool:
    """A delegation asks for its own right of reply; whoever runs the floor records one for any delegation."""
    return can_drive(user, block) or (is_delegation_user(user) and acts_for(user, delegation))


def can_withdraw_reply(user, turn) -> bool:
    """The delegation that asked for the right of reply, or whoever runs the floor of its meeting."""
    return can_drive(user, turn.floor.block) or (is_delegation_user(user) and acts_for(user, turn.delegation))
