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

from meetings.i18n.words import _, _l
from meetings.side_events.models import SideEventFormat, SideEventKind
from meetings.side_events.rules import parse_preferred_times
from meetings.webforms import MeetingLink


class PreferredTimesField(TextAreaField):
    """Local times, one a line ('2024-03-14 13:15'); the API may also send a list of strings."""

    def process_formdata(self, valuelist):
        self.raw_text = "\n".join(v for v in valuelist if v) if valuelist else ""
        self.data, self.parse_errors = parse_preferred_times(self.raw_text)
        if len(self.raw_text) > 2000:
            self.parse_errors = [_("Give at most a few preferred times.")]

    def process_data(self, value):
        self.data = list(value or [])
        self.raw_text = "\n".join(t.strftime("%Y-%m-%d %H:%M") for t in self.data)
        self.parse_errors = []

    def pre_validate(self, form):
        if self.parse_errors:
            raise ValidationError(" ".join(self.parse_errors))
        if len(self.data) > 10:
            raise ValidationError(_("Give at most %(count)d preferred times.", count=10))

    def _value(self) -> str:
        return self.raw_text


def _optional_email(form, field) -> None:
    if field.data:
        Email(message=_("Give a valid e-mail address, such as name@mission.org."), check_deliverability=False)(
            form, field
        )


class ApplicationForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=[(SideEventKind.high_level.value, _l("High-level side event")),
                                            (SideEventKind.regular.value, _l("Regular side event"))],
                       default=SideEventKind.high_level.value)  # fmt: skip
    title = StringField(_l("Title"), validators=[Length(max=200)])
    partners = TextAreaField(_l("Partners (UN entities, other intergovernmental bodies; one a line)"),
                             validators=[Length(max=2000)])  # fmt: skip
    format = SelectField(_l("Format"), choices=[("", "—"), (SideEventFormat.in_person.value, _l("In person")),
                                                (SideEventFormat.virtual.value, _l("Virtual"))],
                         validators=[Optional()])  # fmt: skip
    contact_name = StringField(_l("Contact person"), validators=[Length(max=200)])
    contact_email = StringField(_l("Contact e-mail"), validators=[Length(max=254), _optional_email])
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)])
    duration_minutes = IntegerField(_l("Duration (minutes)"), validators=[Optional(), NumberRange(min=1, max=480)])
    preferred_times = PreferredTimesField(
        _l("Preferred times (local time, one a line, first choice first)"),
        description=_l("For example 2024-03-14 13:15"),
    )
    submission_key = HiddenField(validators=[Optional(), Length(max=64)])
    save = SubmitField(_l("Save the draft"))
    submit = SubmitField(_l("Submit the application"))

    def values(self) -> dict:
        return {name: getattr(self, name).data for name in (
            "kind", "title", "partners", "format", "contact_name", "contact_email", "description",
            "duration_minutes", "preferred_times")}  # fmt: skip


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), validators=[Length(max=2000)])
    submit = SubmitField(_l("Confirm"))


class WithdrawForm(ReasonForm):
    submit = SubmitField(_l("Withdraw the application"))


class RejectForm(ReasonForm):
    reason = TextAreaField(_l("Reason (the organizer sees it)"), validators=[Length(max=2000)])
    submit = SubmitField(_l("Reject the application"))


class ScheduleForm(FlaskForm):
    day = DateField(_l("Day"), validators=[InputRequired(message=_l("Give the day."))])
    start = TimeField(_l("Starts (local time)"), validators=[InputRequired(message=_l("Give the start time."))])
    room_id = SelectField(_l("Room"), coerce=int, validate_choice=True)
    submit = SubmitField(_l("Set the time and room"))


class MeetingLinkForm(FlaskForm):
    meeting_link = StringField(
        _l("Meeting link"), validators=[Optional(), Length(max=500), MeetingLink()],
        description=_l("For the delegations registered for the session only; never shown on public pages or in calendars."),
    )  # fmt: skip
    submit = SubmitField(_l("Save the meeting link"))
