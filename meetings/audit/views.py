"""The audit log's pages: the whole log for the secretariat, a delegation's own history, the check."""

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from meetings.audit import permissions, services
from meetings.audit.forms import AuditFilterForm, filtered_query
from meetings.auth.decorators import ensure
from meetings.delegations.services import require_delegation
from meetings.exports.csv import csv_bytes
from meetings.exports.views import send_bytes
from meetings.i18n.words import pgettext
from meetings.programme.services import current_commission_session
from meetings.timeutil import to_local

bp = Blueprint("audit", __name__)


def _filters(form: AuditFilterForm) -> dict:
    """The filters in force, to carry to the next page and the CSV export."""
    return {k: v for k, v in request.args.items() if k != "page" and k in form.data and v}


@bp.get("/audit")
@login_required
def show_log():
    ensure(permissions.can_read_audit(current_user))
    cs = current_commission_session()
    form, query = filtered_query(request.args, cs)
    page = services.Page([], 1, 50, 0) if query is None else services.page_of(query, form.page.data or 1)
    filters = _filters(form)
    html = render_template("audit/log.html", cs=cs, form=form, page=page, filters=filters, link_args=filters)
    return html, 400 if query is None else 200


@bp.get("/audit.csv")
@login_required
def export_csv():
    ensure(permissions.can_read_audit(current_user))
    cs = current_commission_session()
    _, query = filtered_query(request.args, cs)
    if query is None:
        abort(400)
    tz = cs.timezone if cs else "UTC"
    return send_bytes(entries_csv(services.all_entries(query), tz), "text/csv; charset=utf-8", "audit-log.csv")


def entries_csv(entries, tz: str) -> bytes:
    header = [_("No."), _("When (%(zone)s)", zone=tz), _("Who"), _("Because of"), _("Feature"), _("What"),
              pgettext("the record an audit entry is about", "Record"), _("Record id"), _("Delegation"), _("Other delegation"), _("Before"), _("After"), _("Why"),
              _("Hash")]  # fmt: skip
    rows = ((
        str(e.seq), to_local(e.at, tz).isoformat(timespec="milliseconds"), e.who, e.cause, e.feature, e.what,
        e.record_label, str(e.record_id or ""), e.delegation.name if e.delegation else "",
        e.other_delegation.name if e.other_delegation else "", e.before, e.after, e.reason, e.hash,
    ) for e in entries)  # fmt: skip
    return csv_bytes(header, rows)


@bp.get("/audit/verify")
@login_required
def verify_chain():
    ensure(permissions.can_verify_audit(current_user))
    result = services.verify()
    status = 200 if result.ok else 409
    problem = services.problem_in_words(result.problem) if result.problem is not None else ""
    return render_template("audit/verify.html", cs=current_commission_session(), result=result, problem=problem,
                           head_hash=services.chain_head()[1]), status  # fmt: skip


@bp.get("/delegations/<code>/history")
@login_required
def delegation_history(code: str):
    delegation = require_delegation(code)
    ensure(permissions.can_read_history_of(current_user, delegation))
    cs = current_commission_session()
    query = services.Query(commission_session_id=cs.id if cs else None, delegation=delegation)
    page = services.page_of(query, request.args.get("page", 1, type=int) or 1)
    return render_template("audit/history.html", cs=cs, page=page, link_args={"code": delegation.code},
                           title=_("History of %(name)s's records", name=delegation.shown_name))  # fmt: skip


@bp.get("/audit/records/<kind>/<int:record_id>")
@login_required
def record_history(kind: str, record_id: int):
    ensure(permissions.can_read_audit(current_user))
    cs = current_commission_session()
    entries = services.history_of(kind, record_id)
    if not entries:
        abort(404)
    page = services.Page(entries, 1, max(1, len(entries)), len(entries))
    return render_template("audit/history.html", cs=cs, page=page, link_args={"kind": kind, "record_id": record_id},
                           title=_("History of %(record)s", record=entries[-1].record_label))  # fmt: skip
