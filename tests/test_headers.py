"""The headers of every response: a Content-Security-Policy with no inline script or style, no framing,
no sniffing, a short referrer, HTTPS for ever once served over it, no copy of a signed-in page kept."""

import re
from pathlib import Path

from tests import factories

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def test_every_page_forbids_inline_code_framing_and_sniffing(client, cs):
    for path in ("/", "/session/", "/debate/", "/login", "/api/v1/debate/list", "/no/such/page"):
        headers = client.get(path).headers
        policy = headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy, path
        assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy, path
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "same-origin"
        assert "Strict-Transport-Security" not in headers  # served over http here
    secure = client.get("/", base_url="https://meetings.example")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_a_signed_in_page_and_the_token_page_are_never_stored(client, cs, log_in, token_for):
    assert "no-store" not in client.get("/session/").headers.get("Cache-Control", "")
    log_in("secretariat")
    for path in ("/session/", "/account/tokens", "/debate/"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path
    api = client.get("/api/v1/me", headers=token_for("austria"))
    assert api.headers["Cache-Control"] == "no-store"


def test_no_template_holds_an_inline_script_style_or_handler():
    found = []
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                found.append(f"{template.name}: {tag}")
        found += [f"{template.name}: <style>" for _ in re.findall(r"<style\b", text)]
        found += [f"{template.name}: {m}" for m in re.findall(r"\sstyle=\"[^\"]*\"", text)]
        found += [f"{template.name}: {m}" for m in re.findall(r"\son[a-z]+=\"", text)]
    assert found == []


def test_the_timeline_places_its_bars_from_data_attributes(client, cs, db, log_in):
    factories.side_event(cs, "austria")
    db.session.commit()
    log_in("secretariat")
    page = client.get("/side-events/timeline").text
    assert "data-start=" in page and "style=" not in page
