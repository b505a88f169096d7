from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):
    username = StringField("User name", validators=[DataRequired(), Length(max=80)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])
    submit = SubmitField("Log in")


class TokenForm(FlaskForm):
    label = StringField("Label", validators=[DataRequired(), Length(max=80)], description="What the token is for")
    submit = SubmitField("Create token")
