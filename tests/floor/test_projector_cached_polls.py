"""A projector poll that the worker's fresh cache holds is answered before the app (screen.CachedPolls):
the app's own answer and headers, no database; everything else still reaches the app."""

import time

import pytest
from flask import request, request_started

from meetings.floor import screen
from tests.statements import statements_of


@pytest.fixture
def reached_app(app):
    """The requests the app itself handled (Flask's request_started signal)."""
    paths: list[str] = []

    def note(sender, **extra) -> None:
        paths.append(request.full_path)

    request_started.connect(note, app)
    yield paths
    request_started.disconnect(note, app)


@pytest.fixture
def long_cache(monkeypatch):
    """A worker cache that does not expire during the test, so that which path answers is certain."""
    monkeypatch.setattr(screen, "CACHE_S", 60.0)
    screen.forget()


def address(block) -> str:
    return f"/floor/rooms/{block.room_id}/state.json"


def without_clock(body: dict) -> dict:
    return {k: v for k, v in body.items() if k not in ("server_now_ms", "elapsed_ms", "remaining_ms")}


def test_a_poll_gets_the_apps_answer_from_the_cache_without_reaching_the_app(
    app, client, gd_block, monkeypatch, reached_app
):
    monkeypatch.setattr(screen, "CACHE_S", 0.0)  # every entry expired at once: the app answers everything
    from_app = client.get(address(gd_block))
    etag = from_app.headers["ETag"]
    unchanged_from_app = client.get(address(gd_block), headers={"If-None-Match": etag})
    assert unchanged_from_app.status_code == 304 and len(reached_app) == 2

    monkeypatch.setattr(screen, "CACHE_S", 60.0)
    assert client.get(address(gd_block), headers={"If-None-Match": etag}).status_code == 304  # fills the cache
    with statements_of(app) as statements:
        unchanged = client.get(address(gd_block), headers={"If-None-Match": etag})
        full = client.get(address(gd_block), headers={"If-None-Match": '"b1-v1-en"'})  # a state it no longer shows
    assert len(reached_app) == 3
    assert statements == []
    assert unchanged.status_code == 304 and dict(unchanged.headers) == dict(unchanged_from_app.headers)
    assert full.status_code == 200
    assert without_clock(full.get_json()) == without_clock(from_app.get_json())
    assert full.get_json()["server_now_ms"] >= from_app.get_json()["server_now_ms"]  # the time is the answer's own
    assert {k: v for k, v in full.headers if k != "Content-Length"} == {
        k: v for k, v in from_app.headers if k != "Content-Length"
    }
    assert full.headers["ETag"] == etag and full.headers["Cache-Control"] == "no-cache"
    assert "frame-ancestors 'none'" in full.headers["Content-Security-Policy"]


def test_over_https_the_answer_keeps_strict_transport_security(client, gd_block, long_cache, reached_app):
    https = "https://localhost"
    etag = client.get(address(gd_block), base_url=https).headers["ETag"]
    fast = client.get(address(gd_block), headers={"If-None-Match": etag}, base_url=https)
    assert fast.status_code == 304 and len(reached_app) == 1
    assert fast.headers["Strict-Transport-Security"].startswith("max-age=")


def test_the_chairs_action_reaches_the_screens_once_the_workers_entry_expires(client, gd_block, chair_api):
    screen.forget()
    before = client.get(address(gd_block))
    assert before.get_json()["current"] is None
    done = chair_api(
        f"/floor/blocks/{gd_block.id}/actions", {"action": "start", "version": before.get_json()["version"]}
    )
    assert done.status_code == 200
    time.sleep(screen.CACHE_S + 0.05)
    after = client.get(address(gd_block), headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert after.get_json()["current"]["delegation"] == "Kenya"
    assert after.headers["ETag"] != before.headers["ETag"]


def test_each_language_is_answered_in_its_own_etag(client, gd_block, long_cache, reached_app):
    arabic = client.get(address(gd_block) + "?lang=ar")
    assert arabic.get_json()["language"] == "ar" and arabic.headers["ETag"].endswith('-ar"')
    assert (
        client.get(address(gd_block) + "?lang=ar", headers={"If-None-Match": arabic.headers["ETag"]}).status_code == 304
    )
    french = client.get(address(gd_block), headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert french.get_json()["language"] == "fr"
    again = client.get(address(gd_block), headers={"Accept-Language": "fr", "If-None-Match": french.headers["ETag"]})
    assert again.status_code == 304
    assert len(reached_app) == 2  # the two 304s never reached the app
    # English is not built yet: the app builds it, then the cache answers it
    english = client.get(address(gd_block), headers={"If-None-Match": french.headers["ETag"]})
    assert english.status_code == 200 and english.get_json()["language"] == "en" and len(reached_app) == 3
    assert client.get(address(gd_block)).get_json()["language"] == "en" and len(reached_app) == 3


@pytest.mark.parametrize(
    "suffix, headers, method",
    [
        ("?lang=xx", {}, "GET"),  # not one of the six languages: the app decides
        ("?lang=ar&x=1", {}, "GET"),  # anything else on the address: the app checks it
        ("", {}, "HEAD"),
        ("", {"Authorization": "Bearer x"}, "GET"),  # the room sets no language: a signed-in reader's own choice counts
        ("", "cookie", "GET"),  # the same with a session cookie
    ],
)
def test_polls_it_cannot_answer_reach_the_app(client, gd_block, long_cache, reached_app, suffix, headers, method):
    etag = client.get(address(gd_block)).headers["ETag"]
    if headers == "cookie":
        client.set_cookie("session", "abc")
        headers = {}
    asked = {"If-None-Match": etag, **headers}
    response = client.open(address(gd_block) + suffix, method=method, headers=asked)
    assert len(reached_app) == 2, response.status
    assert response.status_code in (200, 304)


def test_a_room_speaking_its_own_language_answers_signed_in_polls_too(db, client, gd_block, long_cache, reached_app):
    gd_block.room.projector_language = "es"
    db.session.commit()
    client.set_cookie("session", "abc")
    spanish = client.get(address(gd_block))
    assert spanish.get_json()["language"] == "es"
    again = client.get(address(gd_block), headers={"If-None-Match": spanish.headers["ETag"]})
    assert again.status_code == 304 and len(reached_app) == 1


def test_a_poll_for_a_room_that_does_not_exist_is_the_apps_404(client, long_cache, reached_app):
    assert client.get("/floor/rooms/99999/state.json", headers={"If-None-Match": '"r1-idle-en"'}).status_code == 404
    assert len(reached_app) == 1


def test_while_one_poll_refreshes_an_expired_entry_the_others_keep_it_for_a_moment(
    client, gd_block, long_cache, reached_app
):
    etag = client.get(address(gd_block)).headers["ETag"]
    entry = next(iter(screen._cache.values()))
    now = time.monotonic()
    entry.expires, entry.refresh_asked = now - 0.001, now  # expired, and a poll has gone to refresh it
    assert client.get(address(gd_block), headers={"If-None-Match": etag}).status_code == 304
    assert len(reached_app) == 1
    entry.expires, entry.refresh_asked = now - screen.CACHE_S - 1, now  # too old even while being refreshed
    assert client.get(address(gd_block), headers={"If-None-Match": etag}).status_code == 304
    assert len(reached_app) == 2
    entry = next(iter(screen._cache.values()))
    entry.expires, entry.refresh_asked = time.monotonic() - 0.001, None  # expired, nobody refreshing: this poll does
    assert client.get(address(gd_block), headers={"If-None-Match": etag}).status_code == 304
    assert len(reached_app) == 3
