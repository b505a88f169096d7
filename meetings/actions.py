"""The one runner of a user's action, for HTML views and API routes alike.

It calls the service, commits once when the service returns, and rolls back on a refusal or
any error, so that a refused action changes nothing. Inside a request, a commit anywhere else
(or a second one) is a bug and raises.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import flash, g, has_request_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from meetings.extensions import db
from meetings.refusal import Refusal, show_on_form

_RUNNING = "_action_running"
_COMMITS = "_action_commits"


def perform(action: Callable[[], Any]) -> Any:
    """Run `action` and commit once; roll back and re-raise whatever it raised."""
    if has_request_context():
        setattr(g, _RUNNING, True)
    try:
        value = action()
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    finally:
        if has_request_context():
            setattr(g, _RUNNING, False)
    return value


def running() -> bool:
    """Whether this request is running an action through the runner now: its transaction may write.

    A page read (GET) that must write, such as a calendar feed keeping the SEQUENCE it promised,
    ends its reads and runs the write through `perform`; the transaction begun there is a writer's.
    """
    return has_request_context() and bool(g.get(_RUNNING))


@dataclass
class Outcome:
    value: object = None
    refusal: Refusal | None = None

    @property
    def ok(self) -> bool:
        return self.refusal is None


def attempt(action: Callable[[], Any], form=None, done: str = "") -> Outcome:
    """For a page: run the action; flash `done`, or flash the reason and mark the form's fields."""
    try:
        value = perform(action)
    except Refusal as refusal:
        if form is not None:
            show_on_form(form, refusal)
        flash(refusal.message, "error")
        return Outcome(refusal=refusal)
    if done:
        flash(done, "info")
    return Outcome(value=value)


def _one_commit_per_request(session: Session) -> None:
    if not has_request_context() or session.in_nested_transaction():
        return
    if not g.get(_RUNNING):
        raise RuntimeError("a request commits only through meetings.actions.perform")
    commits = g.get(_COMMITS, 0) + 1
    if commits > 1:
        raise RuntimeError("a request commits once")
    setattr(g, _COMMITS, commits)


def install(session_class: type[Session]) -> None:
    if not event.contains(session_class, "before_commit", _one_commit_per_request):
        event.listen(session_class, "before_commit", _one_commit_per_request)
