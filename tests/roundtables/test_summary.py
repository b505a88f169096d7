"""The co-chairs' summary: who writes it, the record of each edit, final and reopened; bad input changes nothing."""

import pytest
from sqlalchemy.exc import IntegrityError

from meetings.roundtables.models import Roundtable
from meetings.timeutil import utcnow
from tests.roundtables.test_panel_fixtures import count, entries, roundtable, tables

__all__ = ["tables"]  # the fixture, for pytest

TEXT = "Participants took stock of the world drug situation.\n\nThey stressed prevention and treatment."
ARABIC = "أكد المشاركون على أهمية الوقاية والعلاج."


def put(client, headers, rt_id, body):
    return client.put(f"/api/v1/roundtables/{rt_id}/summary", json=body, headers=headers)


def final(client, headers, rt_id):
    return client.post(f"/api/v1/roundtables/{rt_id}/summary/final", headers=headers)


def reopen(client, headers, rt_id, reason):
    return client.post(f"/api/v1/roundtables/{rt_id}/summary/reopen", json={"reason": reason}, headers=headers)


def test_the_co_chairs_write_the_summary_and_each_edit_is_recorded(client, db, tables, token_for):
    r = put(client, token_for("austria"), tables.rt1, {"summary": TEXT})
    assert r.status_code == 200, r.json
    assert r.json["summary"] == TEXT and r.json["final"] is False
    r = put(client, token_for("kenya"), tables.rt1, {"summary": TEXT + "\n\n" + ARABIC + "   \r\n"})
    assert r.status_code == 200 and r.json["summary"] == TEXT + "\n\n" + ARABIC  # trailing blanks trimmed
    assert put(client, token_for("secretariat"), tables.rt1, {"summary": r.json["summary"]}).status_code == 200
    first, second = entries(db, "summary_edited")  # the same text again changed nothing, and is not recorded
    assert (first.before, first.after) == ({"summary": ""}, {"summary": TEXT})
    assert (second.before, second.after) == ({"summary": TEXT}, {"summary": TEXT + "\n\n" + ARABIC})
    assert first.actor_name == "Permanent Mission of Austria" and second.actor_name == "Permanent Mission of Kenya"
    assert roundtable(db, tables.rt1).summary_updated_at is not None


def test_a_draft_is_read_by_its_writers_only(client, db, tables, token_for):
    put(client, token_for("austria"), tables.rt1, {"summary": TEXT})
    public = client.get(f"/api/v1/roundtables/{tables.rt1}/summary").json
    assert public["summary"] is None and public["final"] is False
    assert client.get(f"/api/v1/roundtables/{tables.rt1}/summary", headers=token_for("brazil")).json["summary"] is None
    assert client.get(f"/api/v1/roundtables/{tables.rt1}/summary", headers=token_for("kenya")).json["summary"] == TEXT


def test_a_co_chair_of_another_roundtable_or_a_delegation_cannot_edit(client, db, tables, token_for):
    put(client, token_for("austria"), tables.rt1, {"summary": TEXT})
    for user in ("brazil", "russia", "chair"):
        r = put(client, token_for(user), tables.rt1, {"summary": "Overwritten."})
        assert r.status_code == 403, user
        assert (
            r.json["message"] == "Only the confirmed co-chairs of this roundtable and the secretariat edit its summary."
        )
    assert client.put(f"/api/v1/roundtables/{tables.rt1}/summary", json={"summary": "x"}).status_code == 401
    assert roundtable(db, tables.rt1).summary == TEXT and count(db, "summary_edited") == 1
    assert put(client, token_for("brazil"), tables.rt2, {"summary": "Roundtable 2's own."}).status_code == 200


def test_an_empty_summary_cannot_be_final(client, db, tables, token_for):
    heads = token_for("secretariat")
    r = final(client, heads, tables.rt1)
    assert r.status_code == 409
    assert r.json["message"] == "An empty summary cannot be final: the co-chairs write the summary of key points first."
    put(client, token_for("austria"), tables.rt1, {"summary": "   \n\n  "})
    assert final(client, heads, tables.rt1).status_code == 409
    assert roundtable(db, tables.rt1).summary_final_at is None and count(db, "summary_finalized") == 0


def test_the_schema_refuses_an_empty_final_summary_too(db, tables):
    rt = db.session.get(Roundtable, tables.rt1)
    rt.summary_final_at = utcnow()
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_only_the_secretariat_marks_final_and_a_final_summary_is_not_edited_until_reopened(client, db, tables,
                                                                                          token_for):  # fmt: skip
    put(client, token_for("austria"), tables.rt1, {"summary": TEXT})
    r = final(client, token_for("austria"), tables.rt1)
    assert r.status_code == 403 and r.json["message"] == "You are not allowed to do this: The secretariat."
    heads = token_for("secretariat")
    r = final(client, heads, tables.rt1)
    assert r.status_code == 200 and r.json["final"] is True and r.json["final_at"]
    assert client.get(f"/api/v1/roundtables/{tables.rt1}/summary").json["summary"] == TEXT  # public once final
    assert final(client, heads, tables.rt1).json["message"] == "The summary of Roundtable 1 is already final."

    for user in ("austria", "secretariat"):
        r = put(client, token_for(user), tables.rt1, {"summary": "Changed after the fact."})
        assert r.status_code == 409
        assert r.json["message"] == ("The summary of Roundtable 1 is final and can no longer be edited; the "
                                     "secretariat can reopen it.")  # fmt: skip
    assert reopen(client, token_for("kenya"), tables.rt1, "A correction").status_code == 403
    r = reopen(client, heads, tables.rt1, "  ")
    assert r.status_code == 422 and r.json["errors"]["reason"] == ["Say why the summary is reopened."]
    assert roundtable(db, tables.rt1).summary_final_at is not None

    r = reopen(client, heads, tables.rt1, "Kenya asked to add the point on alternative development.")
    assert r.status_code == 200 and r.json["final"] is False
    [entry] = entries(db, "summary_reopened")
    assert entry.reason == "Kenya asked to add the point on alternative development."
    assert (entry.before, entry.after) == ({"final": True}, {"final": False})
    assert reopen(client, heads, tables.rt1, "again").status_code == 409
    addition = {"summary": TEXT + "\n\nAlternative development."}
    assert put(client, token_for("kenya"), tables.rt1, addition).status_code == 200
    assert count(db, "summary_finalized") == 1 and count(db, "summary_edited") == 2


def test_huge_text_and_a_stale_version_change_nothing(client, db, tables, token_for):
    heads = token_for("austria")
    seen = client.get(f"/api/v1/roundtables/{tables.rt1}/summary", headers=heads).json["seen"]
    assert put(client, heads, tables.rt1, {"summary": TEXT, "seen": seen}).status_code == 200
    r = put(client, token_for("kenya"), tables.rt1, {"summary": "Kenya's version.", "seen": seen})
    assert r.status_code == 409 and r.json["message"].startswith("Someone changed the summary since you opened it")
    r = put(client, heads, tables.rt1, {"summary": "x" * 20_001})
    assert r.status_code == 422 and r.json["errors"]["summary"] == ["A summary has at most 20000 characters."]
    r = put(client, heads, tables.rt1, {"summary": {"nested": "object"}})
    assert r.status_code == 400 and r.json["message"] == "Field 'summary' has the wrong type."
    r = reopen(client, token_for("secretariat"), tables.rt1, "r" * 1001)
    assert r.status_code == 422
    r = client.put("/api/v1/roundtables/9999/summary", json={"summary": "x"}, headers=heads)
    assert r.status_code == 404
    assert roundtable(db, tables.rt1).summary == TEXT and count(db, "summary_edited") == 1


# --- the page ---------------------------------------------------------------------------------------


def test_the_pages_write_mark_final_and_reopen(client, db, tables, log_in):
    log_in("austria")
    page = client.get(f"/roundtables/{tables.rt1}/summary")
    assert page.status_code == 200 and 'id="summary-form"' in page.text and 'id="finalize-summary"' not in page.text
    r = client.post(f"/roundtables/{tables.rt1}/summary", data={"summary": TEXT}, follow_redirects=True)
    assert r.status_code == 200 and "The summary is saved." in r.text and "stressed prevention" in r.text
    r = client.post(f"/roundtables/{tables.rt1}/summary", data={"summary": "y" * 20_001})
    assert r.status_code == 400 and "A summary has at most 20000 characters." in r.text
    assert client.post(f"/roundtables/{tables.rt1}/summary/final", data={}).status_code == 403
    client.get("/logout")

    log_in("brazil")
    assert 'id="summary-form"' not in client.get(f"/roundtables/{tables.rt1}/summary").text
    assert client.post(f"/roundtables/{tables.rt1}/summary", data={"summary": "Brazil's"}).status_code == 403
    client.get("/logout")

    log_in("secretariat")
    r = client.post(f"/roundtables/{tables.rt1}/summary/final", data={}, follow_redirects=True)
    assert "The summary is final" in r.text and 'id="reopen-form"' in r.text and 'id="summary-form"' not in r.text
    r = client.post(f"/roundtables/{tables.rt1}/summary/reopen", data={"reason": ""})
    assert r.status_code == 400 and "Say why the summary is reopened." in r.text
    client.get("/logout")

    anonymous = client.get(f"/roundtables/{tables.rt1}/summary").text
    assert "stressed prevention" in anonymous and 'id="summary-form"' not in anonymous
    assert "stressed prevention" in client.get(f"/roundtables/{tables.rt1}").text  # on the roundtable's page too
    assert roundtable(db, tables.rt1).summary == TEXT and count(db, "summary_finalized") == 1


def test_a_draft_is_not_shown_to_the_public(client, db, tables, token_for):
    put(client, token_for("austria"), tables.rt1, {"summary": TEXT})
    assert "stressed prevention" not in client.get(f"/roundtables/{tables.rt1}/summary").text
    assert "stressed prevention" not in client.get(f"/roundtables/{tables.rt1}").text
