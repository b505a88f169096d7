"""How an HTML view runs a user's action: one commit when it is done, a rollback and the
reason, next to the fields concerned, when a service refuses it."""

from collections.abc import Callable
from dataclasses import dataclass

from flask import flash

from meetings.extensions import db
from meetings.refusal import Refusal, show_on_form


@dataclass
class Outcome:
    value: object = None
    refusal: Refusal | None = None

    @property
    def ok(self) -> bool:
        return self.refusal is None


def attempt(action: Callable[[], object], form=None, done: str = "") -> Outcome:
    """Run `action`; commit and flash `done`, or roll back, flash the reason and mark the form."""
    try:
        value = action()
    except Refusal as refusal:
        db.session.rollback()
        if form is not None:
            show_on_form(form, refusal)
        flash(refusal.message, "error")
        return Outcome(refusal=refusal)
    db.session.commit()
    if done:
        flash(done, "info")
    return Outcome(value=value)


def fields_of(form) -> dict:
    """The form's values as keyword arguments for a service (without the button and token)."""
    return {k: v for k, v in form.data.items() if k not in ("submit", "csrf_token")}


def errors_sentence(form, lead: str = "Some fields are not valid: ") -> str:
    return lead + "; ".join(f"{name}: {' '.join(messages)}" for name, messages in form.errors.items())
