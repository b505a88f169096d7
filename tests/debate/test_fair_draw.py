"""The draw cannot be biased: commitment before inscription closes, a public value fixed in the room,
both shown and checked everywhere; the draw's inputs are exactly the delegations the list orders by lot."""

import hashlib
import subprocess
from datetime import datetime, timedelta

from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.debate import rules
from meetings.debate.listing import build_list
from meetings.debate.models import Draw
from meetings.timeutil import to_local, utcnow
from tests.debate.drawing import PUBLIC, SECRET
from tests.debate.test_draw import close


def draws(db) -> list[Draw]:
    db.session.rollback()
    return list(db.session.scalars(select(Draw).order_by(Draw.id)))


def test_a_commitment_after_inscription_closed_is_refused_with_the_date(client, gd, db, inscribe, token_for, log_in):
    inscribe("AUT")
    gd.rules.gd_inscription_closes = utcnow() - timedelta(hours=2)
    db.session.commit()
    closes = to_local(gd.rules.gd_inscription_closes, "Europe/Vienna")
    late = client.post("/api/v1/debate/draw/commitment", json={"commitment": rules.commitment_of(SECRET)},
                       headers=token_for("secretariat"))  # fmt: skip
    message = late.get_json()["message"]
    assert late.status_code == 400 and f"inscription closed on {closes:%d %B %Y at %H:%M}" in message
    assert "before inscription closes" in message and late.get_json()["errors"]["commitment"]
    assert draws(db) == []
    assert db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "draw_committed")) == 0
    log_in("secretariat")
    page = client.get("/debate/draw").get_data(as_text=True)
    assert "a commitment can be published only while inscription is open" in page
    assert 'action="/debate/draw/commitment"' not in page


def test_the_seed_joins_the_secret_and_the_public_value_and_every_output_shows_both(
    client, gd, db, app, inscribe, close_and_draw, tmp_path
):
    for code in ("AUT", "BRA", "KEN", "RUS"):
        inscribe(code)
    draw = close_and_draw(SECRET, PUBLIC)
    seed = hashlib.sha256((SECRET + "\n" + PUBLIC).encode("utf-8")).hexdigest()
    assert draw.seed == seed == rules.derive_seed(SECRET, PUBLIC)
    assert draw.result == rules.draw_lots(seed, ["AUT", "BRA", "KEN", "RUS"])
    record = client.get("/debate/draw").get_data(as_text=True)
    assert SECRET in record and PUBLIC in record and seed in record and "Match" in record
    check = client.get(f"/debate/draws/{draw.id}/verify").get_data(as_text=True)
    assert PUBLIC in check and seed in check and "line break and the public value" in check
    data = client.get(f"/api/v1/debate/draws/{draw.id}").get_json()
    assert (data["secret"], data["public_value"], data["seed"]) == (SECRET, PUBLIC, seed)
    assert data["check"] == {"matches": True, "commitment_matches": True, "seed_matches": True, "lots_match": True,
                             "differences": []}  # fmt: skip
    pdf = tmp_path / "draw.pdf"
    pdf.write_bytes(client.get(f"/debate/draws/{draw.id}.pdf").data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = text.replace("\n", "")
    assert SECRET in text and PUBLIC in text and seed in flat and "public value" in text and "MATCH" in text
    result = app.test_cli_runner().invoke(args=["verify-draw"])
    assert result.exit_code == 0 and PUBLIC in result.output and seed in result.output
    assert "seed is SHA-256 of the secret, a line break and the public value" in result.output


def test_a_public_value_changed_afterwards_fails_every_check(client, gd, db, app, inscribe, close_and_draw):
    for code in ("AUT", "BRA", "KEN", "RUS"):
        inscribe(code)
    draw = close_and_draw()
    draw.public_value = "17 04 33 08 22"  # one number typed differently after the draw
    db.session.commit()
    page = client.get(f"/debate/draws/{draw.id}/verify").get_data(as_text=True)
    assert "MISMATCH" in page and "is NOT SHA-256 of the secret" in page
    assert client.get(f"/api/v1/debate/draws/{draw.id}").get_json()["check"]["seed_matches"] is False
    result = app.test_cli_runner().invoke(args=["verify-draw", "--id", str(draw.id)])
    assert result.exit_code == 1 and "seed is NOT" in result.output


def test_the_draw_needs_a_public_value_on_one_line(client, gd, db, inscribe, token_for, log_in):
    inscribe("AUT")
    headers = token_for("secretariat")
    client.post("/api/v1/debate/draw/commitment", json={"commitment": rules.commitment_of(SECRET)}, headers=headers)
    close(db, gd)
    two_lines = client.post("/api/v1/debate/draw", json={"secret": SECRET, "public_value": "17 04\n33 08"},
                            headers=headers)  # fmt: skip
    assert two_lines.status_code == 400 and two_lines.get_json()["errors"]["public_value"] == ["One line only."]
    log_in("secretariat")
    page = client.post("/debate/draw/perform", data={"secret": SECRET, "public_value": ""}, follow_redirects=True)
    assert "Public value fixed in the room" in page.get_data(as_text=True)
    assert draws(db)[0].performed_at is None
    form = client.get("/debate/draw").get_data(as_text=True)
    assert 'name="public_value"' in form and 'name="secret"' in form


def test_the_inputs_are_exactly_the_delegations_the_list_orders_by_lot(client, gd, db, inscribe, close_and_draw,
                                                                      token_for):  # fmt: skip
    for code in ("AUT", "BRA", "KEN"):
        inscribe(code)
    close_and_draw()
    sec = token_for("secretariat")
    late = client.post("/api/v1/debate/inscriptions", headers=sec,
                       json={"delegation": "RUS", "speaker_name": "Late", "level": "higher_than_ministerial"})  # fmt: skip
    assert late.get_json()["late"] is True
    assert client.post("/api/v1/debate/draw/void", json={"reason": "Redraw"}, headers=sec).status_code == 200
    redraw = close_and_draw("another secret", "9 9 9")
    assert redraw.inputs == ["AUT", "BRA", "KEN"] and "RUS" not in redraw.result
    db.session.rollback()
    listing = build_list(gd)
    by_lot = {r.delegation.code for r in listing.rows if r.lot is not None}
    assert by_lot == set(redraw.inputs)
    assert listing.rows[-1].delegation.code == "RUS" and listing.rows[-1].lot is None
    assert rules.draw_inputs([("AUT", False), ("RUS", True), ("AUT", True), ("BRA", False)]) == ["AUT", "BRA"]


def test_the_demo_draw_was_committed_before_inscription_closed_and_checks(client, demo, app):
    (data,) = client.get("/api/v1/debate/draws").get_json()
    closes = demo.rules.gd_inscription_closes
    assert datetime.fromisoformat(data["committed_at"]) < closes < datetime.fromisoformat(data["performed_at"])
    assert data["public_value"] and data["check"]["matches"] is True
    assert app.test_cli_runner().invoke(args=["verify-draw"]).exit_code == 0
