"""Demo content of the general debate: about a hundred speakers, a committed and performed draw."""

from datetime import timedelta

from sqlalchemy import select

from meetings.audit import services as audit
from meetings.auth.models import User
from meetings.debate import lots, rules
from meetings.debate.models import Change, ChangeKind, Inscription, Level
from meetings.debate.services import label_of, speaker_of
from meetings.delegations.models import Delegation, DelegationKind
from meetings.extensions import db
from meetings.programme.models import CommissionSession

DEMO_SECRET = "CND67 general debate draw, 29 February 2024, intersessional meeting"
# Drawn from the urn by the Chief of Protocol at the intersessional meeting, typed in by the secretariat.
DEMO_PUBLIC_VALUE = "17 04 33 08 21"
LEVELS = ("higher_than_ministerial", "ministerial", "ministerial", "lower_than_ministerial", "lower_than_ministerial")
TITLES = {
    "higher_than_ministerial": "Vice-President",
    "ministerial": "Minister of Health",
    "lower_than_ministerial": "Permanent Representative",
}
NATIVE_SPEAKERS = {
    "RUS": ("Сергей Викторович Лавров", "Министр иностранных дел", "ministerial"),
    "CHN": ("王小洪", "国务委员、公安部部长", "ministerial"),
    "ARE": ("الشيخ سيف بن زايد آل نهيان", "نائب رئيس مجلس الوزراء ووزير الداخلية", "higher_than_ministerial"),
    "CIV": ("Aminata Koné", "Ministre de la Santé", "ministerial"),
    "TUR": ("Ali Yerlikaya", "İçişleri Bakanı", "ministerial"),
    "AUT": ("Alexander Schallenberg", "Federal Minister for European and International Affairs", "ministerial"),
}
GROUP_STATEMENTS = (
    ("KEN", "the Group of African States"),
    ("CUB", "the Group of 77 and China"),
    ("BEL", "the European Union and its member States"),
)
DEMO_NAMES = ("A. Mensah", "L. Ortega", "K. Tanaka", "M. Dubois", "S. Novak", "R. Silva", "J. Kariuki", "H. Park")


def load_debate_demo(cs: CommissionSession) -> None:
    """Inscribe roughly 100 Member States (skipping a few in each group), observers and NGOs, then draw:
    the commitment published three days before inscription closed, the lots drawn on 29 February."""
    secretariat = db.session.scalar(select(User).where(User.username == "secretariat"))
    closes = cs.rules.gd_inscription_closes
    clock = iter(range(1000))

    def add(d: Delegation, name: str, title: str, level: str, group: str = "") -> None:
        # Demo rows are written directly (one projection at the end, not one per speaker).
        i = Inscription(
            commission_session_id=cs.id, delegation=d, speaker_name=name, speaker_title=title, level=Level(level),
            on_behalf_of_group=bool(group), group_name=group, created_by_id=secretariat.id,
            created_at=closes - timedelta(days=20) + timedelta(minutes=7 * next(clock)),
        )  # fmt: skip
        db.session.add(i)
        db.session.add(Change(commission_session_id=cs.id, kind=ChangeKind.inscribed, inscription=i,
                              by_id=secretariat.id, at=i.created_at))  # fmt: skip
        audit.record(secretariat, "debate", ChangeKind.inscribed.value, target=i, commission_session=cs,
                     label=label_of(i), delegation=d, after={**speaker_of(i), "group_name": group})  # fmt: skip

    members = db.session.scalars(
        select(Delegation).where(Delegation.kind == DelegationKind.member_state).order_by(Delegation.code)
    ).all()
    chosen = [d for n, d in enumerate(members) if n % 2 == 0 or d.code in NATIVE_SPEAKERS]
    for n, d in enumerate(chosen):
        name, title, level = NATIVE_SPEAKERS.get(d.code) or (
            DEMO_NAMES[n % len(DEMO_NAMES)],
            TITLES[LEVELS[n % len(LEVELS)]],
            LEVELS[n % len(LEVELS)],
        )
        add(d, name, title, level)
    for code, group in GROUP_STATEMENTS:
        d = db.session.scalar(select(Delegation).where(Delegation.code == code))
        if d is not None:
            add(d, "Permanent Representative", "Ambassador", "lower_than_ministerial", group)
    observers = db.session.scalars(
        select(Delegation).where(Delegation.kind != DelegationKind.member_state).order_by(Delegation.code)
    ).all()
    for d in observers:
        add(d, "Observer representative", "Head of delegation", "lower_than_ministerial")
    db.session.flush()
    lots.publish_commitment(cs, secretariat, rules.commitment_of(DEMO_SECRET), now=closes - timedelta(days=3))
    lots.perform_draw(cs, secretariat, DEMO_SECRET, DEMO_PUBLIC_VALUE, now=closes + timedelta(days=5, hours=16))
    db.session.flush()
