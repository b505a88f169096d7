"""The forms of registration, for the pages and (through meetings.api.validated) the JSON API."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from meetings.i18n.words import _l, lazy, pgettext
from meetings.registration.models import Attendance, Segment
from meetings.registration.rules import MAX_FUNCTION, MAX_NAME, MAX_REASON, MAX_TITLE

UNKNOWN_SEGMENT = _l("Choose the segment: high-level, regular or both.")
UNKNOWN_ATTENDANCE = _l("Say whether the participant attends in person or online.")


def _at_most(limit: int) -> Length:
    return Length(max=limit, message=_l("At most %(max)d characters."))


class ParticipantForm(FlaskForm):
    """A participant: who they are, the segment(s) they take part in, in person or online."""

    name = StringField(_l("Name"), validators=[InputRequired(message=_l("Give the participant's name.")),
                                               _at_most(MAX_NAME)],
                       description=_l("As it is to be printed on the badge and the lists, e.g. Karl Nehammer"))  # fmt: skip
    title = StringField(lazy(lambda: pgettext("a person's honorific", "Title")),
                        validators=[Optional(), _at_most(MAX_TITLE)],
                        description=_l("e.g. H.E. Mr., Dr., Ambassador"))  # fmt: skip
    function = StringField(_l("Function"), validators=[Optional(), _at_most(MAX_FUNCTION)],
                           description=_l("e.g. Minister of Health, Permanent Representative"))  # fmt: skip
    head_of_delegation = BooleanField(_l("Head of delegation"))
    segment = SelectField(_l("Segment"), choices=[(s.value, s.label) for s in Segment], validate_choice=False,
                          validators=[InputRequired(message=UNKNOWN_SEGMENT)])  # fmt: skip
    attendance = SelectField(_l("Attendance"), choices=[(a.value, a.label) for a in Attendance],
                             validate_choice=False, validators=[InputRequired(message=UNKNOWN_ATTENDANCE)])  # fmt: skip
    submit = SubmitField(_l("Save the participant"))

    def validate_segment(self, field) -> None:
        if field.data not in Segment.__members__:
            field.errors.append(str(UNKNOWN_SEGMENT))

    def validate_attendance(self, field) -> None:
        if field.data not in Attendance.__members__:
            field.errors.append(str(UNKNOWN_ATTENDANCE))


class NoteVerbaleForm(FlaskForm):
    note_verbale = FileField(_l("Note verbale (PDF, at most 5 MB)"))

    def content(self) -> bytes:
        data = self.note_verbale.data
        return data.read() if data and hasattr(data, "read") else b""


class ReturnForm(FlaskForm):
    """The secretariat returns a registration or a participant, with the reason the delegation reads."""

    reason = TextAreaField(_l("Reason (the delegation reads it)"),
                           validators=[InputRequired(message=_l("Give a reason.")), _at_most(MAX_REASON)])  # fmt: skip


class ReopenForm(FlaskForm):
    reason = StringField(_l("Why (optional)"), validators=[Optional(), _at_most(MAX_REASON)])


class EmptyForm(FlaskForm):
    """A button: CSRF only."""

    confirm = HiddenField()
