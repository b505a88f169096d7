"""What the code asks to translate, against what the catalogues hold.

A message is keyed by its id, preceded by its context and EOT when it has one (as gettext
keys a `pgettext` message), so that a context needs its own translation. The parts' catalogues
are merged at run time: a message two parts translate differently would be shown everywhere as
the part that sorts last translates it, hence `conflicts`.

Run as `python -m tests.i18n.catalogues` to list what is missing, per language, and the conflicts.
"""

import re
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from meetings.i18n.languages import DEFAULT, LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
METHODS = [("**.py", "python"), ("**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None, "lazy_pgettext": ((1, "c"), 2),
            "lazy_ngettext": (1, 2), "N_": None, "pgettext": ((1, "c"), 2)}  # fmt: skip
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]")
TARGETS = [lang for lang in LANGUAGES if lang != DEFAULT]


def key_of(message_id: str | tuple | list, context: str | None = None) -> str:
    """A message's key: its id (the singular of a plural), after its context and EOT if it has one."""
    text = message_id[0] if isinstance(message_id, tuple | list) else message_id
    return f"{context}\x04{text}" if context else text


def named(key: str) -> str:
    """A key as a reader sees it: 'Record', or 'Record' (context 'the history of changes')."""
    context, _eot, text = key.rpartition("\x04")
    return f"{text!r} (context {context!r})" if context else repr(text)


def wanted() -> dict[str, list[str]]:
    """Each message the code and templates use (keyed as `key_of`), with where."""
    found: dict[str, list[str]] = {}
    for folder in ("meetings", "templates"):
        for filename, lineno, message, _comments, context in extract_from_dir(
            ROOT / folder, METHODS, keywords=KEYWORDS, comment_tags=()
        ):
            text = message[0] if isinstance(message, tuple) else message
            if text:
                found.setdefault(key_of(text, context), []).append(f"{folder}/{filename}:{lineno}")
    return found


def part_messages(language: str) -> Iterator[tuple[str, Message]]:
    """Each message of each part's catalogue for `language`, with the part's name; fuzzy ones are not shown."""
    for po in sorted(TRANSLATIONS.glob(f"*/{language}/LC_MESSAGES/messages.po")):
        with po.open("rb") as f:
            catalog = read_po(f, locale=language)
        for message in catalog:
            if message.id and not message.fuzzy:
                yield po.parts[-4], message


def translations(message: Message) -> list[str]:
    """A message's translation, or its plural forms."""
    return list(message.string) if isinstance(message.string, tuple | list) else [message.string]


def held(language: str) -> dict[str, list[str]]:
    """Every message of every part's catalogue for `language`: key -> its translations (plural forms)."""
    out: dict[str, list[str]] = {}
    for _part, message in part_messages(language):
        key, strings = key_of(message.id, message.context), translations(message)
        if all(strings) and (key not in out or not all(out[key])):
            out[key] = strings
    return out


def conflicts(language: str) -> list[str]:
    """The messages (id and context) that two parts translate differently in `language`.

    Merged at run time, the part that sorts last would give its translation to every page.
    """
    by_key: dict[str, dict[str, tuple[str, ...]]] = {}
    for part, message in part_messages(language):
        strings = tuple(translations(message))
        if all(strings):
            by_key.setdefault(key_of(message.id, message.context), {})[part] = strings
    return [
        f"[{language}] {named(key)} is translated differently by part: "
        + ", ".join(f"{part} {strings[0] if len(strings) == 1 else strings!r}" for part, strings in parts.items())
        for key, parts in sorted(by_key.items())
        if len(set(parts.values())) > 1
    ]


def placeholders(text: str) -> set[str]:
    return {m.group(1) or m.group(0) for m in PLACEHOLDER.finditer(text)}


def problems(language: str, part: str | None = None) -> list[str]:
    messages, catalogue = wanted(), held(language)
    out = []
    for key, where in sorted(messages.items()):
        if part and not any(part in w for w in where):
            continue
        strings, text = catalogue.get(key), key.rpartition("\x04")[2]
        if not strings:
            out.append(f"[{language}] missing: {named(key)} ({where[0]})")
        elif any(placeholders(s) - placeholders(text) for s in strings) or not placeholders(text) <= set().union(
            *(placeholders(s) for s in strings)
        ):
            out.append(f"[{language}] placeholders differ: {named(key)}")
    return out


if __name__ == "__main__":
    part = sys.argv[1] if len(sys.argv) > 1 else None
    everything = [p for lang in TARGETS for p in problems(lang, part)]
    everything += [c for lang in TARGETS for c in conflicts(lang)]
    print("\n".join(everything))
    print(f"{len(everything)} problems", file=sys.stderr)
