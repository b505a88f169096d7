"""Roundtables of the CND 67 demo: "Taking stock" and "The way forward" on the two roundtable meetings,
with co-chair nominations in several states, made through the real services before the deadline;
their panelists, the first one's floor (panelists loaded, nameplates raised), and both final summaries."""

from datetime import date, time, timedelta

from sqlalchemy import select

from meetings.auth.actors import System
from meetings.auth.models import Role, User
from meetings.auth.services import create_user
from meetings.delegations.services import delegation_by_code
from meetings.extensions import db
from meetings.floor import queue
from meetings.floor import services as floor
from meetings.programme.models import BlockKind, CommissionSession
from meetings.roundtables import nominations, panel
from meetings.roundtables.panel import PanelistRow
from meetings.timeutil import local_instant

TOPICS = ((1, "Taking stock"), (2, "The way forward"))
DEMO = System(because="the CND 67 demo session was loaded (flask demo)")

# roundtable number, delegation code, nominee, title, the nominee's own account (to run the console once
# confirmed; the password is the user name followed by "-cnd67"), on behalf of the regional group, then
# what the secretariat decides ("confirm", or the reason to decline; None leaves it pending).
NOMINATIONS = [
    (1, "AUT", "Ms. Anna Gruber", "Ambassador, Permanent Representative", "gruber", False, "confirm"),
    (1, "KEN", "Mr. Peter Mwangi Kamau", "Ambassador, Permanent Representative", "mwangi", True, "confirm"),
    (1, "BRA", "Sra. Beatriz Almeida", "Minister Counsellor", None, False, None),
    (2, "CHN", "王明先生", "大使、常驻代表", None, False,
     "China already has a speaker on the panel of this roundtable; the secretariat asks for another nominee."),
    (2, "RUS", "Г-н Алексей Петров", "Постоянный представитель", None, False, None),
    (2, "ARE", "السيدة فاطمة الحمادي", "سفيرة، المندوبة الدائمة", "alhammadi", True, "confirm"),
]  # fmt: skip
# The delegation's own demo user makes the nomination.
NOMINATORS = {"AUT": "austria", "KEN": "kenya", "BRA": "brazil", "CHN": "china", "RUS": "russia", "ARE": "uae"}

# roundtable number: panelists in order (name, title, delegation code, remote)
PANELISTS = {
    1: [PanelistRow("Dr. Eva Huber", "Panelist, University of Vienna", "AUT", False),
        PanelistRow("Dr. Peter Mwangi", "Panelist", "KEN", False)],
    2: [PanelistRow("Ms. Lucía Fernández", "Directora de Investigación", "MEX", False),
        PanelistRow("Ms. Hanna Berger", "Vienna NGO Committee on Drugs", "VNGOC", True),
        PanelistRow("Г-н Игорь Волков", "Эксперт", "RUS", False)],
}  # fmt: skip
# Delegations that raised their nameplate in the first roundtable, in that order.
NAMEPLATES = ["BRA", "CHN", "VNGOC"]
# roundtable number: (the co-chair's account that writes it, the summary, marked final by the secretariat)
SUMMARIES = {
    1: ("gruber", "Participants took stock of the implementation of the commitments made since 2019.\n\n"
                  "- Several speakers called for better data on new psychoactive substances.\n"
                  "- Access to controlled medicines remains uneven between regions.\n"
                  "- Civil society asked to be heard earlier in national planning.", True),
    2: ("alhammadi", "Participants discussed the way forward towards the 2029 review.\n\n"
                     "- Speakers called for balanced, evidence-based policies and for stronger international cooperation.\n"
                     "- Several delegations stressed prevention and treatment services for young people.", True),
}  # fmt: skip


def load_roundtables_demo(cs: CommissionSession) -> None:
    secretariat = db.session.scalar(select(User).where(User.username == "secretariat"))
    blocks = [b for b in cs.blocks if b.kind == BlockKind.roundtable]
    tables = {
        number: nominations.create_roundtable(cs, secretariat, block_id=block.id, number=number, topic=topic)
        for (number, topic), block in zip(TOPICS, blocks, strict=False)
    }
    received = local_instant(date(2024, 3, 1), time(10, 0), cs.timezone)
    for i, (number, code, name, title, account, for_group, decision) in enumerate(NOMINATIONS):
        if number not in tables:
            continue
        delegation = delegation_by_code(code)
        if account is not None:
            create_user(DEMO, account, f"{account}-cnd67", Role.delegation, name, delegation)
        nominator = db.session.scalar(select(User).where(User.username == NOMINATORS[code]))
        n = nominations.nominate(cs, nominator, tables[number], delegation=delegation, nominee_name=name,
                                 nominee_title=title, on_behalf_of_group=for_group, account=account,
                                 now=received + timedelta(hours=i))  # fmt: skip
        if decision == "confirm":
            nominations.confirm(cs, secretariat, n)
        elif decision:
            nominations.decline(cs, secretariat, n, decision)
    for number, rows in PANELISTS.items():
        if number in tables:
            panel.set_panelists(cs, secretariat, tables[number], rows)
    if 1 in tables:
        _open_the_floor(tables[1])
    for number, (account, text, final) in SUMMARIES.items():
        if number in tables:
            panel.edit_summary(cs, _user(account), tables[number], text)
            if final:
                panel.finalize_summary(cs, secretariat, tables[number])


def _user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def _open_the_floor(rt) -> None:
    """The first roundtable's floor as its co-chair prepares it: the panelists loaded, nameplates raised."""
    floor.load_lineup(rt.block, _user("gruber"))
    for code in NAMEPLATES:
        delegation = delegation_by_code(code)
        queue.request_floor(rt.block, db.session.scalars(select(User).where(User.delegation_id == delegation.id)
                                                          .order_by(User.id)).first())  # fmt: skip
