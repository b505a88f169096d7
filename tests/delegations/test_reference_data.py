from collections import Counter

from sqlalchemy import func, select

from meetings.delegations.models import Delegation, DelegationKind
from meetings.delegations.services import load_reference_data
from tests.factories import commission_session


def _group_of(db, code):
    return db.session.scalar(select(Delegation).where(Delegation.code == code)).regional_group.code


def test_193_member_states_in_five_groups(db):
    load_reference_data()
    states = db.session.scalars(select(Delegation).where(Delegation.kind == DelegationKind.member_state)).all()
    assert len(states) == 193
    counts = Counter(d.regional_group.code for d in states)
    assert counts == {"AFR": 54, "APG": 54, "EEG": 23, "GRULAC": 33, "WEOG": 29}


def test_groups_of_states_the_briefing_names(db):
    load_reference_data()
    assert _group_of(db, "KIR") == "APG"
    assert _group_of(db, "USA") == "WEOG"
    assert _group_of(db, "TUR") == "WEOG"
    assert db.session.scalar(select(Delegation.name).where(Delegation.code == "TUR")) == "Türkiye"
    assert db.session.scalar(select(Delegation.name).where(Delegation.code == "CIV")) == "Côte d'Ivoire"


def test_observers_are_other_kinds_without_a_group(db):
    load_reference_data()
    holy_see = db.session.scalar(select(Delegation).where(Delegation.code == "VAT"))
    palestine = db.session.scalar(select(Delegation).where(Delegation.code == "PSE"))
    assert holy_see.kind == palestine.kind == DelegationKind.observer_state
    assert holy_see.regional_group is None
    kinds = set(db.session.scalars(select(Delegation.kind).where(Delegation.regional_group_id.is_(None))))
    assert kinds == {DelegationKind.observer_state, DelegationKind.igo, DelegationKind.ngo}


def test_loading_twice_adds_nothing(db):
    first = load_reference_data()
    assert first > 193
    assert load_reference_data() == 0
    assert db.session.scalar(select(func.count()).select_from(Delegation)) == first - 5


def test_names_in_other_scripts(db):
    load_reference_data()
    russia = db.session.scalar(select(Delegation).where(Delegation.code == "RUS"))
    assert russia.name_in("ru") == "Российская Федерация"
    assert russia.name_in("xx") == "Russian Federation"


def test_public_list_and_api(client, db):
    commission_session(blocks=False)
    load_reference_data()
    db.session.commit()
    page = client.get("/delegations/").get_data(as_text=True)
    assert "Kiribati" in page and "Asia-Pacific States (54)" in page
    data = client.get("/api/v1/delegations").get_json()
    assert len([d for d in data if d["kind"] == "member_state"]) == 193
