from flask_wtf import FlaskForm
from wtforms import SelectField, SubmitField
from wtforms.validators import DataRequired

from meetings.i18n.languages import LANGUAGES
from meetings.i18n.words import _l


class FinalForm(FlaskForm):
    """Make the next final version of the session report, signed, in one of the six languages."""

    language = SelectField(_l("Language of the report"), choices=list(LANGUAGES.items()), default="en",
                           validators=[DataRequired()])  # fmt: skip
    submit = SubmitField(_l("Make a final version"))
