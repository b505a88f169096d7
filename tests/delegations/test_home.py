"""A delegation's home page: its frame, and what changed since the user's last visit (issue 9, point 10)."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update

from meetings.audit import services as audit
from meetings.audit.models import AuditEntry
from meetings.auth.actors import System, consequence
from meetings.auth.models import User
from meetings.delegations.services import (
    CHANGES_SHOWN,
    VISIT_GAP,
    delegation_by_code,
    register_delegation,
    register_user,
)
from meetings.timeutil import utcnow
from tests.conftest import login, thread_client

SETUP = System(because="test set-up")


def account(db, username: str) -> User:
    db.session.rollback()
    return db.session.scalar(select(User).where(User.username == username))


def audit_count(db) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(AuditEntry))


def swap_accepted_by_kenya(db, demo, label: str = "Swap of slots: Austria (12) ↔ Kenya (16)",
                           ago: timedelta | None = None) -> AuditEntry:  # fmt: skip
    """What the debate records when Kenya accepts Austria's swap (written here, as any feature does)."""
    kenya, austria = delegation_by_code("KEN"), delegation_by_code("AUT")
    entry = audit.record(account(db, "kenya"), "debate", "swap_accepted", label=label, commission_session=demo,
                         delegation=kenya, other_delegation=austria, before={"slot": 12}, after={"slot": 16})  # fmt: skip
    if ago is not None:
        entry.at = utcnow() - ago  # before it is sealed: as if recorded then
    db.session.commit()
    return entry


def leave_for(db, username: str, gap: timedelta) -> None:
    """As if the user's last look at the page was `gap` ago."""
    db.session.rollback()
    db.session.execute(update(User).where(User.username == username).values(home_seen_at=utcnow() - gap))
    db.session.commit()


def changes(html: str) -> str:
    return html.split('<section id="changes"')[1].split("</section>")[0]


def test_the_frame_of_the_home_page(client, demo, db):
    assert login(client, "austria").status_code == 302
    page = client.get("/delegations/AUT").get_data(as_text=True)
    assert '<h1 id="delegation-name">Austria</h1>' in page
    assert "Member State · Western European and other States · code AUT" in page
    for link in ("/delegations/AUT/agenda.ics", "/delegations/AUT/history", "/account/password"):
        assert f'href="{link}"' in page, link
    assert page.index('id="changes"') < page.index("Users of this delegation")
    assert "Permanent Mission of Austria (austria)" in page.split('id="delegation-users"')[1]


def test_a_first_visit_is_kept_without_writing_to_the_record(client, demo, db):
    assert login(client, "austria").status_code == 302
    before = audit_count(db)
    first = client.get("/delegations/AUT")
    assert first.status_code == 200
    section = changes(first.get_data(as_text=True))
    assert "Latest changes to your records" in section and "Your first visit" in section
    austria = account(db, "austria")
    assert austria.home_seen_at is not None and austria.home_changes_since is None
    assert audit_count(db) == before  # a visit is not a change of record


def test_what_changed_since_the_last_visit_newest_first(client, demo, db):
    assert login(client, "austria").status_code == 302
    client.get("/delegations/AUT")
    leave_for(db, "austria", timedelta(hours=3))
    seen = account(db, "austria").home_seen_at
    swap_accepted_by_kenya(db, demo)
    brazil = delegation_by_code("BRA")
    audit.record(account(db, "brazil"), "debate", "swap_proposed", label="Brazil's own swap", commission_session=demo,
                 delegation=brazil)  # fmt: skip
    audit.record(System(because="rule"), "side_events", "moved_up", label="“Prevention” (Austria)",
                 commission_session=demo, delegation=delegation_by_code("AUT"), before={"status": "waitlisted"},
                 after={"status": "accepted"}, reason="Moved up from the waiting list")  # fmt: skip
    db.session.commit()

    section = changes(client.get("/delegations/AUT").get_data(as_text=True))
    local = seen.astimezone(ZoneInfo("Europe/Vienna"))
    assert f"Since your last visit ({local:%d %B %H:%M})" in section
    assert "Permanent Mission of Kenya</b>: Swap accepted — Swap of slots: Austria (12) ↔ Kenya (16)" in section
    assert "slot: 12 → 16" in section
    assert "status: waitlisted → accepted" in section and "<q>Moved up from the waiting list</q>" in section
    assert "Brazil's own swap" not in section  # another delegation's record
    assert section.index("Moved up") < section.index("Swap accepted")  # newest first
    assert 'href="/delegations/AUT/history"' in section


def test_the_list_stays_through_a_visit_and_starts_again_after_a_pause(client, demo, db):
    assert login(client, "austria").status_code == 302
    client.get("/delegations/AUT")
    leave_for(db, "austria", timedelta(hours=1))
    swap_accepted_by_kenya(db, demo, ago=VISIT_GAP + timedelta(minutes=10))
    assert "Swap accepted" in changes(client.get("/delegations/AUT").get_data(as_text=True))
    # A reload, or coming back within the visit, keeps what changed in view.
    assert "Swap accepted" in changes(client.get("/delegations/AUT").get_data(as_text=True))
    # After a pause longer than a visit, the list starts from the last look: the swap came before it.
    leave_for(db, "austria", VISIT_GAP + timedelta(minutes=1))
    last_look = account(db, "austria").home_seen_at
    section = changes(client.get("/delegations/AUT").get_data(as_text=True))
    assert "Swap accepted" not in section
    assert f"Since your last visit ({last_look.astimezone(ZoneInfo('Europe/Vienna')):%d %B %H:%M})" in section
    assert account(db, "austria").home_changes_since == last_look


def test_nothing_changed_since_the_last_visit(client, demo, db):
    """A delegation registered two hours ago, whose user looked 40 minutes ago."""
    register_delegation(SETUP, code="XYZ", name="Observer of XYZ", kind="observer_state", regional_group="")
    register_user(SETUP, username="xyz", full_name="Mission of XYZ", role="delegation", delegation="XYZ",
                  password="xyz-password-1")  # fmt: skip
    for entry in audit.pending_entries():
        entry.at -= timedelta(hours=2)
    db.session.commit()
    assert login(client, "xyz", "xyz-password-1").status_code == 302
    first = changes(client.get("/delegations/XYZ").get_data(as_text=True))
    assert "Your first visit" in first and "Delegation registered" in first
    leave_for(db, "xyz", timedelta(minutes=40))
    section = changes(client.get("/delegations/XYZ").get_data(as_text=True))
    assert "Since your last visit" in section and "Nothing changed in your records since then." in section


def test_own_changes_are_left_out_but_what_the_system_did_after_them_is_shown(client, demo, db):
    assert login(client, "austria").status_code == 302
    client.get("/delegations/AUT")
    leave_for(db, "austria", timedelta(hours=1))
    austria_user, austria = account(db, "austria"), delegation_by_code("AUT")
    audit.record(austria_user, "debate", "swap_proposed", label="Austria proposes a swap", delegation=austria,
                 commission_session=demo)  # fmt: skip
    audit.record(consequence(austria_user, "Austria withdrew; rule: the next on the waiting list moves up"),
                 "debate", "promoted", label="Austria's slot goes to Malta", delegation=austria,
                 commission_session=demo)  # fmt: skip
    db.session.commit()
    section = changes(client.get("/delegations/AUT").get_data(as_text=True))
    assert "Austria proposes a swap" not in section
    assert (
        "Austria&#39;s slot goes to Malta" in section and "the system (after Permanent Mission of Austria)" in section
    )


def test_at_most_twenty_changes_then_the_full_history(client, demo, db):
    assert login(client, "austria").status_code == 302
    client.get("/delegations/AUT")
    leave_for(db, "austria", timedelta(hours=1))
    for n in range(CHANGES_SHOWN + 3):
        swap_accepted_by_kenya(db, demo, label=f"Change number {n}")
    section = changes(client.get("/delegations/AUT").get_data(as_text=True))
    assert len(re.findall(r"<li>", section)) == CHANGES_SHOWN
    assert "— Change number 22 <small>" in section and "— Change number 2 <small>" not in section
    more = int(re.search(r"… and (\d+) earlier changes\.", section).group(1))
    assert more >= 3 and 'href="/delegations/AUT/history"' in section  # (the demo's own entries are recent too)


def test_the_secretariat_sees_the_latest_changes_and_leaves_no_visit(client, demo, db):
    swap_accepted_by_kenya(db, demo)
    assert login(client, "secretariat").status_code == 302
    section = changes(client.get("/delegations/AUT").get_data(as_text=True))
    assert "Latest changes to Austria's records" in section and "Swap accepted" in section
    assert account(db, "secretariat").home_seen_at is None
    assert 'href="/delegations/users/austria"' in client.get("/delegations/AUT").get_data(as_text=True)


def test_another_delegations_page_is_closed_and_keeps_no_visit(client, demo, db):
    assert login(client, "brazil").status_code == 302
    assert client.get("/delegations/AUT").status_code == 403
    assert client.get("/delegations/ZZZ").status_code == 404
    assert account(db, "brazil").home_seen_at is None


def test_changes_through_the_api(client, demo, db, token_for):
    swap_accepted_by_kenya(db, demo)
    headers = token_for("austria")
    body = client.get("/api/v1/delegations/AUT/changes", headers=headers).get_json()
    assert body["since"] is None and body["entries"][0]["action"] == "token_issued"  # newest first
    (swap,) = [e for e in body["entries"] if e["action"] == "swap_accepted"]
    assert swap["delegation"] == "KEN" and swap["other_delegation"] == "AUT" and swap["after"] == {"slot": 16}
    later = utcnow().isoformat()
    after = client.get("/api/v1/delegations/AUT/changes", headers=headers, query_string={"since": later}).get_json()
    assert after["entries"] == [] and after["more"] == 0
    bad = client.get("/api/v1/delegations/AUT/changes?since=yesterday", headers=headers)
    assert bad.status_code == 400 and bad.get_json()["errors"] == {"since": ["Not an ISO 8601 instant."]}
    assert client.get("/api/v1/delegations/BRA/changes", headers=headers).status_code == 403
    assert account(db, "austria").home_seen_at is None  # a program keeps its own marker


def test_views_at_the_same_time_as_other_writes_all_open(app, client, demo, db, token_for, caplog):
    """A page never fails for its bookmark, even when its write meets others (SQLite: one writer at a time)."""
    import threading

    assert login(client, "austria").status_code == 302
    cookie = client.get_cookie("session").value
    sec = token_for("secretariat")
    barrier, results = threading.Barrier(8), []

    def view() -> None:
        tab = thread_client(app)
        tab.set_cookie("session", cookie)
        barrier.wait()
        results.append(("view", tab.get("/delegations/AUT").status_code))

    def write(n: int) -> None:
        other = thread_client(app)
        barrier.wait()
        action = "disable" if n % 2 == 0 else "one-time-password"
        results.append(("write", other.post(f"/api/v1/users/{('kenya', 'brazil')[n % 2]}/{action}", headers=sec,
                                            json={}).status_code))  # fmt: skip

    threads = [threading.Thread(target=view) for _ in range(6)] + [threading.Thread(target=write, args=(n,))
                                                                   for n in range(2)]  # fmt: skip
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [("view", 200)] * 6 + [("write", 200), ("write", 201)]
    assert account(db, "austria").home_seen_at is not None
    assert "was not kept" not in caplog.text  # each view kept its visit: none lost the race
