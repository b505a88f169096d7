from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from meetings.actions import attempt
from meetings.auth import permissions, services
from meetings.auth.decorators import acting_user, allowed
from meetings.auth.forms import LoginForm, TokenForm
from meetings.auth.models import ApiToken, User
from meetings.extensions import db

bp = Blueprint("auth", __name__)


def load_user(user_id: str) -> User | None:
    """The login manager's user loader (set by auth's init_app)."""
    user = db.session.get(User, int(user_id))
    return user if user and user.active else None


def _safe_next(target: str | None) -> str | None:
    if not target:
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc and target.startswith("/") else None


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.username.data, form.password.data)
        if user is None:
            flash("The user name or password is not right.", "error")
            return render_template("auth/login.html", form=form), 401
        login_user(user)
        return redirect(_safe_next(request.args.get("next")) or url_for("auth.home"))
    return render_template("auth/login.html", form=form), 400 if form.errors else 200


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))


@bp.get("/home")
@login_required
def home():
    if current_user.delegation is not None:
        return redirect(url_for("delegations.show_delegation", code=current_user.delegation.code))
    return redirect(url_for("programme.show_session"))


@bp.route("/account/tokens", methods=["GET", "POST"])
@allowed(permissions.can_manage_tokens)
def manage_tokens():
    form = TokenForm()
    secret = None
    if form.validate_on_submit():
        user = acting_user()
        secret = attempt(lambda: services.issue_token(user, user, form.label.data)).value
    tokens = db.session.scalars(
        select(ApiToken).where(ApiToken.user_id == current_user.id).order_by(ApiToken.created_at.desc())
    ).all()
    return render_template("auth/tokens.html", form=form, tokens=tokens, secret=secret)


@bp.post("/account/tokens/<int:token_id>/revoke")
@allowed(permissions.can_manage_tokens)
def revoke_token(token_id: int):
    attempt(lambda: services.revoke_token(acting_user(), token_id), done="The token is revoked.")
    return redirect(url_for("auth.manage_tokens"))
