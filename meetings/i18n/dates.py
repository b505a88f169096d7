"""Dates and times in the reader's language.

Templates and documents keep writing the English house style as strftime patterns
("%d %B %Y at %H:%M"); English is printed exactly so. For another language the pattern is
read for the fields it shows (weekday, day, month, year; hours, minutes, seconds) and those
fields are printed the way CLDR says that language writes them, date and time joined by the
language's own pattern.
"""

import re
from datetime import datetime

from babel import Locale
from babel.dates import format_skeleton

from meetings.i18n.languages import DEFAULT

_DATE_FIELDS = {"%A": "EEEE", "%a": "E", "%d": "d", "%B": "MMMM", "%b": "MMM", "%Y": "y"}
_TIME_FIELDS = {"%H": "H", "%M": "m", "%S": "s"}
_FIELD = re.compile(r"%[A-Za-z]")
_ORDER = "yMEd"


def _skeletons(pattern: str) -> tuple[str, str]:
    fields = _FIELD.findall(pattern)
    date = "".join(_DATE_FIELDS[f] for f in fields if f in _DATE_FIELDS)
    time = "".join(_TIME_FIELDS[f] for f in fields if f in _TIME_FIELDS)
    date = "".join(sorted(date, key=lambda c: _ORDER.index(c) if c in _ORDER else 9))
    return date, time


def format_in(moment: datetime, pattern: str, language: str) -> str:
    """`moment` (already in the wanted time zone) written with `pattern`'s fields in `language`."""
    if language == DEFAULT:
        return moment.strftime(pattern)
    date, time = _skeletons(pattern)
    parts = [format_skeleton(sk, moment, locale=language) for sk in (date, time) if sk]
    if len(parts) < 2:
        return parts[0] if parts else moment.strftime(pattern)
    joint = Locale.parse(language).datetime_formats.get("medium", "{1} {0}")
    return str(joint).replace("{1}", parts[0]).replace("{0}", parts[1])
