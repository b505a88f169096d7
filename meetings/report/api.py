from flask import Response, jsonify

from meetings.api import ApiRoutes, api_user, validated
from meetings.api.schemas import INSTANT, INT, STR, arr, maybe, obj, text
from meetings.programme.services import require_commission_session
from meetings.report import permissions, services
from meetings.report.figures import Figures
from meetings.report.forms import FinalForm
from meetings.report.models import SessionReport

routes = ApiRoutes()

FINAL = obj(number=INT, language=STR, created_at=INSTANT, created_by=maybe(STR), chain_head=obj(seq=INT, hash=STR),
            sha256=STR, bytes=INT, pdf=STR)  # fmt: skip
_USE = obj(key=maybe(STR), speeches=INT, used_s=INT, allotted_s=INT)
FIGURES = obj(
    speeches=INT, by_regional_group=arr(_USE), by_level=arr(_USE),
    meetings=arr(obj(block_id=INT, title=STR, starts_at=INSTANT, planned=INT, delivered=INT, overruns=INT,
                     overrun_s=INT)),
    side_event_applications=arr(obj(day=STR, cumulative=INT)),
)  # fmt: skip
PDF = text("application/pdf")


def final_as_dict(report: SessionReport) -> dict:
    return {
        "number": report.number,
        "language": report.language,
        "created_at": report.created_at.isoformat(),
        "created_by": report.created_by.full_name if report.created_by else None,
        "chain_head": {"seq": report.chain_seq, "hash": report.chain_hash},
        "sha256": report.sha256,
        "bytes": len(report.pdf),
        "pdf": f"/api/v1/report/{report.number}.pdf",
    }


def figures_as_dict(figures: Figures) -> dict:
    def use(u) -> dict:
        return {"key": u.key or None, "speeches": u.speeches, "used_s": u.used_s, "allotted_s": u.allotted_s}

    return {
        "speeches": figures.speeches,
        "by_regional_group": [use(u) for u in figures.by_group],
        "by_level": [use(u) for u in figures.by_level],
        "meetings": [
            {
                "block_id": m.block.id,
                "title": m.block.title,
                "starts_at": m.block.starts_at.isoformat(),
                "planned": m.planned,
                "delivered": m.delivered,
                "overruns": m.overruns,
                "overrun_s": m.overrun_s,
            }
            for m in figures.meetings
        ],  # fmt: skip
        "side_event_applications": [
            {"day": a.day.isoformat(), **a.counts, "cumulative": a.cumulative} for a in figures.applications
        ],  # fmt: skip
    }


@routes.route(
    "/report",
    summary="The final versions of the session report",
    allow=permissions.can_read_finals,
    response=obj(finals=arr(FINAL)),
)
def list_session_reports():
    return jsonify({"finals": [final_as_dict(r) for r in services.finals(require_commission_session(), api_user())]})


@routes.route("/report", ["POST"], form=FinalForm, allow=permissions.can_make_report, status=201, response=FINAL,
              summary="Make, sign and keep the next final version of the session report")  # fmt: skip
def make_session_report():
    form = validated(FinalForm)
    report = services.make_final(require_commission_session(), api_user(), form.language.data)
    return jsonify(final_as_dict(report)), 201


@routes.route("/report/figures", summary="The session report's figures, summed from the records",
              allow=permissions.can_make_report, response=FIGURES)  # fmt: skip
def session_report_figures():
    return jsonify(figures_as_dict(services.figures(require_commission_session(), api_user())))


@routes.route("/report/draft.pdf", summary="A draft of the session report as the records stand (not kept)",
              allow=permissions.can_make_report, produces="application/pdf", response=PDF)  # fmt: skip
def session_report_draft():
    cs = require_commission_session()
    return Response(services.draft_pdf(cs, api_user()), mimetype="application/pdf")


@routes.route("/report/<int:number>", summary="A final version of the session report: its record",
              allow=permissions.can_read_finals, response=FINAL)  # fmt: skip
def session_report(number: int):
    return jsonify(final_as_dict(services.final(require_commission_session(), api_user(), number)))


@routes.route("/report/<int:number>.pdf", summary="A final version of the session report: the signed PDF",
              allow=permissions.can_read_finals, produces="application/pdf", response=PDF)  # fmt: skip
def session_report_document(number: int):
    report = services.final(require_commission_session(), api_user(), number)
    return Response(report.pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="report-{number}.pdf"'})  # fmt: skip
