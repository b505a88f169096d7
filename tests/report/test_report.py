"""The session report of the demo: what it holds, its figures, its signature, drafts and finals, refusals."""

import asyncio
import hashlib
import io
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.auth.models import User
from meetings.debate.models import Draw
from meetings.delegations.models import Delegation
from meetings.delegations.services import delegation_by_code
from meetings.floor import interventions
from meetings.floor import services as floor
from meetings.floor.models import Floor, Turn, TurnStatus
from meetings.programme.models import BlockKind, MeetingBlock
from meetings.report.models import SessionReport
from meetings.roundtables.models import Roundtable
from meetings.side_events.models import SideEvent, SideEventKind, SideEventStatus
from meetings.timeutil import to_local
from tests.concurrency import at_once
from tests.conftest import thread_client
from tests.pdfs import page_image, text_of


@pytest.fixture
def signing_dir(app, db_app, tmp_path, monkeypatch):
    """The signing folder of the serving app (and of the commands, which run in the test's app context),
    empty: no key installed yet."""
    folder = tmp_path / "report-signing"
    for each in (app, db_app):
        monkeypatch.setitem(each.config, "REPORT_SIGNING_DIR", str(folder))
    return folder


@pytest.fixture
def key(app, signing_dir):
    result = app.test_cli_runner().invoke(args=["report-key"])
    assert result.exit_code == 0, result.output
    assert (signing_dir / "key.pem").is_file() and (signing_dir / "cert.pem").is_file()
    return signing_dir


def _user(db, name: str) -> User:
    return db.session.scalar(select(User).where(User.username == name))


@pytest.fixture
def delivered(demo, db):
    """The demo with its first general-debate meeting held in part: three speeches (one over its limit), a
    point of order during the first, a speaker absent when called (moved on, heard later)."""
    chair = _user(db, "chair")
    block = next(b for b in demo.blocks if b.kind == BlockKind.general_debate)
    at = block.starts_at

    def act(action: str, seconds: int) -> None:
        f = floor.floor_of(block)
        floor.act(block, chair, action, f.version, now=at + timedelta(seconds=seconds))

    act("start", 0)
    f = floor.floor_of(block)
    interventions.point_of_order(block, chair, delegation_by_code("BRA"), "Mr. Point", f.version,
                                 now=at + timedelta(seconds=100))  # fmt: skip
    act("end", 130)  # the point of order ends; the speech goes on with the time it had
    act("end", 320)  # 290 seconds spoken, under the limit
    act("absent", 300)  # the next speaker is absent, moves after the one after
    act("start", 310)
    act("end", 310 + 460)  # over the limit
    act("start", 800)
    act("end", 800 + 200)
    db.session.commit()
    return block


def test_the_demo_report_holds_every_speech_final_summaries_side_events_and_draws(delivered, db, client, log_in):
    log_in("secretariat")
    r = client.get("/report/draft.pdf")
    assert r.status_code == 200 and r.mimetype == "application/pdf"
    text = text_of(r.data)
    speeches = db.session.scalars(select(Turn).join(Floor).join(MeetingBlock).where(
        MeetingBlock.kind == BlockKind.general_debate, Turn.status == TurnStatus.done)).all()  # fmt: skip
    assert len(speeches) == 4  # three speeches and a point of order
    for t in speeches:
        assert t.speaker_name in text and t.delegation.name in text
    assert "3 speeches delivered in the general debate." in text
    assert "Point of order" in text and "interrupted by 1 point of order" in text
    assert "Absent when called, and moved" in text and "1 heard later" in text
    tables = db.session.scalars(select(Roundtable).order_by(Roundtable.number)).all()
    assert all(t.summary_final_at is not None for t in tables)  # the demo's two summaries are final
    for t in tables:
        assert t.summary.splitlines()[0] in text
    held = db.session.scalars(select(SideEvent).where(SideEvent.kind == SideEventKind.high_level,
                                                      SideEvent.status == SideEventStatus.accepted,
                                                      SideEvent.starts_at.is_not(None))).all()  # fmt: skip
    assert held
    for e in held:
        assert e.organizer.name in text
        if not any("\u0600" <= c <= "\u06ff" for c in e.title):  # an Arabic title is in the PDF shaped for display
            assert e.title[:30] in text
    for d in db.session.scalars(select(Draw).where(Draw.seed.is_not(None))):
        assert d.commitment in text and d.seed in text and d.public_value in text
    # A summary that is not final stays out of the report.
    tables[1].summary, tables[1].summary_final_at = "A draft nobody agreed on yet.", None
    db.session.commit()
    text = text_of(client.get("/report/draft.pdf").data)
    assert "A draft nobody agreed on yet." not in text and tables[0].summary.splitlines()[0] in text


def test_the_figures_equal_sums_computed_from_the_records(delivered, db, client, log_in):
    demo = delivered.commission_session
    log_in("secretariat")
    figures = client.get("/api/v1/report/figures").get_json()
    rows = db.session.execute(
        select(Delegation, Turn.duration_s, Turn.limit_s).join(Turn, Turn.delegation_id == Delegation.id)
        .join(Floor).join(MeetingBlock).where(MeetingBlock.kind == BlockKind.general_debate,
                                              Turn.status == TurnStatus.done, Turn.role.in_(["gd_national", "gd_group"]))
    ).all()  # fmt: skip
    used, allotted, count = defaultdict(int), defaultdict(int), Counter()
    for d, duration, limit in rows:
        key = d.regional_group.code if d.regional_group else None
        used[key] += duration
        allotted[key] += limit
        count[key] += 1
    shown = {g["key"]: g for g in figures["by_regional_group"]}
    assert set(shown) == set(used)
    for key in used:
        assert (shown[key]["used_s"], shown[key]["allotted_s"], shown[key]["speeches"]) == (
            used[key],
            allotted[key],
            count[key],
        )
    assert sum(u["used_s"] for u in figures["by_level"]) == sum(used.values())
    assert figures["speeches"] == 3
    per_meeting = {m["block_id"]: m for m in figures["meetings"]}
    over = db.session.execute(select(Floor.block_id, func.count()).join(Turn).where(
        Turn.status == TurnStatus.done, Turn.overrun_s > 0).group_by(Floor.block_id)).all()  # fmt: skip
    assert {b: n for b, n in over} == {b: m["overruns"] for b, m in per_meeting.items() if m["overruns"]}
    assert per_meeting[delivered.id]["overruns"] == 1 and per_meeting[delivered.id]["delivered"] == 3
    applications = Counter()
    for e in db.session.scalars(select(SideEvent).where(SideEvent.kind == SideEventKind.high_level,
                                                        SideEvent.submitted_at.is_not(None))):  # fmt: skip
        applications[(to_local(e.submitted_at, demo.timezone).date().isoformat(), e.status.value)] += 1
    by_day = {a["day"]: a for a in figures["side_event_applications"]}
    for (day, status), n in applications.items():
        assert by_day[day][status] == n
    assert figures["side_event_applications"][-1]["cumulative"] == sum(applications.values())
    days = sorted(by_day)
    assert days[0] == "2024-01-04" and days[-1] == "2024-01-11"  # the whole window, empty days included


def test_a_final_is_signed_numbered_kept_and_verifies(delivered, db, client, key, token_for, app, tmp_path):
    secretariat = token_for("secretariat")
    r = client.post("/api/v1/report", json={"language": "en"}, headers=secretariat)
    assert r.status_code == 201, r.get_json()
    first = r.get_json()
    assert first["number"] == 1
    pdf = client.get("/api/v1/report/1.pdf", headers=secretariat).data
    assert hashlib.sha256(pdf).hexdigest() == first["sha256"]
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.feature == "report"))
    assert entry.action == "final_made" and entry.seq == first["chain_head"]["seq"] + 1
    assert f"entry {first['chain_head']['seq']}, hash {first['chain_head']['hash']}" in text_of(pdf)
    # pyHanko's own validation, trusting the installed certificate.
    from asn1crypto import pem, x509

    _, _, der = pem.unarmor((key / "cert.pem").read_bytes())
    sig = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    context = ValidationContext(trust_roots=[x509.Certificate.load(der)])
    with ThreadPoolExecutor(1) as pool:  # its own thread: pyHanko starts an event loop, the thread may run one
        status = pool.submit(validate_pdf_signature, sig, context).result()
    assert status.intact and status.valid and status.trusted
    good, bad = tmp_path / "report.pdf", tmp_path / "changed.pdf"
    good.write_bytes(pdf)
    changed = bytearray(pdf)
    changed[len(pdf) // 3] ^= 0x01
    bad.write_bytes(bytes(changed))
    runner = app.test_cli_runner()
    ok = runner.invoke(args=["verify-report", str(good)])
    assert ok.exit_code == 0 and "OK: intact and signed" in ok.output
    no = runner.invoke(args=["verify-report", str(bad)])
    assert no.exit_code == 1 and "NOT OK" in no.output
    # A second final takes the next number; the first is kept as it was, at its own address.
    second = client.post("/api/v1/report", json={"language": "fr"}, headers=secretariat).get_json()
    assert second["number"] == 2 and second["language"] == "fr"
    assert client.get("/api/v1/report/1.pdf", headers=secretariat).data == pdf
    listed = client.get("/api/v1/report", headers=token_for("chair")).get_json()["finals"]
    assert [f["number"] for f in listed] == [1, 2]
    assert client.get("/api/v1/report/2", headers=token_for("chair")).get_json()["sha256"] == second["sha256"]
    assert db.session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.feature == "report")) == 2


def test_bad_requests_are_refused_and_change_nothing(delivered, db, client, signing_dir, token_for, log_in):
    # A final without an installed key: refused, with how to install one.
    r = client.post("/api/v1/report", json={"language": "en"}, headers=token_for("secretariat"))
    assert r.status_code == 409 and "flask --app meetings report-key" in r.get_json()["message"]
    # A delegation may neither make nor read one.
    r = client.post("/api/v1/report", json={"language": "en"}, headers=token_for("austria"))
    assert r.status_code == 403
    assert client.get("/api/v1/report", headers=token_for("austria")).status_code == 403
    # The Chair reads finals but makes none and sees no drafts.
    assert client.post("/api/v1/report", json={"language": "en"}, headers=token_for("chair")).status_code == 403
    assert client.get("/api/v1/report/draft.pdf", headers=token_for("chair")).status_code == 403
    # An unknown number, an unknown language.
    r = client.get("/api/v1/report/7", headers=token_for("secretariat"))
    assert r.status_code == 404 and "no final version no. 7" in r.get_json()["message"]
    assert client.post("/api/v1/report", json={"language": "de"}, headers=token_for("secretariat")).status_code == 422
    assert db.session.scalar(select(func.count()).select_from(SessionReport)) == 0
    assert db.session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.feature == "report")) == 0
    log_in("austria")
    assert client.get("/report/").status_code == 403
    assert client.post("/report/finals", data={"language": "en"}).status_code == 403
    log_in("secretariat")
    page = client.get("/report/").get_data(as_text=True)
    assert "No signing key is installed" in page and "flask --app meetings report-key" in page
    assert client.get("/report/finals/3.pdf").status_code == 404


def test_two_finals_at_once_take_two_numbers(delivered, db, key, token_for, app):
    headers = token_for("secretariat")
    results = at_once(app, [("POST", "/api/v1/report", headers, {"language": "en"})] * 2)
    assert sorted(status for status, _ in results) == [201, 201]
    assert sorted(body["number"] for _, body in results) == [1, 2]
    assert db.session.scalar(select(func.count()).select_from(SessionReport)) == 2


def test_the_chart_page_prints_in_english_arabic_and_chinese(delivered, db, client, log_in):
    log_in("secretariat")
    for lang in ("en", "ar", "zh"):
        r = client.get(f"/report/draft.pdf?lang={lang}")
        assert r.status_code == 200
        page_image(r.data, f"session-report-charts-{lang}", dpi=80)
    zh = text_of(client.get("/report/draft.pdf?lang=zh").data)
    assert "西欧和其他国家" in zh or "非洲国家" in zh or "亚洲" in zh
    svg = client.get("/report/charts/groups.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml" and b"<svg" in svg.data
    page = client.get("/report/figures").get_data(as_text=True)
    assert '<img src="/report/charts/groups.svg' in page and "<caption>" in page


def test_a_final_is_signed_where_the_thread_already_runs_an_event_loop(app, delivered, key, token_for):
    """A browser test's thread, or an asynchronous server's, already runs an event loop; signing and checking
    a final must not try to start a second one in it. The requests run inside a coroutine, on a thread of
    their own (this test's thread may already run a browser's loop)."""
    from meetings.report.signing import verify

    secretariat = token_for("secretariat")

    async def make_and_verify() -> tuple[int, bool]:
        client = thread_client(app)
        made = client.post("/api/v1/report", json={"language": "en"}, headers=secretariat)
        pdf = client.get("/api/v1/report/1.pdf", headers=secretariat).data
        with app.app_context():
            return made.status_code, verify(pdf).ok

    with ThreadPoolExecutor(1) as pool:
        status, verified = pool.submit(asyncio.run, make_and_verify()).result()
    assert status == 201 and verified
