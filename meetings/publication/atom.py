"""The Atom 1.0 feed of a list's versions: one entry per version, its change log as the content."""

from xml.etree import ElementTree as ET

from meetings.i18n.words import current_language
from meetings.publication import words
from meetings.publication.models import PublicationKind, PublishedVersion

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(moment) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def feed(
    *,
    kind: PublicationKind,
    session_name: str,
    tz: str,
    versions: list[PublishedVersion],
    feed_url: str,
    page_url: str,
    version_url,
) -> bytes:
    """The feed's bytes; `version_url(number)` is the address of a version's page."""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": current_language()})
    _sub(root, "id", feed_url)
    _sub(root, "title", f"{session_name}: {words.title_of(kind)}")
    _sub(root, "updated", _stamp(versions[0].published_at) if versions else "1970-01-01T00:00:00Z")
    _sub(root, "link", rel="self", type="application/atom+xml", href=feed_url)
    _sub(root, "link", rel="alternate", type="text/html", href=page_url)
    author = _sub(root, "author")
    _sub(author, "name", session_name)
    for version in versions:
        entry = _sub(root, "entry")
        url = version_url(version.number)
        _sub(entry, "id", url)
        _sub(entry, "title", words.version_title(kind, version.number))
        _sub(entry, "updated", _stamp(version.published_at))
        _sub(entry, "published", _stamp(version.published_at))
        _sub(entry, "link", rel="alternate", type="text/html", href=url)
        _sub(entry, "content", "\n".join(words.change_log(version, kind, tz)), type="text")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
