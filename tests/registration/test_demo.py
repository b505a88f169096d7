"""The demo's registrations: several states, made through the services, readable on the pages."""

from meetings.delegations.services import delegation_by_code
from meetings.registration import services
from meetings.registration.models import RegistrationStatus


def test_the_demo_holds_registrations_in_several_states(demo, db, client, log_in):
    states = {code: services.registration_of(demo, delegation_by_code(code)) for code in
              ("AUT", "KEN", "BRA", "CHN", "RUS", "ARE", "MEX")}  # fmt: skip
    assert {code: r.status if r else None for code, r in states.items()} == {
        "AUT": RegistrationStatus.approved, "KEN": RegistrationStatus.approved, "BRA": RegistrationStatus.approved,
        "CHN": RegistrationStatus.submitted, "RUS": RegistrationStatus.returned, "ARE": RegistrationStatus.draft,
        "MEX": None}  # fmt: skip
    assert all(services.high_level_approved(demo, delegation_by_code(c)) for c in ("AUT", "KEN", "BRA"))
    assert not services.high_level_approved(demo, delegation_by_code("CHN"))
    assert "head of delegation" in states["RUS"].return_reason
    log_in("secretariat")
    debate = client.get("/debate/").get_data(as_text=True)
    assert "registered for the high-level segment, not yet approved" in debate  # China's speaker
    assert "not registered for the high-level segment" in debate
    overview = client.get("/registration/").get_data(as_text=True)
    assert 'id="registration-CHN"' in overview and 'id="registration-RUS"' in overview
    lists = client.get("/registration/lists.pdf")
    assert lists.status_code == 200
