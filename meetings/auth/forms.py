from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from meetings.auth.models import PASSWORD_MIN_LENGTH
from meetings.i18n.languages import LANGUAGES
from meetings.i18n.words import lazy_pgettext

LONG_ENOUGH = Length(min=PASSWORD_MIN_LENGTH, max=200,
                     message=_l("Use at least %(count)d characters.", count=PASSWORD_MIN_LENGTH))  # fmt: skip


class LoginForm(FlaskForm):
    username = StringField(_l("User name"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Log in"))


class TokenForm(FlaskForm):
    label = StringField(_l("Label"), validators=[DataRequired(), Length(max=80)],
                        description=_l("What the token is for"))  # fmt: skip
    submit = SubmitField(_l("Create token"))


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("After a one-time password from the secretariat, type that one here."),
    )
    new_password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), LONG_ENOUGH],
        description=_l("At least %(count)d characters.", count=PASSWORD_MIN_LENGTH),
    )
    new_password_again = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The two new passwords are not the same."))],
    )
    submit = SubmitField(_l("Change my password"))


class RevokeTokenForm(FlaskForm):
    """A revoke button: no fields, but its CSRF token."""

    submit = SubmitField(_l("Revoke"))


class LanguageForm(FlaskForm):
    """The language switch on every page: each language named in itself."""

    language = SelectField(_l("Language"), choices=list(LANGUAGES.items()), validators=[DataRequired()])
    next = HiddenField()
    submit = SubmitField(lazy_pgettext("apply the language chosen", "Change"))
