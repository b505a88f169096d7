"""Find text a user reads that is not marked for translation.

Templates: the source with every Jinja construct blanked out ({% trans %} blocks removed
whole) is read as HTML; any run of two or more Latin letters in text, or in the attributes a
user reads (title, alt, placeholder, aria-label), is reported, save the words in ALLOWED.
Python: string literals and f-strings passed directly to the calls that show text to a user
(a refusal, a flash, an abort, an API error, a form field's label, a validator's message).

Run as `python -m tests.i18n.untranslated` to list what is left.
"""

import ast
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Words that read the same in every language: names of things, formats, standards.
ALLOWED = {
    "meetings", "PDF", "CSV", "API", "JSON", "iCalendar", "ics", "UTC", "SHA", "HMAC", "OpenAPI", "ID",
    "CND", "UNODC", "NGO", "IGO", "URL", "HTTP", "webcal", "Atom", "SHA-256", "HMAC-SHA256", "Bearer",
}  # fmt: skip
_JINJA = re.compile(r"\{%-?\s*trans\b.*?\{%-?\s*endtrans\s*-?%\}|\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
READ_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self._check(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data):
        if not self._skip:
            self._check(data)

    def _check(self, text: str) -> None:
        words = [w for w in _WORD.findall(text) if w not in ALLOWED]
        if words:
            self.found.append((self.getpos()[0], " ".join(words)[:80]))


def template_problems(path: Path, root: Path = ROOT) -> list[str]:
    source = path.read_text(encoding="utf-8")
    blanked = _JINJA.sub(lambda m: "\n" * m.group(0).count("\n") + " ", source)
    parser = _Text()
    parser.feed(blanked)
    return [f"{path.relative_to(root)}:{line}: {words}" for line, words in parser.found]


SHOWING_CALLS = {"Refusal", "require", "flash", "abort", "ApiError", "json_error", "ValidationError"}
FIELD_SUFFIX = "Field"
MESSAGE_KEYWORDS = {"message", "label", "description", "done"}
TRANSLATING = {"_", "_l", "gettext", "lazy_gettext", "ngettext", "lazy_ngettext", "N_"}


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _literal_text(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(_WORD.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and _WORD.search(str(v.value)) for v in node.values)
    if isinstance(node, ast.BinOp):
        return _literal_text(node.left) or _literal_text(node.right)
    return False


def python_problems(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name in TRANSLATING:
            continue
        args = []
        if name in SHOWING_CALLS:
            position = 1 if name in ("require", "abort") else 0  # require(predicate, sentence), abort(409, sentence)
            args = node.args[position : position + 1] + [k.value for k in node.keywords if k.arg in MESSAGE_KEYWORDS]
        elif name.endswith(FIELD_SUFFIX) or name in ("Length", "DataRequired", "InputRequired", "Optional",
                                                      "NumberRange", "EqualTo", "Regexp", "Email", "AnyOf"):  # fmt: skip
            args = [node.args[0]] if name.endswith(FIELD_SUFFIX) and node.args else []
            args += [k.value for k in node.keywords if k.arg in MESSAGE_KEYWORDS]
        for arg in args:
            if _literal_text(arg):
                out.append(f"{path.relative_to(root)}:{node.lineno}: {name}({ast.unparse(arg)[:70]})")
    return out


def all_problems() -> list[str]:
    problems = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        problems += template_problems(path)
    for path in sorted((ROOT / "meetings").rglob("*.py")):
        problems += python_problems(path)
    return problems


if __name__ == "__main__":
    found = [p for p in all_problems() if not sys.argv[1:] or any(a in p for a in sys.argv[1:])]
    print("\n".join(found))
    print(f"{len(found)} untranslated", file=sys.stderr)
