"""The drawing of lots: commitment while inscription is open, secret must match, public value, one draw
unless voided, checkable."""

import hashlib
import hmac
import subprocess
from datetime import timedelta

from sqlalchemy import func, select

from meetings.debate import rules
from meetings.debate.models import Change, Draw, Inscription
from meetings.timeutil import utcnow
from tests.debate.conftest import SEED
from tests.debate.drawing import PUBLIC
from tests.working_list import as_secretariat


def draws(db) -> list[Draw]:
    db.session.rollback()
    return list(db.session.scalars(select(Draw).order_by(Draw.id)))


def close(db, gd):
    """Inscription closes now: after any commitment published so far, before any draw to come."""
    gd.rules.gd_inscription_closes = utcnow()
    db.session.commit()


def test_draw_without_commitment_or_with_a_wrong_secret_is_refused(client, gd, db, inscribe, token_for):
    for code in ("AUT", "BRA", "KEN"):
        inscribe(code)
    headers = token_for("secretariat")
    assert (
        client.post("/api/v1/debate/draw/commitment", json={"commitment": "not hex"}, headers=headers).status_code
        == 400
    )
    close(db, gd)
    body = {"secret": SEED, "public_value": PUBLIC}
    bare = client.post("/api/v1/debate/draw", json=body, headers=headers)
    assert bare.status_code == 400 and "No commitment" in bare.get_json()["message"]
    db.session.rollback()
    gd.rules.gd_inscription_closes = utcnow() + timedelta(minutes=5)
    db.session.commit()
    made = client.post(
        "/api/v1/debate/draw/commitment", json={"commitment": rules.commitment_of(SEED)}, headers=headers
    )
    assert made.status_code == 201
    early = client.post("/api/v1/debate/draw", json=body, headers=headers)
    assert early.status_code == 400 and "still open" in early.get_json()["message"]
    close(db, gd)
    wrong = client.post("/api/v1/debate/draw", json={**body, "secret": "guess"}, headers=headers)
    assert wrong.status_code == 400 and "does not match" in wrong.get_json()["message"]
    no_public = client.post("/api/v1/debate/draw", json={"secret": SEED}, headers=headers)
    assert no_public.status_code == 422 and "public_value" in no_public.get_json()["errors"]
    assert draws(db)[0].seed is None and draws(db)[0].result is None
    denied = client.post("/api/v1/debate/draw", json=body, headers=token_for("austria"))
    assert denied.status_code == 403
    done = client.post("/api/v1/debate/draw", json=body, headers=headers)
    assert done.status_code == 200
    record = done.get_json()
    assert record["inputs"] == ["AUT", "BRA", "KEN"] and record["check"]["matches"] is True
    assert (record["secret"], record["public_value"]) == (SEED, PUBLIC)
    seed = hashlib.sha256(f"{SEED}\n{PUBLIC}".encode()).hexdigest()
    assert record["seed"] == seed
    ranked = sorted(
        ["KEN", "AUT", "BRA"], key=lambda c: hmac.new(seed.encode(), c.encode(), hashlib.sha256).hexdigest()
    )
    assert record["result"] == {c: n for n, c in enumerate(ranked, 1)}
    listed = client.get("/api/v1/debate/list", headers=as_secretariat()).get_json()
    assert [s["delegation"] for s in listed["speakers"]] == ranked


def test_lots_do_not_depend_on_the_order_of_inscription(gd, db, inscribe, close_and_draw):
    for code in ("KEN", "AUT", "BRA", "CHN"):
        inscribe(code)
    first = dict(close_and_draw().result)
    db.session.execute(Change.__table__.delete())
    db.session.execute(Draw.__table__.delete())
    db.session.execute(Inscription.__table__.delete())
    db.session.commit()
    gd.rules.gd_inscription_closes = utcnow() + timedelta(days=1)
    db.session.commit()
    for code in ("CHN", "BRA", "AUT", "KEN"):
        inscribe(code)
    assert dict(close_and_draw().result) == first


def test_second_draw_refused_until_the_first_is_voided_with_a_reason(client, gd, db, inscribe, close_and_draw,
                                                                     token_for):  # fmt: skip
    inscribe("AUT")
    inscribe("BRA")
    close_and_draw()
    headers = token_for("secretariat")
    db.session.rollback()
    gd.rules.gd_inscription_closes = utcnow() + timedelta(minutes=5)  # reopened for the second draw
    db.session.commit()
    again = client.post("/api/v1/debate/draw/commitment", json={"commitment": rules.commitment_of("new")},
                        headers=headers)  # fmt: skip
    assert again.status_code == 400 and "void" in again.get_json()["message"]
    no_reason = client.post("/api/v1/debate/draw/void", json={"reason": ""}, headers=headers)
    assert no_reason.status_code == 422
    assert draws(db)[0].voided_at is None
    voided = client.post(
        "/api/v1/debate/draw/void", json={"reason": "Seed disclosed before the meeting"}, headers=headers
    )
    assert voided.status_code == 200
    assert client.post("/api/v1/debate/draw/commitment", json={"commitment": rules.commitment_of("new")},
                       headers=headers).status_code == 201  # fmt: skip
    close(db, gd)
    redrawn = client.post("/api/v1/debate/draw", json={"secret": "new", "public_value": "5 6 7"}, headers=headers)
    assert redrawn.status_code == 200
    history = client.get("/api/v1/debate/draws").get_json()
    assert [d["void_reason"] for d in history] == ["Seed disclosed before the meeting", None]
    page = client.get("/debate/draw").get_data(as_text=True)
    assert "Seed disclosed before the meeting" in page


def test_a_tampered_record_fails_the_page_and_the_command(client, gd, db, app, inscribe, close_and_draw):
    for code in ("AUT", "BRA", "KEN", "RUS"):
        inscribe(code)
    draw = close_and_draw()
    ok = client.get(f"/debate/draws/{draw.id}/verify").get_data(as_text=True)
    assert "Match" in ok and "MISMATCH" not in ok
    runner = app.test_cli_runner()
    result = runner.invoke(args=["verify-draw"])
    assert result.exit_code == 0 and "MATCH" in result.output
    tampered = dict(draw.result)
    tampered["AUT"], tampered["RUS"] = tampered["RUS"], tampered["AUT"]
    draw.result = tampered
    db.session.commit()
    page = client.get(f"/debate/draws/{draw.id}/verify").get_data(as_text=True)
    assert "MISMATCH" in page and "AUT: recorded" in page
    result = runner.invoke(args=["verify-draw", "--id", str(draw.id)])
    assert result.exit_code == 1 and "MISMATCH" in result.output


def test_draw_record_pdf_holds_commitment_seed_and_lots(client, gd, db, inscribe, close_and_draw, tmp_path):
    inscribe("AUT")
    inscribe("CHN")
    draw = close_and_draw()
    response = client.get(f"/debate/draws/{draw.id}.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    path = tmp_path / "draw.pdf"
    path.write_bytes(response.data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert draw.commitment in text.replace("\n", "") and SEED in text and "MATCH" in text
    assert db.session.scalar(select(func.count(Draw.id))) == 1
