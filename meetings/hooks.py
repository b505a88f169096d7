"""What features plug into each other, per app: filled by each feature's init_app, read at call time.

Nothing registers itself by being imported: `create_app` calls every feature's `init_app(app)`,
which adds its parts here explicitly. The registry lives in `app.extensions`, so two apps in
one process (the test suite has two) never share or double a registration.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask, current_app

KEY = "meetings.hooks"


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    # A permission predicate fn(user) -> bool: the item shows only to the users it admits; None: to everyone.
    visible: Callable | None = None

    def shown_to(self, user) -> bool:
        return self.visible is None or bool(self.visible(user))


@dataclass(frozen=True)
class SpeakerChoice:
    """A person a delegation may choose as its general-debate speaker (registration's high-level participants)."""

    key: str
    name: str
    title: str
    note: str = ""


@dataclass
class Hooks:
    # The top navigation, after "Session".
    nav_items: list[NavItem] = field(default_factory=list)
    # Templates included in a delegation's home page, each given `delegation` and `cs`.
    delegation_sections: list[str] = field(default_factory=list)
    # fn(block) -> LineupEntry items in speaking order (meetings.floor.sources).
    lineup_sources: list[Callable] = field(default_factory=list)
    # fn(event, turn, actor): what other features hear of the floor (meetings.floor.sources).
    floor_listeners: list[Callable] = field(default_factory=list)
    # fn(cs, changed, actor) after the session's rules changed (meetings.programme.services).
    rules_listeners: list[Callable] = field(default_factory=list)
    # fn(cs, delegation_or_None) -> CalendarItem list (meetings.exports.agenda).
    agenda_sources: list[Callable] = field(default_factory=list)
    # fn(cs, delegation) -> CalendarItem list: what only the delegation's secret feed adds (its applications
    # and nominations awaiting a decision); an item replaces the public one of the same UID.
    private_agenda_sources: list[Callable] = field(default_factory=list)
    # fn(user, block) -> bool: who else runs a meeting's floor besides the Chair (a roundtable's co-chairs).
    floor_runners: list[Callable] = field(default_factory=list)
    # fn(block, delegation) -> reason or None, before the floor is given from a request; may take the
    # session lock (meetings.floor.queue takes the floor's lock after them).
    grant_checks: list[Callable] = field(default_factory=list)
    # fn(commission_session_id, delegation) -> bool: whether the delegation's people are registered for
    # the session (the registration feature answers; a virtual side event's meeting link is for them).
    registered_checks: list[Callable] = field(default_factory=list)

    # fn(cs, delegation) -> [SpeakerChoice]: whom a delegation may choose as its general-debate speaker.
    speaker_choices: list[Callable] = field(default_factory=list)
    # fn(user, cs, speakers: [(delegation, speaker_name)]) -> {(delegation_id, speaker_name): words}: what the
    # reader may be told beside a general-debate speaker (registration: "not registered for the high-level segment").
    speaker_notes: list[Callable] = field(default_factory=list)
    # fn(cs, items) -> items: what every feed finally shows of the agenda's items (publication: the speaking
    # slots and side events as last published, not the working state), applied to every feed alike.
    agenda_filters: list[Callable] = field(default_factory=list)

    def add_nav(self, label: str, endpoint: str, visible: Callable | None = None) -> None:
        if any(item.endpoint == endpoint for item in self.nav_items):
            raise ValueError(f"Navigation to {endpoint} is already registered.")
        self.nav_items.append(NavItem(label, endpoint, visible))

    def add_delegation_section(self, template: str) -> None:
        _add(self.delegation_sections, template, "delegation section")

    def add_lineup_source(self, fn: Callable) -> None:
        _add(self.lineup_sources, fn, "lineup source")

    def add_floor_listener(self, fn: Callable) -> None:
        _add(self.floor_listeners, fn, "floor listener")

    def add_rules_listener(self, fn: Callable) -> None:
        _add(self.rules_listeners, fn, "rules listener")

    def add_agenda_source(self, fn: Callable) -> None:
        _add(self.agenda_sources, fn, "agenda source")

    def add_private_agenda_source(self, fn: Callable) -> None:
        _add(self.private_agenda_sources, fn, "private agenda source")

    def add_floor_runner(self, fn: Callable) -> None:
        _add(self.floor_runners, fn, "floor runner")

    def add_grant_check(self, fn: Callable) -> None:
        _add(self.grant_checks, fn, "grant check")

    def add_speaker_choices(self, fn: Callable) -> None:
        _add(self.speaker_choices, fn, "source of speaker choices")

    def add_speaker_notes(self, fn: Callable) -> None:
        _add(self.speaker_notes, fn, "source of speaker notes")

    def add_registered_check(self, fn: Callable) -> None:
        _add(self.registered_checks, fn, "registered check")

    def add_agenda_filter(self, fn: Callable) -> None:
        _add(self.agenda_filters, fn, "agenda filter")


def _add(registry: list, item, what: str) -> None:
    if item in registry:
        raise ValueError(f"The {what} {getattr(item, '__qualname__', item)!r} is already registered.")
    registry.append(item)


def init_app(app: Flask) -> Hooks:
    if KEY in app.extensions:
        raise RuntimeError("The hooks of this app are already set up.")
    app.extensions[KEY] = hooks = Hooks()
    return hooks


def hooks_of(app: Flask | None = None) -> Hooks:
    """The registry of `app`, by default of the current app."""
    return (app if app is not None else current_app).extensions[KEY]


def speaker_choices_for(cs, delegation) -> list[SpeakerChoice]:
    """Whom `delegation` may choose as its general-debate speaker, from every feature that offers some."""
    if cs is None or delegation is None:
        return []
    return [choice for fn in hooks_of().speaker_choices for choice in fn(cs, delegation)]


def speaker_notes_for(user, cs, speakers: list) -> dict:
    """What `user` may read beside each general-debate speaker, keyed by (delegation id, speaker name)."""
    notes: dict = {}
    if cs is None or not speakers:
        return notes
    for fn in hooks_of().speaker_notes:
        for key, words in fn(user, cs, speakers).items():
            notes[key] = f"{notes[key]} · {words}" if key in notes else words
    return notes
