"""The secretariat's pages of the session report: drafts, final versions, the figures and their charts."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for

from meetings.actions import attempt
from meetings.auth.decorators import acting_user, allowed
from meetings.exports.views import send_bytes
from meetings.i18n.languages import LANGUAGES
from meetings.i18n.words import _, current_language
from meetings.programme.services import require_commission_session
from meetings.report import charts, document, permissions, services, signing
from meetings.report.forms import FinalForm

bp = Blueprint("report", __name__, url_prefix="/report")


def _page(form: FinalForm | None = None, status: int = 200):
    cs = require_commission_session()
    user = acting_user()
    return render_template("report/index.html", cs=cs, finals=services.finals(cs, user), languages=LANGUAGES,
                           form=form or FinalForm(language=current_language()), key_installed=signing.installed(),
                           key_dir=signing.key_dir()), status  # fmt: skip


@bp.get("/")
@allowed(permissions.can_read_finals)
def index():
    return _page()


@bp.get("/draft.pdf")
@allowed(permissions.can_make_report)
def draft_document():
    cs = require_commission_session()
    return send_bytes(services.draft_pdf(cs, acting_user()), "application/pdf", f"{cs.code}-report-draft.pdf", True)


@bp.post("/finals")
@allowed(permissions.can_make_report)
def make_final():
    cs, user = require_commission_session(), acting_user()
    form = FinalForm()
    if not form.validate_on_submit():
        return _page(form, 422)
    outcome = attempt(lambda: services.make_final(cs, user, form.language.data), form)
    if not outcome.ok:
        return _page(form, outcome.refusal.status)
    done = _("Final version no. %(number)d of the session report is signed and kept.", number=outcome.value.number)
    flash(done, "info")
    return redirect(url_for("report.index"))


@bp.get("/finals/<int:number>.pdf")
@allowed(permissions.can_read_finals)
def final_document(number: int):
    cs = require_commission_session()
    report = services.final(cs, acting_user(), number)
    return send_bytes(report.pdf, "application/pdf", f"{cs.code}-report-{number}.pdf", True)


@bp.get("/figures")
@allowed(permissions.can_make_report)
def figures():
    cs = require_commission_session()
    shown = document.chart_list(cs, services.figures(cs, acting_user()))
    return render_template("report/figures.html", cs=cs, charts=shown)


@bp.get("/charts/<key>.svg")
@allowed(permissions.can_make_report)
def chart_image(key: str):
    cs = require_commission_session()
    found = next((c for c in document.chart_list(cs, services.figures(cs, acting_user())) if c.key == key), None)
    if found is None:
        abort(404)
    return send_bytes(charts.svg(found), "image/svg+xml", f"{key}.svg", True)
