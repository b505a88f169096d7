"""The session report: drafts made on demand, final versions numbered, signed and kept.

A final version is never overwritten: its number is taken under the session lock and is unique per
session in the schema (uq_session_report_number); making one is one entry in the audit log.
"""

import hashlib

from flask_babel import force_locale
from sqlalchemy import func, select

from meetings.audit import services as audit
from meetings.auth.actors import Actor, person
from meetings.extensions import db
from meetings.i18n.languages import is_language
from meetings.i18n.words import _
from meetings.locking import lock_commission_session
from meetings.programme.models import CommissionSession
from meetings.refusal import Refusal, require, taken_meanwhile
from meetings.report import document, permissions, signing
from meetings.report.figures import Figures, compute
from meetings.report.models import SessionReport
from meetings.timeutil import utcnow


def no_key_sentence() -> str:
    return _("No signing key is installed, so no final version can be made. The secretariat installs one with "
             "'flask --app meetings report-key' (a key and certificate for a demonstration), or puts its own "
             "key.pem and cert.pem in the signing folder.")  # fmt: skip


def figures(cs: CommissionSession, actor: Actor) -> Figures:
    require(permissions.can_make_report(actor), _("Only the secretariat sees the session report's figures."))
    return compute(cs)


def draft_pdf(cs: CommissionSession, actor: Actor) -> bytes:
    """A draft of the report as the records stand now (not stored, not signed)."""
    require(permissions.can_make_report(actor), _("Only the secretariat makes drafts of the session report."))
    seq, head = audit.chain_head()
    return document.report_pdf(cs, document.Version(None, seq, head, utcnow()))


def finals(cs: CommissionSession, actor: Actor) -> list[SessionReport]:
    require(permissions.can_read_finals(actor),
            _("Only the secretariat and the Chair read the final versions of the session report."))  # fmt: skip
    stmt = select(SessionReport).where(SessionReport.commission_session_id == cs.id).order_by(SessionReport.number)
    return list(db.session.scalars(stmt))


def final(cs: CommissionSession, actor: Actor, number: int) -> SessionReport:
    require(permissions.can_read_finals(actor),
            _("Only the secretariat and the Chair read the final versions of the session report."))  # fmt: skip
    found = db.session.scalar(select(SessionReport).where(SessionReport.commission_session_id == cs.id,
                                                          SessionReport.number == number))  # fmt: skip
    if found is None:
        raise Refusal(_("There is no final version no. %(number)d of the session report.", number=number), status=404)
    return found


def make_final(cs: CommissionSession, actor: Actor, language: str) -> SessionReport:
    """Make, sign and keep the next final version, in `language` (the document is built in it)."""
    require(permissions.can_make_report(actor), _("Only the secretariat makes a final version of the session report."))
    if not is_language(language):
        raise Refusal(_("Choose one of the six languages."), {"language": [_("Choose one of the six languages.")]})
    if not signing.installed():
        raise Refusal(no_key_sentence(), status=409)
    cs = lock_commission_session(cs.id)
    number = (db.session.scalar(select(func.max(SessionReport.number))
                                .where(SessionReport.commission_session_id == cs.id)) or 0) + 1  # fmt: skip
    seq, head = audit.chain_head()
    now = utcnow()
    with force_locale(language):
        pdf = document.report_pdf(cs, document.Version(number, seq, head, now))
        pdf = signing.sign(pdf, reason=f"{cs.code} report of the session, final version no. {number}",
                           location=cs.venue)  # fmt: skip
    report = SessionReport(commission_session_id=cs.id, number=number, language=language, created_at=now,
                           created_by_id=getattr(person(actor), "id", None), chain_seq=seq, chain_hash=head, pdf=pdf,
                           sha256=hashlib.sha256(pdf).hexdigest())  # fmt: skip
    again = _("Another final version was made at the same moment; try again.")
    with taken_meanwhile(sentence=lambda: again), db.session.begin_nested():
        db.session.add(report)
        db.session.flush()
    audit.record(actor, "report", "final_made", target=report, commission_session=cs,
                 label=f"{cs.code} report of the session, final version no. {number}",
                 after={"number": number, "language": language, "sha256": report.sha256, "chain_seq": seq,
                        "chain_hash": head})  # fmt: skip
    return report
