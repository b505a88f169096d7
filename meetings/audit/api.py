"""The audit log through /api/v1: the same filters as the page; a delegation sees its own records only."""

from flask import jsonify, request
from flask_babel import gettext as _

from meetings.api import ApiError, ApiRoutes, api_user
from meetings.api.schemas import AUDIT_ENTRY, BOOL, INT, STR, arr, maybe, obj
from meetings.audit import permissions, services
from meetings.audit.forms import filtered_query
from meetings.programme.services import current_commission_session

routes = ApiRoutes()
PER_PAGE = 100


@routes.route("/audit", response=obj(page=INT, pages=INT, total=INT, entries=arr(AUDIT_ENTRY)), summary="Audit entries, newest first (feature, delegation, actor, since, until, page); "
              "a delegation's token sees only the entries about its own records")  # fmt: skip
def get_audit():
    user = api_user()
    form, query = filtered_query(request.args, current_commission_session())
    if query is None:
        raise ApiError(_("Some filters are not valid."), 422, form.errors)
    if not permissions.can_read_audit(user):
        own = getattr(user, "delegation", None)
        if own is None or not permissions.can_read_history_of(user, own):
            raise ApiError(_("Only the secretariat reads the audit log; a delegation reads its own history."), 403)
        if query.delegation is not None and query.delegation.id != own.id:
            raise ApiError(_("You can read the history of %(name)s only.", name=own.shown_name), 403)
        query.delegation = own
    page = services.page_of(query, form.page.data or 1, PER_PAGE)
    return jsonify({"page": page.number, "pages": page.pages, "total": page.total,
                    "entries": [services.entry_as_dict(e) for e in page.entries]})  # fmt: skip


@routes.route("/audit/verify", response=obj(intact=BOOL, checked=INT, head=obj(seq=maybe(INT), hash=maybe(STR)), first_break=maybe(obj(seq=INT, id=maybe(INT), problem=STR))), summary="Recompute the audit log's hash chain; the first entry that does not match",
              allow=permissions.can_verify_audit)  # fmt: skip
def get_audit_verification():
    result = services.verify()
    seq, head = services.chain_head()
    problem = result.problem
    return jsonify({"intact": result.ok, "checked": result.checked, "head": {"seq": seq, "hash": head},
                    "first_break": None if problem is None else {"seq": problem.seq, "id": problem.entry_id,
                                                                  "problem": services.problem_in_words(problem)}})  # fmt: skip
