from flask import jsonify

from meetings.api import ApiRoutes
from meetings.api.schemas import ANY, STR, arr, obj, text
from meetings.calendars.feeds import serve_agenda
from meetings.exports.documents import programme_pdf
from meetings.exports.schedule import schedule
from meetings.exports.views import send_bytes
from meetings.programme.services import require_commission_session as _session

routes = ApiRoutes()


@routes.route("/session/agenda.ics", response=text("text/calendar"), summary="The session agenda as iCalendar (ETag, 304)", public=True,
              produces="text/calendar", conditional=True)  # fmt: skip
def agenda_calendar():
    return serve_agenda(_session())


@routes.route(
    "/session/schedule.json",
    response=obj(schedule=obj(conference=obj(title=STR, days=arr(ANY)))),
    summary="The programme in the schedule format of conference apps (frab JSON)",
    public=True,
)
def schedule_document():
    return jsonify(schedule(_session()))


@routes.route(
    "/session/programme.pdf",
    response=text("application/pdf"),
    summary="The programme as PDF",
    public=True,
    produces="application/pdf",
)
def programme_document():
    cs = _session()
    return send_bytes(programme_pdf(cs), "application/pdf", f"{cs.code}-programme.pdf")
