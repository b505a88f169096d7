"""Accounts and the delegation's home page in a real browser (Chromium through Playwright)."""

import re
from datetime import timedelta

from sqlalchemy import select, update

from meetings.audit import services as audit
from meetings.auth.models import User
from meetings.delegations.services import delegation_by_code
from meetings.timeutil import utcnow
from tests.conftest import browser_login, screenshot

NEW = "brasilia-2024-vienna"


def test_one_time_password_from_the_secretariat_to_a_new_password(page, browser, live_server, demo, db):
    browser_login(page, live_server, "secretariat")
    page.goto(live_server + "/delegations/users")
    page.click("#user-brazil >> text=One-time password, tokens")
    with page.expect_navigation():
        page.click("#set-one-time-password")
    otp = page.inner_text("#otp")
    assert re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", otp)
    screenshot(page, "accounts-one-time-password")

    brazil = browser.new_context().new_page()
    try:
        browser_login(brazil, live_server, "brazil", otp)
        assert brazil.url.endswith("/account/password")
        assert "one-time password" in brazil.inner_text("#one-time-notice")
        brazil.goto(live_server + "/delegations/BRA")  # nothing else opens
        assert "/account/password" in brazil.url
        screenshot(brazil, "accounts-choose-a-new-password")
        brazil.fill("#current_password", otp)
        brazil.fill("#new_password", NEW)
        brazil.fill("#new_password_again", NEW + "!")
        brazil.click("#submit")
        assert "The two new passwords are not the same." in brazil.inner_text("main")
        brazil.fill("#current_password", otp)
        brazil.fill("#new_password", NEW)
        brazil.fill("#new_password_again", NEW)
        brazil.click("#submit")
        brazil.wait_for_url(re.compile(r".*/delegations/BRA$"))
        assert "Your password is changed." in brazil.inner_text("main")
    finally:
        brazil.context.close()


def test_the_secretariat_disables_a_user_whose_open_page_then_stops(page, browser, live_server, demo, db):
    kenya = browser.new_context().new_page()
    try:
        browser_login(kenya, live_server, "kenya")
        assert kenya.url.endswith("/delegations/KEN")
        browser_login(page, live_server, "secretariat")
        page.goto(live_server + "/delegations/users")
        with page.expect_navigation():
            page.click("#user-kenya >> text=Disable")
        assert page.get_attribute("#user-kenya", "data-state") == "disabled"
        assert "kenya is disabled" in page.inner_text("main")
        screenshot(page, "accounts-user-list")
        kenya.reload()
        assert "/login" in kenya.url
        kenya.fill("#username", "kenya")
        kenya.fill("#password", "kenya-cnd67")
        kenya.click("#submit")
        assert "Your account is disabled" in kenya.inner_text("main")
        with page.expect_navigation():
            page.click("#user-kenya >> text=Enable")
        assert page.get_attribute("#user-kenya", "data-state") == "active"
    finally:
        kenya.context.close()


def test_a_delegations_home_page_with_what_changed_on_a_phone(page, live_server, demo, db):
    browser_login(page, live_server, "austria")  # the first visit
    db.session.rollback()
    db.session.execute(
        update(User).where(User.username == "austria").values(home_seen_at=utcnow() - timedelta(hours=2))
    )
    kenya_user = db.session.scalar(select(User).where(User.username == "kenya"))
    audit.record(kenya_user, "debate", "swap_accepted", label="Swap of slots: Austria (12) ↔ Kenya (16)",
                 commission_session=demo, delegation=delegation_by_code("KEN"),
                 other_delegation=delegation_by_code("AUT"), before={"slot": 12}, after={"slot": 16})  # fmt: skip
    db.session.commit()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server + "/delegations/AUT")
    changes = page.inner_text("#changes")
    assert "Since your last visit" in changes and "Swap accepted" in changes and "slot: 12 → 16" in changes
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "delegation-home-since-last-visit-phone")
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(live_server + "/delegations/AUT")
    screenshot(page, "delegation-home-since-last-visit")
