"""A published version as PDF, stamped with its number and publication time on every page."""

from itertools import groupby

from reportlab.platypus import PageBreak

from meetings.debate.rules import LEVEL_LABELS
from meetings.exports.language import in_document_language
from meetings.exports.pdf import build_pdf, isolated, para, table, usable_width
from meetings.i18n.words import _
from meetings.programme.models import CommissionSession
from meetings.publication import words
from meetings.publication.models import PublicationKind, PublishedVersion


def _minutes(seconds: int) -> str:
    m, s = divmod(int(seconds), 60)
    return f"{m}:{s:02d}"


def _speakers_story(cs: CommissionSession, version: PublishedVersion) -> list:
    width = usable_width(wide=True)
    widths = [w * width for w in (0.06, 0.26, 0.34, 0.16, 0.08, 0.10)]
    snapshot = version.snapshot
    delegations = words.delegations_named(snapshot["rows"])
    tz = cs.timezone
    story: list = []
    blocks = {b["id"]: b for b in snapshot.get("blocks", [])}
    for n, (block_id, rows) in enumerate(groupby(snapshot["rows"], key=lambda r: r.get("block"))):
        if n:
            story.append(PageBreak())
        block = blocks.get(block_id)
        if block is not None:
            story.append(para(_("%(meeting)s: %(start)s–%(end)s · %(room)s", meeting=isolated(block["title"]),
                                start=words.when(block["starts_at"], tz, "%A %d %B %Y, %H:%M"),
                                end=words.when(block["ends_at"], tz, "%H:%M"), room=isolated(block["room"])), "h2"))  # fmt: skip
        else:
            story.append(para(_("Beyond the last meeting"), "h2"))
        cells = []
        for r in rows:
            who = delegations[r["delegation"]].shown_name if r["delegation"] in delegations else r["delegation"]
            if r.get("group"):
                who = [para(who), para(_("on behalf of %(group)s", group=r["group"]), "small")]
            speaker = [para(r["speaker"]), para(r.get("title") or "", "small")]
            cells.append([str(r["slot"]), who, speaker, str(LEVEL_LABELS.get(r["level"], r["level"])),
                          _minutes(r["limit_s"]), words.when(r.get("starts_at"), tz, "%H:%M")])  # fmt: skip
        story.append(table([_("No."), _("Delegation"), _("Speaker"), _("Level"), _("Limit"), _("Projected")], cells,
                           widths))  # fmt: skip
    if not snapshot["rows"]:
        story.append(para(_("No speaker is on the list."), "body"))
    return story


def _programme_story(cs: CommissionSession, version: PublishedVersion) -> list:
    width = usable_width()
    rows = version.snapshot["rows"]
    delegations = words.delegations_named([{"organizer": r["organizer"]} for r in rows])
    story: list = []
    if not rows:
        story.append(para(_("No side event is scheduled yet."), "body"))
    for day, group in groupby(rows, key=lambda r: words.when(r["starts_at"], cs.timezone, "%A %d %B %Y")):
        story.append(para(day, "h2"))
        cells = []
        for r in group:
            organizer = delegations[r["organizer"]].shown_name if r["organizer"] in delegations else r["organizer"]
            time = (
                f"{words.when(r['starts_at'], cs.timezone, '%H:%M')}–{words.when(r['ends_at'], cs.timezone, '%H:%M')}"
            )
            cells.append(
                [time, para(r["title"], "head"), organizer, [para(p) for p in r.get("partners", [])], r["room"]]
            )
        story.append(table([_("Time"), _("Side event"), _("Organizer"), _("Partners"), _("Room")], cells,
                           [0.14 * width, 0.31 * width, 0.17 * width, 0.22 * width, 0.16 * width]))  # fmt: skip
    return story


@in_document_language
def version_pdf(cs: CommissionSession, version: PublishedVersion) -> bytes:
    """The version as published; every page's footer says which version and when it was published."""
    kind = version.publication_kind
    stamp = words.stamp(version, cs.timezone)
    title = words.version_title(kind, version.number)
    subtitle = _("%(session)s · %(what)s · times in %(zone)s", session=isolated(cs.name),
                 what=words.title_of(kind), zone=isolated(cs.timezone))  # fmt: skip
    footer = _("%(code)s: %(what)s", code=isolated(cs.code), what=words.title_of(kind))
    if kind == PublicationKind.speakers_list:
        return build_pdf(title, subtitle, _speakers_story(cs, version), wide=True, footer=footer, stamp=stamp)
    return build_pdf(title, subtitle, _programme_story(cs, version), footer=footer, stamp=stamp)
