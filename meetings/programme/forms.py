from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    DecimalField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from meetings.programme.models import BlockKind

MINUTES = [InputRequired(), NumberRange(min=0.5, max=60, message="Give a number of minutes between 0.5 and 60.")]
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
TIME_FORMATS = ["%H:%M", "%H:%M:%S"]


class RulesForm(FlaskForm):
    gd_slot_count = IntegerField(
        "General-debate slots",
        validators=[
            InputRequired(),
            NumberRange(min=1, max=1000, message="Give a number of slots between 1 and 1000."),
        ],
    )
    gd_limit_national_min = DecimalField("National statement (minutes)", places=1, validators=MINUTES)
    gd_limit_group_min = DecimalField("Statement on behalf of a group (minutes)", places=1, validators=MINUTES)
    changeover_s = IntegerField(
        "Changeover between speakers (seconds)",
        validators=[InputRequired(), NumberRange(min=0, max=600, message="Give between 0 and 600 seconds.")],
    )
    gd_ngo_max = IntegerField(
        "NGO speakers in the general debate", validators=[InputRequired(), NumberRange(min=0, max=50)]
    )
    gd_inscription_closes = DateTimeLocalField(
        "Inscription closes (local time)", format=DATETIME_FORMATS, validators=[Optional()]
    )
    gd_draw_date = DateField("Drawing of lots", validators=[Optional()])
    rt_limit_panelist_min = DecimalField("Roundtable panelist (minutes)", places=1, validators=MINUTES)
    rt_limit_floor_min = DecimalField("Roundtable speaker from the floor (minutes)", places=1, validators=MINUTES)
    rt_ngo_max = IntegerField(
        "NGO participants per roundtable", validators=[InputRequired(), NumberRange(min=0, max=50)]
    )
    cochairs_per_roundtable = IntegerField(
        "Co-chairs per roundtable", validators=[InputRequired(), NumberRange(min=1, max=5)]
    )
    nominations_close = DateTimeLocalField(
        "Co-chair nominations close (local time)", format=DATETIME_FORMATS, validators=[Optional()]
    )
    hl_window_opens = DateTimeLocalField(
        "High-level side-event applications open (local time)", format=DATETIME_FORMATS, validators=[InputRequired()]
    )
    hl_window_closes = DateTimeLocalField(
        "Applications close (local time)", format=DATETIME_FORMATS, validators=[InputRequired()]
    )
    hl_cap_total = IntegerField(
        "High-level side events accepted at most", validators=[InputRequired(), NumberRange(min=1, max=200)]
    )
    hl_cap_per_organizer = IntegerField(
        "At most per organizer", validators=[InputRequired(), NumberRange(min=1, max=50)]
    )
    se_max_minutes = IntegerField(
        "Longest side event (minutes)", validators=[InputRequired(), NumberRange(min=15, max=480)]
    )
    se_period_start = DateField("Side events from", validators=[Optional()])
    se_period_end = DateField("Side events until", validators=[Optional()])
    se_day_starts = TimeField(
        "Side events start each day from (local time)",
        format=TIME_FORMATS,
        validators=[InputRequired(message="Give the time of day from which side events may start.")],
    )
    se_day_ends = TimeField(
        "Side events end each day by (local time)",
        format=TIME_FORMATS,
        validators=[InputRequired(message="Give the time of day by which side events must end.")],
    )
    submit = SubmitField("Save the rules")


class BlockForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=200)])
    kind = SelectField("Kind", choices=[(k.value, k.value.replace("_", " ").capitalize()) for k in BlockKind])
    day = DateField("Day", validators=[InputRequired(message="Give the day.")])
    start = TimeField("Starts", validators=[InputRequired(message="Give the start time.")])
    end = TimeField("Ends", validators=[InputRequired(message="Give the end time.")])
    room_id = SelectField("Room", coerce=int, validate_choice=True)
    open_ended = BooleanField("Runs until the list is exhausted")
    submit = SubmitField("Save the block")


class CancelBlockForm(FlaskForm):
    reason = TextAreaField(
        "Reason for the cancellation",
        validators=[DataRequired(message="Give the reason for the cancellation."), Length(max=1000)],
        description="Delegations read it on the session page and in their calendars.",
    )
    submit = SubmitField("Cancel the meeting")


class RoomForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    capacity = IntegerField("Seats", validators=[Optional(), NumberRange(min=1, max=10000)])
    submit = SubmitField("Add the room")


class SessionForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=200)])
    venue = StringField("Venue", validators=[DataRequired(), Length(max=200)])
    timezone = StringField(
        "Time zone", validators=[DataRequired(), Length(max=64)], description="For example Europe/Vienna"
    )
    hl_start = DateField("High-level segment from", validators=[InputRequired(message="Give the first day.")])
    hl_end = DateField("High-level segment until", validators=[InputRequired(message="Give the last day.")])
    regular_start = DateField("Regular segment from", validators=[InputRequired(message="Give the first day.")])
    regular_end = DateField("Regular segment until", validators=[InputRequired(message="Give the last day.")])
    submit = SubmitField("Save the session")
