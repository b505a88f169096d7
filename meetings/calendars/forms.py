from flask_wtf import FlaskForm
from wtforms import HiddenField, SubmitField

from meetings.i18n.words import _l


class RenewAddressForm(FlaskForm):
    """Renew a secret calendar address: no fields, but its CSRF token and the page to return to."""

    next = HiddenField()
    submit = SubmitField(_l("Renew the address"))


class RevokeAddressForm(FlaskForm):
    """Revoke a secret calendar address: no fields, but its CSRF token and the page to return to."""

    next = HiddenField()
    submit = SubmitField(_l("Revoke the address"))
