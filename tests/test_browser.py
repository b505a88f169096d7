import pytest

from tests.conftest import browser_login, screenshot

pytestmark = pytest.mark.browser


def test_delegation_user_logs_in_and_sees_its_home_page(page, live_server, bare_cs):
    browser_login(page, live_server, "russia")
    page.wait_for_url("**/delegations/RUS")
    assert page.inner_text("#delegation-name") == "Russian Federation"
    assert "Российская Федерация" in page.content()
    screenshot(page, "delegation-home")
    page.goto(live_server + "/delegations/BRA")
    assert "Not allowed" in page.inner_text("h1")


def test_wrong_password_in_the_browser(page, live_server, bare_cs):
    browser_login(page, live_server, "russia", "nope")
    assert "The user name or password is not right." in page.inner_text("main")
