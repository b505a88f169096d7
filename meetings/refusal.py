"""The one exception a service raises to refuse a user's action."""

from contextlib import contextmanager

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
def taken_meanwhile(what: str):
    """Let a unique constraint decide between two requests creating the same thing at once.

    The check before the insert cannot see a row another transaction is about to commit; the
    one that loses gets a sentence instead of a server error.
    """
    try:
        yield
    except IntegrityError as exc:
        raise Refusal(f"Someone registered {what} at the same moment; nothing was changed.", status=409) from exc


def require(allowed: bool, message: str) -> None:
    """Refuse with 403 and `message` unless a permission predicate allowed the action."""
    if not allowed:
        raise Refusal(message, status=403)
