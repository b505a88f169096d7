from flask_wtf import FlaskForm
from wtforms import SubmitField

from meetings.i18n.words import _l


class PublishForm(FlaskForm):
    """Publish the working state as the next version: no fields but the CSRF token."""

    submit = SubmitField(_l("Publish this version"))
