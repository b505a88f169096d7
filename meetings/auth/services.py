"""Users and API tokens: the actions, each written to the audit log (never a password or a secret)."""

import secrets

from flask_babel import gettext as _
from sqlalchemy import select

from meetings.audit import services as audit
from meetings.auth import permissions
from meetings.auth.actors import Actor
from meetings.auth.models import PASSWORD_MIN_LENGTH, ApiToken, Role, User
from meetings.delegations.models import Delegation
from meetings.extensions import db
from meetings.i18n.languages import LANGUAGES, is_language
from meetings.refusal import Refusal, require
from meetings.timeutil import utcnow


def authenticate(username: str, password: str) -> User | None:
    """The user, or None; the same answer whether the name is unknown or the password wrong.

    A disabled user who gives the right password is told so (a Refusal): only someone who knows
    the password learns that the account exists.
    """
    user = db.session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        User(password_hash="").set_password(password)  # same work either way
        return None
    if not user.check_password(password):
        return None
    if not user.active:
        raise Refusal(_("Your account is disabled. Ask the CND secretariat to enable it."), status=403)
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
    require(permissions.can_manage_tokens(actor) and actor.id == user.id, _("You can create tokens for yourself only."))
    token, secret = ApiToken.issue(user, label)
    db.session.add(token)
    db.session.flush()
    audit.record(actor, "auth", "token_issued", target=token, label=f"API token “{label}” of {user.username}",
                 delegation=user.delegation, after={"label": label})  # fmt: skip
    return secret


def revoke_token(actor: Actor, token_id: int) -> ApiToken:
    """Revoke a token: one's own, or any user's for the secretariat. It stops working at once."""
    token = db.session.get(ApiToken, token_id, with_for_update=True, populate_existing=True)
    if token is None or not permissions.can_revoke_token(actor, token):
        raise Refusal(_("There is no such token of yours to revoke."), status=404)
    if token.revoked_at is not None:
        raise Refusal(_("The token “%(label)s” of %(user)s is revoked already.", label=token.label,
                        user=token.user.username), status=409)  # fmt: skip
    token.revoked_at = utcnow()
    db.session.flush()
    audit.record(actor, "auth", "token_revoked", target=token, label=f"API token “{token.label}” of "
                 f"{token.user.username}", delegation=token.user.delegation, before={"revoked": False},
                 after={"revoked": True})  # fmt: skip
    return token


def tokens_of(user: User) -> list[ApiToken]:
    """A user's tokens, newest first, revoked ones included."""
    stmt = select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    return list(db.session.scalars(stmt))


def user_named(username: str, *, lock: bool = False) -> User:
    """The user of that name, or a 404 that says so; `lock` holds the row until the commit."""
    stmt = select(User).where(User.username == (username or "").strip().lower())
    if lock:  # FOR NO KEY UPDATE: writers of this row queue, an audit entry's key reference does not
        stmt = stmt.with_for_update(key_share=True).execution_options(populate_existing=True)
    user = db.session.scalar(stmt)
    if user is None:
        raise Refusal(_("There is no user named %(name)s.", name=username), status=404)
    return user


def account_label(user: User) -> str:
    return f"User {user.username} ({user.full_name})"


def change_own_password(actor: Actor, current_password: str, new_password: str) -> User:
    """The user changes their own password; after a one-time password, this is the first thing they do."""
    require(permissions.can_change_own_password(actor), _("Log in to change your password."))
    user = user_named(actor.username, lock=True)
    if not user.check_password(current_password or ""):
        raise Refusal(_("Your password was not changed: the current password is not right."),
                      {"current_password": [_("This is not your current password.")]})  # fmt: skip
    if len(new_password or "") < PASSWORD_MIN_LENGTH:
        raise Refusal(_("Your password was not changed: use at least %(count)d characters.", count=PASSWORD_MIN_LENGTH),
                      {"new_password": [_("Use at least %(count)d characters.", count=PASSWORD_MIN_LENGTH)]})  # fmt: skip
    if new_password == current_password:
        raise Refusal(_("Your password was not changed: choose a password different from the current one."),
                      {"new_password": [_("Choose a password different from the current one.")]})  # fmt: skip
    was_one_time = user.must_change_password
    user.set_password(new_password)
    user.must_change_password = False
    db.session.flush()
    audit.record(actor, "auth", "password_changed", target=user, label=account_label(user), delegation=user.delegation,
                 before={"one_time_password": was_one_time}, after={"one_time_password": False})  # fmt: skip
    return user


def choose_language(actor: Actor, language: str) -> User:
    """The user's own language for every page, PDF and message, on any device."""
    require(permissions.can_choose_language(actor), _("Log in to keep a language on your account."))
    if not is_language(language):
        raise Refusal(_("Choose one of the six official languages."),
                      {"language": [_("Choose one of: %(codes)s.", codes=", ".join(LANGUAGES))]})  # fmt: skip
    user = user_named(actor.username, lock=True)
    before = user.language
    if before == language:
        return user
    user.language = language
    db.session.flush()
    audit.record(actor, "auth", "language_chosen", target=user, label=account_label(user), delegation=user.delegation,
                 before={"language": before}, after={"language": language})  # fmt: skip
    return user


def _lock_account_managers() -> list[User]:
    """Lock the active secretariat accounts, always in the same order, before any other account.

    Two secretariat users disabling each other at once then queue here: the second sees the
    first's change, and one active account always remains (SQLite: the write lock already).
    FOR NO KEY UPDATE, as meetings.locking: another writer's audit entry naming a secretariat
    user as its actor (a key reference) is not held up, so it never deadlocks on the chain head.
    """
    stmt = permissions.account_managers().with_for_update(key_share=True).execution_options(populate_existing=True)
    return list(db.session.scalars(stmt))


def disable_user(actor: Actor, username: str, reason: str = "") -> User:
    """Disable an account: it cannot log in, its browser sessions and API tokens stop working at once."""
    require(permissions.can_manage_accounts(actor), _("Only the secretariat disables users."))
    managers = _lock_account_managers()
    user = user_named(username, lock=True)
    if not user.active:
        raise Refusal(_("%(name)s is disabled already.", name=user.username), status=409)
    if user in managers and len(managers) == 1:
        if getattr(actor, "id", None) == user.id:
            message = _("You are the last active secretariat user: disabling this account would leave nobody to "
                        "manage users. Enable or create another secretariat user first.")  # fmt: skip
        else:
            message = _("%(name)s is the last active secretariat user: disabling this account would leave nobody "
                        "to manage users. Enable or create another secretariat user first.", name=user.username)  # fmt: skip
        raise Refusal(message, status=409)
    user.active = False
    db.session.flush()
    audit.record(actor, "auth", "user_disabled", target=user, label=account_label(user), delegation=user.delegation,
                 before={"active": True}, after={"active": False}, reason=reason)  # fmt: skip
    return user


def enable_user(actor: Actor, username: str, reason: str = "") -> User:
    """Enable a disabled account again; its tokens that were not revoked work again."""
    require(permissions.can_manage_accounts(actor), _("Only the secretariat enables users."))
    user = user_named(username, lock=True)
    if user.active:
        raise Refusal(_("%(name)s is active already.", name=user.username), status=409)
    user.active = True
    db.session.flush()
    audit.record(actor, "auth", "user_enabled", target=user, label=account_label(user), delegation=user.delegation,
                 before={"active": False}, after={"active": True}, reason=reason)  # fmt: skip
    return user


# Letters and digits that cannot be mistaken for one another when read out or copied by hand.
_READABLE = "abcdefghjkmnpqrstuvwxyz23456789"


def one_time_password() -> str:
    """Twelve readable characters in three groups, e.g. k7mq-x2ra-9pwd (about 59 bits)."""
    chars = "".join(secrets.choice(_READABLE) for _ in range(12))
    return "-".join(chars[i : i + 4] for i in range(0, 12, 4))


def set_one_time_password(actor: Actor, username: str) -> str:
    """Replace a user's password with a new random one, returned once to show to the secretariat.

    Only its hash is stored. Until the user chooses their own password (with this one as the
    current one), their login, open browser sessions and API tokens can do nothing else.
    """
    require(permissions.can_manage_accounts(actor), _("Only the secretariat sets one-time passwords."))
    user = user_named(username, lock=True)
    secret = one_time_password()
    was_one_time = user.must_change_password
    user.set_password(secret)
    user.must_change_password = True
    db.session.flush()
    audit.record(actor, "auth", "one_time_password_set", target=user, label=account_label(user),
                 delegation=user.delegation, before={"one_time_password": was_one_time},
                 after={"one_time_password": True})  # fmt: skip
    return secret
