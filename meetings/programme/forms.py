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
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, NumberRange, Optional

from meetings.i18n.languages import DEFAULT, LANGUAGES
from meetings.i18n.words import _l, language_name
from meetings.programme.models import BlockKind

MINUTES = [InputRequired(), NumberRange(min=0.5, max=60, message=_l("Give a number of minutes between 0.5 and 60."))]
OPTIONAL_MINUTES = [Optional(), MINUTES[1]]
NGO_CAP = NumberRange(min=0, max=50, message=_l("Give a number between 0 and 50."))
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
TIME_FORMATS = ["%H:%M", "%H:%M:%S"]


class RulesForm(FlaskForm):
    gd_slot_count = IntegerField(
        _l("General-debate slots"),
        validators=[
            InputRequired(),
            NumberRange(min=1, max=1000, message=_l("Give a number of slots between 1 and 1000.")),
        ],
    )
    gd_limit_national_min = DecimalField(_l("National statement (minutes)"), places=1, validators=MINUTES)
    gd_limit_group_min = DecimalField(_l("Statement on behalf of a group (minutes)"), places=1, validators=MINUTES)
    changeover_s = IntegerField(
        _l("Changeover between speakers (seconds)"),
        validators=[InputRequired(), NumberRange(min=0, max=600, message=_l("Give between 0 and 600 seconds."))],
    )
    gd_ngo_max = IntegerField(
        _l("NGO speakers in the general debate"), validators=[InputRequired(), NumberRange(min=0, max=50)]
    )
    gd_inscription_closes = DateTimeLocalField(
        _l("Inscription closes (local time)"), format=DATETIME_FORMATS, validators=[Optional()]
    )
    gd_draw_date = DateField(_l("Drawing of lots"), validators=[Optional()])
    rt_limit_panelist_min = DecimalField(_l("Roundtable panelist (minutes)"), places=1, validators=MINUTES)
    rt_limit_floor_min = DecimalField(_l("Roundtable speaker from the floor (minutes)"), places=1, validators=MINUTES)
    rt_ngo_max = IntegerField(
        _l("NGO participants per roundtable"), validators=[InputRequired(), NumberRange(min=0, max=50)]
    )
    # Numbers added after the API's first clients: left out of a request, each keeps its value.
    rt_ngo_panelists_max = IntegerField(
        _l("Of which NGO panelists at most"), validators=[Optional(), NGO_CAP], description=_l("1 in the briefing")
    )
    rt_ngo_floor_max = IntegerField(
        _l("Of which NGO speakers from the floor at most"),
        validators=[Optional(), NGO_CAP],
        description=_l("3 in the briefing"),
    )
    rt_groups_distinct_across = BooleanField(
        _l("A regional group co-chairs one roundtable at most (across all roundtables)")
    )
    cochairs_per_roundtable = IntegerField(
        _l("Co-chairs per roundtable"), validators=[InputRequired(), NumberRange(min=1, max=5)]
    )
    nominations_close = DateTimeLocalField(
        _l("Co-chair nominations close (local time)"), format=DATETIME_FORMATS, validators=[Optional()]
    )
    hl_window_opens = DateTimeLocalField(
        _l("High-level side-event applications open (local time)"),
        format=DATETIME_FORMATS,
        validators=[InputRequired()],
    )
    hl_window_closes = DateTimeLocalField(
        _l("Applications close (local time)"), format=DATETIME_FORMATS, validators=[InputRequired()]
    )
    hl_cap_total = IntegerField(
        _l("High-level side events accepted at most"), validators=[InputRequired(), NumberRange(min=1, max=200)]
    )
    hl_cap_per_organizer = IntegerField(
        _l("At most per organizer"), validators=[InputRequired(), NumberRange(min=1, max=50)]
    )
    se_max_minutes = IntegerField(
        _l("Longest side event (minutes)"), validators=[InputRequired(), NumberRange(min=15, max=480)]
    )
    se_period_start = DateField(_l("Side events from"), validators=[Optional()])
    se_period_end = DateField(_l("Side events until"), validators=[Optional()])
    se_day_starts = TimeField(
        _l("Side events start each day from (local time)"),
        format=TIME_FORMATS,
        validators=[InputRequired(message=_l("Give the time of day from which side events may start."))],
    )
    se_day_ends = TimeField(
        _l("Side events end each day by (local time)"),
        format=TIME_FORMATS,
        validators=[InputRequired(message=_l("Give the time of day by which side events must end."))],
    )
    floor_point_of_order_min = DecimalField(
        _l("Point of order (minutes)"),
        places=1,
        validators=OPTIONAL_MINUTES,
        description=_l("Its own timer; the interrupted speech keeps its time"),
    )
    floor_reply_first_min = DecimalField(_l("First right of reply (minutes)"), places=1, validators=OPTIONAL_MINUTES)
    floor_reply_second_min = DecimalField(_l("Second right of reply (minutes)"), places=1, validators=OPTIONAL_MINUTES)
    floor_replies_max = IntegerField(
        _l("Rights of reply per delegation and meeting"),
        validators=[Optional(), NumberRange(min=0, max=10, message=_l("Give a number between 0 and 10."))],
        description=_l("Heard at the end of the meeting; 0: none"),
    )
    submit = SubmitField(_l("Save the rules"))


class BlockForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind"), choices=[(k.value, k.label) for k in BlockKind])
    day = DateField(_l("Day"), validators=[InputRequired(message=_l("Give the day."))])
    start = TimeField(_l("Starts"), validators=[InputRequired(message=_l("Give the start time."))])
    end = TimeField(_l("Ends"), validators=[InputRequired(message=_l("Give the end time."))])
    room_id = SelectField(_l("Room"), coerce=int, validate_choice=True)
    open_ended = BooleanField(_l("Runs until the list is exhausted"))
    submit = SubmitField(_l("Save the block"))


class CancelBlockForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason for the cancellation"),
        validators=[DataRequired(message=_l("Give the reason for the cancellation.")), Length(max=1000)],
        description=_l("Delegations read it on the session page and in their calendars."),
    )
    submit = SubmitField(_l("Cancel the meeting"))


class RoomForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    capacity = IntegerField(_l("Seats"), validators=[Optional(), NumberRange(min=1, max=10000)])
    projector_language = SelectField(
        _l("Language of the projector"),
        choices=lambda: [(code, language_name(code)) for code in LANGUAGES],  # named in the reader's language
        default=DEFAULT,
        validate_choice=False,  # AnyOf below says what is wrong in words, not "Not a valid choice"
        validators=[
            Optional(),
            AnyOf(list(LANGUAGES), message=_l("Choose one of the six languages: ar, zh, en, fr, ru or es.")),
        ],
        description=_l("The language in which the room's projector shows its texts (names stay as written)."),
    )
    submit = SubmitField(_l("Add the room"))


class RoomChangeForm(RoomForm):
    """The same fields, to change a room."""

    submit = SubmitField(_l("Save the room"))


class SessionForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    venue = StringField(_l("Venue"), validators=[DataRequired(), Length(max=200)])
    timezone = StringField(
        _l("Time zone"), validators=[DataRequired(), Length(max=64)], description=_l("For example Europe/Vienna")
    )
    hl_start = DateField(_l("High-level segment from"), validators=[InputRequired(message=_l("Give the first day."))])
    hl_end = DateField(_l("High-level segment until"), validators=[InputRequired(message=_l("Give the last day."))])
    regular_start = DateField(_l("Regular segment from"), validators=[InputRequired(message=_l("Give the first day."))])
    regular_end = DateField(_l("Regular segment until"), validators=[InputRequired(message=_l("Give the last day."))])
    submit = SubmitField(_l("Save the session"))
