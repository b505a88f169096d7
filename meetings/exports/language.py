"""The language a document (PDF, calendar) is written in: the request's, fixed for the whole build."""

import functools
from collections.abc import Callable
from datetime import date, datetime
from typing import ParamSpec, TypeVar

from flask_babel import force_locale

from meetings.i18n.languages import RTL
from meetings.i18n.words import current_language, shown

P = ParamSpec("P")
R = TypeVar("R")


def language() -> str:
    """The language of the document: the request's (`?lang=` first), English outside a request."""
    return current_language()


def right_to_left() -> bool:
    return language() in RTL


def in_document_language(build: Callable[P, R]) -> Callable[P, R]:
    """Build a document with one language fixed from start to end.

    In a request this is the request's language; outside one (a test, a command) English, so that
    the catalogues can be read without a request to choose the language from.
    """

    @functools.wraps(build)
    def built(*args: P.args, **kwargs: P.kwargs) -> R:
        with force_locale(language()):
            return build(*args, **kwargs)

    return built


def local(moment: datetime | date, pattern: str) -> str:
    """A date or time (already in the session's zone) with an English strftime pattern's fields, in the
    document's language: English exactly as the pattern says."""
    return shown(moment, pattern)
