from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from meetings.auth.models import Role
from meetings.delegations.models import DelegationKind

CODE = Regexp(r"^[A-Za-z0-9-]{2,16}$", message=_l("Use 2 to 16 letters, digits or hyphens, e.g. UNODC or WHO."))


class DelegationForm(FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(), CODE])
    name = StringField(_l("Name (English short form)"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind"), choices=[(k.value, k.label) for k in DelegationKind])
    regional_group = SelectField(_l("Regional group (Member States only)"), choices=[], validate_choice=True)
    name_ar = StringField(_l("Name in Arabic"), validators=[Optional(), Length(max=200)])
    name_zh = StringField(_l("Name in Chinese"), validators=[Optional(), Length(max=200)])
    name_fr = StringField(_l("Name in French"), validators=[Optional(), Length(max=200)])
    name_ru = StringField(_l("Name in Russian"), validators=[Optional(), Length(max=200)])
    name_es = StringField(_l("Name in Spanish"), validators=[Optional(), Length(max=200)])
    submit = SubmitField(_l("Register the delegation"))


class UserForm(FlaskForm):
    username = StringField(
        _l("User name"),
        validators=[
            DataRequired(),
            Regexp(r"^[a-z0-9._-]{3,80}$", message=_l("Use 3 to 80 lower-case letters, digits, dots, hyphens.")),
        ],
    )
    full_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    role = SelectField(_l("Role"), choices=[(r.value, r.choice_label) for r in Role])
    delegation = StringField(_l("Delegation code (delegation users)"), validators=[Optional(), CODE])
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(),
            Length(min=10, max=200, message=_l("Use at least %(count)d characters.", count=10)),
        ],
    )
    submit = SubmitField(_l("Create the user"))


class AccountStateForm(FlaskForm):
    """Disable or enable a user; the reason goes to the record."""

    reason = TextAreaField(_l("Why (kept in the record)"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Confirm"))


class OneTimePasswordForm(FlaskForm):
    """Set a one-time password: a button, the password is made by the server."""

    submit = SubmitField(_l("Set a one-time password"))
