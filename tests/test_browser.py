import pytest

from tests.conftest import screenshot

pytestmark = pytest.mark.browser


def test_delegation_user_logs_in_and_sees_its_home_page(page, live_server, demo):
    page.goto(live_server + "/login")
    page.fill("#username", "russia")
    page.fill("#password", "russia-cnd67")
    page.click("#submit")
    page.wait_for_url("**/delegations/RUS")
    assert page.inner_text("#delegation-name") == "Russian Federation"
    assert "Российская Федерация" in page.content()
    screenshot(page, "delegation-home")
    page.goto(live_server + "/delegations/BRA")
    assert "Not allowed" in page.inner_text("h1")


def test_wrong_password_in_the_browser(page, live_server, demo):
    page.goto(live_server + "/login")
    page.fill("#username", "russia")
    page.fill("#password", "nope")
    page.click("#submit")
    assert "The user name or password is not right." in page.inner_text("main")
