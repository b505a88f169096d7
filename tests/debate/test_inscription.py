"""Inscription through the API and the browser forms; bad input refused, nothing changed."""

import io
from datetime import timedelta
from pathlib import Path

import pikepdf
import pytest
from sqlalchemy import func, select

from meetings.debate.models import Inscription
from meetings.timeutil import utcnow
from tests.pdfs import PLAIN_PDF

PDF = PLAIN_PDF


def count(db) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count(Inscription.id)))


def body(**extra):
    return {"speaker_name": "Alexander Schallenberg", "speaker_title": "Federal Minister", "level": "ministerial",
            **extra}  # fmt: skip


def test_delegation_inscribes_once_and_a_second_is_refused(client, gd, db, token_for):
    headers = token_for("austria")
    made = client.post("/api/v1/debate/inscriptions", json=body(), headers=headers)
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["delegation"] == "AUT"
    again = client.post("/api/v1/debate/inscriptions", json=body(speaker_name="Other"), headers=headers)
    assert again.status_code == 400 and "already inscribed" in again.get_json()["message"]
    group = client.post("/api/v1/debate/inscriptions", headers=headers,
                        json=body(on_behalf_of_group=True, group_name="the European Union"))  # fmt: skip
    assert group.status_code == 201 and group.get_json()["limit_s"] == 420
    assert count(db) == 2


def test_unknown_level_and_empty_name_are_refused(client, gd, db, token_for):
    headers = token_for("kenya")
    bad = client.post("/api/v1/debate/inscriptions", json=body(level="emperor"), headers=headers)
    assert bad.status_code == 422 and "level" in bad.get_json()["errors"]
    empty = client.post("/api/v1/debate/inscriptions", json=body(speaker_name=""), headers=headers)
    assert empty.status_code == 422 and "speaker_name" in empty.get_json()["errors"]
    no_group = client.post("/api/v1/debate/inscriptions", json=body(on_behalf_of_group=True), headers=headers)
    assert no_group.status_code == 400
    assert count(db) == 0


def test_a_delegation_cannot_touch_another_delegations_inscription(client, gd, db, token_for, inscribe):
    theirs = inscribe("BRA")
    headers = token_for("austria")
    # The delegation field is ignored for a delegation user: Austria inscribes Austria, never Brazil.
    client.post("/api/v1/debate/inscriptions", json=body(delegation="BRA"), headers=headers)
    changed = client.put(f"/api/v1/debate/inscriptions/{theirs.id}", json=body(speaker_name="Intruder"),
                         headers=headers)  # fmt: skip
    assert changed.status_code == 403
    withdrawn = client.post(f"/api/v1/debate/inscriptions/{theirs.id}/withdraw", json={}, headers=headers)
    assert withdrawn.status_code == 403
    db.session.rollback()
    i = db.session.get(Inscription, theirs.id)
    assert i.speaker_name == "Speaker of BRA" and i.active
    mine = db.session.scalars(select(Inscription).where(Inscription.id != theirs.id)).one()
    assert mine.delegation.code == "AUT"
    browser_page = client.get(f"/debate/inscriptions/{theirs.id}")  # not logged in through the browser
    assert browser_page.status_code in (302, 401, 403)


def test_late_inscription_is_refused_for_a_delegation_and_accepted_by_the_secretariat(client, gd, db, token_for):
    gd.rules.gd_inscription_closes = utcnow() - timedelta(hours=1)
    db.session.commit()
    late = client.post("/api/v1/debate/inscriptions", json=body(), headers=token_for("austria"))
    assert late.status_code == 400 and "Inscription closed on" in late.get_json()["message"]
    assert count(db) == 0
    accepted = client.post("/api/v1/debate/inscriptions", json=body(delegation="AUT"), headers=token_for("secretariat"))
    assert accepted.status_code == 201 and accepted.get_json()["late"] is True


def test_statement_upload_accepts_a_pdf_and_refuses_others(client, gd, db, token_for, inscribe, app, log_in):
    i = inscribe("AUT")
    headers = token_for("austria")
    url = f"/api/v1/debate/inscriptions/{i.id}/statement"

    def send(data: bytes, name="s.pdf"):
        return client.post(url, data={"statement": (io.BytesIO(data), name)}, headers=headers,
                           content_type="multipart/form-data")  # fmt: skip

    not_pdf = send(b"MZ\x90\x00 executable", "statement.pdf")
    assert not_pdf.status_code == 400 and "PDF" in not_pdf.get_json()["message"]
    too_big = send(b"%PDF-" + b"0" * (5 * 1024 * 1024 + 1))
    assert too_big.status_code == 400 and "larger than 5 MB" in too_big.get_json()["message"]
    huge = send(b"%PDF-" + b"0" * (6 * 1024 * 1024))
    assert huge.status_code == 413
    db.session.rollback()
    assert db.session.get(Inscription, i.id).statement_file is None
    other = client.post(url, data={"statement": (io.BytesIO(PDF), "s.pdf")}, headers=token_for("brazil"),
                        content_type="multipart/form-data")  # fmt: skip
    assert other.status_code == 403
    assert send(PDF).status_code == 200
    db.session.rollback()
    stored = db.session.get(Inscription, i.id)
    assert Path(app.config["UPLOAD_FOLDER"], "statements", stored.statement_file).read_bytes() == PDF
    public = client.get(f"/debate/statements/{i.id}.pdf")
    assert public.status_code == 200 and public.data == PDF
    # an uploaded file is a download that no browser runs or second-guesses
    assert public.headers["Content-Disposition"].startswith("attachment;")
    assert public.headers["X-Content-Type-Options"] == "nosniff"
    assert public.headers["Content-Security-Policy"].startswith("sandbox")
    assert f"/debate/statements/{i.id}.pdf" in log_in("brazil").get("/debate/").get_data(as_text=True)


def test_browser_form_inscribes_and_shows_refusals(client, gd, db, log_in):
    log_in("russia")
    page = client.get("/debate/inscribe")
    assert page.status_code == 200
    ok = client.post("/debate/inscribe", data=body(speaker_name="Сергей Лавров"))
    assert ok.status_code == 302
    again = client.post("/debate/inscribe", data=body(speaker_name="Другой"), follow_redirects=True)
    assert again.status_code == 400 and "already inscribed" in again.get_data(as_text=True)
    bad = client.post("/debate/inscribe", data=body(level="tsar"))
    assert bad.status_code == 400
    assert count(db) == 1
    assert "Сергей Лавров" in client.get("/debate/").get_data(as_text=True)


def test_statement_upload_in_the_browser(client, gd, db, inscribe, log_in):
    i = inscribe("AUT")
    log_in("austria")
    url = f"/debate/inscriptions/{i.id}/statement"
    refused = client.post(url, data={"statement": (io.BytesIO(b"plain text"), "s.txt")},
                          content_type="multipart/form-data")  # fmt: skip
    assert refused.status_code == 400 and "must be a PDF" in refused.get_data(as_text=True)
    ok = client.post(url, data={"statement": (io.BytesIO(PDF), "s.pdf")}, content_type="multipart/form-data")
    assert ok.status_code == 302
    db.session.rollback()
    assert db.session.get(Inscription, i.id).statement_file


def _pdf_with(change) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    change(pdf)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _javascript(pdf) -> None:
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))


def _launch(pdf) -> None:
    action = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"))
    pdf.pages[0].obj.AA = pikepdf.Dictionary(O=action)  # on opening the page


def _embedded(pdf) -> None:
    pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00")


@pytest.mark.parametrize(("change", "words"), [(_javascript, "JavaScript"), (_launch, "a launch action"),
                                               (_embedded, "embedded files")])  # fmt: skip
def test_a_pdf_that_could_act_on_a_readers_machine_is_refused(client, gd, db, token_for, inscribe, change, words):
    i = inscribe("AUT")
    refused = client.post(f"/api/v1/debate/inscriptions/{i.id}/statement", headers=token_for("austria"),
                          data={"statement": (io.BytesIO(_pdf_with(change)), "s.pdf")},
                          content_type="multipart/form-data")  # fmt: skip
    assert refused.status_code == 400
    assert refused.get_json()["message"].startswith(f"The PDF holds {words}, which a published document may not")
    damaged = client.post(f"/api/v1/debate/inscriptions/{i.id}/statement", headers=token_for("austria"),
                          data={"statement": (io.BytesIO(b"%PDF-1.7\n garbage without objects"), "s.pdf")},
                          content_type="multipart/form-data")  # fmt: skip
    assert damaged.status_code == 400 and "cannot be read as a PDF" in damaged.get_json()["message"]
    db.session.rollback()
    assert db.session.get(Inscription, i.id).statement_file is None
