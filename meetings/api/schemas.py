"""Small builders for the JSON Schemas that API routes declare as their answers (`response=`).

A route's answer is documented where the route is declared, so the OpenAPI document and the fuzz
test that checks every answer against it read the same words. Objects list the keys every answer
holds; keys an answer may leave out go in `optional`. More keys may come (clients ignore them).
"""

from typing import Any

STR: dict = {"type": "string"}
INT: dict = {"type": "integer"}
NUM: dict = {"type": "number"}
BOOL: dict = {"type": "boolean"}
ANY: dict = {}
DATE: dict = {"type": "string", "format": "date"}
TIME: dict = {"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2})?$", "description": "HH:MM, local time"}
INSTANT: dict = {"type": "string", "description": "ISO 8601 date and time"}
LOCAL: dict = {"type": "string", "description": "ISO 8601 date and time, local to the session"}
FILE: dict = {"type": "string", "format": "binary"}
MESSAGE: dict = {"type": "object", "properties": {"message": STR}, "required": ["message"]}


def obj(optional: dict | None = None, **props: dict) -> dict:
    """An object with these keys always present, and the `optional` ones sometimes."""
    return {"type": "object", "properties": {**props, **(optional or {})}, "required": list(props)}


def arr(items: dict) -> dict:
    return {"type": "array", "items": items}


def maybe(schema: dict) -> dict:
    """The schema, or null."""
    return {"anyOf": [schema, {"type": "null"}]}


def one_of(*values: Any) -> dict:
    return {"enum": list(values)}


def mapping(values: dict) -> dict:
    """An object whose keys are data (codes, names), each holding `values`."""
    return {"type": "object", "additionalProperties": values}


def text(media_type: str) -> dict:
    """A non-JSON body (CSV, iCalendar, PDF): documented by its media type alone."""
    return {"type": "string", "description": media_type}


# The audit log's entry: every feature's history reads it (the audit log, a session's set-up log,
# a delegation's changes).
AUDIT_ENTRY: dict = obj(
    seq=INT, at=INSTANT, feature=STR, action=STR,
    actor=obj(id=maybe(INT), name=STR, system=BOOL, cause=maybe(STR)),
    record=obj(kind=STR, id=maybe(INT), label=STR),
    delegation=maybe(STR), other_delegation=maybe(STR), before=ANY, after=ANY, reason=maybe(STR), hash=STR,
)  # fmt: skip
