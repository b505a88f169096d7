"""The forms of roundtables and nominations, for the pages and (through meetings.api.validated) the JSON API."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from meetings.i18n.words import _l, lazy, pgettext


class RoundtableForm(FlaskForm):
    """The secretariat puts a roundtable on one of the session's roundtable meetings."""

    # The service says why a meeting cannot hold a roundtable (taken, cancelled, not a roundtable meeting).
    block_id = SelectField(_l("Meeting"), coerce=int, validators=[InputRequired()], validate_choice=False,
                           description=_l("A roundtable meeting of the session's programme: its day, time and room"))  # fmt: skip
    number = IntegerField(_l("Number"), validators=[InputRequired(), NumberRange(min=1, max=99)])
    topic = StringField(_l("Topic"), validators=[InputRequired(), Length(max=300)])
    submit = SubmitField(_l("Set up the roundtable"))


class NominationForm(FlaskForm):
    """A co-chair nominated by a delegation, or by a regional group through its chair's delegation."""

    delegation = StringField(_l("Delegation (code)"), validators=[Optional(), Length(max=16)],
                             description=_l("For the secretariat: the code of the nominee's delegation, e.g. AUT"))  # fmt: skip
    nominee_name = StringField(_l("Nominee"), validators=[InputRequired(message=_l("Give the nominee's name.")),
                                                         Length(max=200)],
                               description=_l("As the name is to be printed, e.g. Ms. Anna Gruber"))  # fmt: skip
    nominee_title = StringField(lazy(lambda: pgettext("speaker", "Title")), validators=[Optional(), Length(max=200)],
                                description=_l("e.g. Ambassador, Permanent Representative"))  # fmt: skip
    on_behalf_of_group = BooleanField(_l("On behalf of our regional group (as the group's chair)"))
    # A user name; the service checks that it is one of the delegation's active accounts.
    account = SelectField(_l("Account of the co-chair"), validators=[Optional(), Length(max=80)],
                          validate_choice=False,
                          description=_l("The user who will run the roundtable's console once confirmed"))  # fmt: skip
    submit = SubmitField(_l("Nominate"))


class DecisionForm(FlaskForm):
    """Confirm (no field but the button) or decline a nomination, with the reason the delegation reads."""

    reason = TextAreaField(_l("Reason (the delegation reads it)"), validators=[Optional(), Length(max=1000)])


class WithdrawNominationForm(FlaskForm):
    reason = StringField(_l("Reason (optional)"), validators=[Optional(), Length(max=1000)])


class EmptyForm(FlaskForm):
    """A button: CSRF only."""

    confirm = HiddenField()
