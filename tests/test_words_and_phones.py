"""Words, not internals (limits as m:ss, delegations by name, fields by label, plain 403 and
404 pages) and phones (every main page at 375 px without sideways scrolling)."""

import re

import pytest
from flask_wtf import FlaskForm
from playwright.sync_api import expect
from wtforms import StringField
from wtforms.validators import DataRequired

from meetings.audit.models import AuditEntry
from meetings.floor import queue, services
from meetings.floor.forms import LimitForm, limit_seconds
from meetings.floor.models import FloorRequest, TurnRole
from meetings.programme.models import BlockKind, MeetingBlock
from meetings.webforms import errors_sentence
from tests.conftest import browser_login, screenshot

PHONE = {"width": 375, "height": 812}


def _blocks(db, cs, kind: BlockKind) -> list[MeetingBlock]:
    stmt = db.select(MeetingBlock).where(MeetingBlock.commission_session_id == cs.id, MeetingBlock.kind == kind)
    return list(db.session.scalars(stmt.order_by(MeetingBlock.starts_at)))


@pytest.fixture
def first_meeting(db, demo) -> MeetingBlock:
    """The first general-debate meeting: the demo loaded its speakers (a group statement first)."""
    return _blocks(db, demo, BlockKind.general_debate)[0]


@pytest.fixture
def roundtable(db, demo) -> MeetingBlock:
    """The first roundtable: Brazil, China and the Vienna NGO Committee have asked for the floor."""
    return _blocks(db, demo, BlockKind.roundtable)[0]


def audit_count(db) -> int:
    db.session.rollback()
    return db.session.scalar(db.select(db.func.count()).select_from(AuditEntry))


def turns_of(db, block) -> list:
    db.session.rollback()
    return list(services.floor_of(block).turns)


# --- 12. limits as m:ss ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [("7:00", 420), ("0:45", 45), ("12:05", 725), ("420", 420), ("420 s", 420), ("5 min", 300), (" 3:00 ", 180)],
)
def test_a_limit_is_read_as_people_write_it(typed, seconds):
    assert limit_seconds(typed) == seconds


@pytest.mark.parametrize("typed", ["7:75", "7.5", "five", ":30", "7:0", "-1:00"])
def test_a_limit_that_is_not_a_time_is_not_guessed(typed):
    assert limit_seconds(typed) is None


def test_the_console_shows_every_limit_as_minutes_and_seconds(client, log_in, first_meeting):
    log_in("chair")
    page = client.get(f"/floor/blocks/{first_meeting.id}").get_data(as_text=True)
    waiting = page.split('id="waiting"')[1].split("</table>")[0]
    limits = re.findall(r'name="limit_s" value="([^"]*)"', waiting)
    assert limits[0] == "7:00" and "5:00" in limits  # a group statement first, then national ones
    assert all(re.fullmatch(r"\d{1,2}:\d\d", v) for v in limits)
    assert "Limit (m:ss)" in waiting and not re.search(r"\d s\b", waiting)


def test_the_chair_types_a_limit_as_mmss_and_the_record_keeps_seconds(db, client, log_in, first_meeting):
    log_in("chair")
    first = turns_of(db, first_meeting)[0]
    url = f"/floor/blocks/{first_meeting.id}/turns/{first.id}/limit"
    assert client.post(url, data={"limit_s": "4:30"}).status_code == 302
    assert turns_of(db, first_meeting)[0].limit_s == 270
    entry = db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.action, entry.before, entry.after) == ("limit_changed", {"limit_s": 420}, {"limit_s": 270})
    assert 'value="4:30"' in client.get(f"/floor/blocks/{first_meeting.id}").get_data(as_text=True)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("4:75", "Limit (m:ss): Write the limit as minutes and seconds, e.g. 5:00."),
        ("0:00", "Limit (m:ss): Give a limit between 0:01 and 60:00 (minutes:seconds)."),
        ("61:00", "Limit (m:ss): Give a limit between 0:01 and 60:00 (minutes:seconds)."),
        ("", "Limit (m:ss): This field is required."),
    ],
)
def test_a_limit_that_cannot_be_read_is_refused_by_its_label(db, client, log_in, first_meeting, typed, says):
    log_in("chair")
    before, entries = turns_of(db, first_meeting)[0], audit_count(db)
    refused = client.post(f"/floor/blocks/{first_meeting.id}/turns/{before.id}/limit", data={"limit_s": typed})
    assert refused.status_code == 400
    assert "Not done: " + says + "</p>" in refused.get_data(as_text=True)
    assert "limit_s:" not in refused.get_data(as_text=True)
    assert turns_of(db, first_meeting)[0].limit_s == 420 and audit_count(db) == entries


def test_the_api_takes_seconds_or_mmss_and_names_the_field_it_refuses(db, client, first_meeting, token_for):
    headers = token_for("chair")
    turn = turns_of(db, first_meeting)[0]
    url = f"/api/v1/floor/blocks/{first_meeting.id}/turns/{turn.id}/limit"
    assert client.post(url, json={"limit_s": 240}, headers=headers).get_json()["limit_s"] == 240
    assert client.post(url, json={"limit_s": "6:30"}, headers=headers).get_json()["limit_s"] == 390
    bad = client.post(url, json={"limit_s": "six minutes"}, headers=headers)
    assert bad.status_code == 422
    assert bad.get_json()["errors"] == {"limit_s": ["Write the limit as minutes and seconds, e.g. 5:00."]}
    assert turns_of(db, first_meeting)[0].limit_s == 390
    schema = client.get("/api/v1/openapi.json").get_json()
    body = schema["paths"]["/api/v1/floor/blocks/{block_id}/turns/{turn_id}/limit"]["post"]["requestBody"]
    limit = body["content"]["application/json"]["schema"]["properties"]["limit_s"]
    assert limit["type"] == "integer" and "5:00" in limit["description"]


def test_the_limit_box_shows_what_was_typed_back_in_mmss():
    form = LimitForm(meta={"csrf": False}, data={"limit_s": 300})
    assert form.limit_s._value() == "5:00" and 'type="text"' in form.limit_s()


# --- 12. the nameplate box and the speaker added by hand take a delegation's name ---------


def test_the_console_suggests_delegations_by_name(client, log_in, roundtable):
    log_in("chair")
    page = client.get(f"/floor/blocks/{roundtable.id}").get_data(as_text=True)
    assert '<datalist id="delegation-names">' in page
    assert '<option value="Austria">AUT</option>' in page and '<option value="Côte d&#39;Ivoire">CIV</option>' in page
    box = re.search(r'<input[^>]*id="nameplate"[^>]*>', page).group(0)
    assert 'list="delegation-names"' in box and 'name="delegation"' in box
    assert '<label for="nameplate">Nameplate raised by</label>' in page and "(code)" not in page


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Russian Federation", "RUS"), ("russian federation", "RUS"), ("rus", "RUS"), ("Turkiye", "TUR"), ("中国", "CHN")],
)
def test_the_chair_adds_a_raised_nameplate_by_name(db, client, log_in, roundtable, typed, code):
    log_in("chair")
    if code == "CHN":  # China has asked already: let it be dropped first
        china = next(r for r in queue.open_requests(roundtable) if r.delegation.code == "CHN")
        assert client.post(f"/floor/blocks/{roundtable.id}/requests/{china.id}/drop").status_code == 302
    entries = audit_count(db)
    assert client.post(f"/floor/blocks/{roundtable.id}/requests", data={"delegation": typed}).status_code == 302
    db.session.rollback()
    last = queue.open_requests(roundtable)[-1]
    assert (last.delegation.code, last.raised_in_room) == (code, True)
    assert audit_count(db) == entries + 1


def test_an_unknown_name_is_refused_naming_the_box_and_nothing_is_queued(db, client, log_in, roundtable):
    log_in("chair")
    entries, requests = audit_count(db), db.session.scalar(db.select(db.func.count()).select_from(FloorRequest))
    refused = client.post(f"/floor/blocks/{roundtable.id}/requests", data={"delegation": "Atlantis"})
    assert refused.status_code == 400
    assert (
        "Not done: Nameplate raised by: No delegation has the name or code &#39;Atlantis&#39;; "
        "choose a name from the list." in refused.get_data(as_text=True)
    )
    assert audit_count(db) == entries
    assert db.session.scalar(db.select(db.func.count()).select_from(FloorRequest)) == requests


def test_the_api_takes_a_name_for_a_nameplate_and_for_a_speaker(db, client, roundtable, first_meeting, token_for):
    headers = token_for("chair")
    made = client.post(
        f"/api/v1/floor/blocks/{roundtable.id}/requests", json={"delegation": "Côte d’Ivoire"}, headers=headers
    )
    assert made.status_code == 201 and made.get_json()["delegation_code"] == "CIV"
    unknown = client.post(f"/api/v1/floor/blocks/{roundtable.id}/requests", json={"delegation": "X"}, headers=headers)
    assert unknown.status_code == 422 and list(unknown.get_json()["errors"]) == ["delegation"]
    added = client.post(
        f"/api/v1/floor/blocks/{first_meeting.id}/turns",
        json={"delegation": "united arab emirates", "role": "gd_national", "limit_s": "3:00"},
        headers=headers,
    )
    assert added.status_code == 201
    assert (added.get_json()["speaker"], added.get_json()["limit_s"]) == ("United Arab Emirates", 180)


def test_a_speaker_added_by_hand_by_name_with_a_limit_in_mmss(db, client, log_in, first_meeting):
    log_in("chair")
    count = len(turns_of(db, first_meeting))
    data = {"delegation": "Côte d'Ivoire", "speaker_name": "M. Kouassi", "role": "gd_national", "limit_s": "3:30"}
    assert client.post(f"/floor/blocks/{first_meeting.id}/turns", data=data).status_code == 302
    added = turns_of(db, first_meeting)[-1]
    assert len(turns_of(db, first_meeting)) == count + 1
    assert (added.delegation.code, added.speaker_name, added.role, added.limit_s) == (
        "CIV",
        "M. Kouassi",
        TurnRole.gd_national,
        210,
    )


# --- 12. refusals name fields by their label -------------------------------------------------


class _Form(FlaskForm):
    speaker_name = StringField("Name of the speaker", validators=[DataRequired(message="Give a name.")])


def test_errors_sentence_names_each_field_by_its_label(app):
    with app.test_request_context(method="POST", data={}):
        form = _Form(meta={"csrf": False})
        assert not form.validate()
        assert errors_sentence(form, "Not done: ") == "Not done: Name of the speaker: Give a name."
        assert "speaker_name" not in errors_sentence(form)


def test_an_expired_form_says_so_in_words(app):
    with app.test_request_context(method="POST", data={}):
        form = _Form(meta={"csrf": True, "csrf_secret": b"x"})
        form.validate()
        sentence = errors_sentence(form)
        assert "the form has expired; reload the page and try again" in sentence and "csrf" not in sentence.lower()


# --- 12. 403 and 404 in plain words ------------------------------------------------------------


def test_a_forbidden_page_says_who_you_are_and_how_to_log_in_as_someone_else(client, log_in, demo):
    log_in("austria")
    page = client.get("/audit", headers={"Referer": "http://localhost/debate/"})
    text = page.get_data(as_text=True)
    assert page.status_code == 403
    assert "<h1>Not allowed</h1>" in text and "You are not allowed to see or change this." in text
    assert "You are logged in as" in text and "for Austria" in text and "nothing was changed" in text
    assert 'href="/login?next=/audit" id="login-other">log in as another user</a>' in text
    assert 'href="http://localhost/debate/" id="back"' in text
    assert "read-protected" not in text and "permission to access" not in text


def test_logging_in_as_another_user_from_the_403_page_returns_to_it(client, log_in, demo):
    log_in("austria")
    assert client.get("/audit").status_code == 403
    again = client.post("/login?next=/audit", data={"username": "secretariat", "password": "secretariat-cnd67"})
    assert again.status_code == 302 and again.headers["Location"] == "/audit"
    assert client.get("/audit").status_code == 200


def test_a_refused_action_of_another_role_is_a_plain_403(client, log_in, first_meeting):
    log_in("kenya")
    page = client.post(f"/floor/blocks/{first_meeting.id}/act", data={"action": "start", "version": 0})
    assert page.status_code == 403 and "Not allowed" in page.get_data(as_text=True)
    assert "log in as another user" in page.get_data(as_text=True)


def test_a_missing_page_says_so_and_points_to_its_list(client, log_in, demo):
    log_in("austria")
    page = client.get("/debate/inscriptions/999999")
    text = page.get_data(as_text=True)
    assert page.status_code == 404
    assert "<h1>Page not found</h1>" in text and "There is nothing at this address." in text
    assert "mistyped or out of date" in text
    assert '<a href="/debate/" id="section">Go to the list: General debate</a>' in text
    assert 'id="home"' in text and "javascript:" not in text


def test_an_unknown_address_for_anyone_offers_the_home_page(client, demo):
    text = client.get("/no/such/page").get_data(as_text=True)
    assert "Page not found" in text and 'href="/" id="home"' in text and 'id="section"' not in text
    assert "The requested URL was not found" not in text


def test_the_api_still_answers_errors_in_json(client, token_for, demo):
    denied = client.get("/api/v1/audit?delegation=BRA", headers=token_for("austria"))
    assert denied.status_code == 403 and denied.is_json
    missing = client.get("/api/v1/no-such-thing")
    assert missing.status_code == 404 and missing.get_json()["message"] == "There is nothing at this address."


# --- 14. phones: 375 px ------------------------------------------------------------------------

MAIN_PAGES = {
    None: ["/", "/session/", "/session/speakers-list", "/debate/draw", "/side-events/", "/side-events/timeline", "/floor/",
           "/delegations/", "/login", "/no-such-page"],
    "austria": ["/delegations/AUT", "/debate/", "/debate/inscribe", "/side-events/new", "/delegations/AUT/history",
                "/account/tokens", "/audit"],
    "chair": ["/floor/", "{console}", "{roundtable}", "/debate/"],
    "secretariat": ["/session/", "/session/rules", "/debate/quotas", "/debate/draw", "/side-events/queue",
                    "/audit", "/audit/verify", "/delegations/users"],
}  # fmt: skip


def _fits(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.browser
@pytest.mark.parametrize("role", list(MAIN_PAGES), ids=lambda r: r or "anonymous")
def test_every_main_page_fits_a_phone(browser, app, live_server, first_meeting, roundtable, role):
    app.config["WTF_CSRF_ENABLED"] = True
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        if role:
            browser_login(page, live_server, role)
        for path in MAIN_PAGES[role]:
            path = path.format(console=f"/floor/blocks/{first_meeting.id}", roundtable=f"/floor/blocks/{roundtable.id}")
            page.goto(live_server + path)
            assert _fits(page) <= 375, f"{path} scrolls sideways for {role or 'anonymous'}: {_fits(page)} px"
            expect(page.locator("#menu")).to_be_hidden()  # the menu is folded behind its button
            name = "phone-" + (role or "anonymous") + re.sub(r"[^a-z0-9]+", "-", path.lower()).rstrip("-")
            screenshot(page, name)
    finally:
        context.close()
        app.config["WTF_CSRF_ENABLED"] = False


@pytest.mark.browser
def test_the_phone_menu_opens_with_its_button_and_leads_somewhere(browser, app, live_server, demo):
    app.config["WTF_CSRF_ENABLED"] = True
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)  # no script needed
    page = context.new_page()
    try:
        browser_login(page, live_server, "secretariat")
        page.goto(live_server + "/session/")
        side_events = page.get_by_role("link", name="Side events", exact=True)
        expect(side_events).to_be_hidden()
        page.click("label.menu-button")
        expect(side_events).to_be_visible()
        expect(page.get_by_role("button", name="Log out")).to_be_visible()
        assert _fits(page) <= 375
        screenshot(page, "phone-menu-open")
        side_events.click()
        assert page.url.endswith("/side-events/")
        expect(page.locator("#menu")).to_be_hidden()
    finally:
        context.close()
        app.config["WTF_CSRF_ENABLED"] = False


@pytest.mark.browser
def test_a_wide_table_scrolls_in_its_own_box_and_the_desktop_menu_stays_open(browser, live_server, demo):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        browser_login(page, live_server, "secretariat")
        page.goto(live_server + "/debate/")
        table = page.locator("table.speakers").first
        widths = table.evaluate("t => [t.scrollWidth, t.clientWidth]")
        assert widths[0] > widths[1]  # wider than the screen: it scrolls, the page does not
        assert _fits(page) <= 375
        page.set_viewport_size({"width": 1280, "height": 800})
        expect(page.get_by_role("link", name="Side events", exact=True)).to_be_visible()
        expect(page.locator("label.menu-button")).to_be_hidden()
        screenshot(page, "desktop-speakers-list")
    finally:
        context.close()


@pytest.mark.browser
def test_the_chair_adds_a_nameplate_by_name_and_sees_limits_in_mmss(
    page, browser, live_server, first_meeting, roundtable
):
    browser_login(page, live_server, "chair")
    page.goto(f"{live_server}/floor/blocks/{roundtable.id}")
    options = page.locator("#delegation-names option")
    assert options.count() > 150 and "Russian Federation" in options.evaluate_all("os => os.map(o => o.value)")
    page.fill("#nameplate", "Russian Federation")
    page.click("text=Add to the queue")
    expect(page.locator("#floor-queue li").last).to_contain_text("Russian Federation")
    expect(page.locator("#floor-queue li").last).to_contain_text("nameplate")
    screenshot(page, "console-nameplate-by-name")

    screen = browser.new_context(viewport=PHONE).new_page()
    screen.goto(f"{live_server}/floor/rooms/{first_meeting.room_id}/screen")
    page.goto(f"{live_server}/floor/blocks/{first_meeting.id}")
    expect(page.locator("#waiting input[name=limit_s]").first).to_have_value("7:00")
    page.click("button[data-action=start] >> nth=0")
    expect(page.locator("#current-speaker")).to_contain_text("limit 7:00")
    expect(screen.locator("[data-role]")).to_contain_text("limit 7:00", timeout=3000)
    assert _fits(screen) <= 375
    screenshot(page, "console-limits-mmss")
    screenshot(screen, "phone-projector")
    screen.context.close()
