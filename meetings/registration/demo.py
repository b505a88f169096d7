"""Registrations of the CND 67 demo, made through the real services: Austria, Kenya and Brazil approved with
high-level participants, China submitted and waiting, the Russian Federation returned with a reason, the
United Arab Emirates still a draft; the other delegations have not begun theirs."""

from datetime import UTC, datetime

from reportlab.platypus import Spacer

from meetings.auth.models import User
from meetings.delegations.services import delegation_by_code
from meetings.exports.pdf import build_pdf, para
from meetings.extensions import db
from meetings.programme.models import CommissionSession
from meetings.registration import services

# delegation code: (the delegation's demo user, what becomes of it, participants as
# (name, title, function, head of delegation, segment, attendance)).
REGISTRATIONS = {
    "AUT": ("austria", "approve", [
        ("Alexander Schallenberg", "H.E. Mr.", "Federal Minister for European and International Affairs", True,
         "high_level", "in_person"),
        ("Anna Gruber", "Ms.", "Ambassador, Permanent Representative", False, "both", "in_person"),
        ("Eva Huber", "Dr.", "Adviser, Federal Ministry of Health", False, "regular", "online"),
    ]),
    "KEN": ("kenya", "approve", [
        ("Kithure Kindiki", "H.E. Prof.", "Cabinet Secretary for Interior and National Administration", True,
         "high_level", "in_person"),
        ("Peter Mwangi Kamau", "Mr.", "Ambassador, Permanent Representative", False, "both", "in_person"),
        ("Grace Wanjiru", "Ms.", "National Authority for the Campaign against Alcohol and Drug Abuse", False,
         "regular", "online"),
    ]),
    "BRA": ("brazil", "approve", [
        ("Mauro Vieira", "S.E. Sr.", "Ministro das Relações Exteriores", True, "high_level", "in_person"),
        ("Beatriz Almeida", "Sra.", "Ministra Conselheira", False, "both", "in_person"),
    ]),
    "CHN": ("china", "submit", [
        ("王小洪", "", "国务委员、公安部部长", True, "high_level", "in_person"),
        ("王明", "先生", "大使、常驻代表", False, "both", "in_person"),
        ("李华", "女士", "国家禁毒委员会办公室", False, "regular", "online"),
    ]),
    "RUS": ("russia", "return", [
        ("Сергей Викторович Лавров", "Г-н", "Министр иностранных дел", True, "high_level", "in_person"),
        ("Алексей Петров", "Г-н", "Постоянный представитель", False, "regular", "in_person"),
    ]),
    "ARE": ("uae", "draft", [
        ("سيف بن زايد آل نهيان", "الشيخ", "نائب رئيس مجلس الوزراء ووزير الداخلية", True, "high_level", "in_person"),
    ]),
}  # fmt: skip
RETURN_REASON = (
    "The note verbale names Mr. Alexey Petrov as head of delegation, the list of participants names Mr. Sergey "
    "Lavrov. Please correct the list or send a new note verbale."
)
SUBMITTED = datetime(2024, 2, 19, 9, 30, tzinfo=UTC)
DECIDED = datetime(2024, 2, 26, 14, 0, tzinfo=UTC)


def note_verbale(cs: CommissionSession, delegation, participants: list[tuple]) -> bytes:
    """A short note verbale as a delegation would send it, listing its participants."""
    body = [
        para(f"The Permanent Mission of {delegation.name} to the United Nations (Vienna) presents its compliments to "
             f"the Secretariat of the Commission on Narcotic Drugs and has the honour to transmit the composition of "
             f"its delegation to the {cs.name}:", "body"),
        Spacer(1, 8),
    ]  # fmt: skip
    for name, title, function, head, _segment, _attendance in participants:
        line = f"{title} {name}".strip() + (f", {function}" if function else "")
        body.append(para(line + (" (head of delegation)" if head else ""), "body"))
    return build_pdf("Note verbale", f"{delegation.name} · {cs.code}", body)


def load_registration_demo(cs: CommissionSession) -> None:
    secretariat = db.session.scalar(db.select(User).where(User.username == "secretariat"))
    for code, (username, outcome, people) in REGISTRATIONS.items():
        delegation = delegation_by_code(code)
        user = db.session.scalar(db.select(User).where(User.username == username))
        if delegation is None or user is None:
            continue
        for name, title, function, head, segment, attendance in people:
            services.add_participant(cs, user, delegation, name=name, title=title, function=function,
                                     head_of_delegation=head, segment=segment, attendance=attendance)  # fmt: skip
        services.upload_note_verbale(cs, user, delegation, note_verbale(cs, delegation, people))
        if outcome == "draft":
            continue
        services.submit(cs, user, delegation, now=SUBMITTED)
        r = services.registration_of(cs, delegation)
        if outcome == "approve":
            services.approve(cs, secretariat, r, now=DECIDED)
        elif outcome == "return":
            services.return_registration(cs, secretariat, r, RETURN_REASON, now=DECIDED)
    db.session.flush()
