"""Accounts: one's own password, disabling and enabling, one-time passwords, any token revoked (issue 9, point 11)."""

import json
import threading

import pytest
from sqlalchemy import func, select

from meetings.audit.models import AuditEntry
from meetings.auth.actors import System
from meetings.auth.models import ApiToken, Role, User
from meetings.auth.services import create_user, issue_token
from meetings.demo import demo_password
from tests.conftest import login, thread_client

SETUP = System(because="test set-up")
NEW = "a-new-password-42"


def user(db, username: str) -> User:
    db.session.rollback()
    return db.session.scalar(select(User).where(User.username == username))


def entries(db, action: str) -> list[AuditEntry]:
    db.session.rollback()
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)))


def audit_count(db) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(AuditEntry))


def bearer(db, username: str) -> dict:
    account = user(db, username)
    secret = issue_token(account, account, "script")
    db.session.commit()
    return {"Authorization": f"Bearer {secret}"}


def second_secretariat(db, username: str = "sec2") -> User:
    account = create_user(SETUP, username, demo_password(username), Role.secretariat, "Second secretariat officer")
    db.session.commit()
    return account


def text(response) -> str:
    return response.get_data(as_text=True)


# --- one's own password ------------------------------------------------------------------------


def test_a_delegation_changes_its_own_password_on_its_page(client, demo, db):
    assert login(client, "austria").status_code == 302
    assert "Change your password" in text(client.get("/delegations/AUT"))
    assert client.get("/account/password").status_code == 200
    old = demo_password("austria")
    before = audit_count(db)
    refused = [
        ({"current_password": "wrong-password", "new_password": NEW, "new_password_again": NEW},
         "This is not your current password."),
        ({"current_password": old, "new_password": "short", "new_password_again": "short"},
         "Use at least 10 characters."),
        ({"current_password": old, "new_password": NEW, "new_password_again": NEW + "x"},
         "The two new passwords are not the same."),
        ({"current_password": old, "new_password": old, "new_password_again": old},
         "Choose a password different from the current one."),
        ({"current_password": "", "new_password": NEW, "new_password_again": NEW}, "This field is required."),
    ]  # fmt: skip
    for data, message in refused:
        response = client.post("/account/password", data=data)
        assert response.status_code == 400, data
        assert message in text(response), data
    assert audit_count(db) == before  # refused: nothing written
    assert user(db, "austria").check_password(old)

    done = client.post("/account/password", data={"current_password": old, "new_password": NEW,
                                                   "new_password_again": NEW})  # fmt: skip
    assert done.status_code == 302
    assert "Your password is changed." in text(client.get(done.location, follow_redirects=True))
    client.post("/logout")
    assert login(client, "austria", old).status_code == 401
    assert login(client, "austria", NEW).status_code == 302
    (entry,) = entries(db, "password_changed")
    assert entry.actor.username == "austria" and entry.delegation.code == "AUT"
    assert entry.record_label == "User austria (Permanent Mission of Austria)"
    assert NEW not in json.dumps(entry.content(), default=str) and old not in json.dumps(entry.content(), default=str)


def test_everyone_changes_their_password_through_the_api(client, demo, db):
    headers = bearer(db, "chair")
    wrong = client.post("/api/v1/me/password", headers=headers,
                        json={"current_password": "nope", "new_password": NEW, "new_password_again": NEW})  # fmt: skip
    assert wrong.status_code == 400
    assert wrong.get_json()["errors"] == {"current_password": ["This is not your current password."]}
    missing = client.post("/api/v1/me/password", headers=headers, json={"current_password": demo_password("chair")})
    assert missing.status_code == 422 and set(missing.get_json()["errors"]) == {"new_password", "new_password_again"}
    assert user(db, "chair").check_password(demo_password("chair")) and entries(db, "password_changed") == []
    ok = client.post("/api/v1/me/password", headers=headers, json={
        "current_password": demo_password("chair"), "new_password": NEW, "new_password_again": NEW})  # fmt: skip
    assert ok.status_code == 200 and ok.get_json() == {"message": "Your password is changed."}
    assert user(db, "chair").check_password(NEW)
    assert len(entries(db, "password_changed")) == 1
    assert client.post("/api/v1/me/password", json={}).status_code == 401  # nobody's password without a token


# --- disable and enable ------------------------------------------------------------------------


def test_a_disabled_user_is_locked_out_at_once_and_enabled_again(app, client, demo, db):
    kenya_browser = app.test_client()
    assert login(kenya_browser, "kenya").status_code == 302
    assert kenya_browser.get("/delegations/KEN").status_code == 200
    kenya_token = bearer(db, "kenya")
    assert client.get("/api/v1/me", headers=kenya_token).status_code == 200

    assert login(client, "secretariat").status_code == 302
    done = client.post("/delegations/users/kenya/disable", data={"reason": "Mission asked: staff member left"})
    assert done.status_code == 302 and done.location.endswith("/delegations/users/kenya")
    page = text(client.get(done.location))
    assert "kenya is disabled" in page and "disabled</span>" in page
    assert not user(db, "kenya").active

    # Their open session, their token and their password stop working at once.
    again = kenya_browser.get("/delegations/KEN")
    assert again.status_code == 302 and "/login" in again.location
    refused = client.get("/api/v1/me", headers=kenya_token)
    assert refused.status_code == 401 and "unknown or revoked" in refused.get_json()["message"]
    fresh = app.test_client()
    response = login(fresh, "kenya")
    assert response.status_code == 403 and "Your account is disabled" in text(response)
    wrong = login(fresh, "kenya", "not-the-password")
    assert wrong.status_code == 401 and "disabled" not in text(wrong)  # nothing told without the password

    (entry,) = entries(db, "user_disabled")
    assert entry.actor.username == "secretariat" and entry.reason == "Mission asked: staff member left"
    assert (entry.before, entry.after) == ({"active": True}, {"active": False}) and entry.delegation.code == "KEN"

    enabled = client.post("/delegations/users/kenya/enable", data={"reason": ""})
    assert enabled.status_code == 302 and user(db, "kenya").active
    assert client.get("/api/v1/me", headers=kenya_token).status_code == 200  # not revoked: works again
    assert login(fresh, "kenya").status_code == 302
    (entry,) = entries(db, "user_enabled")
    assert (entry.before, entry.after) == ({"active": False}, {"active": True})


def test_disable_and_enable_through_the_api(client, demo, db):
    sec = bearer(db, "secretariat")
    brazil = bearer(db, "brazil")
    disabled = client.post("/api/v1/users/brazil/disable", headers=sec, json={"reason": "Left the mission"})
    assert disabled.status_code == 200 and disabled.get_json()["active"] is False
    assert client.get("/api/v1/me", headers=brazil).status_code == 401
    listed = {u["username"]: u for u in client.get("/api/v1/users", headers=sec).get_json()}
    assert listed["brazil"]["active"] is False and listed["austria"]["active"] is True
    twice = client.post("/api/v1/users/brazil/disable", headers=sec, json={})
    assert twice.status_code == 409 and twice.get_json()["message"] == "brazil is disabled already."
    enabled = client.post("/api/v1/users/brazil/enable", headers=sec, json={})
    assert enabled.status_code == 200 and enabled.get_json()["active"] is True
    again = client.post("/api/v1/users/brazil/enable", headers=sec, json={})
    assert again.status_code == 409 and again.get_json()["message"] == "brazil is active already."
    unknown = client.post("/api/v1/users/nobody/disable", headers=sec, json={})
    assert unknown.status_code == 404 and unknown.get_json()["message"] == "There is no user named nobody."
    too_long = client.post("/api/v1/users/brazil/disable", headers=sec, json={"reason": "x" * 501})
    assert too_long.status_code == 422 and "reason" in too_long.get_json()["errors"]
    assert [len(entries(db, a)) for a in ("user_disabled", "user_enabled")] == [1, 1]


def test_only_the_secretariat_manages_accounts(client, demo, db):
    austria = bearer(db, "austria")
    for path in ("/api/v1/users/kenya/disable", "/api/v1/users/kenya/enable", "/api/v1/users/kenya/one-time-password"):
        response = client.post(path, headers=austria, json={})
        assert response.status_code == 403, path
        assert response.get_json()["message"].startswith("You are not allowed to do this: The secretariat")
    assert client.get("/api/v1/users/kenya/tokens", headers=austria).status_code == 403
    assert login(client, "austria").status_code == 302
    for path in ("/delegations/users/kenya/disable", "/delegations/users/kenya/one-time-password"):
        assert client.post(path, data={}).status_code == 403
    assert client.get("/delegations/users/kenya").status_code == 403
    assert client.get("/delegations/users").status_code == 403
    assert user(db, "kenya").active and not user(db, "kenya").must_change_password
    assert entries(db, "user_disabled") == entries(db, "one_time_password_set") == []


def test_the_last_active_secretariat_user_cannot_disable_itself(client, demo, db):
    assert login(client, "secretariat").status_code == 302
    before = audit_count(db)
    response = client.post("/delegations/users/secretariat/disable", data={"reason": "leaving"}, follow_redirects=True)
    assert "You are the last active secretariat user: disabling this account would leave nobody to manage users." \
        in text(response)  # fmt: skip
    assert user(db, "secretariat").active and audit_count(db) == before
    api = client.post("/api/v1/users/secretariat/disable", headers=bearer(db, "secretariat"), json={})
    assert api.status_code == 409 and "last active secretariat user" in api.get_json()["message"]

    # With a second secretariat user, one of them may go; the one who remains may not.
    second_secretariat(db)
    assert client.post("/delegations/users/sec2/disable", data={}).status_code == 302
    assert not user(db, "sec2").active
    still = client.post("/api/v1/users/secretariat/disable", headers=bearer(db, "secretariat"), json={})
    assert still.status_code == 409
    client.post("/delegations/users/sec2/enable", data={})
    gone = client.post("/delegations/users/secretariat/disable", data={})
    assert gone.status_code == 302 and not user(db, "secretariat").active
    assert client.get("/delegations/users").status_code == 302  # its own session ended with it


def test_two_secretariat_users_disabling_each_other_at_once_leave_one_active(app, demo, db):
    """Each request locks the secretariat's accounts first: the second sees the first's change."""
    second_secretariat(db)
    headers = {"secretariat": bearer(db, "secretariat"), "sec2": bearer(db, "sec2")}

    def disable(barrier: threading.Barrier, statuses: dict, actor: str, target: str) -> None:
        client = thread_client(app)
        barrier.wait()
        statuses[actor] = client.post(f"/api/v1/users/{target}/disable", headers=headers[actor], json={})

    for attempt in range(3):
        barrier, statuses = threading.Barrier(2), {}
        pairs = (("secretariat", "sec2"), ("sec2", "secretariat"))
        threads = [threading.Thread(target=disable, args=(barrier, statuses, *pair)) for pair in pairs]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        codes = sorted(r.status_code for r in statuses.values())
        # The loser is refused with a reason: the last one standing, or its own token already disabled.
        assert codes in ([200, 401], [200, 409]), [r.get_json() for r in statuses.values()]
        active = [u for u in ("secretariat", "sec2") if user(db, u).active]
        assert len(active) == 1, attempt
        assert len(entries(db, "user_disabled")) == attempt + 1
        other = "sec2" if active == ["secretariat"] else "secretariat"
        enable = thread_client(app).post(f"/api/v1/users/{other}/enable", headers=headers[active[0]], json={})
        assert enable.status_code == 200


# --- one-time passwords ------------------------------------------------------------------------


def test_a_one_time_password_is_shown_once_and_must_be_replaced_first(app, client, demo, db):
    brazil_old_session = app.test_client()
    assert login(brazil_old_session, "brazil").status_code == 302
    brazil_token = bearer(db, "brazil")
    assert login(client, "secretariat").status_code == 302
    response = client.post("/delegations/users/brazil/one-time-password", data={})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    otp = text(response).split('<code id="otp">')[1].split("<")[0]
    assert len(otp) == 14 and otp.count("-") == 2
    assert otp not in text(client.get("/delegations/users/brazil"))  # shown once
    stored = user(db, "brazil")
    assert stored.must_change_password and otp not in stored.password_hash and stored.check_password(otp)
    (entry,) = entries(db, "one_time_password_set")
    assert entry.after == {"one_time_password": True} and otp not in json.dumps(entry.content(), default=str)
    assert "must choose a new password" in text(client.get("/delegations/users"))

    # The old password is gone; the one-time password logs in, straight to choosing a new one.
    fresh = app.test_client()
    assert login(fresh, "brazil").status_code == 401
    logged = login(fresh, "brazil", otp)
    assert logged.status_code == 302 and "/account/password" in logged.location
    page = text(fresh.get(logged.location))
    assert "You logged in with a one-time password" in page

    # Nothing else opens meanwhile: pages, actions, the open session of before, the API.
    for browser in (fresh, brazil_old_session):
        home = browser.get("/delegations/BRA")
        assert home.status_code == 302 and "/account/password" in home.location
        assert browser.post("/account/tokens", data={"label": "x"}).status_code == 302
    refused = client.get("/api/v1/delegations/BRA", headers=brazil_token)
    assert refused.status_code == 403 and "Choose your own password first" in refused.get_json()["message"]
    assert client.get("/api/v1/me", headers=brazil_token).get_json()["must_change_password"] is True
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(ApiToken).where(ApiToken.label == "x")) == 0

    done = fresh.post(logged.location, data={"current_password": otp, "new_password": NEW, "new_password_again": NEW})
    assert done.status_code == 302 and done.location.endswith("/home")
    assert fresh.get("/delegations/BRA").status_code == 200
    assert client.get("/api/v1/delegations/BRA", headers=brazil_token).status_code == 200
    assert not user(db, "brazil").must_change_password
    (changed,) = entries(db, "password_changed")
    assert changed.before == {"one_time_password": True} and changed.after == {"one_time_password": False}


def test_one_time_password_through_the_api_and_replaced_through_the_api(client, demo, db):
    sec = bearer(db, "secretariat")
    russia = bearer(db, "russia")
    made = client.post("/api/v1/users/russia/one-time-password", headers=sec, json={})
    assert made.status_code == 201 and made.headers["Cache-Control"] == "no-store"
    body = made.get_json()
    assert body["username"] == "russia" and body["must_change_password"] is True
    otp = body["one_time_password"]
    assert client.get("/api/v1/side-events", headers=russia).status_code == 403
    same = client.post("/api/v1/me/password", headers=russia,
                       json={"current_password": otp, "new_password": otp, "new_password_again": otp})  # fmt: skip
    assert same.status_code == 400 and "new_password" in same.get_json()["errors"]
    ok = client.post("/api/v1/me/password", headers=russia,
                     json={"current_password": otp, "new_password": NEW, "new_password_again": NEW})  # fmt: skip
    assert ok.status_code == 200
    assert client.get("/api/v1/delegations/RUS", headers=russia).status_code == 200
    missing = client.post("/api/v1/users/nobody/one-time-password", headers=sec, json={})
    assert missing.status_code == 404 and missing.get_json()["message"] == "There is no user named nobody."


# --- tokens ------------------------------------------------------------------------------------


def test_the_secretariat_lists_and_revokes_any_users_token(client, demo, db):
    kenya = bearer(db, "kenya")
    sec = bearer(db, "secretariat")
    listed = client.get("/api/v1/users/kenya/tokens", headers=sec).get_json()
    assert [(t["label"], t["user"], t["revoked_at"]) for t in listed] == [("script", "kenya", None)]
    token_id = listed[0]["id"]

    # Another delegation cannot revoke it, nor learn that it exists.
    other = client.post(f"/api/v1/tokens/{token_id}/revoke", headers=bearer(db, "austria"), json={})
    assert other.status_code == 404 and other.get_json()["message"] == "There is no such token of yours to revoke."
    assert client.get("/api/v1/me", headers=kenya).status_code == 200

    revoked = client.post(f"/api/v1/tokens/{token_id}/revoke", headers=sec, json={})
    assert revoked.status_code == 200 and revoked.get_json()["revoked_at"]
    assert client.get("/api/v1/me", headers=kenya).status_code == 401
    twice = client.post(f"/api/v1/tokens/{token_id}/revoke", headers=sec, json={})
    assert twice.status_code == 409 and twice.get_json()["message"] == "The token “script” of kenya is revoked already."
    (entry,) = entries(db, "token_revoked")
    assert entry.actor.username == "secretariat" and entry.delegation.code == "KEN"

    # In the browser: the user's page lists the tokens, with a revoke button for each active one.
    second = bearer(db, "kenya")
    assert login(client, "secretariat").status_code == 302
    page = text(client.get("/delegations/users/kenya"))
    assert page.count(">Revoke</button>") == 1 and "revoked " in page
    new_id = client.get("/api/v1/users/kenya/tokens", headers=sec).get_json()[0]["id"]
    done = client.post(f"/delegations/users/kenya/tokens/{new_id}/revoke", data={})
    assert done.status_code == 302
    assert "The token is revoked" in text(client.get(done.location))
    assert client.get("/api/v1/me", headers=second).status_code == 401
    assert len(entries(db, "token_revoked")) == 2


def test_a_user_lists_and_revokes_their_own_tokens_through_the_api(client, demo, db):
    mine = bearer(db, "austria")
    listed = client.get("/api/v1/me/tokens", headers=mine).get_json()
    assert [t["user"] for t in listed] == ["austria"]
    assert client.post(f"/api/v1/tokens/{listed[0]['id']}/revoke", headers=mine, json={}).status_code == 200
    assert client.get("/api/v1/me/tokens", headers=mine).status_code == 401  # revoked: stops at once
    unknown = client.post("/api/v1/tokens/99999/revoke", headers=bearer(db, "austria"), json={})
    assert unknown.status_code == 404


# --- the user list -----------------------------------------------------------------------------


def test_the_user_list_shows_each_state_and_the_secretariats_actions(client, demo, db):
    sec = bearer(db, "secretariat")
    bearer(db, "kenya")
    client.post("/api/v1/users/uae/disable", headers=sec, json={})
    assert login(client, "secretariat").status_code == 302
    page = text(client.get("/delegations/users"))
    uae = page.split('id="user-uae"')[1].split("</tr>")[0]
    assert 'data-state="disabled"' in uae and ">disabled<" in uae and ">Enable</button>" in uae
    kenya = page.split('id="user-kenya"')[1].split("</tr>")[0]
    assert 'data-state="active"' in kenya and ">Disable</button>" in kenya and "1 active" in kenya
    assert "One-time password, tokens" in kenya
    back = client.post("/delegations/users/uae/enable?back=list", data={})
    assert back.status_code == 302 and back.location.endswith("/delegations/users")
    assert user(db, "uae").active


@pytest.mark.parametrize("path", ["/account/password", "/delegations/users/kenya"])
def test_account_pages_need_a_login(client, demo, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login" in response.location
