"""The CND 67 demo session: Vienna, March 2024, as the Chair's briefing describes it."""

from datetime import date, time

from meetings.audit import services as audit
from meetings.auth.actors import System
from meetings.auth.models import Role
from meetings.auth.services import create_user
from meetings.delegations.services import delegation_by_code, load_reference_data
from meetings.extensions import db
from meetings.floor.demo import load_floor_demo
from meetings.programme import rooms as room_bookings
from meetings.programme.models import (
    BlockKind,
    CommissionSession,
    MeetingBlock,
    Room,
    Segment,
    SegmentKind,
    SessionRules,
)
from meetings.timeutil import local_instant

TZ = "Europe/Vienna"
PLENARY, BOARDROOM = "Plenary Hall (M Building)", "Boardroom D (C Building)"
ROOMS = (PLENARY, BOARDROOM, "Conference Room M3", "Conference Room M7", "Conference Room C3")

# (day, start, end, kind, title, room, open_ended)
HIGH_LEVEL_BLOCKS = [
    (14, "09:30", "10:00", BlockKind.opening, "Opening of the high-level segment", PLENARY, False),
    (14, "10:00", "13:00", BlockKind.general_debate, "General debate, 1st meeting", PLENARY, False),
    (14, "14:45", "18:00", BlockKind.general_debate, "General debate, 2nd meeting", PLENARY, False),
    (14, "19:30", "21:00", BlockKind.general_debate, "General debate, 3rd meeting", PLENARY, True),
    (14, "15:00", "18:00", BlockKind.roundtable, "Roundtable 1: Taking stock", BOARDROOM, False),
    (15, "10:00", "13:00", BlockKind.general_debate, "General debate, 4th meeting", PLENARY, False),
    (15, "14:45", "18:00", BlockKind.general_debate, "General debate, 5th meeting", PLENARY, False),
    (15, "19:30", "21:00", BlockKind.general_debate, "General debate, 6th meeting", PLENARY, True),
    (15, "15:00", "18:00", BlockKind.roundtable, "Roundtable 2: The way forward", BOARDROOM, False),
]

# username, role, full name, delegation code
DEMO_USERS = [
    ("secretariat", Role.secretariat, "CND Secretariat", None),
    ("chair", Role.chair, "Chair of the 67th session", None),
    ("austria", Role.delegation, "Permanent Mission of Austria", "AUT"),
    ("brazil", Role.delegation, "Permanent Mission of Brazil", "BRA"),
    ("kenya", Role.delegation, "Permanent Mission of Kenya", "KEN"),
    ("russia", Role.delegation, "Постоянное представительство Российской Федерации", "RUS"),
    ("china", Role.delegation, "中国常驻维也纳代表团", "CHN"),
    ("uae", Role.delegation, "البعثة الدائمة لدولة الإمارات العربية المتحدة", "ARE"),
    ("vngoc", Role.delegation, "Vienna NGO Committee on Drugs", "VNGOC"),
]


def demo_password(username: str) -> str:
    return f"{username}-cnd67"


DEMO = System(because="the CND 67 demo session was loaded (flask demo)")


def _t(text: str) -> time:
    return time.fromisoformat(text)


def load_demo() -> CommissionSession:
    """Create CND 67 with its rooms, blocks, rules and demo users; reference data first."""
    load_reference_data()
    cs = CommissionSession(
        code="CND67",
        name="67th session of the Commission on Narcotic Drugs",
        venue="Vienna International Centre",
        timezone=TZ,
    )
    cs.segments = [
        Segment(kind=SegmentKind.high_level, start_date=date(2024, 3, 14), end_date=date(2024, 3, 15)),
        Segment(kind=SegmentKind.regular, start_date=date(2024, 3, 18), end_date=date(2024, 3, 22)),
    ]
    rooms = {name: Room(name=name) for name in ROOMS}
    cs.rooms = list(rooms.values())
    blocks = [
        MeetingBlock(kind=kind, title=title, room=rooms[room], open_ended=open_ended,
                     starts_at=local_instant(date(2024, 3, day), _t(a), TZ), ends_at=local_instant(date(2024, 3, day), _t(b), TZ))
        for day, a, b, kind, title, room, open_ended in HIGH_LEVEL_BLOCKS
    ]  # fmt: skip
    for day in range(18, 23):
        for a, b, part in (("10:00", "13:00", "morning"), ("15:00", "18:00", "afternoon")):
            blocks.append(
                MeetingBlock(kind=BlockKind.plenary, title=f"Plenary, {part}", room=rooms[PLENARY],
                             starts_at=local_instant(date(2024, 3, day), _t(a), TZ), ends_at=local_instant(date(2024, 3, day), _t(b), TZ))
            )  # fmt: skip
    cs.blocks = blocks
    cs.rules = SessionRules(
        gd_inscription_closes=local_instant(date(2024, 2, 23), _t("18:00"), TZ),
        gd_draw_date=date(2024, 2, 29),
        nominations_close=local_instant(date(2024, 3, 16), _t("00:00"), TZ),  # the end of 15 March
        hl_window_opens=local_instant(date(2024, 1, 4), _t("00:00"), TZ),
        hl_window_closes=local_instant(date(2024, 1, 12), _t("00:00"), TZ),
        se_period_start=date(2024, 3, 14),
        se_period_end=date(2024, 3, 15),
    )
    db.session.add(cs)
    db.session.flush()
    room_bookings.book_blocks(cs, DEMO)  # every meeting holds its room (meetings.programme.rooms)
    audit.record(DEMO, "programme", "session.created", target=cs, commission_session=cs, label=cs.name,
                 after={"code": cs.code, "rooms": len(rooms), "blocks": len(blocks)})  # fmt: skip
    for username, role, full_name, code in DEMO_USERS:
        create_user(
            DEMO, username, demo_password(username), role, full_name, delegation_by_code(code) if code else None
        )
    db.session.flush()
    from meetings.debate.demo import load_debate_demo

    load_debate_demo(cs)
    from meetings.publication.demo import publish_after_the_draw, publish_the_rest

    publish_after_the_draw(cs)
    load_floor_demo(cs)
    from meetings.side_events.demo import load_side_events_demo

    load_side_events_demo(cs)
    from meetings.roundtables.demo import load_roundtables_demo

    load_roundtables_demo(cs)
    from meetings.registration.demo import load_registration_demo

    load_registration_demo(cs)  # before the bilateral rooms, which may ask for an approved high-level registration
    from meetings.bilaterals.demo import load_bilaterals_demo

    load_bilaterals_demo(cs)
    publish_the_rest(cs)
    return cs
