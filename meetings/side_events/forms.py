"""The application form (HTML and JSON alike), and the secretariat's forms.

Every field is optional here so that a draft can be saved incomplete; what a submission needs
is decided by rules.missing_fields in the service, which names what is missing.
"""

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
    ValidationError,
)
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional

from meetings.side_events.models import SideEventFormat, SideEventKind
from meetings.side_events.rules import parse_preferred_times


class PreferredTimesField(TextAreaField):
    """Local times, one a line ('2024-03-14 13:15'); the API may also send a list of strings."""

    def process_formdata(self, valuelist):
        self.raw_text = "\n".join(v for v in valuelist if v) if valuelist else ""
        self.data, self.parse_errors = parse_preferred_times(self.raw_text)
        if len(self.raw_text) > 2000:
            self.parse_errors = ["Give at most a few preferred times."]

    def process_data(self, value):
        self.data = list(value or [])
        self.raw_text = "\n".join(t.strftime("%Y-%m-%d %H:%M") for t in self.data)
        self.parse_errors = []

    def pre_validate(self, form):
        if self.parse_errors:
            raise ValidationError(" ".join(self.parse_errors))
        if len(self.data) > 10:
            raise ValidationError("Give at most 10 preferred times.")

    def _value(self) -> str:
        return self.raw_text


def _optional_email(form, field) -> None:
    if field.data:
        Email(message="Give a valid e-mail address, such as name@mission.org.", check_deliverability=False)(form, field)


class ApplicationForm(FlaskForm):
    kind = SelectField("Kind", choices=[(k.value, f"{k.label} side event") for k in SideEventKind],
                       default=SideEventKind.high_level.value)  # fmt: skip
    title = StringField("Title", validators=[Length(max=200)])
    partners = TextAreaField("Partners (UN entities, other intergovernmental bodies; one a line)",
                             validators=[Length(max=2000)])  # fmt: skip
    format = SelectField("Format", choices=[("", "—")] + [(f.value, f.label) for f in SideEventFormat],
                         validators=[Optional()])  # fmt: skip
    contact_name = StringField("Contact person", validators=[Length(max=200)])
    contact_email = StringField("Contact e-mail", validators=[Length(max=254), _optional_email])
    description = TextAreaField("Description", validators=[Length(max=5000)])
    duration_minutes = IntegerField("Duration (minutes)", validators=[Optional(), NumberRange(min=1, max=480)])
    preferred_times = PreferredTimesField(
        "Preferred times (local time, one a line, first choice first)",
        description="For example 2024-03-14 13:15",
    )
    submission_key = HiddenField(validators=[Optional(), Length(max=64)])
    save = SubmitField("Save the draft")
    submit = SubmitField("Submit the application")

    def values(self) -> dict:
        return {name: getattr(self, name).data for name in (
            "kind", "title", "partners", "format", "contact_name", "contact_email", "description",
            "duration_minutes", "preferred_times")}  # fmt: skip


class ReasonForm(FlaskForm):
    reason = TextAreaField("Reason", validators=[Length(max=2000)])
    submit = SubmitField("Confirm")


class WithdrawForm(ReasonForm):
    submit = SubmitField("Withdraw the application")


class RejectForm(ReasonForm):
    reason = TextAreaField("Reason (the organizer sees it)", validators=[Length(max=2000)])
    submit = SubmitField("Reject the application")


class ScheduleForm(FlaskForm):
    day = DateField("Day", validators=[InputRequired(message="Give the day.")])
    start = TimeField("Starts (local time)", validators=[InputRequired(message="Give the start time.")])
    room_id = SelectField("Room", coerce=int, validate_choice=True)
    submit = SubmitField("Set the time and room")
