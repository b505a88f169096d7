"""Two people at once, with real threads against the serving app (SQLite and PostgreSQL): the panel and the
summary are decided under the session lock, so no change is lost unknowingly and none lands after a final."""

from collections import Counter

from meetings.roundtables.models import Roundtable
from tests.concurrency import at_once
from tests.roundtables.test_panel_fixtures import columns, count, entries, panel_of, roundtable, tables

__all__ = ["tables"]  # the fixture, for pytest


def lists(n: int) -> list[dict]:
    """n different lists of panelists, each valid alone (one NGO panelist each)."""
    return [columns((f"Panelist {i}-A", "", "AUT", False), (f"Panelist {i}-B", "", "KEN", True),
                    (f"Panelist {i}-C", "", "IDPC", False)) for i in range(n)]  # fmt: skip


def test_lists_replaced_at_once_leave_exactly_one_whole_list_and_one_entry_each(app, db, tables, token_for):
    heads = [token_for(u) for u in ("secretariat", "austria", "kenya")]
    bodies = lists(9)
    path = f"/api/v1/roundtables/{tables.rt1}/panelists"
    results = at_once(app, [("PUT", path, heads[i % 3], body) for i, body in enumerate(bodies)])
    assert [status for status, _ in results] == [200] * 9, results
    final = panel_of(db, tables.rt1)
    assert [p[0] for p in final] == [1, 2, 3]  # never a mix of two lists, never a gap
    names = [p[1] for p in final]
    assert names in [body["name"] for body in bodies]
    recorded = entries(db, "panelists_set")
    assert len(recorded) == 9  # each replacement is one change, recorded once, in the order of the commits
    assert [p["name"] for p in recorded[-1].after["panelists"]] == names
    for before, after in zip(recorded, recorded[1:], strict=False):
        assert after.before == before.after  # each saw the list the one before it left


def test_edits_of_the_same_version_at_once_one_wins_the_others_are_told(app, db, tables, token_for, client):
    seen = client.get(f"/api/v1/roundtables/{tables.rt1}/panelists").json["seen"]
    heads = [token_for(u) for u in ("secretariat", "austria", "kenya")]
    path = f"/api/v1/roundtables/{tables.rt1}/panelists"
    results = at_once(app, [("PUT", path, heads[i % 3], {**body, "seen": seen}) for i, body in enumerate(lists(6))])
    assert Counter(status for status, _ in results) == {200: 1, 409: 5}, results
    assert all(body["message"].startswith("Someone changed the panelists") for status, body in results if status == 409)
    assert count(db, "panelists_set") == 1 and len(panel_of(db, tables.rt1)) == 3


def test_an_edit_and_the_final_mark_at_once_never_leave_an_edit_after_the_final(app, db, tables, token_for, client):
    secretariat, kenya = token_for("secretariat"), token_for("kenya")
    base = f"/api/v1/roundtables/{tables.rt1}/summary"
    for round_ in range(4):
        client.put(base, json={"summary": f"Draft {round_}."}, headers=kenya)
        results = at_once(app, [("PUT", base, kenya, {"summary": f"Edited {round_}."}),
                                ("POST", f"{base}/final", secretariat, {})])  # fmt: skip
        (edit, edit_body), (mark, _) = results
        assert mark == 200, results
        rt = roundtable(db, tables.rt1)
        assert rt.summary_final_at is not None
        finalized = entries(db, "summary_finalized")[-1]
        if edit == 200:  # the edit came first: the final text is the edited one
            assert rt.summary == f"Edited {round_}." == finalized.after["summary"]
            assert entries(db, "summary_edited")[-1].seq < finalized.seq
        else:  # the final mark came first: the edit is refused and changed nothing
            assert edit == 409 and "is final and can no longer be edited" in edit_body["message"]
            assert rt.summary == f"Draft {round_}." == finalized.after["summary"]
        reopened = client.post(f"{base}/reopen", json={"reason": "next round"}, headers=secretariat)
        assert reopened.status_code == 200


def test_two_co_chairs_editing_the_same_version_at_once_one_wins(app, db, tables, token_for, client):
    heads = token_for("austria")
    seen = client.get(f"/api/v1/roundtables/{tables.rt1}/summary", headers=heads).json["seen"]
    base = f"/api/v1/roundtables/{tables.rt1}/summary"
    results = at_once(app, [("PUT", base, token_for(u), {"summary": f"{u}'s text", "seen": seen})
                            for u in ("austria", "kenya", "secretariat")])  # fmt: skip
    assert Counter(status for status, _ in results) == {200: 1, 409: 2}, results
    db.session.rollback()
    assert db.session.get(Roundtable, tables.rt1).summary.endswith("'s text") and count(db, "summary_edited") == 1
