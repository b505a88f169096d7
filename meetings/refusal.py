"""The one exception a service raises to refuse a user's action."""

from collections.abc import Callable
from contextlib import contextmanager

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError


class Refusal(Exception):
    """An action refused with a reason a diplomat understands; nothing was changed.

    `errors` maps form fields to messages; `status` is the HTTP status the API answers with.
    """

    def __init__(self, message: str, errors: dict | None = None, status: int = 400):
        super().__init__(message)
        self.message, self.errors, self.status = message, errors or {}, status


def show_on_form(form, refusal: Refusal) -> None:
    """Put a refusal's per-field reasons next to the fields of an HTML form."""
    for name, messages in refusal.errors.items():
        field = getattr(form, name, None)
        if field is not None:
            field.errors = list(field.errors) + list(messages)


@contextmanager
def taken_meanwhile(what: str = "", *, sentence: Callable[[], str] | None = None):
    """Let a unique constraint decide between two requests creating the same thing at once.

    The check before the insert cannot see a row another transaction is about to commit; the
    one that loses gets a sentence instead of a server error. `sentence()` gives the whole
    sentence (one message a translator can reorder), written only when it is needed; `what`
    alone is the older form, kept for its callers.
    """
    try:
        yield
    except IntegrityError as exc:
        if sentence is not None:
            message = sentence()
        else:
            message = _("Someone registered %(what)s at the same moment; nothing was changed.", what=what)
        raise Refusal(message, status=409) from exc


def require(allowed: bool, message: str) -> None:
    """Refuse with 403 and `message` unless a permission predicate allowed the action."""
    if not allowed:
        raise Refusal(message, status=403)
