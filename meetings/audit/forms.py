from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField
from wtforms.validators import Length, NumberRange, Optional

from meetings.audit import services
from meetings.delegations.services import delegation_by_code

FEATURES = [
    ("", _l("Every feature")),
    ("programme", _l("Session set-up")),
    ("delegations", _l("Delegations and users")),
    ("auth", _l("API tokens")),
    ("debate", _l("General debate")),
    ("floor", _l("The floor")),
    ("side_events", _l("Side events")),
    ("roundtables", _l("Roundtables")),
    ("registration", _l("Registration")),
    ("bilaterals", _l("Bilateral meetings")),
    ("calendars", _l("Calendar addresses")),
    ("publication", _l("Publication")),
    ("report", _l("Session report")),
]


class AuditFilterForm(FlaskForm):
    """The filters of the log, read from the query string (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    feature = SelectField(_l("Feature"), choices=FEATURES, default="", validators=[Optional()])
    delegation = StringField(_l("Delegation (code)"), validators=[Optional(), Length(max=16)])
    actor = StringField(_l("Who (name contains)"), validators=[Optional(), Length(max=200)])
    since = DateField(_l("From (day)"), validators=[Optional()])
    until = DateField(_l("To (day)"), validators=[Optional()])
    page = IntegerField(_l("Page"), default=1, validators=[Optional(), NumberRange(min=1, max=100_000)])


def filtered_query(args, cs) -> tuple[AuditFilterForm, services.Query | None]:
    """The filters of a query string and the query they describe; no query when a filter is wrong
    (the form then names it, an unknown delegation code included)."""
    form = AuditFilterForm(args)
    valid = form.validate()
    delegation = None
    if form.delegation.data:
        delegation = delegation_by_code(form.delegation.data.strip())
        if delegation is None:
            code = form.delegation.data.strip().upper()
            form.delegation.errors = [_("There is no delegation with the code %(code)s.", code=code)]
    if not valid or form.errors:
        return form, None
    return form, services.Query(
        commission_session_id=cs.id if cs else None, feature=form.feature.data or None, delegation=delegation,
        actor=(form.actor.data or "").strip() or None, since=form.since.data, until=form.until.data,
        tz=cs.timezone if cs else "UTC",
    )  # fmt: skip
