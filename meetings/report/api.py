from flask import Response, jsonify

from meetings.api import ApiRoutes, api_user, validated
from meetings.programme.services import require_commission_session
from meetings.report import permissions, services
from meetings.report.figures import Figures
from meetings.report.forms import FinalForm
from meetings.report.models import SessionReport

routes = ApiRoutes()


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


@routes.route("/report", summary="The final versions of the session report", allow=permissions.can_read_finals)
def list_session_reports():
    return jsonify({"finals": [final_as_dict(r) for r in services.finals(require_commission_session(), api_user())]})


@routes.route("/report", ["POST"], form=FinalForm, allow=permissions.can_make_report,
              summary="Make, sign and keep the next final version of the session report")  # fmt: skip
def make_session_report():
    form = validated(FinalForm)
    report = services.make_final(require_commission_session(), api_user(), form.language.data)
    return jsonify(final_as_dict(report)), 201


@routes.route("/report/figures", summary="The session report's figures, summed from the records",
              allow=permissions.can_make_report)  # fmt: skip
def session_report_figures():
    return jsonify(figures_as_dict(services.figures(require_commission_session(), api_user())))


@routes.route("/report/draft.pdf", summary="A draft of the session report as the records stand (not kept)",
              allow=permissions.can_make_report, produces="application/pdf")  # fmt: skip
def session_report_draft():
    cs = require_commission_session()
    return Response(services.draft_pdf(cs, api_user()), mimetype="application/pdf")


@routes.route("/report/<int:number>", summary="A final version of the session report: its record",
              allow=permissions.can_read_finals)  # fmt: skip
def session_report(number: int):
    return jsonify(final_as_dict(services.final(require_commission_session(), api_user(), number)))


@routes.route("/report/<int:number>.pdf", summary="A final version of the session report: the signed PDF",
              allow=permissions.can_read_finals, produces="application/pdf")  # fmt: skip
def session_report_document(number: int):
    report = services.final(require_commission_session(), api_user(), number)
    return Response(report.pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="report-{number}.pdf"'})  # fmt: skip
