"""Side events of the CND 67 demo: submitted through the real services at times inside the window."""

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from meetings.auth.actors import System
from meetings.auth.models import Role, User
from meetings.auth.services import create_user
from meetings.delegations.services import delegation_by_code
from meetings.extensions import db
from meetings.programme.models import CommissionSession
from meetings.side_events import scheduling, services

# Member States without a demo login that apply in the demo: username, code.
EXTRA_APPLICANTS = [("mexico", "MEX"), ("japan", "JPN"), ("nigeria", "NGA"), ("germany", "DEU"),
                    ("india", "IND"), ("colombia", "COL")]  # fmt: skip

# username, title, partners, format, minutes, preferred local times (14/15 March)
APPLICATIONS = [
    ("austria", "Prevention that works: evidence from Europe", "UNODC\nWHO", "in_person", 90, ["14 08:00", "15 08:00"]),
    ("brazil", "Alternative development in the Amazon", "UNODC\nFAO", "in_person", 75, ["14 08:00", "14 11:00"]),
    (
        "russia",
        "Противодействие незаконному обороту синтетических наркотиков",
        "ОДКБ\nUNODC",
        "in_person",
        90,
        ["14 13:10", "15 13:10"],
    ),
    ("china", "打击合成毒品：区域合作", "UNODC\n上海合作组织", "in_person", 60, ["14 13:10", "14 16:00"]),
    ("uae", "الوقاية من المخدرات بين الشباب", "UNODC\nجامعة الدول العربية", "virtual", 60, ["14 18:10", "15 18:10"]),
    (
        "kenya",
        "Community-based treatment in East Africa",
        "WHO\nAfrican Union Commission",
        "in_person",
        90,
        ["15 08:00", "15 11:00"],
    ),
    ("austria", "Drug checking and early warning", "EUDA\nUNODC", "virtual", 60, ["15 11:00", "14 11:00"]),
    ("mexico", "Gender and drug policy in the Americas", "UN Women\nCICAD/OAS", "in_person", 90, ["15 13:10"]),
    ("japan", "Synthetic drugs in Asia and the Pacific", "UNODC\nColombo Plan", "in_person", 60, ["15 16:00"]),
    ("nigeria", "Evidence-based treatment in West Africa", "WHO\nECOWAS Commission", "in_person", 90, ["15 18:10"]),
    ("germany", "Drugs and the environment", "UNEP\nUNODC", "virtual", 60, ["15 16:00"]),
    ("india", "Pharmaceutical opioids: access and control", "INCB\nWHO", "in_person", 60, ["14 16:00", "15 20:00"]),
    ("colombia", "Illicit crop monitoring by satellite", "UNODC\nFAO", "in_person", 60, ["14 20:00"]),
]


DEMO = System(because="the CND 67 demo session was loaded (flask demo)")


def _user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def _values(title, partners, fmt, minutes, prefs, user) -> dict:
    return {"kind": "high_level", "title": title, "partners": partners, "format": fmt,
            "contact_name": f"Focal point, {user.delegation.name}", "contact_email": f"side-events@{user.username}.example",
            "description": f"{title}. A high-level side event organized by {user.delegation.name}.",
            "duration_minutes": minutes,
            "preferred_times": [datetime(2024, 3, int(p[:2]), int(p[3:5]), int(p[6:])) for p in prefs]}  # fmt: skip


def load_side_events_demo(cs: CommissionSession) -> None:
    """Thirteen high-level applications (11 accepted, 2 waiting, then one withdrawn), a regular one, a draft."""
    for username, code in EXTRA_APPLICANTS:
        delegation = delegation_by_code(code)
        create_user(DEMO, username, f"{username}-cnd67", Role.delegation, f"Permanent Mission of {delegation.name}",
                    delegation)  # fmt: skip
    opens = cs.rules.hl_window_opens
    for n, (username, *row) in enumerate(APPLICATIONS):
        user = _user(username)
        received = opens + timedelta(seconds=2 + n * 0.731, microseconds=n * 137)
        services.submit(cs, user, _values(*row, user), now=received)
    secretariat = _user("secretariat")
    germany = next(e for e in services.queue(cs) if e.organizer.code == "DEU")
    services.withdraw(cs, _user("germany"), germany, "The minister cannot travel to Vienna that week.")
    scheduling.auto_schedule(cs, secretariat)
    ngo = _user("vngoc")
    regular = services.submit(cs, ngo, {**_values("Civil society voices on harm reduction", "IDPC\nWFAD", "in_person", 60,
                                                  ["15 13:15"], ngo), "kind": "regular"})  # fmt: skip
    m7 = next(r for r in cs.rooms if r.name == "Conference Room M7")
    scheduling.schedule(cs, secretariat, regular, date(2024, 3, 15), time(13, 15), m7.id)
    services.save_draft(cs, _user("kenya"), {"kind": "high_level", "title": "Youth and prevention (draft)"})
