"""One check of what comes in, before any page or API route reads it.

- Text with NUL, a lone surrogate or a control character (other than tab, line feed and carriage
  return) is refused with 422, in the address, a form or a JSON body: no such text is ever stored.
- A JSON route sent a body of another type answers 415 (a file upload, multipart, is its own type).
- A JSON body nested deeper than MAX_DEPTH answers 400, before it is parsed.
- An id in an address beyond the database's integer range is no record: 404 (PostgreSQL would fail).
- A date (YYYY-MM-DD, alone or in a date and time) outside the years 1900–2199 is refused with 422:
  no session is held then, and year 1 or 9999 would overflow on its way to UTC.
"""

import re

from flask import Flask, request
from werkzeug.exceptions import BadRequest, UnprocessableEntity, UnsupportedMediaType
from werkzeug.routing import IntegerConverter

from meetings.i18n.words import _

MAX_ID = 2**31 - 1  # PostgreSQL's integer
MAX_DEPTH = 32
JSON_TYPES = ("application/json", "multipart/form-data")
DATE = re.compile(r"(?<!\d)(\d{4})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?!\d)")
YEARS = range(1900, 2200)


class RecordId(IntegerConverter):
    """`<int:…>` in every address: at most the database's largest integer."""

    def __init__(self, url_map, fixed_digits: int = 0, min: int | None = None, max: int | None = MAX_ID,  # noqa: A002
                 signed: bool = False) -> None:  # fmt: skip
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def unfit(text: str) -> bool:
    """Whether text holds what no field may: NUL, a lone surrogate, a control character but tab and line ends."""
    return any((c < " " and c not in "\t\n\r") or c == "\x7f" or "\ud800" <= c <= "\udfff" for c in text)


def _depth(body: bytes) -> int:
    """How deeply a JSON text nests, read without parsing it (brackets inside strings do not count)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def _strings(value: object):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def check_request() -> None:
    """Run before every request (its refusals go through the app's error pages, JSON under /api/)."""
    api = request.path.startswith("/api/")
    body = request.get_data(cache=True) if request.mimetype != "multipart/form-data" else b""
    if api and body and request.method in ("POST", "PUT", "PATCH") and request.mimetype not in JSON_TYPES:
        raise UnsupportedMediaType(_("Send the body as JSON (Content-Type: application/json)."))
    if body and request.mimetype == "application/json" and _depth(body) > MAX_DEPTH:
        raise BadRequest(_("The JSON body is nested too deeply (at most %(depth)d levels).", depth=MAX_DEPTH))
    texts = [*request.args.values(), *request.args.keys(), request.path]
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        texts += [*request.form.values(), *request.form.keys()]
    elif request.mimetype == "application/json" and body:
        texts += list(_strings(request.get_json(silent=True)))
    texts = [t for t in texts if isinstance(t, str)]  # a multipart part without a readable name has None
    if any(int(m.group(1)) not in YEARS for t in texts for m in DATE.finditer(t)):
        raise UnprocessableEntity(_("Dates must fall between the years %(first)d and %(last)d; nothing was changed.",
                                    first=YEARS[0], last=YEARS[-1]))  # fmt: skip
    if any(unfit(t) for t in texts):
        raise UnprocessableEntity(_("The text holds a character that is not allowed (a control character or an "
                                    "invalid one); nothing was changed."))  # fmt: skip


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = RecordId
    app.before_request(check_request)
