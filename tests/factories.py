"""Small builders for tests: each test builds only what it needs instead of the whole demo.

The defaults are the CND 67 demo's (meetings.demo): its dates, rooms, meeting blocks and rules,
its user names and passwords (so `log_in("austria")` and `token_for("austria")` work as on the
demo) and the delegations of the reference list (meetings/delegations/data). Wherever the app
has a service for a step (a room, a meeting block, a user, an inscription, a turn on the floor,
a request for the floor, a side event), the builder calls it, so its rules apply and its audit
entries are written. Builders flush, like services; the fixture that uses them commits once.

    cs = cnd67("secretariat", "austria")            # the session, two users and Austria
    cs = cnd67(all_delegations=True)                # ... all nine demo users, 193 Member States
    delegations("MEX", "JPN")                       # two more delegations, nothing else
    user("mexico", delegation="MEX")                # password "mexico-cnd67", like the demo's
    inscription(cs, "AUT", level="ministerial")     # through the debate's service
"""

import csv
from datetime import date, datetime, time, timedelta
from functools import cache
from importlib import resources

from sqlalchemy import select

from meetings.audit import services as audit
from meetings.auth.actors import Actor, System
from meetings.auth.models import Role, User
from meetings.auth.services import create_user
from meetings.debate import lots
from meetings.debate import rules as debate_rules
from meetings.debate import services as debate
from meetings.debate.models import Draw, Inscription
from meetings.delegations.models import Delegation, DelegationKind, RegionalGroup
from meetings.delegations.services import LANGS, load_reference_data
from meetings.demo import DEMO_USERS, HIGH_LEVEL_BLOCKS, PLENARY, ROOMS, TZ, demo_password
from meetings.extensions import db
from meetings.floor import queue
from meetings.floor import services as floor
from meetings.floor.models import FloorRequest, Turn, TurnRole
from meetings.programme import services as programme
from meetings.programme.models import BlockKind, CommissionSession, MeetingBlock, Segment, SegmentKind, SessionRules
from meetings.side_events import services as side_events
from meetings.side_events.models import SideEvent
from meetings.timeutil import local_instant, utcnow

SETUP = System(because="test set-up")

# The demo's users by name: (role, full name, delegation code).
DEMO_USER = {name: (role, full_name, code) for name, role, full_name, code in DEMO_USERS}
DEMO_USERNAMES = tuple(DEMO_USER)


# --- delegations ----------------------------------------------------------------------------


def _csv(name: str) -> list[dict]:
    with resources.files("meetings.delegations").joinpath("data", name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@cache
def _reference() -> dict[str, dict]:
    """Every delegation of the reference list by code (Member States and observers)."""
    rows = {row["code"]: {**row, "kind": "member_state"} for row in _csv("member_states.csv")}
    rows.update({row["code"]: row for row in _csv("observers.csv")})
    return rows


def regional_groups() -> dict[str, RegionalGroup]:
    """The five regional groups of the reference list."""
    groups = {g.code: g for g in db.session.scalars(select(RegionalGroup))}
    for row in _csv("groups.csv"):
        if row["code"] not in groups:
            groups[row["code"]] = RegionalGroup(code=row["code"], name=row["name"], position=int(row["position"]))
            db.session.add(groups[row["code"]])
    return groups


def delegations(*codes: str) -> dict[str, Delegation]:
    """The regional groups and the delegations named, as the reference list has them; no others."""
    groups = regional_groups()
    wanted = [code.upper() for code in codes]
    found = {d.code: d for d in db.session.scalars(select(Delegation).where(Delegation.code.in_(wanted)))}
    for code in wanted:
        if code in found:
            continue
        row = _reference().get(code)
        if row is None:
            raise KeyError(f"{code} is not in the reference list of delegations")
        found[code] = Delegation(
            code=code,
            name=row["name"],
            kind=DelegationKind(row["kind"]),
            regional_group=groups[row["group"]] if row.get("group") else None,
            names={lang: row[f"name_{lang}"] for lang in LANGS if row.get(f"name_{lang}")},
        )
        db.session.add(found[code])
    db.session.flush()
    return {code: found[code] for code in wanted}


def reference_data() -> None:
    """The whole reference list: 5 groups, 193 Member States, the observers (the debate's quotas count them)."""
    load_reference_data()


# --- users ------------------------------------------------------------------------------------


def user(username: str, role: Role | None = None, delegation: str | None = None, *, full_name: str | None = None,
         password: str | None = None, actor: Actor = SETUP) -> User:  # fmt: skip
    """A user through the auth service; a demo user by default (its role, name and delegation).

    Any other name is a delegation user (of `delegation`) with the demo's password pattern.
    """
    existing = db.session.scalar(select(User).where(User.username == username))
    if existing is not None:
        return existing
    demo_role, demo_name, demo_code = DEMO_USER.get(username, (Role.delegation, None, None))
    role, code = role or demo_role, delegation or demo_code
    bound = delegations(code)[code.upper()] if code else None
    name = full_name or demo_name or (f"Permanent Mission of {bound.name}" if bound else username.title())
    return create_user(actor, username, password or demo_password(username), role, name, bound)


def users(*usernames: str) -> dict[str, User]:
    return {name: user(name) for name in usernames}


# --- the session ------------------------------------------------------------------------------

SESSION_NAME = "67th session of the Commission on Narcotic Drugs"


def _local(day: date, hhmm: str) -> datetime:
    return local_instant(day, time.fromisoformat(hhmm), TZ)


def cnd67_rules(**over) -> SessionRules:
    """The demo's rules (the Chair's briefing); the model's defaults for the rest."""
    values = {
        "gd_inscription_closes": _local(date(2024, 2, 23), "18:00"),
        "gd_draw_date": date(2024, 2, 29),
        "nominations_close": _local(date(2024, 3, 15), "00:00"),
        "hl_window_opens": _local(date(2024, 1, 4), "00:00"),
        "hl_window_closes": _local(date(2024, 1, 12), "00:00"),
        "se_period_start": date(2024, 3, 14),
        "se_period_end": date(2024, 3, 15),
    }
    return SessionRules(**{**values, **over})


def commission_session(actor: Actor = SETUP, *, blocks: bool = True, plenaries: bool = False,
                       **rules) -> CommissionSession:  # fmt: skip
    """CND 67 with the demo's segments, rules, five rooms and high-level meeting blocks (the opening,
    six general-debate meetings, two roundtables); nobody and nothing else.

    No service creates a session (the demo writes it): the session, its segments and rules are
    written here and logged as the demo logs them; rooms and blocks go through the programme's
    services (a few milliseconds a block: its room is booked). `blocks=False` leaves the programme
    empty, `plenaries=True` adds the regular segment's ten plenary meetings; `rules` override the demo's.
    """
    cs = CommissionSession(code="CND67", name=SESSION_NAME, venue="Vienna International Centre", timezone=TZ)
    cs.segments = [
        Segment(kind=SegmentKind.high_level, start_date=date(2024, 3, 14), end_date=date(2024, 3, 15)),
        Segment(kind=SegmentKind.regular, start_date=date(2024, 3, 18), end_date=date(2024, 3, 22)),
    ]
    cs.rules = cnd67_rules(**rules)
    db.session.add(cs)
    db.session.flush()
    audit.record(actor, "programme", "session.created", target=cs, commission_session=cs, label=cs.name,
                 after={"code": cs.code, "rooms": 0, "blocks": 0})  # fmt: skip
    for name in ROOMS:
        programme.add_room(cs, actor, name, None)
    if blocks:
        for day, start, end, kind, title, room, open_ended in HIGH_LEVEL_BLOCKS:
            block(cs, title, kind, date(2024, 3, day), start, end, room, open_ended=open_ended, actor=actor)
    if blocks and plenaries:
        for day in range(18, 23):
            for start, end, part in (("10:00", "13:00", "morning"), ("15:00", "18:00", "afternoon")):
                block(cs, f"Plenary, {part}", BlockKind.plenary, date(2024, 3, day), start, end, actor=actor)
    return cs


def block(cs: CommissionSession, title: str, kind: BlockKind | str, day: date, start: str, end: str,
          room: str = PLENARY, *, open_ended: bool = False, actor: Actor = SETUP) -> MeetingBlock:  # fmt: skip
    """A meeting block through the programme's service (which books its room)."""
    room_id = next(r.id for r in cs.rooms if r.name == room)
    return programme.save_block(cs, actor, title=title, kind=BlockKind(kind), day=day, start=time.fromisoformat(start),
                                end=time.fromisoformat(end), room_id=room_id, open_ended=open_ended)  # fmt: skip


def blocks_of(cs: CommissionSession, kind: BlockKind | str) -> list[MeetingBlock]:
    """The session's blocks of a kind, in time order."""
    stmt = select(MeetingBlock).where(MeetingBlock.commission_session_id == cs.id, MeetingBlock.kind == BlockKind(kind))
    return list(db.session.scalars(stmt.order_by(MeetingBlock.starts_at)))


def cnd67(*usernames: str, all_delegations: bool = False, codes: tuple[str, ...] = (), blocks: bool = True,
          plenaries: bool = False, **rules) -> CommissionSession:  # fmt: skip
    """CND 67 ready for a test: the session (see `commission_session`), the demo users named (all nine by
    default) with their delegations, the delegations of `codes`, or the whole reference list
    with `all_delegations`."""
    cs = commission_session(blocks=blocks, plenaries=plenaries, **rules)
    if all_delegations:
        reference_data()
    delegations(*codes)
    users(*(usernames or DEMO_USERNAMES))
    return cs


# --- content through the features' services -------------------------------------------------


def inscription(cs: CommissionSession, code: str, *, level: str = "ministerial", name: str | None = None,
                title: str = "", group: str | None = None, actor: Actor | None = None) -> Inscription:  # fmt: skip
    """A speaker on the general debate's list, inscribed by the secretariat (or `actor`)."""
    return debate.inscribe(
        cs, actor or user("secretariat"), delegations(code)[code.upper()], speaker_name=name or f"Speaker of {code}",
        speaker_title=title, level=level, on_behalf_of_group=group is not None, group_name=group or "",
    )  # fmt: skip


def draw(cs: CommissionSession, secret: str = "test seed 2024", public_value: str = "17 04 33 08 21", *,
         actor: Actor | None = None) -> Draw:  # fmt: skip
    """The drawing of lots as the rules have it: the commitment published while inscription is open
    (reopened for a minute if it had closed), inscription closed now, the lots drawn."""
    actor = actor or user("secretariat")
    if cs.rules.gd_inscription_closes is None or cs.rules.gd_inscription_closes <= utcnow():
        cs.rules.gd_inscription_closes = utcnow() + timedelta(minutes=1)
    lots.publish_commitment(cs, actor, debate_rules.commitment_of(secret))
    cs.rules.gd_inscription_closes = utcnow()
    db.session.flush()
    return lots.perform_draw(cs, actor, secret, public_value)


def turn(block: MeetingBlock, code: str | None, name: str, role: TurnRole, title: str = "", *,
         source_ref: str | None = None, actor: Actor | None = None) -> Turn:  # fmt: skip
    """A speaker added to a meeting's floor by the Chair (or `actor`)."""
    delegation = delegations(code)[code.upper()] if code else None
    return floor.add_turn(block, actor or user("chair"), delegation, name, role, title, source_ref=source_ref)


def floor_request(block: MeetingBlock, username: str, **kw) -> FloorRequest:
    """A delegation user's request for the floor of a roundtable."""
    return queue.request_floor(block, user(username), **kw)


def demo_username(code: str) -> str:
    """The demo's user name of a delegation ("austria" for AUT)."""
    return next(name for name, (_, _, c) in DEMO_USER.items() if c == code.upper())


def application(**over) -> dict:
    """A complete high-level application, as the side events' service takes it; `over` changes fields."""
    values = {
        "kind": "high_level", "title": "Prevention that works", "partners": "UNODC\nWHO", "format": "in_person",
        "contact_name": "Anna Gruber", "contact_email": "anna.gruber@bmeia.example",
        "description": "Evidence from prevention programmes.", "duration_minutes": 90,
        "preferred_times": [datetime(2024, 3, 14, 8, 0), datetime(2024, 3, 15, 8, 0)],
    }  # fmt: skip
    return {**values, **over}


def side_event(cs: CommissionSession, username: str, *, now: datetime | None = None, **over) -> SideEvent:
    """An application submitted by a delegation user through the side events' service, by default
    a second after the high-level window opens."""
    now = now or cs.rules.hl_window_opens + timedelta(seconds=1)
    return side_events.submit(cs, user(username), application(**over), now=now)
