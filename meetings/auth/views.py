from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from meetings.auth import services
from meetings.auth.forms import LoginForm, TokenForm
from meetings.auth.models import ApiToken, User
from meetings.extensions import db, login_manager

bp = Blueprint("auth", __name__)
login_manager.login_view = "auth.login"
login_manager.login_message = "Please log in to open this page."


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
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
@login_required
def manage_tokens():
    form = TokenForm()
    secret = None
    if form.validate_on_submit():
        secret = services.issue_token(current_user, form.label.data)
        db.session.commit()
    tokens = db.session.scalars(
        select(ApiToken).where(ApiToken.user_id == current_user.id).order_by(ApiToken.created_at.desc())
    ).all()
    return render_template("auth/tokens.html", form=form, tokens=tokens, secret=secret)


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    if not services.revoke_token(current_user, token_id):
        abort(404)
    db.session.commit()
    flash("The token is revoked.", "info")
    return redirect(url_for("auth.manage_tokens"))
