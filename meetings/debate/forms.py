"""Forms of the general debate; the JSON API validates its input with the same classes."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from meetings.debate.rules import LEVEL_LABELS

LEVEL_CHOICES = list(LEVEL_LABELS.items())
UNKNOWN_LEVEL = "Choose higher_than_ministerial, ministerial or lower_than_ministerial."


class InscriptionForm(FlaskForm):
    delegation = StringField(
        "Delegation code", validators=[Optional(), Length(max=16)], description="Secretariat only: e.g. AUT."
    )
    speaker_name = StringField("Speaker's name", validators=[DataRequired(), Length(max=200)])
    speaker_title = StringField("Title", validators=[Optional(), Length(max=200)])
    level = SelectField("Protocol level", choices=LEVEL_CHOICES, validate_choice=True)
    on_behalf_of_group = BooleanField("On behalf of a group of States")
    group_name = StringField("Group of States", validators=[Optional(), Length(max=200)])
    submit = SubmitField("Inscribe the speaker")

    def validate_level(self, field) -> None:
        if field.data not in LEVEL_LABELS:
            field.errors.append(UNKNOWN_LEVEL)


class SpeakerForm(FlaskForm):
    speaker_name = StringField("Speaker's name", validators=[DataRequired(), Length(max=200)])
    speaker_title = StringField("Title", validators=[Optional(), Length(max=200)])
    level = SelectField("Protocol level", choices=LEVEL_CHOICES)
    reason = StringField("Why", validators=[Optional(), Length(max=500)])
    submit = SubmitField("Change the speaker")


class ReasonForm(FlaskForm):
    reason = StringField("Why", validators=[Optional(), Length(max=500)])
    submit = SubmitField("Confirm")


class WithdrawForm(FlaskForm):
    reason = StringField("Why the inscription is withdrawn", validators=[DataRequired(), Length(max=500)])
    submit = SubmitField("Withdraw the inscription")


class ReinstateForm(FlaskForm):
    reason = StringField("Why it is reinstated", validators=[DataRequired(), Length(max=500)])
    submit = SubmitField("Reinstate the inscription")


class DeclineSwapForm(FlaskForm):
    reason = StringField("Why (optional)", validators=[Optional(), Length(max=500)])
    submit = SubmitField("Decline")


class ConfirmLevelForm(FlaskForm):
    reason = StringField("Note (optional)", validators=[Optional(), Length(max=500)])
    submit = SubmitField("Confirm the new level")


class DeclineLevelForm(FlaskForm):
    reason = StringField("Why it is declined", validators=[DataRequired(), Length(max=500)])
    submit = SubmitField("Decline")


class CancelLevelForm(FlaskForm):
    reason = StringField("Why (optional)", validators=[Optional(), Length(max=500)])
    submit = SubmitField("Cancel the request")


class SwapForm(FlaskForm):
    other = StringField("Swap with (delegation code)", validators=[DataRequired(), Length(max=16)])
    reason = StringField("Why", validators=[Optional(), Length(max=500)])
    submit = SubmitField("Propose the swap")


class StatementForm(FlaskForm):
    statement = FileField("Full statement (PDF, at most 5 MB)")
    submit = SubmitField("Upload")

    def content(self) -> bytes:
        return self.statement.data.read() if self.statement.data else b""


class QuotaForm(FlaskForm):
    AFR = IntegerField("African States", validators=[InputRequired(), NumberRange(min=0, max=1000)])
    APG = IntegerField("Asia-Pacific States", validators=[InputRequired(), NumberRange(min=0, max=1000)])
    EEG = IntegerField("Eastern European States", validators=[InputRequired(), NumberRange(min=0, max=1000)])
    GRULAC = IntegerField(
        "Latin American and Caribbean States", validators=[InputRequired(), NumberRange(min=0, max=1000)]
    )
    WEOG = IntegerField("Western European and other States", validators=[InputRequired(), NumberRange(min=0, max=1000)])
    submit = SubmitField("Set the quotas")

    GROUPS = ("AFR", "APG", "EEG", "GRULAC", "WEOG")


class CommitmentForm(FlaskForm):
    commitment = StringField(
        "Commitment: SHA-256 of the secret (64 hexadecimal characters)", validators=[DataRequired(), Length(max=64)]
    )
    submit = SubmitField("Publish the commitment")


class DrawForm(FlaskForm):
    secret = StringField("Secret (revealed now)", validators=[DataRequired(), Length(max=200)])
    public_value = StringField(
        "Public value fixed in the room", validators=[DataRequired(), Length(max=200)],
        description="For example the numbers the Chief of Protocol drew from the urn, as announced: 17 04 33 08 21.",
    )  # fmt: skip
    submit = SubmitField("Draw the lots")


class VoidForm(FlaskForm):
    reason = TextAreaField(
        "Why is the draw voided (stays on the public record)", validators=[DataRequired(), Length(max=2000)]
    )
    submit = SubmitField("Void the draw")
