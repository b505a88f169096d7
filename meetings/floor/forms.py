from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from meetings.floor.models import TurnRole
from meetings.floor.services import ACTIONS

LIMIT = NumberRange(min=1, max=3600, message="Give a limit between 1 and 3600 seconds.")


class ActionForm(FlaskForm):
    """A chair's action; `version` is the floor as the chair's screen showed it."""

    action = SelectField("Action", choices=[(a, a) for a in ACTIONS], validators=[InputRequired()])
    version = IntegerField("Version seen", validators=[InputRequired(), NumberRange(min=0)])
    turn_id = IntegerField("Speaker (turn)", validators=[Optional()])


class TurnForm(FlaskForm):
    delegation = StringField("Delegation code", validators=[Optional(), Length(max=16)],
                             description="e.g. AUT; empty for a speaker without a delegation")  # fmt: skip
    speaker_name = StringField("Speaker", validators=[Optional(), Length(max=200)])
    speaker_title = StringField("Title", validators=[Optional(), Length(max=200)])
    role = SelectField("Role", choices=[(r.value, r.label) for r in TurnRole], validators=[InputRequired()])
    limit_s = IntegerField("Limit (seconds)", validators=[Optional(), LIMIT],
                           description="Empty: the session's limit for the role")  # fmt: skip
    submit = SubmitField("Add to the list")


class LimitForm(FlaskForm):
    limit_s = IntegerField("Limit (seconds)", validators=[InputRequired(), LIMIT])


class RequestForm(FlaskForm):
    delegation = StringField("Delegation code", validators=[Optional(), Length(max=16)],
                             description="For the chair: the delegation that raised its nameplate")  # fmt: skip
    speaker_name = StringField("Speaker", validators=[Optional(), Length(max=200)])


class EmptyForm(FlaskForm):
    """A button: CSRF only."""

    confirm = HiddenField()
