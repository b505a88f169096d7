"""Small helpers between WTForms forms and services (running an action is meetings.actions)."""

from functools import cache
from urllib.parse import urlsplit

from babel import support
from flask import Flask, request
from flask_babel import gettext as _
from wtforms.i18n import messages_path
from wtforms.validators import ValidationError

from meetings.i18n.words import current_language


@cache
def _wtforms_catalogue(language: str) -> support.Translations:
    return support.Translations.load(messages_path(), [language], domain="wtforms")


class _WtformsMessages:
    """WTForms' own messages (\"This field is required.\") in the language the request speaks when asked.

    Flask-WTF reads and parses WTForms' catalogue file anew for every request that builds a form
    (about a millisecond, the largest single cost of an API submission after the commit); the
    catalogues never change while the process runs, so each language is loaded once per process.
    """

    def ugettext(self, string: str) -> str:
        return _wtforms_catalogue(current_language()).ugettext(string)

    def ungettext(self, singular: str, plural: str, n: int) -> str:
        return _wtforms_catalogue(current_language()).ungettext(singular, plural, n)


_MESSAGES = _WtformsMessages()


def init_app(app: Flask) -> None:
    """Let Flask-WTF find WTForms' messages already loaded (it looks for them on the request)."""

    @app.before_request
    def share_wtforms_messages() -> None:
        request.wtforms_translations = _MESSAGES


def fields_of(form) -> dict:
    """The form's values as keyword arguments for a service (without the button and token)."""
    return {k: v for k, v in form.data.items() if k not in ("submit", "csrf_token")}


def errors_sentence(form, lead: str | None = None) -> str:
    """The form's errors as one sentence that names each field by the label the page shows.

    `lead` is the sentence's beginning, translated by the caller; it may hold `%(reasons)s`
    where the reasons go (so a translator can put them anywhere), else they follow it.
    """

    def named(name, messages) -> str:
        text = " ".join(str(m) for m in messages)
        if name == "csrf_token":
            return _("the form has expired; reload the page and try again")
        field = form._fields.get(name) if name else None
        label = field.label.text if field is not None and field.label is not None else None
        return _("%(label)s: %(reasons)s", label=label, reasons=text) if label else text

    reasons = _("; ").join(named(name, messages) for name, messages in form.errors.items())
    if lead is None:
        return _("Some fields are not valid: %(reasons)s", reasons=reasons)
    return lead % {"reasons": reasons} if "%(reasons)s" in lead else lead + reasons


def safe_next(target: str | None) -> str | None:
    """`target` if it is a page of this site (a path), else None: a form's "next" never sends a user
    to another site, not even as "//host" or "/\\host", which browsers read as another host."""
    if not target or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


class MeetingLink:
    """A link to an online meeting: https only (no script or other scheme can hide in it), no spaces."""

    def __call__(self, form, field) -> None:
        value = (field.data or "").strip()
        field.data = value
        if not value:
            return
        parts = urlsplit(value)
        if parts.scheme != "https" or not parts.netloc or any(c.isspace() for c in value):
            raise ValidationError(_("Give the meeting's https:// address, e.g. https://meet.example.org/cnd67."))
