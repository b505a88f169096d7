"""Users and API tokens: the actions, each written to the audit log."""

from sqlalchemy import select

from meetings.audit import services as audit
from meetings.auth import permissions
from meetings.auth.actors import Actor
from meetings.auth.models import ApiToken, Role, User
from meetings.delegations.models import Delegation
from meetings.extensions import db
from meetings.refusal import Refusal, require
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


def create_user(actor: Actor, username: str, password: str, role: Role, full_name: str,
                delegation: Delegation | None = None) -> User:  # fmt: skip
    """Store a user (callers check who may); the password never reaches the log."""
    user = User(username=username.lower(), role=role, full_name=full_name, delegation=delegation)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "delegations", "user_created", target=user, label=f"User {user.username} ({full_name})",
                 delegation=delegation, after={"username": user.username, "full_name": full_name, "role": role.value,
                                               "delegation": delegation.code if delegation else None})  # fmt: skip
    return user


def issue_token(actor: Actor, user: User, label: str) -> str:
    """A new API token for `user`; the secret is returned once and only its digest is kept."""
    require(permissions.can_manage_tokens(actor) and actor.id == user.id, "You can create tokens for yourself only.")
    token, secret = ApiToken.issue(user, label)
    db.session.add(token)
    db.session.flush()
    audit.record(actor, "auth", "token_issued", target=token, label=f"API token “{label}” of {user.username}",
                 delegation=user.delegation, after={"label": label})  # fmt: skip
    return secret


def revoke_token(actor: Actor, token_id: int) -> ApiToken:
    token = db.session.get(ApiToken, token_id)
    if token is None or token.revoked_at is not None or not permissions.can_revoke_token(actor, token):
        raise Refusal("There is no such token of yours to revoke.", status=404)
    token.revoked_at = utcnow()
    db.session.flush()
    audit.record(actor, "auth", "token_revoked", target=token, label=f"API token “{token.label}” of "
                 f"{token.user.username}", delegation=token.user.delegation, before={"revoked": False},
                 after={"revoked": True})  # fmt: skip
    return token
