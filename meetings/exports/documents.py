"""The programme and the list of delegations as PDF."""

from itertools import groupby

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from meetings.delegations.models import Delegation
from meetings.exports.pdf import build_pdf, para, table, usable_width
from meetings.programme.models import CommissionSession
from meetings.timeutil import to_local


def programme_pdf(cs: CommissionSession) -> bytes:
    width = usable_width()
    story: list = []
    for segment in cs.segments:
        story.append(para(f"{segment.label}: {segment.start_date:%d} to {segment.end_date:%d %B %Y}", "body"))
    story.append(Spacer(1, 4 * mm))
    by_day = groupby(cs.blocks, key=lambda b: to_local(b.starts_at, cs.timezone).date())
    for day, blocks in by_day:
        story.append(para(f"{day:%A %d %B %Y}", "h2"))
        rows = []
        for b in blocks:
            start, end = to_local(b.starts_at, cs.timezone), to_local(b.ends_at, cs.timezone)
            title = f"{b.title} (until the list is exhausted)" if b.open_ended else b.title
            title = f"{b.title} (cancelled)" if b.is_cancelled else title
            rows.append([f"{start:%H:%M}–{end:%H:%M}", title, b.kind.value.replace("_", " "), b.room.name])
        story.append(
            table(["Time", "Meeting", "Kind", "Room"], rows, [0.14 * width, 0.44 * width, 0.14 * width, 0.28 * width])
        )
    return build_pdf(cs.name, f"Programme · {cs.venue} · times in {cs.timezone}", story)


def delegations_pdf(delegations: list[Delegation], title: str) -> bytes:
    width = usable_width()
    rows = []
    for d in delegations:
        other = " · ".join(v for k, v in sorted((d.names or {}).items()) if v != d.name)
        rows.append([d.code, d.name, other, d.kind.label, d.regional_group.name if d.regional_group else ""])
    story = [table(["Code", "Name", "Other languages", "Kind", "Regional group"], rows,
                   [0.11 * width, 0.30 * width, 0.25 * width, 0.14 * width, 0.20 * width])]  # fmt: skip
    return build_pdf(title, f"{len(delegations)} delegations", story)
