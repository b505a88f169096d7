"""The working speakers list as the secretariat reads it through the API (it is not public)."""

from meetings.auth.models import User
from meetings.auth.services import issue_token
from meetings.extensions import db


def as_secretariat() -> dict:
    """Bearer headers of the session's secretariat user."""
    user = db.session.scalar(db.select(User).where(User.username == "secretariat"))
    secret = issue_token(user, user, "test")
    db.session.commit()
    return {"Authorization": f"Bearer {secret}"}
