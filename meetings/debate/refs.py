"""How a turn on the floor refers to an inscription: "gd-entry-<id>".

A module of its own, so that the list (listing) and the floor's side of the debate
(on_the_floor) both use it without importing each other.
"""

PREFIX = "gd-entry-"


def source_ref(inscription_id: int) -> str:
    return f"{PREFIX}{inscription_id}"


def inscription_id(ref: str | None) -> int | None:
    if ref and ref.startswith(PREFIX) and ref[len(PREFIX) :].isdigit():
        return int(ref[len(PREFIX) :])
    return None
