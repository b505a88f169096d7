from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from meetings.auth.models import PASSWORD_MIN_LENGTH
from meetings.i18n.languages import LANGUAGES

LONG_ENOUGH = Length(min=PASSWORD_MIN_LENGTH, max=200, message=f"Use at least {PASSWORD_MIN_LENGTH} characters.")


class LoginForm(FlaskForm):
    username = StringField("User name", validators=[DataRequired(), Length(max=80)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])
    submit = SubmitField("Log in")


class TokenForm(FlaskForm):
    label = StringField("Label", validators=[DataRequired(), Length(max=80)], description="What the token is for")
    submit = SubmitField("Create token")


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        "Current password",
        validators=[DataRequired(), Length(max=200)],
        description="After a one-time password from the secretariat, type that one here.",
    )
    new_password = PasswordField(
        "New password",
        validators=[DataRequired(), LONG_ENOUGH],
        description=f"At least {PASSWORD_MIN_LENGTH} characters.",
    )
    new_password_again = PasswordField(
        "New password again",
        validators=[DataRequired(), EqualTo("new_password", message="The two new passwords are not the same.")],
    )
    submit = SubmitField("Change my password")


class RevokeTokenForm(FlaskForm):
    """A revoke button: no fields, but its CSRF token."""

    submit = SubmitField("Revoke")


class LanguageForm(FlaskForm):
    """The language switch on every page: each language named in itself."""

    language = SelectField("Language", choices=list(LANGUAGES.items()), validators=[DataRequired()])
    next = HiddenField()
    submit = SubmitField("Change")
