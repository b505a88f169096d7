"""The speaking-time report of a meeting: limit against actual time, overruns."""

import csv
import io

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from meetings.exports.pdf import build_pdf, para, table, usable_width
from meetings.floor.models import Turn
from meetings.programme.models import MeetingBlock
from meetings.timeutil import to_local

HEADER = ["#", "Delegation", "Speaker", "Role", "Started", "Ended", "Limit", "Spoken", "Overrun"]


def _mmss(seconds: int | None) -> str:
    if seconds is None:
        return ""
    m, s = divmod(int(seconds), 60)
    if m >= 60:
        return f"{m // 60}:{m % 60:02d}:{s:02d}"
    return f"{m}:{s:02d}"


def rows(block: MeetingBlock, turns: list[Turn]) -> list[list[str]]:
    tz = block.commission_session.timezone
    out = []
    for i, t in enumerate(turns, 1):
        out.append([
            str(i), t.who, t.speaker_name, t.role.label,
            to_local(t.started_at, tz).strftime("%H:%M:%S") if t.started_at else "",
            to_local(t.ended_at, tz).strftime("%H:%M:%S") if t.ended_at else "",
            _mmss(t.limit_s), _mmss(t.duration_s), ("+" + _mmss(t.overrun_s)) if t.overrun_s else "",
        ])  # fmt: skip
    return out


def report_csv(block: MeetingBlock, turns: list[Turn]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["position", "delegation", "speaker", "role", "started_at", "ended_at", "limit_s", "duration_s",
                     "overrun_s", "source_ref"])  # fmt: skip
    for i, t in enumerate(turns, 1):
        writer.writerow([i, t.who, t.speaker_name, t.role.value, t.started_at.isoformat() if t.started_at else "",
                         t.ended_at.isoformat() if t.ended_at else "", t.limit_s, t.duration_s, t.overrun_s,
                         t.source_ref or ""])  # fmt: skip
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def report_pdf(block: MeetingBlock, turns: list[Turn]) -> bytes:
    cs = block.commission_session
    width = usable_width(wide=True)
    spoken = sum(t.duration_s or 0 for t in turns)
    over = [t for t in turns if t.overrun_s]
    start = to_local(block.starts_at, cs.timezone)
    story = [
        para(f"{block.title} · {block.room.name} · {start:%A %d %B %Y}", "body"),
        para(
            f"{len(turns)} speeches, {_mmss(spoken)} spoken in total; {len(over)} over the limit. "
            f"Times in {cs.timezone}.",
            "body",
        ),
        Spacer(1, 3 * mm),
        table(
            HEADER, rows(block, turns), [w * width for w in (0.04, 0.22, 0.22, 0.14, 0.08, 0.08, 0.07, 0.07, 0.08)]
        ),  # fmt: skip
    ]
    return build_pdf(cs.name, f"Speaking-time report · {block.title}", story, wide=True)
