"""Every page, for each role, in English and in Arabic, passes axe-core with no serious or critical
violation (issue 10, point 6).

The pages are the app's GET routes (tests/a11y/walk.py: no API, static files or downloads), their
ids taken from the demo, the user's own records first: a new page is walked without editing this
file. Each role browses in one context, each page is loaded once per language (English in a
desktop window, Arabic on a phone, so that both layouts are checked), plus the role's 403 and 404
pages. A failure lists the page, the rule, its impact and the offending elements.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from meetings.demo import demo_password
from tests.a11y import walk
from tests.conftest import browser_login, screenshot

pytestmark = pytest.mark.browser

ROLES = (None, "kenya", "chair", "secretariat")  # anonymous, a delegation user, the chair, the secretariat
LANGUAGES = (None, "ar")  # the default (English: the browser asks for nothing else) and ?lang=ar
WIDTHS = {"ar": walk.PHONE}  # English in a desktop window, Arabic 375 px wide: both layouts, no extra load


@pytest.fixture
def csrf(app):
    """Forms carry their CSRF token in the browser, as they do in production."""
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def walk_role(browser, app, db, live_server: str, role: str | None) -> tuple[dict, walk.Reach, list[walk.Violation]]:
    """Each page route's addresses for this role, what they answered, and what axe found in both languages."""
    context = browser.new_context()
    try:
        if role:
            walk.login(context, live_server, role, demo_password(role))
        values = walk.candidates(db, role)
        tried = {rule.rule: walk.addresses(rule, values) for rule in walk.page_rules(app)}
        reach = walk.reachable(context, live_server, [a for addresses in tried.values() for a in addresses])
        return tried, reach, walk.check(context, live_server, reach.to_walk(), LANGUAGES, WIDTHS)
    finally:
        context.close()


def test_every_page_of_every_role_passes_axe_in_english_and_arabic(demo, app, db, browser, live_server, csrf):
    reached, opened, serious = {}, set(), []
    for role in ROLES:
        tried, reach, found = walk_role(browser, app, db, live_server, role)
        reached[role or "anonymous"] = set(reach.pages)
        # A route counts as walked when some role opened it, or it only sends a logged-in user on.
        opened |= {
            r for r, addresses in tried.items() if set(addresses) & set(reach.pages + (reach.redirects if role else []))
        }
        serious += [(role or "anonymous", v) for v in found if v.impact in walk.SERIOUS]

    assert not serious, "serious or critical accessibility violations (axe-core):\n" + "\n".join(
        f"[{role}]\n{v.describe()}" for role, v in serious
    )
    # The walk reached what each role works with (a broken id would silently shrink it).
    assert {"/", "/login", "/session/speakers-list", "/side-events/timeline", "/floor/rooms/1/screen"} <= reached[
        "anonymous"
    ]
    assert "/debate/" not in reached["anonymous"]  # the working list is not public: the published one is
    assert {"/delegations/KEN", "/debate/", "/debate/inscribe", "/side-events/new"} <= reached["kenya"]
    assert any(p.startswith("/side-events/") and p.endswith("/edit") for p in reached["kenya"]), "a draft's form"
    assert any(p.startswith("/floor/blocks/") and p.endswith("/nameplate") for p in reached["kenya"])
    assert sum(p.startswith("/floor/blocks/") for p in reached["chair"]) >= 2, "the console of both kinds of meeting"
    assert {"/audit", "/debate/quotas", "/delegations/users", "/session/rules", "/side-events/queue"} <= reached[
        "secretariat"
    ]
    unopened = sorted({r.rule for r in walk.page_rules(app)} - opened)
    assert not unopened, f"pages no role could open with the demo's ids: {unopened}"


def test_a_new_page_is_walked_and_an_unknown_id_is_named(app):
    rules = {r.rule for r in walk.page_rules(app)}
    assert "/debate/" in rules and "/floor/blocks/<int:block_id>" in rules
    assert not any(r.startswith("/api/") or r.endswith((".pdf", ".csv", ".ics", ".json")) for r in rules)
    assert "/floor/blocks/<int:block_id>/report.<any(pdf, csv):fmt>" not in rules

    class Rule:
        rule = "/things/<int:thing_id>"

    with pytest.raises(LookupError, match="<thing_id>"):
        walk.addresses(Rule, {"block_id": [1]})


def test_a_refused_form_tells_a_screen_reader_which_field_and_why(page, live_server, bare_cs):
    """The login page refused in Arabic: each error is tied to its field, the page still passes axe."""
    page.goto(live_server + "/login?lang=ar")
    page.click("#submit")  # nothing typed: both fields are required
    page.wait_for_load_state()
    assert page.get_attribute("html", "dir") == "rtl"
    field = page.locator("#username")
    assert field.get_attribute("aria-invalid") == "true"
    ids = field.get_attribute("aria-describedby").split()
    said = " ".join(page.inner_text(f"#{i}") for i in ids)
    assert said and said in page.inner_text("main")
    assert not any(ch.isascii() and ch.isalpha() for ch in said), f"the error is in Arabic: {said}"
    found = Axe().run(page).response["violations"]
    assert not [v["id"] for v in found if v["impact"] in walk.SERIOUS]
    screenshot(page, "a11y-ar-login-refused")


@pytest.mark.parametrize("language", ["ar", "zh"])
def test_on_a_phone_the_pages_of_a_delegation_pass_axe(browser, app, live_server, demo, csrf, language):
    """375 px wide: the folded menu, the timeline and the speakers list, in Arabic and in Chinese."""
    context = browser.new_context(viewport={"width": 375, "height": 740})
    try:
        page = context.new_page()
        browser_login(page, live_server, "kenya")
        found = walk.check(context, live_server, ["/", "/debate/", "/side-events/timeline", "/delegations/KEN"],
                           [language], {language: walk.PHONE})  # fmt: skip
        serious = [v.describe() for v in found if v.impact in walk.SERIOUS]
        assert not serious, "\n".join(serious)
        page.goto(f"{live_server}/side-events/timeline?lang={language}")
        page.click(".menu-button")
        assert page.locator("#menu").is_visible()
        assert not [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in walk.SERIOUS]
        screenshot(page, f"a11y-{language}-phone-menu-open")
    finally:
        context.close()
