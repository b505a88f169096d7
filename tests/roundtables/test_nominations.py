"""Roundtables as data and co-chair nominations: each rule, its refusal (with its sentence, nothing
changed) and its record, through the JSON API and the services. Runs on SQLite and PostgreSQL."""

from datetime import date, time, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from meetings.programme.models import BlockKind, CommissionSession, SessionRules
from meetings.refusal import Refusal
from meetings.roundtables import nominations
from meetings.roundtables import rules as rt_rules
from meetings.roundtables.models import Nomination, NominationStatus, Roundtable
from meetings.timeutil import local_instant, utcnow
from tests import factories
from tests.roundtables import nominating
from tests.roundtables.nominating import confirmed, entries, nominee, state, table

rt = nominating.rt  # the fixture: CND 67 with its two roundtables, nominations open

ANNA = "Ms. Anna Gruber (Austria, Western European and other States)"
PETER = "Mr. Peter Mwangi (Kenya, African States)"


def post(client, url: str, headers: dict, **body):
    return client.post(url, json=body, headers=headers)


# --- roundtables -----------------------------------------------------------------------------


def test_the_secretariat_sets_up_a_roundtable_on_a_roundtable_meeting(client, cs, db, token_for):
    sec = token_for("secretariat")
    first, second = factories.blocks_of(cs, BlockKind.roundtable)
    made = post(client, "/api/v1/roundtables", sec, block_id=first.id, number=1, topic="Taking stock")
    assert made.status_code == 201, made.get_json()
    body = made.get_json()
    assert (body["number"], body["topic"], body["day"], body["room"]) == (1, "Taking stock", "2024-03-14",
                                                                          "Boardroom D (C Building)")  # fmt: skip
    assert body["starts_at"].startswith("2024-03-14T15:00") and body["ends_at"].startswith("2024-03-14T18:00")
    assert body["limits"] == {"panelist_s": 300, "floor_s": 180}
    assert body["ngo_caps"] == {"panelists": 1, "floor": 3, "total": 4}
    assert body["cochairs_per_roundtable"] == 2 and body["cochairs"] == []
    assert entries(db, "roundtable_created") == 1
    assert client.get(f"/api/v1/roundtables/{body['id']}").get_json()["topic"] == "Taking stock"  # public


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (
            {"number": 2, "topic": "Again"},
            409,
            "The meeting “Roundtable 1: Taking stock” already holds Roundtable 1 (“Taking stock”).",
        ),  # fmt: skip
        (
            {"which": "second", "number": 1, "topic": "The way forward"},
            409,
            "Roundtable 1 already exists (“Taking stock”).",
        ),  # fmt: skip
        (
            {"which": "debate", "number": 2, "topic": "The way forward"},
            422,
            "Choose one of the session's roundtable meetings.",
        ),
        ({"which": "second", "number": 2, "topic": "   "}, 422, "Give the roundtable's topic."),
        ({"which": "second", "number": 0, "topic": "The way forward"}, 422, "Some fields are not valid."),
    ],
)
def test_a_roundtable_that_cannot_be_set_up_is_refused(client, cs, db, token_for, body, status, message):
    sec = token_for("secretariat")
    first, second = factories.blocks_of(cs, BlockKind.roundtable)
    debate = factories.blocks_of(cs, BlockKind.general_debate)[0]
    assert (
        post(client, "/api/v1/roundtables", sec, block_id=first.id, number=1, topic="Taking stock").status_code == 201
    )
    block = {"second": second, "debate": debate}.get(body.pop("which", None), first)
    refused = post(client, "/api/v1/roundtables", sec, block_id=block.id, **body)
    assert (refused.status_code, refused.get_json()["message"]) == (status, message)
    db.session.rollback()
    assert [t.topic for t in db.session.scalars(select(Roundtable))] == ["Taking stock"]
    assert entries(db, "roundtable_created") == 1


def test_only_the_secretariat_sets_up_roundtables(client, cs, token_for):
    block = factories.blocks_of(cs, BlockKind.roundtable)[0]
    refused = post(client, "/api/v1/roundtables", token_for("austria"), block_id=block.id, number=1, topic="Mine")
    assert refused.status_code == 403
    assert refused.get_json()["message"] == "You are not allowed to do this: The secretariat."


def test_the_list_shows_co_chairs_with_their_groups(client, rt, db):
    confirmed(db, nominee(db, 1, "austria", "Ms. Anna Gruber"))
    confirmed(db, nominee(db, 1, "kenya", "Mr. Peter Mwangi"))
    listed = client.get("/api/v1/roundtables").get_json()
    assert [(t["number"], t["topic"]) for t in listed] == [(1, "Taking stock"), (2, "The way forward")]
    assert [(c["seat"], c["name"], c["delegation"]["code"], c["regional_group"]["name"]) for c in listed[0]["cochairs"]] == [
        (1, "Ms. Anna Gruber", "AUT", "Western European and other States"),
        (2, "Mr. Peter Mwangi", "KEN", "African States"),
    ]  # fmt: skip
    assert listed[1]["cochairs"] == [] and listed[1]["day"] == "2024-03-15"


# --- nominating ------------------------------------------------------------------------------


def test_a_delegation_nominates_one_of_its_people(client, rt, db, token_for):
    made = post(client, f"/api/v1/roundtables/{table(db, 1).id}/nominations", token_for("austria"),
                nominee_name="Ms. Anna Gruber", nominee_title="Ambassador", account="austria")  # fmt: skip
    assert made.status_code == 201, made.get_json()
    body = made.get_json()
    assert (body["status"], body["delegation"]["code"], body["account"], body["seat"]) == ("pending", "AUT", "austria",
                                                                                           None)  # fmt: skip
    entry = _last_entry(db)
    assert (entry.action, entry.actor.username, entry.delegation.code) == ("nominated", "austria", "AUT")
    assert entry.record_label == "Ms. Anna Gruber (Austria) for co-chair of Roundtable 1"


def test_a_regional_group_nominates_through_its_chairs_delegation(client, rt, db, token_for):
    made = post(client, f"/api/v1/roundtables/{table(db, 2).id}/nominations", token_for("kenya"),
                nominee_name="Mr. Peter Mwangi", on_behalf_of_group=True)  # fmt: skip
    assert made.status_code == 201
    assert made.get_json()["on_behalf_of_group"] == "African States"


def test_the_secretariat_nominates_for_a_delegation_it_names(client, rt, db, token_for):
    made = post(client, f"/api/v1/roundtables/{table(db, 1).id}/nominations", token_for("secretariat"),
                delegation="bra", nominee_name="Sra. Beatriz Almeida", account="brazil")  # fmt: skip
    assert made.status_code == 201 and made.get_json()["delegation"]["code"] == "BRA"


BAD_NOMINATIONS = [
    ("austria", {"nominee_name": ""}, 422, "Some fields are not valid."),
    ("austria", {"nominee_name": "   "}, 422, "Give the nominee's name."),
    (
        "austria",
        {"nominee_name": "Ms. X", "delegation": "BRA"},
        403,
        "You can nominate a co-chair for your own delegation only.",
    ),  # fmt: skip
    ("secretariat", {"nominee_name": "Ms. X"}, 422, "Name the nominee's delegation (its code, e.g. AUT)."),
    ("secretariat", {"nominee_name": "Ms. X", "delegation": "XYZ"}, 422, "There is no delegation with the code 'XYZ'."),
    (
        "vngoc",
        {"nominee_name": "Ms. X"},
        409,
        "Vienna NGO Committee on Drugs belongs to no regional group: the "
        "co-chairs of a roundtable represent the regional groups of Member States, so observers, intergovernmental and "
        "non-governmental organizations cannot nominate one.",
    ),
    (
        "secretariat",
        {"nominee_name": "Mgr X", "delegation": "VAT"},
        409,
        "Holy See belongs to no regional group: the "
        "co-chairs of a roundtable represent the regional groups of Member States, so observers, intergovernmental and "
        "non-governmental organizations cannot nominate one.",
    ),
    (
        "austria",
        {"nominee_name": "Ms. X", "account": "brazil"},
        422,
        "The account “brazil” is not an active account of Austria.",
    ),  # fmt: skip
    (
        "chair",
        {"nominee_name": "Ms. X"},
        403,
        "You are not allowed to do this: A delegation's users, for their own delegation, and the secretariat.",
    ),  # fmt: skip
    ("austria", {"nominee_name": "x" * 201}, 422, "Some fields are not valid."),
]


@pytest.mark.parametrize(("who", "body", "status", "message"), BAD_NOMINATIONS)
def test_a_bad_nomination_is_refused_and_changes_nothing(client, rt, db, token_for, who, body, status, message):
    before, logged = state(db), entries(db)
    refused = post(client, f"/api/v1/roundtables/{table(db, 1).id}/nominations", token_for(who), **body)
    assert (refused.status_code, refused.get_json()["message"]) == (status, message)
    assert state(db) == before and entries(db) == logged


def test_the_same_nominee_twice_is_refused(client, rt, db, token_for):
    url = f"/api/v1/roundtables/{table(db, 1).id}/nominations"
    assert post(client, url, token_for("austria"), nominee_name="Ms. Anna Gruber").status_code == 201
    again = post(client, url, token_for("austria"), nominee_name="ms. anna  gruber")
    assert (again.status_code, again.get_json()["message"]) == (
        409,
        "ms. anna gruber is already nominated for Roundtable 1 (Pending).",
    )
    assert len(state(db)) == 1


def test_after_the_deadline_a_nomination_is_refused_with_the_date_in_the_readers_language(client, rt, db, token_for):
    rt.rules.nominations_close = local_instant(date(2024, 3, 16), time(0, 0), "Europe/Vienna")  # the end of 15 March
    db.session.commit()
    url = f"/api/v1/roundtables/{table(db, 1).id}/nominations"
    refused = post(client, url, token_for("austria"), nominee_name="Ms. Anna Gruber")
    assert refused.status_code == 409
    assert refused.get_json()["message"] == ("Nominations of co-chairs closed at the end of Friday 15 March 2024 "
                                             "(Europe/Vienna time).")  # fmt: skip
    french = post(client, url + "?lang=fr", token_for("austria"), nominee_name="Ms. Anna Gruber").get_json()["message"]
    assert "15 mars 2024" in french and "Europe/Vienna" in french
    assert state(db) == []

    rt.rules.nominations_close = local_instant(date(2024, 3, 15), time(18, 0), "Europe/Vienna")
    db.session.commit()
    refused = post(client, url, token_for("austria"), nominee_name="Ms. Anna Gruber")
    assert refused.get_json()["message"] == ("Nominations of co-chairs closed on Friday 15 March 2024 at 18:00 "
                                             "(Europe/Vienna time).")  # fmt: skip


def test_a_nomination_just_before_the_deadline_is_received(rt, db):
    closes = rt.rules.nominations_close
    n = nominations.nominate(rt, factories.user("austria"), table(db, 1), delegation=factories.delegations("AUT")["AUT"],
                             nominee_name="Ms. Anna Gruber", now=closes - timedelta(microseconds=1))  # fmt: skip
    assert n.status == NominationStatus.pending
    with pytest.raises(Refusal, match="closed"):
        nominations.nominate(rt, factories.user("kenya"), table(db, 1), delegation=factories.delegations("KEN")["KEN"],
                             nominee_name="Mr. Peter Mwangi", now=closes)  # fmt: skip


def test_a_nomination_for_another_sessions_roundtable_is_refused(client, rt, db, token_for):
    old = table(db, 1)
    newer = CommissionSession(code="CND68", name="68th session", venue="Vienna", timezone="Europe/Vienna")
    newer.rules = SessionRules(hl_window_opens=utcnow(), hl_window_closes=utcnow() + timedelta(days=1),
                               nominations_close=utcnow() + timedelta(days=1))  # fmt: skip
    db.session.add(newer)
    db.session.commit()
    refused = post(client, f"/api/v1/roundtables/{old.id}/nominations", token_for("austria"), nominee_name="Ms. X")
    assert (refused.status_code, refused.get_json()["message"]) == (404, "There is no such roundtable in this session.")
    with pytest.raises(Refusal, match="no such roundtable"):
        nominations.nominate(newer, factories.user("austria"), old, delegation=factories.delegations("AUT")["AUT"],
                             nominee_name="Ms. X")  # fmt: skip
    assert state(db) == []


def test_a_nomination_without_a_delegation_is_refused(rt, db):
    with pytest.raises(Refusal) as refused:
        nominations.nominate(rt, factories.user("secretariat"), table(db, 1), delegation=None, nominee_name="Ms. X")
    assert refused.value.message == "Name the nominee's delegation." and refused.value.errors == {
        "delegation": ["Name the nominee's delegation."]}  # fmt: skip


# --- confirming ------------------------------------------------------------------------------


def test_the_secretariat_confirms_and_a_second_co_chair_of_the_same_group_is_refused_naming_the_first(client, rt, db,
                                                                                                      token_for):  # fmt: skip
    anna = nominee(db, 1, "austria", "Ms. Anna Gruber", account="austria")
    hans = nominee(db, 1, "germany", "Mr. Hans Weber")
    sec = token_for("secretariat")
    done = post(client, f"/api/v1/nominations/{anna.id}/confirm", sec)
    assert done.status_code == 200
    assert (done.get_json()["status"], done.get_json()["seat"], done.get_json()["regional_group"]) == (
        "confirmed",
        1,
        "Western European and other States",
    )
    before, logged = state(db), entries(db)
    refused = post(client, f"/api/v1/nominations/{hans.id}/confirm", sec)
    assert refused.status_code == 409
    assert refused.get_json()["message"] == (
        f"{ANNA} is already a co-chair of Roundtable 1: two co-chairs of one roundtable cannot come from the same "
        "regional group."
    )
    assert state(db) == before and entries(db) == logged
    # A nomination from the same group made now could never be confirmed: refused at once, for the same reason.
    late = post(client, f"/api/v1/roundtables/{table(db, 1).id}/nominations", token_for("france"), nominee_name="M. X")
    assert late.status_code == 409 and late.get_json()["message"].startswith(f"{ANNA} is already a co-chair")


def test_one_more_co_chair_than_the_rules_allow_is_refused_naming_them(client, rt, db, token_for):
    confirmed(db, nominee(db, 1, "austria", "Ms. Anna Gruber"))
    bea = nominee(db, 1, "brazil", "Sra. Beatriz Almeida")
    confirmed(db, nominee(db, 1, "kenya", "Mr. Peter Mwangi"))
    refused = post(client, f"/api/v1/nominations/{bea.id}/confirm", token_for("secretariat"))
    assert (refused.status_code, refused.get_json()["message"]) == (
        409,
        f"Roundtable 1 already has its 2 co-chairs: {ANNA}, {PETER}.",
    )
    assert [s[3:] for s in state(db)] == [("confirmed", 1), ("pending", None), ("confirmed", 2)]


def test_groups_distinct_across_roundtables_when_the_session_says_so(client, rt, db, token_for):
    confirmed(db, nominee(db, 1, "austria", "Ms. Anna Gruber"))
    hans = nominee(db, 2, "germany", "Mr. Hans Weber")
    rt.rules.rt_groups_distinct_across = True
    db.session.commit()
    refused = post(client, f"/api/v1/nominations/{hans.id}/confirm", token_for("secretariat"))
    assert (refused.status_code, refused.get_json()["message"]) == (409, (
        f"{ANNA} is already a co-chair of Roundtable 1: the session's rules keep the regional groups of co-chairs "
        "distinct across roundtables."))  # fmt: skip
    rt.rules.rt_groups_distinct_across = False
    db.session.commit()
    assert post(client, f"/api/v1/nominations/{hans.id}/confirm", token_for("secretariat")).status_code == 200
    assert [s[3:] for s in state(db)] == [("confirmed", 1), ("confirmed", 1)]


def test_with_the_option_on_the_group_is_held_for_the_session_in_the_schema(rt, db):
    hans = nominee(db, 2, "germany", "Mr. Hans Weber")
    rt.rules.rt_groups_distinct_across = True
    db.session.commit()
    anna = confirmed(db, nominee(db, 1, "austria", "Ms. Anna Gruber"))
    assert anna.exclusive_group_id == anna.confirmed_group_id is not None
    hans.status, hans.seat = NominationStatus.confirmed, 1
    hans.confirmed_group_id = hans.exclusive_group_id = anna.confirmed_group_id
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_two_confirmed_co_chairs_of_one_group_cannot_be_stored(rt, db):
    hans = nominee(db, 1, "germany", "Mr. Hans Weber")
    anna = confirmed(db, nominee(db, 1, "austria", "Ms. Anna Gruber"))
    hans.status, hans.seat, hans.confirmed_group_id = NominationStatus.confirmed, 2, anna.confirmed_group_id
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_a_confirmation_that_loses_to_the_constraint_gets_the_same_sentence(rt, db, monkeypatch):
    """The check under the lock is the rule; the constraint is the backstop: a confirmation that slips
    past the check (here the check is made to see nothing) is refused with the sentence naming the co-chair."""
    hans = nominee(db, 1, "germany", "Mr. Hans Weber")
    confirmed(db, nominee(db, 1, "austria", "Ms. Anna Gruber"))
    real, calls = rt_rules.confirmation_clash, []

    def blind_once(*args, **kw):
        calls.append(1)
        return None if len(calls) == 1 else real(*args, **kw)

    monkeypatch.setattr(nominations.rules, "confirmation_clash", blind_once)
    with pytest.raises(Refusal) as refused:
        nominations.confirm(rt, factories.user("secretariat"), hans)
    assert refused.value.message.startswith(f"{ANNA} is already a co-chair of Roundtable 1")
    db.session.rollback()
    assert [s[3] for s in state(db)] == ["pending", "confirmed"]


def test_a_single_co_chair_per_roundtable(client, rt, db, token_for):
    rt.rules.cochairs_per_roundtable = 1
    db.session.commit()
    confirmed(db, nominee(db, 1, "austria", "Ms. Anna Gruber"))
    peter = nominee(db, 1, "kenya", "Mr. Peter Mwangi")
    refused = post(client, f"/api/v1/nominations/{peter.id}/confirm", token_for("secretariat"))
    assert refused.get_json()["message"] == f"Roundtable 1 already has its 1 co-chair: {ANNA}."


@pytest.mark.parametrize("who", ["austria", "germany", "chair"])
def test_a_delegation_or_the_chair_cannot_decide(client, rt, db, token_for, who):
    anna = nominee(db, 1, "austria", "Ms. Anna Gruber")
    before = state(db)
    for action, body in (("confirm", {}), ("decline", {"reason": "no"})):
        refused = post(client, f"/api/v1/nominations/{anna.id}/{action}", token_for(who), **body)
        assert refused.status_code == 403
        assert refused.get_json()["message"] == "You are not allowed to do this: The secretariat."
    assert state(db) == before


def test_the_secretariat_declines_with_a_reason_the_delegation_reads(client, rt, db, token_for):
    anna = nominee(db, 1, "austria", "Ms. Anna Gruber")
    sec = token_for("secretariat")
    refused = post(client, f"/api/v1/nominations/{anna.id}/decline", sec, reason="  ")
    assert (refused.status_code, refused.get_json()["message"]) == (
        422,
        "Give the reason for declining the nomination.",
    )
    assert state(db)[0][3] == "pending"
    done = post(client, f"/api/v1/nominations/{anna.id}/decline", sec, reason="The group asked for another nominee.")
    assert done.status_code == 200 and done.get_json()["status"] == "declined"
    mine = client.get("/api/v1/nominations", headers=token_for("austria")).get_json()
    assert [(n["status"], n["reason"]) for n in mine] == [("declined", "The group asked for another nominee.")]
    again = post(client, f"/api/v1/nominations/{anna.id}/confirm", sec)
    assert (again.status_code, again.get_json()["message"]) == (409, "This nomination was declined.")
    entry = _last_entry(db)
    assert (entry.action, entry.reason, entry.before["status"], entry.after["status"]) == (
        "declined",
        "The group asked for another nominee.",
        "pending",
        "declined",
    )


def test_a_withdrawal_frees_the_seat_for_another_of_the_group(client, rt, db, token_for):
    hans = nominee(db, 1, "germany", "Mr. Hans Weber")
    anna = confirmed(db, nominee(db, 1, "austria", "Ms. Anna Gruber"))
    other = post(client, f"/api/v1/nominations/{anna.id}/withdraw", token_for("germany"))
    assert (other.status_code, other.get_json()["message"]) == (403, "This nomination belongs to another delegation.")
    done = post(client, f"/api/v1/nominations/{anna.id}/withdraw", token_for("austria"), reason="Reassigned.")
    assert done.status_code == 200 and done.get_json()["seat"] is None
    assert post(client, f"/api/v1/nominations/{hans.id}/confirm", token_for("secretariat")).get_json()["seat"] == 1
    assert [s[2:] for s in state(db)] == [("Mr. Hans Weber", "confirmed", 1), ("Ms. Anna Gruber", "withdrawn", None)]


def test_a_delegation_lists_only_its_own_nominations(client, rt, db, token_for):
    nominee(db, 1, "austria", "Ms. Anna Gruber")
    peter = nominee(db, 2, "kenya", "Mr. Peter Mwangi")
    assert [n["nominee_name"] for n in client.get("/api/v1/nominations", headers=token_for("austria")).get_json()] == [
        "Ms. Anna Gruber"]  # fmt: skip
    sec = token_for("secretariat")
    assert len(client.get("/api/v1/nominations", headers=sec).get_json()) == 2
    confirmed(db, peter)
    assert [n["nominee_name"] for n in client.get("/api/v1/nominations?status=confirmed", headers=sec).get_json()] == [
        "Mr. Peter Mwangi"]  # fmt: skip
    assert client.get("/api/v1/nominations?status=maybe", headers=sec).status_code == 422
    assert client.get(f"/api/v1/nominations/{peter.id}", headers=token_for("austria")).status_code == 403
    assert client.get("/api/v1/nominations").status_code == 401


def test_every_change_writes_one_entry_and_a_refusal_none(client, rt, db, token_for):
    sec = token_for("secretariat")
    counts = {a: entries(db, a) for a in ("nominated", "confirmed", "declined", "withdrawn")}
    anna = nominee(db, 1, "austria", "Ms. Anna Gruber")
    hans = nominee(db, 1, "germany", "Mr. Hans Weber")
    fr = nominee(db, 2, "france", "M. Jean Martin")
    post(client, f"/api/v1/nominations/{anna.id}/confirm", sec)
    post(client, f"/api/v1/nominations/{hans.id}/confirm", sec)  # refused
    post(client, f"/api/v1/nominations/{hans.id}/decline", sec, reason="Same group as Austria.")
    post(client, f"/api/v1/nominations/{fr.id}/withdraw", token_for("france"))
    assert {a: entries(db, a) - counts[a] for a in counts} == {"nominated": 3, "confirmed": 1, "declined": 1,
                                                               "withdrawn": 1}  # fmt: skip
    entry = _last_entry(db, "confirmed")
    assert (entry.actor.username, entry.delegation.code, entry.before, entry.after) == (
        "secretariat",
        "AUT",
        {"status": "pending", "seat": None, "group": None},
        {"status": "confirmed", "seat": 1, "group": "Western European and other States"},
    )


def _last_entry(db, action: str | None = None):
    from meetings.audit.models import AuditEntry

    db.session.rollback()
    stmt = select(AuditEntry).where(AuditEntry.feature == "roundtables")
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    return db.session.scalars(stmt.order_by(AuditEntry.seq.desc()).limit(1)).first()


def test_confirmed_co_chairs_by_seat(rt, db):
    peter = confirmed(db, nominee(db, 1, "kenya", "Mr. Peter Mwangi"))
    anna = confirmed(db, nominee(db, 1, "austria", "Ms. Anna Gruber"))
    assert [n.id for n in nominations.confirmed_cochairs(table(db, 1))] == [peter.id, anna.id]
    nominations.withdraw(rt, factories.user("kenya"), peter)
    db.session.commit()
    assert [n.id for n in nominations.confirmed_cochairs(table(db, 1))] == [anna.id]
    assert db.session.scalars(select(Nomination.seat).where(Nomination.id == anna.id)).one() == 2


def _rules_with(cs, **changes) -> dict:
    from meetings.programme.services import rules_as_form_data

    return {**rules_as_form_data(cs), **changes}


def test_rules_that_the_confirmed_co_chairs_would_break_are_not_saved(rt, db):
    from meetings.programme.services import update_rules

    confirmed(db, nominee(db, 1, "austria", "Ms. Anna Gruber"))
    confirmed(db, nominee(db, 1, "kenya", "Mr. Peter Mwangi"))
    confirmed(db, nominee(db, 2, "germany", "Mr. Hans Weber"))
    secretariat = factories.user("secretariat")
    with pytest.raises(Refusal) as fewer:
        update_rules(rt, secretariat, _rules_with(rt, cochairs_per_roundtable=1))
    assert fewer.value.message == (f"The rules were not saved: Roundtable 1 has 2 confirmed co-chairs ({ANNA}, {PETER}); "
                                   "withdraw one before lowering the number of co-chairs to 1.")  # fmt: skip
    db.session.rollback()
    with pytest.raises(Refusal) as distinct:
        update_rules(rt, secretariat, _rules_with(rt, rt_groups_distinct_across=True))
    assert distinct.value.message == (
        f"The rules were not saved: {ANNA} co-chairs Roundtable 1 and Mr. Hans Weber (Germany, Western European and "
        "other States) Roundtable 2, of the same regional group; withdraw one of them before keeping the groups "
        "distinct across roundtables.")  # fmt: skip
    db.session.rollback()
    assert (rt.rules.cochairs_per_roundtable, rt.rules.rt_groups_distinct_across) == (2, False)


def test_keeping_groups_distinct_fixes_each_co_chairs_group_for_the_session(client, rt, db, token_for):
    from meetings.programme.services import update_rules

    anna = confirmed(db, nominee(db, 1, "austria", "Ms. Anna Gruber"))
    hans = nominee(db, 2, "germany", "Mr. Hans Weber")
    update_rules(rt, factories.user("secretariat"), _rules_with(rt, rt_groups_distinct_across=True))
    db.session.commit()
    db.session.refresh(anna)
    assert anna.exclusive_group_id == anna.confirmed_group_id
    refused = post(client, f"/api/v1/nominations/{hans.id}/confirm", token_for("secretariat"))
    assert refused.status_code == 409 and "distinct across roundtables" in refused.get_json()["message"]
    update_rules(rt, factories.user("secretariat"), _rules_with(rt, rt_groups_distinct_across=False))
    db.session.commit()
    db.session.refresh(anna)
    assert anna.exclusive_group_id is None
    assert post(client, f"/api/v1/nominations/{hans.id}/confirm", token_for("secretariat")).status_code == 200
