"""Forms of the general debate; the JSON API validates its input with the same classes."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from meetings.debate.rules import LEVEL_LABELS
from meetings.i18n.words import _l, lazy, pgettext
from meetings.webforms import MeetingLink

LEVEL_CHOICES = list(LEVEL_LABELS.items())
UNKNOWN_LEVEL = _l("Choose higher_than_ministerial, ministerial or lower_than_ministerial.")
# A person's title (Minister of Health), which other languages name otherwise than a document's title.
SPEAKER_TITLE = lazy(lambda: pgettext("speaker", "Title"))


class InscriptionForm(FlaskForm):
    delegation = StringField(
        _l("Delegation code"), validators=[Optional(), Length(max=16)], description=_l("Secretariat only: e.g. AUT.")
    )
    speaker_name = StringField(_l("Speaker's name"), validators=[DataRequired(), Length(max=200)])
    speaker_title = StringField(SPEAKER_TITLE, validators=[Optional(), Length(max=200)])
    level = SelectField(_l("Protocol level"), choices=LEVEL_CHOICES, validate_choice=True)
    on_behalf_of_group = BooleanField(_l("On behalf of a group of States"))
    group_name = StringField(_l("Group of States"), validators=[Optional(), Length(max=200)])
    submit = SubmitField(_l("Inscribe the speaker"))

    def validate_level(self, field) -> None:
        if field.data not in LEVEL_LABELS:
            field.errors.append(str(UNKNOWN_LEVEL))


class SpeakerForm(FlaskForm):
    speaker_name = StringField(_l("Speaker's name"), validators=[DataRequired(), Length(max=200)])
    speaker_title = StringField(SPEAKER_TITLE, validators=[Optional(), Length(max=200)])
    level = SelectField(_l("Protocol level"), choices=LEVEL_CHOICES)
    reason = StringField(_l("Why"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Change the speaker"))


class ReasonForm(FlaskForm):
    reason = StringField(_l("Why"), validators=[Optional(), Length(max=500)])
    next = HiddenField()  # the page the form was sent from, if it is ours (webforms.safe_next)
    submit = SubmitField(_l("Confirm"))


class WithdrawForm(FlaskForm):
    reason = StringField(_l("Why the inscription is withdrawn"), validators=[DataRequired(), Length(max=500)])
    submit = SubmitField(_l("Withdraw the inscription"))


class ReinstateForm(FlaskForm):
    reason = StringField(_l("Why it is reinstated"), validators=[DataRequired(), Length(max=500)])
    submit = SubmitField(_l("Reinstate the inscription"))


class DeclineSwapForm(FlaskForm):
    reason = StringField(_l("Why (optional)"), validators=[Optional(), Length(max=500)])
    next = HiddenField()  # the page the form was sent from, if it is ours (webforms.safe_next)
    submit = SubmitField(_l("Decline"))


class ConfirmLevelForm(FlaskForm):
    reason = StringField(_l("Note (optional)"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Confirm the new level"))


class DeclineLevelForm(FlaskForm):
    reason = StringField(_l("Why it is declined"), validators=[DataRequired(), Length(max=500)])
    submit = SubmitField(_l("Decline"))


class CancelLevelForm(FlaskForm):
    reason = StringField(_l("Why (optional)"), validators=[Optional(), Length(max=500)])
    next = HiddenField()  # the page the form was sent from, if it is ours (webforms.safe_next)
    submit = SubmitField(_l("Cancel the request"))


class SwapForm(FlaskForm):
    other = StringField(_l("Swap with (delegation code)"), validators=[DataRequired(), Length(max=16)])
    reason = StringField(_l("Why"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Propose the swap"))


class StatementForm(FlaskForm):
    statement = FileField(_l("Full statement (PDF, at most 5 MB)"))
    submit = SubmitField(_l("Upload"))

    def content(self) -> bytes:
        return self.statement.data.read() if self.statement.data else b""


class QuotaForm(FlaskForm):
    AFR = IntegerField(_l("African States"), validators=[InputRequired(), NumberRange(min=0, max=1000)])
    APG = IntegerField(_l("Asia-Pacific States"), validators=[InputRequired(), NumberRange(min=0, max=1000)])
    EEG = IntegerField(_l("Eastern European States"), validators=[InputRequired(), NumberRange(min=0, max=1000)])
    GRULAC = IntegerField(
        _l("Latin American and Caribbean States"), validators=[InputRequired(), NumberRange(min=0, max=1000)]
    )
    WEOG = IntegerField(
        _l("Western European and other States"), validators=[InputRequired(), NumberRange(min=0, max=1000)]
    )
    submit = SubmitField(_l("Set the quotas"))

    GROUPS = ("AFR", "APG", "EEG", "GRULAC", "WEOG")


class CommitmentForm(FlaskForm):
    commitment = StringField(
        _l("Commitment: SHA-256 of the secret (64 hexadecimal characters)"), validators=[DataRequired(), Length(max=64)]
    )
    submit = SubmitField(_l("Publish the commitment"))


class DrawForm(FlaskForm):
    secret = StringField(_l("Secret (revealed now)"), validators=[DataRequired(), Length(max=200)])
    public_value = StringField(
        _l("Public value fixed in the room"), validators=[DataRequired(), Length(max=200)],
        description=_l("For example the numbers the Chief of Protocol drew from the urn, as announced: 17 04 33 08 21."),
    )  # fmt: skip
    submit = SubmitField(_l("Draw the lots"))


class VoidForm(FlaskForm):
    reason = TextAreaField(
        _l("Why is the draw voided (stays on the public record)"), validators=[DataRequired(), Length(max=2000)]
    )
    submit = SubmitField(_l("Void the draw"))


class RemoteForm(FlaskForm):
    """How the speaker takes part: in the room, or online with the link the chair uses."""

    remote = BooleanField(_l("The speaker takes the floor online"))
    connection_link = StringField(
        _l("Connection link"), validators=[Optional(), Length(max=500), MeetingLink()],
        description=_l("Seen by the chair and the secretariat only, e.g. https://meet.example.org/cnd67-austria"),
    )  # fmt: skip
    submit = SubmitField(_l("Save how the speaker takes part"))
