"""The forms of bilateral rooms, for pages and the JSON API alike."""

from datetime import datetime

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from meetings.bilaterals.rules import parse_periods
from meetings.i18n.words import _, _l

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]


class PeriodsField(TextAreaField):
    """Periods of days, one a line ("2024-03-14 09:00-18:00"); the API may also send a list of strings."""

    def process_formdata(self, valuelist):
        self.raw_text = "\n".join(v for v in valuelist if v) if valuelist else ""
        self.data, self.parse_errors = parse_periods(self.raw_text)
        if len(self.raw_text) > 4000:
            self.parse_errors = [_("Give at most a few dozen periods.")]

    def process_data(self, value):
        self.data = list(value or [])
        self.raw_text = "\n".join(p.text() for p in self.data)
        self.parse_errors = []

    def pre_validate(self, form):
        if self.parse_errors:
            raise ValidationError(" ".join(self.parse_errors))

    def _value(self) -> str:
        return self.raw_text


class GridForm(FlaskForm):
    slot_minutes = IntegerField(_l("Length of a slot (minutes)"), validators=[
        InputRequired(message=_l("Give the length of a slot.")),
        NumberRange(min=5, max=240, message=_l("A slot lasts between 5 and 240 minutes."))])  # fmt: skip
    periods = PeriodsField(_l("Periods (local time, one a line)"),
                           description=_l("For example 2024-03-14 09:00-18:00; each is cut into slots."))  # fmt: skip
    booking_opens = DateTimeLocalField(_l("Booking opens (local time)"), format=DATETIME_FORMATS,
                                       validators=[InputRequired(message=_l("Say when booking opens."))])  # fmt: skip
    daily_cap = IntegerField(_l("Meetings a delegation may book a day"), validators=[
        InputRequired(message=_l("Give the number of meetings a day.")),
        NumberRange(min=1, max=50, message=_l("Give a number between 1 and 50."))])  # fmt: skip
    needs_high_level = BooleanField(_l("Only delegations whose high-level registration is approved may book"))
    submit = SubmitField(_l("Save the grid"))


class RoomsForm(FlaskForm):
    room_ids = SelectMultipleField(_l("Bilateral rooms"), coerce=int, validate_choice=False,
                                   widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())  # fmt: skip
    new_rooms = TextAreaField(_l("New rooms (one a line)"), validators=[Length(max=2000)],
                              description=_l("Added to the session's rooms and set aside for bilateral meetings."))  # fmt: skip
    submit = SubmitField(_l("Save the rooms"))

    def new_room_names(self) -> list[str]:
        return [line.strip()[:120] for line in (self.new_rooms.data or "").splitlines() if line.strip()]


class SlotField(SelectField):
    """A slot of the grid by its local start, 2024-03-14T09:30: a list on the page, a string in the API.

    Any value is taken here; the service says why one is not a slot of the grid.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, validate_choice=False, **kwargs)

    def process_formdata(self, valuelist):
        self.data = valuelist[0].strip() if valuelist else ""

    def pre_validate(self, form):
        if self.data and self.local() is None:
            raise ValidationError(_("Give the slot's start as 2024-03-14T09:30."))

    def local(self) -> datetime | None:
        for fmt in DATETIME_FORMATS:
            try:
                return datetime.strptime(self.data or "", fmt)
            except ValueError:
                continue
        return None


class BookingForm(FlaskForm):
    room_id = SelectField(_l("Room"), coerce=int, validate_choice=False,
                          validators=[InputRequired(message=_l("Choose a room."))])  # fmt: skip
    starts_at = SlotField(_l("Slot (local time)"), validators=[InputRequired(message=_l("Choose a slot."))])
    counterpart = SelectField(_l("With the delegation"), validate_choice=False, validators=[Optional()])
    organization = StringField(_l("Or with an organization"), validators=[Length(max=200)],
                               description=_l("Its name, when the meeting is not with a delegation."))  # fmt: skip
    note = StringField(_l("Note for both delegations (optional)"), validators=[Length(max=300)])
    delegation = SelectField(_l("Booked by"), validate_choice=False, validators=[Optional()])
    submission_key = HiddenField(validators=[Optional(), Length(max=64)])
    submit = SubmitField(_l("Book the slot"))


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Reason (optional; both delegations see it)"), validators=[Length(max=2000)])
    next = HiddenField()  # the page the form was sent from, if it is ours (webforms.safe_next)
    submit = SubmitField(_l("Confirm"))


class ConfirmForm(FlaskForm):
    next = HiddenField()  # the page the form was sent from, if it is ours (webforms.safe_next)
    submit = SubmitField(_l("Confirm the meeting"))


class DeclineForm(ReasonForm):
    submit = SubmitField(_l("Decline the meeting"))


class CancelForm(ReasonForm):
    submit = SubmitField(_l("Cancel the meeting"))
