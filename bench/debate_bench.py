"""General debate, 193 inscriptions: the draw, the ordering, the projection, and the speakers-list PDF
against a bare ReportLab table of the same rows built in the same run.

Run: python bench/debate_bench.py [50 193 400]   (a few seconds a size; a throwaway SQLite database each)
"""

import io
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle  # noqa: E402
from sqlalchemy import delete, select  # noqa: E402

from bench.procstat import load_average  # noqa: E402
from meetings import create_app  # noqa: E402
from meetings.auth.models import Role, User  # noqa: E402
from meetings.debate import lots, rules  # noqa: E402
from meetings.debate.documents import speakers_list_pdf  # noqa: E402
from meetings.debate.listing import build_list, debate_blocks  # noqa: E402
from meetings.debate.models import Change, Draw, Inscription  # noqa: E402
from meetings.delegations.models import Delegation, DelegationKind  # noqa: E402
from meetings.exports.pdf import BASE  # noqa: E402
from meetings.extensions import db  # noqa: E402
from meetings.programme.models import CommissionSession  # noqa: E402
from meetings.timeutil import to_local  # noqa: E402

REPEAT = 5
PAIRS = 15


def timed(fn, repeat: int = REPEAT) -> float:
    """Median wall time of fn() in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def setup(cs, count: int = 193) -> None:
    """Replace the demo list by `count` Member States (the 193, then made-up ones), then commit and draw."""
    for model in (Change, Draw, Inscription):
        db.session.execute(delete(model))
    secretariat = db.session.scalar(select(User).where(User.role == Role.secretariat))
    members = db.session.scalars(select(Delegation).where(Delegation.kind == DelegationKind.member_state)
                                 .order_by(Delegation.id)).all()  # fmt: skip
    for n in range(len(members), count):
        extra = Delegation(code=f"X{n:03d}", kind=DelegationKind.member_state, name=f"Bench State {n}",
                           regional_group=members[n % len(members)].regional_group)  # fmt: skip
        db.session.add(extra)
        members.append(extra)
    members = members[:count]
    for n, d in enumerate(members):
        level = rules.LEVELS[n % 3]
        db.session.add(Inscription(commission_session_id=cs.id, delegation=d, speaker_name=f"Speaker {n}",
                                   speaker_title="Minister", level=level, created_by_id=secretariat.id))  # fmt: skip
    cs.rules.gd_slot_count = 4 * count  # every group's quota holds its inscriptions, however they fall
    db.session.flush()
    secret, closes = "benchmark secret", cs.rules.gd_inscription_closes
    lots.publish_commitment(cs, secretariat, rules.commitment_of(secret), now=closes - timedelta(days=1))
    lots.perform_draw(cs, secretariat, secret, "12 34 56", now=closes + timedelta(days=1))
    db.session.commit()


def cold(cs_id: int) -> CommissionSession:
    """The session as a new request sees it: nothing loaded yet."""
    db.session.expunge_all()
    return db.session.get(CommissionSession, cs_id)


def full_pdf(cs_id: int) -> bytes:
    cs = cold(cs_id)
    return speakers_list_pdf(cs, debate_blocks(cs))


def plain_rows(listing, tz: str) -> list[list[str]]:
    """The same rows as the Chair's list (native names on a second line), as plain strings."""
    rows = [["No.", "Delegation", "Speaker and title", "Level", "Limit", "Projected", "Notes"]]
    for r in listing.rows:
        native = [n for n in (r.delegation.names or {}).values() if n and n != r.delegation.name][:1]
        rows.append([str(r.slot), "\n".join([r.delegation.name, *native]),
                     f"{r.inscription.speaker_name}, {r.inscription.speaker_title}", r.inscription.level.label,
                     f"{r.limit_s // 60}:{r.limit_s % 60:02d}",
                     to_local(r.starts_at, tz).strftime("%H:%M") if r.starts_at else "", ""])  # fmt: skip
    return rows


def bare_table(rows: list[list[str]], font: str | None = None) -> bytes:
    """The baseline: one unstyled Table of plain strings; ReportLab's Helvetica unless a font is given."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4))
    table = Table(rows, repeatRows=1)
    if font:
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font)]))
    doc.build([table])
    return buffer.getvalue()


def measure(count: int = 193) -> dict:
    """The figures for `count` inscriptions, in a database of their own."""
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite", "SECRET_KEY": "bench",
                          "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})  # fmt: skip
        with app.app_context():
            from flask_migrate import upgrade

            from meetings.demo import load_demo

            upgrade()
            cs = load_demo()
            db.session.commit()
            setup(cs, count)
            codes = [d.code for d in db.session.scalars(select(Delegation).where(Delegation.kind == "member_state"))]
            listing = build_list(cs)
            assert len(listing.rows) == count, len(listing.rows)
            entries = [rules.Entry(r.inscription.id, r.delegation.code, "member_state", r.inscription.level.value,
                                   r.delegation.regional_group.code, r.lot) for r in listing.rows]  # fmt: skip
            quotas = {k: v + 30 for k, v in listing.quotas.items()}
            blocks = [rules.Block(b.id, b.starts_at, b.ends_at, b.open_ended) for b in debate_blocks(cs)]
            speakers = [(r.inscription.id, r.limit_s) for r in listing.rows]
            gd_blocks = debate_blocks(cs)
            rows = plain_rows(listing, cs.timezone)
            speakers_list_pdf(cs, gd_blocks)  # warm up fonts
            bare_table(rows)
            figures = {
                "draw (193 lots)": timed(lambda: rules.draw_lots("benchmark seed", codes)),
                "ordering (pure)": timed(lambda: rules.order_speakers(entries, quotas, 3)),
                "projection (pure)": timed(lambda: rules.project_times(speakers, blocks, 30)),
                "whole list from the database": timed(lambda: build_list(cold(cs.id))),
            }
            # Interleaved, so that a busy machine slows both alike; the median of each.
            pdf_times, doc_times, bare_times, font_times = [], [], [], []
            for _ in range(PAIRS):
                pdf_times.append(timed(lambda: full_pdf(cs.id), 1))
                doc_times.append(timed(lambda: speakers_list_pdf(cs, gd_blocks, listing), 1))
                bare_times.append(timed(lambda: bare_table(plain_rows(listing, cs.timezone)), 1))
                font_times.append(timed(lambda: bare_table(plain_rows(listing, cs.timezone), BASE), 1))
            pdf_ms, bare_ms = statistics.median(pdf_times), statistics.median(bare_times)
            font_ms, doc_ms = statistics.median(font_times), statistics.median(doc_times)
            db.engine.dispose()
        return {**figures, "pdf": pdf_ms, "doc": doc_ms, "bare": bare_ms, "font": font_ms, "count": count,
                "load": load_average()}  # fmt: skip


def report(r: dict) -> None:
    print(f"== general debate, {r['count']} inscriptions ({r['load']}) ==")
    for name in ("draw (193 lots)", "ordering (pure)", "projection (pure)", "whole list from the database"):
        print(f"{name:<32} {r[name]:8.2f} ms")
    list_ms = r["whole list from the database"]
    print(f"{'speakers-list PDF (all meetings)':<32} {r['pdf']:8.2f} ms  (of which loading the list {list_ms:.2f} ms)")
    print(f"{'  the document alone (list given)':<32} {r['doc']:8.2f} ms")
    print(f"{'bare table, Helvetica':<32} {r['bare']:8.2f} ms  (same rows formatted from the list, then built)")
    print(f"{'bare table, embedded DejaVu Sans':<32} {r['font']:8.2f} ms")
    print(f"ratio PDF / bare Helvetica table: {r['pdf'] / r['bare']:.2f} (target at most 1.5)")
    print(f"ratio PDF / bare table in the same embedded font: {r['pdf'] / r['font']:.2f}")
    print(f"ratio document alone / bare Helvetica table: {r['doc'] / r['bare']:.2f}", flush=True)


def main() -> None:
    for count in [int(a) for a in sys.argv[1:]] or [193]:
        report(measure(count))


if __name__ == "__main__":
    main()
