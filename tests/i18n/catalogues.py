"""What the code asks to translate, against what the catalogues hold.

Run as `python -m tests.i18n.catalogues` to list what is missing, per language.
"""

import re
import sys
from pathlib import Path

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


def wanted() -> dict[str, list[str]]:
    """Each message id the code and templates use, with where."""
    found: dict[str, list[str]] = {}
    for folder in ("meetings", "templates"):
        for filename, lineno, message, _comments, _context in extract_from_dir(
            ROOT / folder, METHODS, keywords=KEYWORDS, comment_tags=()
        ):
            key = message[0] if isinstance(message, tuple) else message
            if key:
                found.setdefault(key, []).append(f"{folder}/{filename}:{lineno}")
    return found


def held(language: str) -> dict[str, list[str]]:
    """Every message of every part's catalogue for `language`: id -> its translations (plural forms)."""
    out: dict[str, list[str]] = {}
    for po in sorted(TRANSLATIONS.glob(f"*/{language}/LC_MESSAGES/messages.po")):
        with po.open("rb") as f:
            catalog = read_po(f, locale=language)
        for message in catalog:
            if not message.id or message.fuzzy:
                continue
            key = message.id[0] if isinstance(message.id, tuple | list) else message.id
            strings = list(message.string) if isinstance(message.string, tuple | list) else [message.string]
            if all(strings) and (key not in out or not all(out[key])):
                out[key] = strings
    return out


def placeholders(text: str) -> set[str]:
    return {m.group(1) or m.group(0) for m in PLACEHOLDER.finditer(text)}


def problems(language: str, part: str | None = None) -> list[str]:
    messages, catalogue = wanted(), held(language)
    out = []
    for key, where in sorted(messages.items()):
        if part and not any(part in w for w in where):
            continue
        strings = catalogue.get(key)
        if not strings:
            out.append(f"[{language}] missing: {key!r} ({where[0]})")
        elif any(placeholders(s) - placeholders(key) for s in strings) or not placeholders(key) <= set().union(
            *(placeholders(s) for s in strings)
        ):
            out.append(f"[{language}] placeholders differ: {key!r}")
    return out


if __name__ == "__main__":
    part = sys.argv[1] if len(sys.argv) > 1 else None
    everything = [p for lang in TARGETS for p in problems(lang, part)]
    print("\n".join(everything))
    print(f"{len(everything)} problems", file=sys.stderr)
