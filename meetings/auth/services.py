from sqlalchemy import select

from meetings.auth.models import ApiToken, Role, User
from meetings.delegations.models import Delegation
from meetings.extensions import db
from meetings.timeutil import utcnow


def authenticate(username: str, password: str) -> User | None:
    """The user, or None; the same answer whether the name is unknown or the password wrong."""
    user = db.session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        User(password_hash="").set_password(password)  # same work either way
        return None
    if not user.check_password(password) or not user.active:
        return None
    return user


def create_user(username: str, password: str, role: Role, full_name: str, delegation: Delegation | None = None) -> User:
    user = User(username=username.lower(), role=role, full_name=full_name, delegation=delegation)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def issue_token(user: User, label: str) -> str:
    token, secret = ApiToken.issue(user, label)
    db.session.add(token)
    db.session.flush()
    return secret


def revoke_token(user: User, token_id: int) -> bool:
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id or token.revoked_at is not None:
        return False
    token.revoked_at = utcnow()
    db.session.flush()
    return True
