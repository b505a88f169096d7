import enum
import hashlib
import secrets
from datetime import datetime

from flask import current_app, has_app_context
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, Enum, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from meetings.delegations.models import Delegation
from meetings.extensions import db
from meetings.timeutil import UTCDateTime, utcnow

PASSWORD_MIN_LENGTH = 10


class Role(enum.StrEnum):
    secretariat = "secretariat"
    chair = "chair"
    delegation = "delegation"

    @property
    def label(self) -> str:
        """The role as a page names it, in the reader's language."""
        return {"secretariat": _l("secretariat"), "chair": _l("chair"), "delegation": _l("delegation")}[self.value]

    @property
    def choice_label(self) -> str:
        """The role as a choice in a form (a capital letter in English)."""
        return {"secretariat": _l("Secretariat"), "chair": _l("Chair"), "delegation": _l("Delegation")}[self.value]

    @property
    def belongs_to_delegation(self) -> bool:
        """A delegation's users are bound to exactly one delegation; other roles to none."""
        return self is Role.delegation


class User(UserMixin, db.Model):
    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint(
            "(role = 'delegation') = (delegation_id IS NOT NULL)",
            name="delegation_users_are_bound",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[Role] = mapped_column(Enum(Role, name="user_role"))
    delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegation.id", ondelete="RESTRICT"))
    active: Mapped[bool] = mapped_column(default=True)
    # Set with a one-time password from the secretariat: the user chooses a new one before anything else.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The delegation's home page: when this user last opened it, and the instant its "since your
    # last visit" list starts from (meetings.delegations.services.record_home_visit).
    home_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    home_changes_since: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # One of the six official languages (meetings.i18n); None follows the browser.
    language: Mapped[str | None] = mapped_column(String(8))

    delegation: Mapped[Delegation | None] = relationship()

    def set_password(self, password: str) -> None:
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if has_app_context() else "scrypt"
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_secretariat(self) -> bool:
        return self.role == Role.secretariat

    @property
    def is_chair(self) -> bool:
        return self.role in (Role.chair, Role.secretariat)

    def can_act_for(self, delegation: Delegation) -> bool:
        """The secretariat acts for anyone; a delegation user only for its own delegation."""
        return self.is_secretariat or (self.role == Role.delegation and self.delegation_id == delegation.id)


class ApiToken(db.Model):
    """A bearer token for the JSON API. Only its SHA-256 is stored."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()

    @staticmethod
    def digest(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, label: str) -> tuple["ApiToken", str]:
        token = "mt_" + secrets.token_urlsafe(32)
        return cls(user=user, label=label, token_hash=cls.digest(token)), token


class LoginThrottle(db.Model):
    """Failed sign-ins per account and per address, shared by every worker: each failure beyond the free
    ones makes the next attempt wait longer (meetings.auth.throttle)."""

    __tablename__ = "login_throttle"
    __table_args__ = (
        CheckConstraint("kind IN ('account', 'address')", name="kind"),
        CheckConstraint("failures > 0", name="failures_positive"),
    )

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int]
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SignedIn(db.Model):
    """One signed-in browser: its cookie carries the id, the database says whether it still counts.

    Signing out ends the row, so a copy of the cookie kept elsewhere no longer works; the id is
    stored hashed, like API tokens.
    """

    __tablename__ = "signed_in"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
