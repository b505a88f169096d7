from meetings.auth.models import ApiToken
from tests.conftest import csrf_token, login


def test_login_and_home_page_of_the_delegation(client, bare_cs):
    response = login(client, "austria")
    assert response.status_code == 302
    home = client.get(response.location, follow_redirects=True)
    assert home.status_code == 200
    assert "Austria" in home.get_data(as_text=True)


def test_bad_login_does_not_reveal_whether_the_user_exists(client, bare_cs):
    wrong_password = login(client, "austria", "not-the-password")
    unknown_user = login(client, "nobody-here", "whatever")
    assert wrong_password.status_code == unknown_user.status_code == 401
    text_a, text_b = wrong_password.get_data(as_text=True), unknown_user.get_data(as_text=True)
    assert "The user name or password is not right." in text_a
    assert "The user name or password is not right." in text_b
    assert client.get("/delegations/AUT").status_code == 302  # still not logged in


def test_empty_login_form_is_refused(client, bare_cs):
    response = client.post("/login", data={"username": "", "password": ""})
    assert response.status_code == 400
    assert "This field is required." in response.get_data(as_text=True)


def test_post_without_csrf_token_is_refused(client, bare_cs, csrf_on):
    response = client.post("/login", data={"username": "austria", "password": "austria-cnd67"})
    assert response.status_code == 400
    assert "expired" in response.get_data(as_text=True)  # "The form has expired …": the sentence may change
    # with the token the same request goes through
    token = csrf_token(client.get("/login").get_data(as_text=True))
    ok = client.post("/login", data={"username": "austria", "password": "austria-cnd67", "csrf_token": token})
    assert ok.status_code == 302


def test_delegation_user_refused_another_delegations_page(log_in, bare_cs):
    client = log_in("austria")
    assert client.get("/delegations/AUT").status_code == 200
    assert client.get("/delegations/BRA").status_code == 403


def test_secretariat_sees_every_delegation(log_in, bare_cs):
    client = log_in("secretariat")
    assert client.get("/delegations/BRA").status_code == 200


def test_anonymous_is_sent_to_login(client, bare_cs):
    response = client.get("/delegations/AUT")
    assert response.status_code == 302 and "/login" in response.location


def test_api_token_reads_own_record_not_another(client, bare_cs, token_for):
    headers = token_for("austria")
    me = client.get("/api/v1/me", headers=headers).get_json()
    assert me == {
        "username": "austria",
        "full_name": "Permanent Mission of Austria",
        "role": "delegation",
        "delegation": "AUT",
        "must_change_password": False,
        "language": None,
    }
    own = client.get("/api/v1/delegations/AUT", headers=headers)
    assert own.status_code == 200 and own.get_json()["users"][0]["username"] == "austria"
    other = client.get("/api/v1/delegations/BRA", headers=headers)
    assert other.status_code == 403
    assert other.get_json()["message"]


def test_api_without_or_with_bad_token(client, bare_cs):
    assert client.get("/api/v1/me").status_code == 401
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer mt_forged"})
    assert response.status_code == 401
    assert "unknown or revoked" in response.get_json()["message"]


def test_tokens_are_created_in_the_browser_and_revoked(log_in, db, bare_cs):
    client = log_in("kenya")
    page = client.post("/account/tokens", data={"label": "scripts"}).get_data(as_text=True)
    secret = page.split('id="new-token">')[1].split("<")[0]
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/me", headers=headers).get_json()["delegation"] == "KEN"
    stored = db.session.scalar(db.select(ApiToken))
    assert stored.token_hash != secret  # only the digest is stored
    assert client.post(f"/account/tokens/{stored.id}/revoke").status_code == 302
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_logout(log_in, bare_cs):
    client = log_in("austria")
    assert client.post("/logout").status_code == 302
    assert client.get("/delegations/AUT").status_code == 302
