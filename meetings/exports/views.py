from flask import Blueprint, Response, abort, jsonify
from flask_babel import gettext as _
from sqlalchemy import select

from meetings.calendars.feeds import serve_agenda
from meetings.delegations.models import Delegation
from meetings.delegations.services import delegation_by_code
from meetings.exports.documents import delegations_pdf, programme_pdf
from meetings.exports.schedule import schedule
from meetings.extensions import db
from meetings.programme.services import require_commission_session as _session

bp = Blueprint("exports", __name__)


def send_bytes(data: bytes, mimetype: str, filename: str, inline: bool = False) -> Response:
    disposition = "inline" if inline else "attachment"
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f'{disposition}; filename="{filename}"'})


def send_upload(data: bytes, mimetype: str, filename: str) -> Response:
    """A file someone uploaded, served so that no browser runs it: a download, its type never guessed,
    and sandboxed should it be opened in a tab anyway."""
    response = send_bytes(data, mimetype, filename)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


@bp.get("/session/agenda.ics")
def agenda_calendar():
    """The session agenda (a GET that keeps what it publishes: meetings.calendars.services.publish)."""
    return serve_agenda(_session())


@bp.get("/delegations/<code>/agenda.ics")
def delegation_calendar(code: str):
    """A delegation's own feed: only what is public about it (slots, accepted events, roles)."""
    cs = _session()
    delegation = delegation_by_code(code)
    if delegation is None:
        abort(404)
    return serve_agenda(cs, delegation)


@bp.get("/session/schedule.json")
def schedule_document():
    """The programme for conference apps (frab's schedule JSON)."""
    return jsonify(schedule(_session()))


@bp.get("/session/programme.pdf")
def programme_document():
    cs = _session()
    return send_bytes(programme_pdf(cs), "application/pdf", f"{cs.code}-programme.pdf", inline=True)


@bp.get("/delegations.pdf")
def delegations_document():
    rows = db.session.scalars(select(Delegation).order_by(Delegation.kind, Delegation.name)).all()
    return send_bytes(delegations_pdf(rows, _("Delegations")), "application/pdf", "delegations.pdf", inline=True)
