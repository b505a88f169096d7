from sqlalchemy import func, select

from meetings.auth.models import User
from meetings.delegations.models import Delegation
from tests.conftest import thread_client

NGO = {"code": "CND-NGO", "name": "Youth RISE", "kind": "ngo", "regional_group": "", "name_ru": "Молодёжь"}


def _count(db, model) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(model))


def test_secretariat_registers_an_ngo_and_its_user(log_in, bare_cs, db, client):
    admin = log_in("secretariat")
    assert admin.post("/delegations/new", data=NGO).status_code == 302
    ngo = db.session.scalar(select(Delegation).where(Delegation.code == "CND-NGO"))
    assert ngo.kind.value == "ngo" and ngo.names == {"ru": "Молодёжь"}
    user = {
        "username": "youthrise",
        "full_name": "Youth RISE",
        "role": "delegation",
        "delegation": "cnd-ngo",
        "password": "a-long-password",
    }
    assert admin.post("/delegations/users", data=user).status_code == 302
    admin.post("/logout")
    assert client.post("/login", data={"username": "youthrise", "password": "a-long-password"}).status_code == 302
    assert client.get("/delegations/CND-NGO").status_code == 200


def test_bad_registrations_are_refused_and_change_nothing(log_in, bare_cs, db):
    admin = log_in("secretariat")
    delegations, users = _count(db, Delegation), _count(db, User)
    cases = [
        ({**NGO, "code": "AUT"}, "already registered"),
        ({**NGO, "name": "Austria"}, "Austria is already registered."),
        ({**NGO, "kind": "member_state"}, "A Member State belongs to one regional group"),
        ({**NGO, "regional_group": "WEOG"}, "A Member State belongs to one regional group"),
        ({**NGO, "code": "a b"}, "Use 2 to 16 letters"),
        ({**NGO, "kind": "planet"}, "Not a valid choice"),
    ]
    for data, message in cases:
        response = admin.post("/delegations/new", data=data)
        assert response.status_code == 400, data
        assert message in response.get_data(as_text=True), data
    user = {
        "username": "newuser",
        "full_name": "N",
        "role": "delegation",
        "delegation": "AUT",
        "password": "long-enough-pw",
    }
    for change, message in [
        ({"username": "austria"}, "The user name austria is taken."),
        ({"delegation": "ZZZ"}, "needs the code of a registered delegation"),
        ({"role": "chair"}, "Only delegation users belong to a delegation."),
        ({"password": "short"}, "Use at least 10 characters."),
    ]:
        response = admin.post("/delegations/users", data={**user, **change})
        assert response.status_code == 400, change
        assert message in response.get_data(as_text=True), change
    assert (_count(db, Delegation), _count(db, User)) == (delegations, users)


def test_only_the_secretariat_registers(log_in, bare_cs):
    client = log_in("austria")
    assert client.post("/delegations/new", data=NGO).status_code == 403
    assert client.get("/delegations/users").status_code == 403


def test_registration_through_the_api(client, bare_cs, token_for):
    headers = token_for("secretariat")
    created = client.post("/api/v1/delegations", json=NGO, headers=headers)
    assert created.status_code == 201 and created.get_json()["code"] == "CND-NGO"
    again = client.post("/api/v1/delegations", json=NGO, headers=headers)
    assert again.status_code == 400 and "code" in again.get_json()["errors"]
    user = {
        "username": "rise",
        "full_name": "R",
        "role": "delegation",
        "delegation": "CND-NGO",
        "password": "long-enough-pw",
    }
    assert client.post("/api/v1/users", json=user, headers=headers).status_code == 201
    listed = client.get("/api/v1/users", headers=headers).get_json()
    rise = {"username": "rise", "full_name": "R", "role": "delegation", "delegation": "CND-NGO", "active": True,
            "must_change_password": False}  # fmt: skip
    assert rise in listed
    assert client.post("/api/v1/users", json=user, headers=token_for("austria")).status_code == 403


def test_the_same_user_registered_from_several_places_at_once_is_stored_once(app, bare_cs, db, token_for):
    import threading

    headers = token_for("secretariat")
    users_before = _count(db, User)
    user = {
        "username": "twin",
        "full_name": "T",
        "role": "delegation",
        "delegation": "AUT",
        "password": "long-enough-pw",
    }
    barrier, statuses = threading.Barrier(6), []

    def register():
        client = thread_client(app)
        barrier.wait()
        statuses.append(client.post("/api/v1/users", json=user, headers=headers).status_code)

    threads = [threading.Thread(target=register) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(statuses) == 6 and statuses.count(201) == 1
    assert set(statuses) <= {201, 400, 409}  # refused with a reason, never a server error
    assert _count(db, User) == users_before + 1  # the twin
