"""The working speakers list is for those who work with it; the public reads the latest published version.

The secretariat, the Chair and a delegation's users read the working list, its CSV and its PDFs;
an anonymous visitor of any of them is sent (302) to the published page or the published PDF.
"""

import io
from datetime import timedelta

import pytest

from meetings.debate.listing import debate_blocks
from meetings.timeutil import utcnow
from tests import factories
from tests.conftest import ARTIFACTS, browser_login
from tests.pdfs import PLAIN_PDF, text_of

PUBLISHED_PAGE = "/session/speakers-list"
PUBLISHED_PDF = "/session/speakers-list.pdf"


@pytest.fixture
def listed(cs, db, client, token_for):
    """Austria, Kenya and Peru inscribed and drawn, published as version 1; then Brazil inscribed (working state)."""
    cs.rules.gd_inscription_closes = utcnow() + timedelta(days=1)
    for code in ("AUT", "KEN", "PER"):
        factories.inscription(cs, code, name=f"Speaker of {code}", title="Minister")
    factories.draw(cs)
    db.session.commit()
    published = client.post("/api/v1/publication/speakers_list", json={}, headers=token_for("secretariat"))
    assert published.status_code == 201 and published.json["number"] == 1
    factories.inscription(cs, "BRA", name="Speaker of BRA", title="Minister")
    db.session.commit()
    return cs


def working_routes(cs) -> dict[str, str]:
    """Each route of the working state, and where an anonymous visitor is sent instead."""
    block = debate_blocks(cs)[0]
    return {
        "/debate/": PUBLISHED_PAGE,
        "/debate/?group=WEOG&level=ministerial": PUBLISHED_PAGE,
        "/debate/speakers.csv": PUBLISHED_PAGE,
        "/debate/speakers.csv?q=BRA": PUBLISHED_PAGE,
        "/debate/speakers.pdf": PUBLISHED_PDF,
        f"/debate/blocks/{block.id}/speakers.pdf": PUBLISHED_PDF,
    }


def test_an_anonymous_visitor_is_sent_to_the_published_version(client, listed):
    for path, published in working_routes(listed).items():
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"] == published, path
        assert "Speaker of BRA" not in response.text  # nothing of the working state on the way
    page = client.get("/debate/", follow_redirects=True)
    assert page.status_code == 200 and page.request.path == PUBLISHED_PAGE
    assert "Speaker of AUT" in page.text and "Speaker of BRA" not in page.text
    pdf = client.get("/debate/speakers.pdf", follow_redirects=True)
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = text_of(pdf.data)
    assert "Version 1, published" in text and "Speaker of BRA" not in text
    assert "Working draft, not published" not in text


def test_before_anything_is_published_the_visitor_reads_that_nothing_is(client, cs, db):
    factories.inscription(cs, "AUT", name="Speaker of AUT", title="Minister")
    db.session.commit()
    page = client.get("/debate/", follow_redirects=True)
    assert page.request.path == PUBLISHED_PAGE
    assert "Nothing has been published yet" in page.text and "Speaker of AUT" not in page.text
    pdf = client.get("/debate/speakers.pdf", follow_redirects=True)
    assert pdf.status_code == 404 and "Speaker of AUT" not in pdf.text


@pytest.mark.parametrize("username", ["austria", "secretariat", "chair"])
def test_those_who_work_with_it_read_the_working_state(client, listed, log_in, username):
    log_in(username)
    page = client.get("/debate/")
    assert page.status_code == 200
    assert "Speaker of BRA" in page.text and "Speaker of AUT" in page.text
    csv = client.get("/debate/speakers.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert "Speaker of BRA" in csv.text
    for path in ("/debate/speakers.pdf", f"/debate/blocks/{debate_blocks(listed)[0].id}/speakers.pdf"):
        pdf = client.get(path)
        assert pdf.status_code == 200 and pdf.mimetype == "application/pdf", path
        assert "Working draft, not published" in text_of(pdf.data), path
    assert "Speaker of BRA" in text_of(client.get("/debate/speakers.pdf").data)


def test_a_wrong_filter_is_still_refused_to_those_who_read_the_list(client, listed, log_in):
    log_in("austria")
    assert client.get("/debate/speakers.csv?level=emperor").status_code == 400
    assert client.get("/debate/?level=emperor").status_code == 400


def test_the_published_version_stays_public(client, listed):
    page = client.get(PUBLISHED_PAGE)
    assert page.status_code == 200 and "Speaker of AUT" in page.text and "Speaker of BRA" not in page.text
    assert client.get(PUBLISHED_PDF).status_code == 200
    assert client.get("/session/speakers-list/v/1").status_code == 200
    assert client.get("/session/speakers-list.atom").status_code == 200


def test_the_menu_points_each_reader_to_the_list_it_may_read(client, listed, log_in):
    home = client.get("/").text
    assert f'<a href="{PUBLISHED_PAGE}">General debate</a>' in home
    assert '<a href="/debate/">General debate</a>' not in home
    log_in("austria")
    home = client.get("/").text
    assert '<a href="/debate/">General debate</a>' in home
    assert f'<a href="{PUBLISHED_PAGE}">General debate</a>' not in home
    assert '<a href="/debate/">List of speakers</a>' in client.get("/delegations/AUT").text


@pytest.mark.browser
def test_a_visitor_follows_the_menu_to_the_published_list_in_a_browser(page, live_server, listed):
    page.goto(live_server + "/")
    page.get_by_role("link", name="General debate", exact=True).first.click()
    page.wait_for_load_state()
    assert page.url == live_server + PUBLISHED_PAGE
    assert "Speaker of AUT" in page.inner_text("main") and "Speaker of BRA" not in page.inner_text("main")
    page.goto(live_server + "/debate/?group=WEOG")
    assert page.url == live_server + PUBLISHED_PAGE
    page.screenshot(path=str(screenshot_path("publication-visitor-sent-to-published-list")))
    browser_login(page, live_server, "austria")
    page.goto(live_server + "/")
    page.get_by_role("link", name="General debate", exact=True).first.click()
    page.wait_for_load_state()
    assert page.url == live_server + "/debate/" and "Speaker of BRA" in page.inner_text("main")
    page.screenshot(path=str(screenshot_path("publication-delegation-reads-working-list")))


def screenshot_path(name: str):
    """The visible part of the window only (test-artifacts/NAME.png), to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{name}.png"


def test_the_working_list_api_answers_its_readers_and_refuses_the_public(client, listed, token_for):
    anonymous = client.get("/api/v1/debate/list")
    assert anonymous.status_code == 401
    assert anonymous.json["message"] == "Authentication required: send 'Authorization: Bearer <token>'."
    assert "Speaker of BRA" not in anonymous.text
    for user in ("austria", "secretariat"):
        listing = client.get("/api/v1/debate/list", headers=token_for(user))
        assert listing.status_code == 200, user
        assert "BRA" in [s["delegation"] for s in listing.json["speakers"]], user
    published = client.get("/api/v1/publication/speakers_list")
    assert published.status_code == 200 and "Speaker of BRA" not in published.text


def test_the_published_list_links_each_uploaded_statement(client, listed, token_for):
    austria = next(r for r in client.get("/api/v1/debate/list", headers=token_for("secretariat")).json["speakers"]
                   if r["delegation"] == "AUT")  # fmt: skip
    before = client.get(PUBLISHED_PAGE)
    assert before.status_code == 200 and "/debate/statements/" not in before.text
    uploaded = client.post(f"/api/v1/debate/inscriptions/{austria['id']}/statement", headers=token_for("austria"),
                           data={"statement": (io.BytesIO(PLAIN_PDF), "statement.pdf")},
                           content_type="multipart/form-data")  # fmt: skip
    assert uploaded.status_code == 200, uploaded.json
    page = client.get(PUBLISHED_PAGE).text
    link = f'href="/debate/statements/{austria["id"]}.pdf"'
    assert link in page and page.count("/debate/statements/") == 1  # Kenya and Peru uploaded none
    statement = client.get(f"/debate/statements/{austria['id']}.pdf")
    assert statement.status_code == 200 and statement.mimetype == "application/pdf"


def test_a_visitor_opens_an_uploaded_statement_from_the_published_list(page, live_server, client, listed, token_for):
    austria = next(r for r in client.get("/api/v1/debate/list", headers=token_for("secretariat")).json["speakers"]
                   if r["delegation"] == "AUT")  # fmt: skip
    uploaded = client.post(f"/api/v1/debate/inscriptions/{austria['id']}/statement", headers=token_for("austria"),
                           data={"statement": (io.BytesIO(PLAIN_PDF), "statement.pdf")},
                           content_type="multipart/form-data")  # fmt: skip
    assert uploaded.status_code == 200
    page.goto(live_server + PUBLISHED_PAGE)
    links = page.get_by_role("link", name="full statement")
    assert links.count() == 1
    page.screenshot(path=str(screenshot_path("publication-published-list-links-statement")))
    opened = page.request.get(live_server + links.first.get_attribute("href"))
    assert opened.status == 200 and opened.headers["content-type"] == "application/pdf"
