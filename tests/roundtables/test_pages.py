"""The roundtables' pages: the public list, a roundtable with its nomination form, the secretariat's
decisions by status, a delegation's home page; refusals shown on the page. SQLite and PostgreSQL."""

import html
from datetime import timedelta

from sqlalchemy import select

from meetings.programme.models import BlockKind
from meetings.roundtables.models import Nomination, NominationStatus, Roundtable
from meetings.timeutil import utcnow
from tests import factories
from tests.roundtables import nominating
from tests.roundtables.nominating import confirmed, nominee, state, table

rt = nominating.rt  # the fixture: CND 67 with its two roundtables, nominations open


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_anyone_reads_the_roundtables_with_their_co_chairs_caps_and_limits(client, rt, db):
    confirmed(db, nominee(db, 1, "austria", "Ms. Anna Gruber"))
    page = text(client.get("/roundtables/"))
    row = page[page.index('id="roundtable-') : page.index("</tr>", page.index('id="roundtable-'))]
    for words in ("Taking stock", "Thu 14 Mar 2024", "15:00–18:00", "Boardroom D (C Building)", "Ms. Anna Gruber",
                  "Austria, Western European and other States", "1 of 2 co-chairs confirmed"):  # fmt: skip
        assert words in row, words
    assert "The way forward" in page and "none confirmed yet" in page
    assert "Panelists speak up to 5:00, speakers from the floor up to 3:00" in page
    assert "At most 4 NGO participants per roundtable: 1 as panelists and 3 from the floor." in page
    assert "Set up a roundtable" not in page and "Nominations of co-chairs" not in page
    assert "Nominate a co-chair" not in text(client.get(f"/roundtables/{table(db, 1).id}"))


def test_the_list_in_another_language(client, rt, db):
    confirmed(db, nominee(db, 1, "china", "王明先生"))
    page = text(client.get("/roundtables/?lang=zh"))
    assert "圆桌会议" in page and "中国" in page and "王明先生" in page


def test_the_secretariat_sets_up_a_roundtable_from_the_list(client, cs, db, log_in):
    first, second = factories.blocks_of(cs, BlockKind.roundtable)
    log_in("secretariat")
    page = text(client.get("/roundtables/"))
    assert "Set up a roundtable" in page and "Roundtable 1: Taking stock" in page
    made = client.post("/roundtables/", data={"block_id": first.id, "number": 1, "topic": "Taking stock"})
    assert made.status_code == 302
    assert "The roundtable is set up." in text(client.get(made.headers["Location"]))
    refused = client.post("/roundtables/", data={"block_id": first.id, "number": 2, "topic": "Again"})
    assert refused.status_code == 409
    assert "already holds Roundtable 1 (“Taking stock”)" in text(refused)
    db.session.rollback()
    assert db.session.scalars(select(Roundtable.topic)).all() == ["Taking stock"]


def test_a_delegation_nominates_from_the_roundtables_page(client, rt, db, log_in):
    log_in("austria")
    url = f"/roundtables/{table(db, 1).id}"
    page = text(client.get(url))
    assert "Nominate a co-chair" in page and 'name="delegation"' not in page  # its own delegation
    assert '<option value="austria">' in page
    done = client.post(f"{url}/nominations", data={"nominee_name": "Ms. Anna Gruber", "nominee_title": "Ambassador",
                                                   "account": "austria"})  # fmt: skip
    assert done.status_code == 302
    page = text(client.get(done.headers["Location"]))
    assert "The nomination is received; the secretariat will confirm or decline it." in page
    assert "Your nominations" in page and "Ms. Anna Gruber" in page and "Pending" in page
    assert state(db) == [(1, "AUT", "Ms. Anna Gruber", "pending", None)]


def test_a_refused_nomination_says_why_on_the_page_and_changes_nothing(client, rt, db, log_in):
    log_in("vngoc")
    assert "belongs to no regional group" in text(client.get(f"/roundtables/{table(db, 1).id}"))
    refused = client.post(f"/roundtables/{table(db, 1).id}/nominations", data={"nominee_name": "Ms. Eva Huber"})
    assert refused.status_code == 409
    assert "belongs to no regional group" in text(refused)
    log_in("austria")
    empty = client.post(f"/roundtables/{table(db, 1).id}/nominations", data={"nominee_name": ""})
    assert empty.status_code == 400 and "Give the nominee's name." in text(empty)
    assert state(db) == []


def test_after_the_deadline_the_page_says_when_nominations_closed(client, rt, db, log_in):
    rt.rules.nominations_close = utcnow() - timedelta(minutes=1)
    db.session.commit()
    log_in("austria")
    page = text(client.get(f"/roundtables/{table(db, 1).id}"))
    assert "Nominations closed on" in page and 'id="nomination-form"' in page and "nominee_name" not in page
    refused = client.post(f"/roundtables/{table(db, 1).id}/nominations", data={"nominee_name": "Ms. Anna Gruber"})
    assert refused.status_code == 409 and "Nominations of co-chairs closed on" in text(refused)


def test_the_secretariat_decides_from_the_list_of_nominations_by_status(client, rt, db, log_in):
    anna = nominee(db, 1, "austria", "Ms. Anna Gruber")
    hans = nominee(db, 1, "germany", "Mr. Hans Weber")
    nominee(db, 2, "kenya", "Mr. Peter Mwangi")
    log_in("secretariat")
    page = text(client.get("/roundtables/nominations"))
    assert "Pending (3)" in page and "Confirmed (0)" in page and "Declined (0)" in page
    done = client.post(f"/roundtables/nominations/{anna.id}/confirm", data={"next": "list"})
    assert done.status_code == 302
    page = text(client.get(done.headers["Location"]))
    assert "Ms. Anna Gruber (Austria, Western European and other States) is confirmed as co-chair." in page
    assert "Pending (2)" in page and "Confirmed (1)" in page
    client.post(f"/roundtables/nominations/{hans.id}/confirm", data={"next": "list"})
    page = text(client.get("/roundtables/nominations"))
    assert ("Ms. Anna Gruber (Austria, Western European and other States) is already a co-chair of Roundtable 1: two "
            "co-chairs of one roundtable cannot come from the same regional group.") in page  # fmt: skip
    no_reason = client.post(f"/roundtables/nominations/{hans.id}/decline", data={"reason": ""})
    assert "Give the reason for declining the nomination." in text(client.get(no_reason.headers["Location"]))
    client.post(f"/roundtables/nominations/{hans.id}/decline", data={"reason": "Same regional group as Austria."})
    assert [s[3] for s in state(db)] == ["confirmed", "declined", "pending"]


def test_the_delegation_reads_its_nominations_on_its_home_page(client, rt, db, log_in):
    n = nominee(db, 1, "germany", "Mr. Hans Weber")
    from meetings.roundtables import nominations

    nominations.decline(rt, factories.user("secretariat"), n, "The group asked for another nominee.")
    db.session.commit()
    log_in("germany")
    page = text(client.get("/delegations/DEU"))
    section = page[page.index('id="roundtable-nominations"') :]
    assert "Mr. Hans Weber" in section and "Declined" in section
    assert "Reason: The group asked for another nominee." in section


def test_a_delegation_cannot_open_the_secretariats_list_or_decide(client, rt, db, log_in):
    anna = nominee(db, 1, "austria", "Ms. Anna Gruber")
    log_in("austria")
    assert client.get("/roundtables/nominations").status_code == 403
    assert client.post(f"/roundtables/nominations/{anna.id}/confirm", data={}).status_code == 403
    assert client.post(f"/roundtables/nominations/{anna.id}/decline", data={"reason": "x"}).status_code == 403
    assert state(db)[0][3] == "pending"


def test_the_demo_holds_two_roundtables_and_nominations_in_several_states(demo, db):
    tables = db.session.scalars(select(Roundtable).order_by(Roundtable.number)).all()
    assert [(t.number, t.topic) for t in tables] == [(1, "Taking stock"), (2, "The way forward")]
    assert [t.block.title for t in tables] == ["Roundtable 1: Taking stock", "Roundtable 2: The way forward"]
    statuses = {n.status for n in db.session.scalars(select(Nomination))}
    assert {NominationStatus.confirmed, NominationStatus.pending, NominationStatus.declined} <= statuses
    groups = [n.delegation.regional_group.code for n in tables[0].nominations if n.status == NominationStatus.confirmed]
    assert len(groups) == len(set(groups)) == 2
