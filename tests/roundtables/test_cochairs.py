"""A confirmed co-chair runs the console of their own roundtable, and no other meeting: gives the floor
from the queue of raised nameplates and sees each speaker's limit by role. SQLite and PostgreSQL."""

import pytest
from sqlalchemy import select

from meetings.audit.models import AuditEntry
from meetings.floor import queue
from meetings.floor import services as floor
from meetings.floor.models import FloorRequest, TurnRole
from meetings.programme.models import BlockKind
from meetings.roundtables import nominations
from tests import factories
from tests.roundtables import nominating
from tests.roundtables.nominating import confirmed, nominee, table

rt = nominating.rt  # the fixture: CND 67 with its two roundtables, nominations open


@pytest.fixture
def cochaired(db, rt):
    """Roundtable 1 co-chaired by Ms. Anna Gruber (Austria), who logs in as "austria"; Brazil and China
    have raised their nameplates; Kenya's nominee for Roundtable 2 waits for the secretariat."""
    confirmed(db, nominee(db, 1, "austria", "Ms. Anna Gruber", account="austria"))
    nominee(db, 2, "kenya", "Mr. Peter Mwangi", account="kenya")
    block = table(db, 1).block
    factories.floor_request(block, "brazil")
    factories.floor_request(block, "china")
    db.session.commit()
    return rt


def blocks(db):
    return table(db, 1).block, table(db, 2).block, factories.blocks_of(table(db, 1).commission_session,
                                                                        BlockKind.general_debate)[0]  # fmt: skip


def test_the_co_chair_opens_the_console_of_their_roundtable_only(client, cochaired, db, log_in, token_for):
    own, other, debate = blocks(db)
    log_in("austria")
    assert client.get(f"/floor/blocks/{own.id}").status_code == 200
    assert client.get(f"/floor/blocks/{own.id}/state.json").status_code == 200
    assert client.get(f"/floor/blocks/{other.id}").status_code == 403
    assert client.get(f"/floor/blocks/{debate.id}").status_code == 403
    austria = token_for("austria")
    assert client.get(f"/api/v1/floor/blocks/{own.id}", headers=austria).status_code == 200
    refused = client.get(f"/api/v1/floor/blocks/{other.id}", headers=austria)
    assert refused.status_code == 403
    assert refused.get_json()["message"].startswith("You are not allowed to do this: The Chair and the secretariat")


def test_a_pending_nominee_and_another_delegation_run_nothing(client, cochaired, db, token_for):
    own, other, _ = blocks(db)
    for who, block in (("kenya", other), ("kenya", own), ("brazil", own), ("germany", own)):
        assert client.get(f"/api/v1/floor/blocks/{block.id}", headers=token_for(who)).status_code == 403, who


def test_a_withdrawn_co_chair_loses_the_console(client, cochaired, db, token_for):
    own = table(db, 1).block
    austria = token_for("austria")
    anna = table(db, 1).nominations[0]
    assert client.post(f"/api/v1/nominations/{anna.id}/withdraw", json={}, headers=austria).status_code == 200
    assert client.get(f"/api/v1/floor/blocks/{own.id}", headers=austria).status_code == 403


def test_the_co_chair_gives_the_floor_to_a_raised_nameplate_with_the_floor_limit(client, cochaired, db, token_for):
    own = table(db, 1).block
    austria = token_for("austria")
    first = queue.open_requests(own)[0]
    granted = client.post(f"/api/v1/floor/blocks/{own.id}/requests/{first.id}/grant", headers=austria)
    assert granted.status_code == 200, granted.get_json()
    assert (granted.get_json()["delegation_code"], granted.get_json()["role"], granted.get_json()["limit_s"]) == (
        "BRA",
        "rt_floor",
        180,
    )
    # A nameplate raised in the room, added by the co-chair.
    raised = client.post(f"/api/v1/floor/blocks/{own.id}/requests", json={"delegation": "RUS"}, headers=austria)
    assert raised.status_code == 201
    db.session.rollback()
    assert db.session.get(FloorRequest, raised.get_json()["id"]).raised_in_room
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "request_granted")).one()
    assert entry.actor.username == "austria"


def test_the_co_chair_of_one_roundtable_cannot_act_on_another(client, cochaired, db, token_for):
    other = table(db, 2).block
    factories.floor_request(other, "brazil")
    db.session.commit()
    request = queue.open_requests(other)[0]
    refused = client.post(f"/api/v1/floor/blocks/{other.id}/requests/{request.id}/grant", headers=token_for("austria"))
    assert refused.status_code == 403
    db.session.rollback()
    assert [r.status.value for r in queue.open_requests(other)] == ["open"]
    with pytest.raises(Exception, match="Only the Chair or the secretariat runs the floor"):
        queue.grant_request(other, factories.user("austria"), request.id)
    db.session.rollback()


def test_each_speakers_limit_follows_the_rules_by_role(client, cochaired, db, log_in):
    own = table(db, 1).block
    cochaired.rules.rt_limit_floor_s, cochaired.rules.rt_limit_panelist_s = 240, 360
    anna = factories.user("austria")
    floor.add_turn(own, anna, factories.delegations("KEN")["KEN"], "Dr. Peter Mwangi", TurnRole.rt_panelist)
    queue.grant_request(own, anna, queue.open_requests(own)[0].id)
    db.session.commit()
    log_in("austria")
    page = client.get(f"/floor/blocks/{own.id}").get_data(as_text=True)
    waiting = page[page.index('id="waiting"') : page.index("</table>", page.index('id="waiting"'))]
    assert "Panelist" in waiting and 'value="6:00"' in waiting
    assert "From the floor" in waiting and 'value="4:00"' in waiting


def test_the_co_chair_gives_the_floor_from_the_console_page(client, cochaired, db, log_in):
    own = table(db, 1).block
    first = queue.open_requests(own)[0]
    log_in("austria")
    done = client.post(f"/floor/blocks/{own.id}/requests/{first.id}/grant", data={})
    assert done.status_code == 302
    page = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "The delegation is on the list." in page
    assert "Brazil" in page[page.index('id="waiting"') :]


def test_the_co_chair_finds_the_console_from_the_pages(client, cochaired, db, log_in):
    own, other, _ = blocks(db)
    log_in("austria")
    listed = client.get("/floor/").get_data(as_text=True)
    assert f'href="/floor/blocks/{own.id}"' in listed and f'href="/floor/blocks/{other.id}"' not in listed
    assert f'href="/floor/blocks/{own.id}"' in client.get(f"/roundtables/{table(db, 1).id}").get_data(as_text=True)
    assert f'href="/floor/blocks/{other.id}"' not in client.get(f"/roundtables/{table(db, 2).id}").get_data(
        as_text=True
    )
    home = client.get("/delegations/AUT").get_data(as_text=True)
    assert "Console of Roundtable 1: Taking stock" in home
    assert [t.number for t in nominations.cochair_of(cochaired, factories.user("austria"))] == [1]


def test_the_co_chair_reads_the_speaking_time_record_of_their_roundtable_only(client, cochaired, db, log_in):
    own, other, debate = blocks(db)
    log_in("austria")
    assert client.get(f"/floor/blocks/{own.id}/report.csv").status_code == 200
    assert client.get(f"/floor/blocks/{other.id}/report.csv").status_code == 403
    assert client.get(f"/floor/blocks/{debate.id}/report.csv").status_code == 403


def test_the_floor_knows_no_roundtable():
    """The floor asks its hook; it never imports roundtables (the roundtables register their co-chairs)."""
    from pathlib import Path

    import meetings.floor

    for path in Path(meetings.floor.__file__).parent.glob("*.py"):
        assert "meetings.roundtables" not in path.read_text(encoding="utf-8"), path.name
