"""A form's "next" sends the user back to a page of this site, never to another site (issue 14)."""

import pytest

from meetings.webforms import safe_next


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "/\\/evil.example",
        "javascript:alert(1)",
        "debate/",
    ],
)
def test_an_address_of_another_site_is_not_followed(target):
    assert safe_next(target) is None


@pytest.mark.parametrize("target", ["/debate/", "/debate/inscriptions/3#swap", "/bilaterals/?day=2024-03-14"])
def test_a_page_of_this_site_is_followed(target):
    assert safe_next(target) == target


@pytest.mark.parametrize("target", ["/\\evil.example/", "//evil.example/", "https://evil.example/"])
def test_the_language_switch_stays_on_this_site(client, bare_cs, target):
    response = client.post("/language", data={"language": "fr", "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert client.post("/language", data={"language": "fr", "next": "/debate/"}).headers["Location"] == "/debate/"
