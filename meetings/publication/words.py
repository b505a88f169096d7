"""A version's change log in the reader's language, from its structured entries."""

from datetime import datetime

from sqlalchemy import select

from meetings.debate.rules import LEVEL_LABELS
from meetings.delegations.models import Delegation
from meetings.extensions import db
from meetings.i18n.words import _, ngettext, shown
from meetings.publication import rules
from meetings.publication.models import PublicationKind, PublishedVersion
from meetings.timeutil import to_local


def delegations_named(*logs: list[dict]) -> dict[str, Delegation]:
    """The delegations a change log names (and a snapshot's rows), by code."""
    codes = {code for log in logs for entry in log for code in entry.get("delegations", [])}
    codes |= {entry[k] for log in logs for entry in log for k in ("delegation", "organizer") if entry.get(k)}
    if not codes:
        return {}
    return {d.code: d for d in db.session.scalars(select(Delegation).where(Delegation.code.in_(codes)))}


def _name(code: str, delegations: dict[str, Delegation]) -> str:
    found = delegations.get(code)
    return found.shown_name if found is not None else code


def _who(entry: dict, delegations: dict[str, Delegation]) -> str:
    name = _name(entry["delegation"], delegations)
    if entry.get("group"):
        return _("%(delegation)s (on behalf of %(group)s)", delegation=name, group=entry["group"])
    return name


def _speaker(entry: dict) -> str:
    return f"{entry['title']} {entry['speaker']}".strip() if entry.get("title") else entry["speaker"]


def when(iso: str | None, tz: str, pattern: str = "%d %b %Y %H:%M") -> str:
    """An instant of a snapshot (ISO, UTC) in the session's time zone and the reader's language."""
    if not iso:
        return ""
    return shown(to_local(datetime.fromisoformat(iso), tz), pattern)


def sentence(entry: dict, kind: PublicationKind, delegations: dict[str, Delegation], tz: str) -> str:
    """One entry of a change log as a sentence."""
    k = entry["kind"]
    if k == rules.FIRST:
        if kind == PublicationKind.speakers_list:
            return ngettext("First published version: %(num)d speaker.", "First published version: %(num)d speakers.",
                            entry["count"])  # fmt: skip
        return ngettext("First published version: %(num)d side event.",
                        "First published version: %(num)d side events.", entry["count"])  # fmt: skip
    if k == rules.MOVED:
        return _("%(delegation)s moved from slot %(before)d to %(after)d.", delegation=_who(entry, delegations),
                 before=entry["from"], after=entry["to"])  # fmt: skip
    if k == rules.WITHDRAWN:
        return _("%(delegation)s withdrawn.", delegation=_who(entry, delegations))
    if k == rules.ADDED:
        return _("%(delegation)s added in slot %(slot)d: %(speaker)s.", delegation=_who(entry, delegations),
                 slot=entry["slot"], speaker=_speaker(entry))  # fmt: skip
    if k == rules.NEW_SPEAKER:
        return _("New speaker for %(delegation)s: %(speaker)s.", delegation=_who(entry, delegations),
                 speaker=_speaker(entry))  # fmt: skip
    if k == rules.LEVEL:
        level = LEVEL_LABELS.get(entry.get("level") or "", entry.get("level") or "")
        return _("%(delegation)s now speaks at the level: %(level)s.", delegation=_who(entry, delegations),
                 level=level)  # fmt: skip
    if k == rules.TIMES:
        return ngettext("The projected time of %(num)d speaker changed.",
                        "The projected times of %(num)d speakers changed.", entry["count"])  # fmt: skip
    if k == rules.EVENT_NEW:
        return _("New side event '%(title)s' at %(time)s in %(room)s.", title=entry["title"],
                 time=when(entry["starts_at"], tz, "%d %b %H:%M"), room=entry["room"])  # fmt: skip
    if k == rules.EVENT_MOVED:
        return _("Side event '%(title)s' moved to %(time)s in %(room)s.", title=entry["title"],
                 time=when(entry["starts_at"], tz, "%d %b %H:%M"), room=entry["room"])  # fmt: skip
    if k == rules.EVENT_CANCELLED:
        return _("Side event '%(title)s' cancelled.", title=entry["title"])
    if k == rules.EVENT_DETAILS:
        return _("Side event '%(title)s': its title, organizer, partners or format changed.", title=entry["title"])
    return k


def change_log(version_or_changes, kind: PublicationKind, tz: str) -> list[str]:
    """A version's change log (or a preview's entries) as sentences."""
    changes = version_or_changes.changes if isinstance(version_or_changes, PublishedVersion) else version_or_changes
    delegations = delegations_named(changes)
    return [sentence(entry, kind, delegations, tz) for entry in changes]


def title_of(kind: PublicationKind) -> str:
    if kind == PublicationKind.speakers_list:
        return _("General debate: list of speakers")
    return _("Programme of side events")


def version_title(kind: PublicationKind, number: int) -> str:
    if kind == PublicationKind.speakers_list:
        return _("Version %(number)d of the speakers list", number=number)
    return _("Version %(number)d of the side-event programme", number=number)


def stamp(version: PublishedVersion, tz: str) -> str:
    """What a printed version says of itself, in its footer."""
    return _("Version %(number)d, published %(when)s (%(zone)s)", number=version.number,
             when=when(version.published_at.isoformat(), tz), zone=tz)  # fmt: skip


def notice(version: PublishedVersion, mine: list[dict], delegation: Delegation, tz: str) -> str:
    """The home page's notice of a version that changed something for the delegation."""
    delegations = delegations_named(mine)
    delegations[delegation.code] = delegation
    kind = version.publication_kind
    said = " ".join(sentence(entry, kind, delegations, tz) for entry in mine)
    if kind == PublicationKind.speakers_list:
        return _("Version %(number)d of the speakers list changed your slot: %(changes)s", number=version.number,
                 changes=said)  # fmt: skip
    return _("Version %(number)d of the side-event programme changed your side events: %(changes)s",
             number=version.number, changes=said)  # fmt: skip
