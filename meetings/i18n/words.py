"""The functions that put a sentence, a count or a moment in the reader's language.

They are Flask-Babel's. Outside a request (a command, a test calling a service or a rule) the
language selector answers English, and with no application at all Flask-Babel returns the
English text, so rules and services can use them anywhere. pybabel extracts `_`, `_l`,
`ngettext`, `pgettext`, `lazy_pgettext` and `N_` (README, "Six languages").
"""

from collections.abc import Callable
from datetime import date, datetime, time

from babel import Locale
from babel.lists import format_list
from flask_babel import get_locale, lazy_pgettext, ngettext, pgettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from meetings.i18n.dates import format_in
from meetings.i18n.languages import DEFAULT, is_language

__all__ = ["N_", "_", "_l", "current_language", "language_name", "lazy", "lazy_pgettext", "ngettext", "pgettext",
           "shown", "shown_list"]  # fmt: skip


def N_(text: str) -> str:
    """Marks `text` for the catalogues without translating it here (it is translated where shown)."""
    return text


def lazy(words: Callable[[], str]) -> LazyString:
    """Words computed when shown, e.g. `lazy(lambda: pgettext("speaker", "Title"))` for a form's label."""
    return LazyString(words)


def current_language() -> str:
    """The language of the request being answered; English outside one."""
    locale = get_locale()
    language = locale.language if locale is not None else DEFAULT
    return language if is_language(language) else DEFAULT


def shown(moment: date | datetime | time, pattern: str) -> str:
    """A moment, already in the wanted time zone, written in the reader's language.

    `pattern` is the English house style (strftime), printed as is in English.
    """
    if isinstance(moment, time):
        moment = datetime.combine(date(2000, 1, 1), moment)
    elif not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
    return format_in(moment, pattern, current_language())


def language_name(code: str | None) -> str:
    """One of the six languages named in the reader's language ("French", "法语"); None is English."""
    name = Locale.parse(code or DEFAULT).get_language_name(current_language()) or (code or DEFAULT)
    return name[:1].upper() + name[1:]


def shown_list(words) -> str:
    """Items named in a sentence: "a, b, c" in English, the reader's own way of listing otherwise."""
    words, language = [str(w) for w in words], current_language()
    return ", ".join(words) if language == DEFAULT else format_list(words, locale=language)
