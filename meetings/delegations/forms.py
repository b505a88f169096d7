from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from meetings.auth.models import Role
from meetings.delegations.models import DelegationKind

CODE = Regexp(r"^[A-Za-z0-9-]{2,16}$", message="Use 2 to 16 letters, digits or hyphens, e.g. UNODC or WHO.")


class DelegationForm(FlaskForm):
    code = StringField("Code", validators=[DataRequired(), CODE])
    name = StringField("Name (English short form)", validators=[DataRequired(), Length(max=200)])
    kind = SelectField("Kind", choices=[(k.value, k.label) for k in DelegationKind])
    regional_group = SelectField("Regional group (Member States only)", choices=[], validate_choice=True)
    name_ar = StringField("Name in Arabic", validators=[Optional(), Length(max=200)])
    name_zh = StringField("Name in Chinese", validators=[Optional(), Length(max=200)])
    name_fr = StringField("Name in French", validators=[Optional(), Length(max=200)])
    name_ru = StringField("Name in Russian", validators=[Optional(), Length(max=200)])
    name_es = StringField("Name in Spanish", validators=[Optional(), Length(max=200)])
    submit = SubmitField("Register the delegation")


class UserForm(FlaskForm):
    username = StringField(
        "User name",
        validators=[
            DataRequired(),
            Regexp(r"^[a-z0-9._-]{3,80}$", message="Use 3 to 80 lower-case letters, digits, dots, hyphens."),
        ],
    )
    full_name = StringField("Full name", validators=[DataRequired(), Length(max=200)])
    role = SelectField("Role", choices=[(r.value, r.value.capitalize()) for r in Role])
    delegation = StringField("Delegation code (delegation users)", validators=[Optional(), CODE])
    password = PasswordField(
        "Password", validators=[DataRequired(), Length(min=10, max=200, message="Use at least 10 characters.")]
    )
    submit = SubmitField("Create the user")


class AccountStateForm(FlaskForm):
    """Disable or enable a user; the reason goes to the record."""

    reason = TextAreaField("Why (kept in the record)", validators=[Optional(), Length(max=500)])
    submit = SubmitField("Confirm")


class OneTimePasswordForm(FlaskForm):
    """Set a one-time password: a button, the password is made by the server."""

    submit = SubmitField("Set a one-time password")
