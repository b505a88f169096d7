"""The speakers list and the record of the draw as PDF; each delegation's slot in its calendar."""

from datetime import timedelta

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from meetings.debate import lots
from meetings.debate.listing import Row, build_list
from meetings.debate.models import Draw
from meetings.exports.agenda import agenda_source
from meetings.exports.ical import CalendarItem, uid_for
from meetings.exports.pdf import build_pdf, para, table, usable_width
from meetings.programme.models import CommissionSession, MeetingBlock
from meetings.timeutil import to_local

SPEAKER_HEADER = ["No.", "Delegation", "Speaker and title", "Level", "Limit", "Projected", "Notes"]
SPEAKER_WIDTHS = (0.05, 0.21, 0.27, 0.14, 0.07, 0.09, 0.17)


def _minutes(seconds: int) -> str:
    m, s = divmod(int(seconds), 60)
    return f"{m}:{s:02d}"


def speaker_cells(row: Row, tz: str) -> list:
    """One row of the Chair's list; a name in another script goes on a line of its own."""
    i = row.inscription
    who = [para(i.delegation.name)]
    who += [para(n, "small") for n in (i.delegation.names or {}).values() if n and n != i.delegation.name][:1]
    if i.on_behalf_of_group:
        who.append(para(f"on behalf of {i.group_name}", "small"))
    speaker = [para(i.speaker_name)] + ([para(i.speaker_title, "small")] if i.speaker_title else [])
    when = to_local(row.starts_at, tz).strftime("%H:%M") if row.starts_at else "—"
    return [str(row.slot), who, speaker, i.level.label, _minutes(row.limit_s), when, ""]


def speakers_list_pdf(cs: CommissionSession, blocks: list[MeetingBlock]) -> bytes:
    """The Chair's list: one section per meeting, with a blank column for notes."""
    listing = build_list(cs)
    width = usable_width(wide=True)
    widths = [w * width for w in SPEAKER_WIDTHS]
    story: list = []
    for n, block in enumerate(blocks):
        if n:
            story.append(PageBreak())
        start = to_local(block.starts_at, cs.timezone)
        end = f"{to_local(block.ends_at, cs.timezone):%H:%M}"
        end = f"{end}, until the list is exhausted" if block.open_ended else end
        story.append(para(f"{block.title}: {start:%A %d %B %Y, %H:%M}–{end} · {block.room.name}", "h2"))
        rows = [speaker_cells(r, cs.timezone) for r in listing.rows_in(block)]
        if rows:
            story.append(table(SPEAKER_HEADER, rows, widths))
        else:
            story.append(para("No speaker is projected in this meeting.", "body"))
    draw = listing.draw
    state = (
        f"Order fixed by the drawing of lots of {to_local(draw.performed_at, cs.timezone):%d %B %Y}"
        if draw is not None and draw.performed
        else "Provisional: the drawing of lots has not yet fixed the order"
    )
    subtitle = f"General debate: list of speakers · {state} · times in {cs.timezone}"
    return build_pdf(cs.name, subtitle, story, wide=True, footer=f"{cs.code} general debate: list of speakers")


def draw_record_pdf(cs: CommissionSession, draw: Draw) -> bytes:
    """Everything needed to check the draw by hand: commitment, seed, inputs, result, method."""
    tz = cs.timezone
    result = lots.check(draw)
    facts = [
        ["Commitment (SHA-256 of the seed)", draw.commitment],
        ["Published", f"{to_local(draw.committed_at, tz):%d %B %Y %H:%M} by {draw.committed_by.full_name}"],
        ["Seed", draw.seed or "not yet revealed"],
        ["Drawn", f"{to_local(draw.performed_at, tz):%d %B %Y %H:%M} by {draw.performed_by.full_name}"
         if draw.performed else "not yet"],
        ["Voided", f"{to_local(draw.voided_at, tz):%d %B %Y %H:%M}: {draw.void_reason}" if draw.voided_at else "no"],
        ["Check", "not yet possible" if result is None else ("MATCH: the record recomputes exactly"
                                                             if result.ok else "MISMATCH: " + "; ".join(result.differences[:5]))],
    ]  # fmt: skip
    width = usable_width()
    story = [table(["", ""], facts, [0.3 * width, 0.7 * width], repeat_header=False), Spacer(1, 4 * mm)]
    story.append(
        para(
            "Method: each delegation's lot is its rank when the delegation codes are sorted by "
            "HMAC-SHA256(key = seed, message = code), in hexadecimal; the commitment is SHA-256 of the seed.",
            "body",
        )
    )
    if draw.result:
        rows = sorted(((int(lot), code) for code, lot in draw.result.items()))
        story.append(table(["Lot", "Delegation code"], [[str(lot), code] for lot, code in rows],
                           [0.2 * width, 0.8 * width]))  # fmt: skip
    return build_pdf(cs.name, f"Record of the drawing of lots no. {draw.id}", story)


@agenda_source
def speaking_slots(cs: CommissionSession, delegation) -> list[CalendarItem]:
    """A delegation's projected slot(s). Same UID over time; SEQUENCE grows when the time moves."""
    if delegation is None:
        return []
    listing = build_list(cs)
    items = []
    for row in listing.rows:
        i = row.inscription
        if i.delegation_id != delegation.id or row.starts_at is None:
            continue
        moved = i.projected_at != row.starts_at
        items.append(
            CalendarItem(
                uid=uid_for("gd-slot", i.id, cs.code),
                summary=f"{cs.code}: general debate, slot {row.slot} ({i.speaker_name})",
                starts_at=row.starts_at,
                ends_at=row.starts_at + timedelta(seconds=row.limit_s),
                sequence=i.ical_sequence + (1 if moved else 0),
                location=f"{row.block.room.name}, {cs.venue}" if row.block else cs.venue,
                description=f"Projected start; speaking time {_minutes(row.limit_s)}. {row.block.title if row.block else ''}",
            )
        )
    return items
