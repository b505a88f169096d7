"""WTForms' own messages (a field too long) speak each request's language, though their catalogues are
loaded once per process (meetings.webforms): one language never leaks into the next request."""

from meetings.side_events.models import SideEvent
from tests.side_events.conftest import complete

TOO_LONG = {
    "fr": "Le champ ne peut pas contenir plus de 200 caractères.",
    "ru": "Значение не должно содержать более 200 символов.",
    "en": "Field cannot be longer than 200 characters.",
}


def test_a_title_too_long_is_refused_in_the_language_of_each_request_and_nothing_is_stored(
    client, cs, window_open, token_for, db
):
    austria = token_for("austria")
    for language in ("fr", "ru", "fr", "en"):
        refused = client.post("/api/v1/side-events/submit", json=complete(title="T" * 201),
                              headers={**austria, "Accept-Language": language})  # fmt: skip
        assert refused.status_code == 422
        assert refused.json["errors"]["title"] == [TOO_LONG[language]]
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(SideEvent.id))) == 0
