import re
import unicodedata

from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, StopValidation, ValidationError
from wtforms.widgets import TextInput

from meetings.delegations.models import Delegation
from meetings.extensions import db
from meetings.floor.models import ROLE_LABELS, TurnRole
from meetings.floor.services import ACTIONS
from meetings.i18n.words import _, _l, lazy, pgettext
from meetings.webforms import MeetingLink

LIMIT = NumberRange(min=1, max=3600, message=_l("Give a limit between 0:01 and 60:00 (minutes:seconds)."))
MMSS = "[0-9]{1,2}:[0-5][0-9]"
_LIMIT_FORMS = (
    (re.compile(r"(\d{1,3}):([0-5]\d)"), lambda m: int(m[1]) * 60 + int(m[2])),
    (re.compile(r"(\d{1,5})\s*(?:s|sec|seconds?)?"), lambda m: int(m[1])),
    (re.compile(r"(\d{1,3})\s*(?:m|min|minutes?)"), lambda m: int(m[1]) * 60),
)


def limit_seconds(text: str) -> int | None:
    """A time limit as people write it: "7:00", "420 s", "7 min"; a bare number is seconds (as
    the API has always sent it). None when it is none of these."""
    text = text.strip().lower()
    return next((to_s(m) for pattern, to_s in _LIMIT_FORMS if (m := pattern.fullmatch(text))), None)


def mmss(seconds: int) -> str:
    m, s = divmod(int(seconds), 60)
    return f"{m}:{s:02d}"


class LimitField(IntegerField):
    """A time limit held in seconds, shown and typed as m:ss (the API may send whole seconds)."""

    widget = TextInput()

    def process_formdata(self, valuelist: list) -> None:
        if not valuelist:
            return
        if not str(valuelist[0]).strip():
            self.data = None
            return
        self.data = limit_seconds(str(valuelist[0]))
        if self.data is None:
            raise ValueError(_("Write the limit as minutes and seconds, e.g. 5:00."))

    def pre_validate(self, form) -> None:
        if self.process_errors:  # unreadable: saying so is enough, no range to check
            raise StopValidation()

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return mmss(self.data) if self.data is not None else ""


def _fold(text: str) -> str:
    """A name as it compares: without accents, case or doubled spaces ("cote d'ivoire")."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def delegation_code_of(text: str) -> str | None:
    """The code of the delegation that a name (in any of its languages) or a code designates."""
    wanted = _fold(text)
    rows = db.session.execute(select(Delegation.code, Delegation.name, Delegation.names)).all()
    by_code = [code for code, _, _ in rows if code.casefold() == wanted]
    by_name = {code for code, name, names in rows if wanted in {_fold(n) for n in (name, *(names or {}).values())}}
    found = by_code or sorted(by_name)
    return found[0] if len(found) == 1 else None


class KnownDelegation:
    """A delegation typed by its name or its code; the field then holds the code the services take."""

    def __call__(self, form, field) -> None:
        if not (field.data or "").strip():
            return
        code = delegation_code_of(field.data)
        if code is None:
            raise ValidationError(
                _(
                    "No delegation has the name or code '%(name)s'; choose a name from the list.",
                    name=field.data.strip(),
                )
            )
        field.data = code


class DelegationField(StringField):
    """A delegation's name with suggestions (the page's <datalist id="delegation-names">)."""

    def __init__(self, label: str | None = None, validators: list | None = None, **kwargs) -> None:
        render_kw = {"list": "delegation-names", "autocomplete": "off", **kwargs.pop("render_kw", {})}
        validators = [Optional(), Length(max=200), KnownDelegation(), *(validators or [])]
        super().__init__(label or _l("Delegation"), validators, render_kw=render_kw, **kwargs)


class ActionForm(FlaskForm):
    """A chair's action; `version` is the floor as the chair's screen showed it."""

    action = SelectField(_l("Action"), choices=[(a, a) for a in ACTIONS], validators=[InputRequired()])
    version = IntegerField(_l("Version seen"), validators=[InputRequired(), NumberRange(min=0)])
    turn_id = IntegerField(_l("Speaker (turn)"), validators=[Optional()])


# A point of order and a right of reply have actions of their own (their limits and places follow the rules).
LISTED_ROLES = [r for r in TurnRole if r not in (TurnRole.point_of_order, TurnRole.right_of_reply)]


class TurnForm(FlaskForm):
    delegation = DelegationField(
        description=_l("Its name (or code), e.g. Austria; empty for a speaker without a delegation")
    )
    speaker_name = StringField(_l("Speaker"), validators=[Optional(), Length(max=200)])
    speaker_title = StringField(lazy(lambda: pgettext("speaker", "Title")), validators=[Optional(), Length(max=200)])
    role = SelectField(lazy(lambda: pgettext("the capacity in which a speaker speaks", "Role")),
                       choices=[(r.value, ROLE_LABELS[r.value]) for r in LISTED_ROLES], validators=[InputRequired()])  # fmt: skip
    limit_s = LimitField(_l("Limit (m:ss)"), validators=[Optional(), LIMIT], render_kw={"placeholder": "5:00"},
                         description=_l("Minutes and seconds, e.g. 5:00; empty: the session's limit for the role"))  # fmt: skip
    submit = SubmitField(_l("Add to the list"))


class LimitForm(FlaskForm):
    limit_s = LimitField(_l("Limit (m:ss)"), validators=[InputRequired(), LIMIT],
                         description=_l("Minutes and seconds, e.g. 5:00 (or whole seconds, e.g. 300)"))  # fmt: skip


class RequestForm(FlaskForm):
    delegation = DelegationField(_l("Nameplate raised by"),
                                 description=_l("For the chair: the name (or code) of the delegation that raised its nameplate"))  # fmt: skip
    speaker_name = StringField(_l("Speaker"), validators=[Optional(), Length(max=200)])
    remote = BooleanField(_l("Speaks remotely"), description=_l("The speaker takes the floor online, not in the room"))
    connection_link = StringField(
        _l("Connection link"), validators=[Optional(), Length(max=500), MeetingLink()],
        description=_l("Seen by the chair and the secretariat only, e.g. https://meet.example.org/cnd67-austria"),
    )  # fmt: skip


class PointOfOrderForm(FlaskForm):
    """The chair gives the floor at once to a delegation raising a point of order."""

    delegation = DelegationField(_l("Point of order raised by"), description=_l("Its name (or code), e.g. Austria"))
    speaker_name = StringField(_l("Speaker"), validators=[Optional(), Length(max=200)])
    version = IntegerField(_l("Version seen"), validators=[Optional(), NumberRange(min=0)])


class ReplyForm(FlaskForm):
    """A right of reply: a delegation asks for its own; the chair names the delegation."""

    delegation = DelegationField(_l("Right of reply for"),
                                 description=_l("For the chair: the name (or code) of the delegation that asks"))  # fmt: skip
    speaker_name = StringField(_l("Speaker"), validators=[Optional(), Length(max=200)])


class DropForm(FlaskForm):
    """The chair drops a request for the floor; the delegation reads the reason on its home page."""

    reason = StringField(_l("Reason (the delegation sees it)"), validators=[Optional(), Length(max=500)])


class EmptyForm(FlaskForm):
    """A button: CSRF only."""

    confirm = HiddenField()
