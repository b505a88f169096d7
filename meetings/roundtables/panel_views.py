"""The pages of a roundtable's panel and summary, and its report, on the roundtables' blueprint.

Imported by the roundtables' init_app before it registers the blueprint (nothing registers by import).
"""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from meetings.actions import attempt
from meetings.audit import services as audit
from meetings.auth.decorators import acting_user, allowed, ensure
from meetings.delegations.models import Delegation
from meetings.exports.views import send_bytes
from meetings.extensions import db
from meetings.i18n.words import _
from meetings.programme.services import require_commission_session
from meetings.roundtables import panel, permissions
from meetings.roundtables.models import Roundtable
from meetings.roundtables.nominations import confirmed_cochairs, roundtable_for
from meetings.roundtables.panel_forms import FinalForm, PanelistsForm, ReopenForm, SummaryForm
from meetings.roundtables.report import report_pdf, session_report_pdf
from meetings.roundtables.views import bp
from meetings.webforms import errors_sentence

SUMMARY_ACTIONS = ("summary_edited", "summary_finalized", "summary_reopened")
EMPTY_ROWS = 3


# --- panelists -----------------------------------------------------------------------------------


def _rows_shown(rt: Roundtable, form: PanelistsForm | None) -> list[dict]:
    """The rows the page shows: the list that stands, or what was sent back with its problems; then empty rows."""
    if form is not None and request.method == "POST":
        data = [form.name.data or [], form.title.data or [], form.delegation.data or [], form.remote.data or [],
                form.position.data or []]  # fmt: skip
        count = max((len(column) for column in data), default=0)

        def at(column: list, i: int) -> str:
            return column[i] if i < len(column) else ""

        rows = [{"position": at(data[4], i), "name": at(data[0], i), "title": at(data[1], i),
                 "delegation": at(data[2], i), "remote": at(data[3], i).lower() in ("y", "true", "remote", "1")}
                for i in range(count)]  # fmt: skip
        rows = [r for r in rows if r["name"] or r["title"] or r["delegation"]]
    else:
        rows = [{"position": str(p.position), "name": p.name, "title": p.title, "delegation": p.delegation.shown_name,
                 "remote": p.remote} for p in panel.panelists_of(rt)]  # fmt: skip
    blank = {"position": "", "name": "", "title": "", "delegation": "", "remote": False}
    return rows + [dict(blank) for _ in range(EMPTY_ROWS)]


def _panel_page(cs, rt: Roundtable, form: PanelistsForm | None = None, status: int = 200):
    editor = permissions.can_manage_panelists(current_user, rt)
    if editor and form is None:
        form = PanelistsForm(formdata=None, data={"seen": panel.panel_seen(rt)})
    rules = cs.rules
    return render_template(
        "roundtables/panel.html", cs=cs, roundtable=rt, block=rt.block, panelists=panel.panelists_of(rt),
        form=form if editor else None, rows=_rows_shown(rt, form) if editor else [],
        ngo_floor=panel.ngo_floor_speakers(rt), rules=rules,
        delegations=db.session.scalars(db.select(Delegation).order_by(Delegation.name)).all() if editor else [],
    ), status  # fmt: skip


@bp.get("/<int:roundtable_id>/panelists")
def show_panelists(roundtable_id: int):
    cs = require_commission_session()
    return _panel_page(cs, roundtable_for(cs, roundtable_id))


@bp.post("/<int:roundtable_id>/panelists")
@login_required
def save_panelists(roundtable_id: int):
    cs = require_commission_session()
    rt = roundtable_for(cs, roundtable_id)
    ensure(permissions.can_manage_panelists(current_user, rt))
    form = PanelistsForm()
    if not form.validate_on_submit():
        flash(errors_sentence(form, _("Nothing was saved: ")), "error")
        return _panel_page(cs, rt, form, 400)
    rows = [panel.PanelistRow(**row) for row in form.rows]
    outcome = attempt(lambda: panel.set_panelists(cs, acting_user(), rt, rows, form.seen.data or None), form,
                      _("The panelists are saved in this order."))  # fmt: skip
    if outcome.ok:
        return redirect(url_for("roundtables.show_panelists", roundtable_id=rt.id))
    return _panel_page(cs, rt, form, outcome.refusal.status)


# --- the summary ---------------------------------------------------------------------------------


def _summary_page(cs, rt: Roundtable, form: SummaryForm | None = None, reopen: ReopenForm | None = None,
                  status: int = 200):  # fmt: skip
    editor = permissions.can_edit_summary(current_user, rt)
    final = rt.summary_final_at is not None
    if editor and not final and form is None:
        form = SummaryForm(formdata=None, data={"summary": rt.summary, "seen": panel.summary_seen(rt)})
    history = []
    if editor:
        history = [e for e in audit.history_of(Roundtable.__tablename__, rt.id) if e.action in SUMMARY_ACTIONS]
    return render_template(
        "roundtables/summary.html", cs=cs, roundtable=rt, block=rt.block, cochairs=confirmed_cochairs(rt),
        final=final, editor=editor, readable=final or editor, form=form if editor and not final else None,
        final_form=FinalForm() if permissions.can_finalize_summary(current_user) else None,
        reopen_form=(reopen or ReopenForm()) if permissions.can_finalize_summary(current_user) else None,
        history=history,
    ), status  # fmt: skip


@bp.get("/<int:roundtable_id>/summary")
def show_summary(roundtable_id: int):
    cs = require_commission_session()
    return _summary_page(cs, roundtable_for(cs, roundtable_id))


@bp.post("/<int:roundtable_id>/summary")
@login_required
def save_summary(roundtable_id: int):
    cs = require_commission_session()
    rt = roundtable_for(cs, roundtable_id)
    ensure(permissions.can_edit_summary(current_user, rt))
    form = SummaryForm()
    if not form.validate_on_submit():
        flash(errors_sentence(form, _("Nothing was saved: ")), "error")
        return _summary_page(cs, rt, form, status=400)
    outcome = attempt(lambda: panel.edit_summary(cs, acting_user(), rt, form.summary.data or "", form.seen.data or None),
                      form, _("The summary is saved."))  # fmt: skip
    if outcome.ok:
        return redirect(url_for("roundtables.show_summary", roundtable_id=rt.id))
    return _summary_page(cs, rt, form, status=outcome.refusal.status)


@bp.post("/<int:roundtable_id>/summary/final")
@allowed(permissions.can_finalize_summary)
def finalize_summary(roundtable_id: int):
    cs = require_commission_session()
    rt = roundtable_for(cs, roundtable_id)
    form = FinalForm()
    if form.validate_on_submit():
        attempt(lambda: panel.finalize_summary(cs, acting_user(), rt),
                done=_("The summary is final; it goes into the session report as it stands."))  # fmt: skip
    else:
        flash(errors_sentence(form, _("Nothing was changed: ")), "error")
    return redirect(url_for("roundtables.show_summary", roundtable_id=rt.id))


@bp.post("/<int:roundtable_id>/summary/reopen")
@allowed(permissions.can_finalize_summary)
def reopen_summary(roundtable_id: int):
    cs = require_commission_session()
    rt = roundtable_for(cs, roundtable_id)
    form = ReopenForm()
    if not form.validate_on_submit():
        flash(errors_sentence(form, _("Nothing was changed: ")), "error")
        return _summary_page(cs, rt, reopen=form, status=400)
    outcome = attempt(lambda: panel.reopen_summary(cs, acting_user(), rt, form.reason.data or ""), form,
                      _("The summary is reopened: the co-chairs can edit it again."))  # fmt: skip
    if outcome.ok:
        return redirect(url_for("roundtables.show_summary", roundtable_id=rt.id))
    return _summary_page(cs, rt, reopen=form, status=outcome.refusal.status)


# --- the report ----------------------------------------------------------------------------------


@bp.get("/<int:roundtable_id>/report.pdf")
def report_document(roundtable_id: int):
    """The roundtable's report in the language asked (?lang=); a summary not yet final only for its writers."""
    cs = require_commission_session()
    rt = roundtable_for(cs, roundtable_id)
    draft = permissions.can_edit_summary(current_user, rt)
    return send_bytes(report_pdf(cs, rt, with_draft=draft), "application/pdf",
                      f"{cs.code}-roundtable-{rt.number}.pdf", inline=True)  # fmt: skip


@bp.get("/report.pdf")
def session_report_document():
    """The roundtables' part of the session report: every roundtable with its final summary, in the language asked."""
    cs = require_commission_session()
    return send_bytes(session_report_pdf(cs), "application/pdf", f"{cs.code}-roundtables.pdf", inline=True)
