from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user

from meetings.actions import attempt, perform
from meetings.auth import permissions, services, signed_in, throttle
from meetings.auth.decorators import acting_user, allowed
from meetings.auth.forms import ChangePasswordForm, LanguageForm, LoginForm, RevokeTokenForm, TokenForm
from meetings.auth.models import User
from meetings.extensions import db
from meetings.refusal import Refusal
from meetings.webforms import safe_next

bp = Blueprint("auth", __name__)


def load_user(user_id: str) -> User | None:
    """The login manager's user loader (set by auth's init_app): an active user whose signed-in browser
    has not ended on the server."""
    user = db.session.get(User, int(user_id))
    return user if user and user.active and signed_in.counts_for(user) else None


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        try:
            outcome, sid = perform(lambda: _sign_in(form.username.data, form.password.data))
        except Refusal as refusal:  # a disabled account, with the right password
            flash(refusal.message, "error")
            return render_template("auth/login.html", form=form), refusal.status
        if outcome.retry_after:
            flash(ngettext("Too many attempts to sign in. Try again in %(num)d second.",
                           "Too many attempts to sign in. Try again in %(num)d seconds.", outcome.retry_after), "error")  # fmt: skip
            return render_template("auth/login.html", form=form), 429, {"Retry-After": str(outcome.retry_after)}
        user = outcome.user
        if user is None:
            flash(_("The user name or password is not right."), "error")
            return render_template("auth/login.html", form=form), 401
        login_user(user)
        signed_in.remember(sid)
        target = safe_next(request.args.get("next"))
        if user.must_change_password:
            return redirect(url_for("auth.change_password", next=target))
        return redirect(target or url_for("auth.home"))
    return render_template("auth/login.html", form=form), 400 if form.errors else 200


def _sign_in(username: str, password: str) -> tuple[throttle.SignIn, str | None]:
    outcome = throttle.sign_in(username, password, request.remote_addr)
    return outcome, signed_in.start(outcome.user) if outcome.user else None


@bp.post("/logout")
@login_required
def logout():
    perform(signed_in.end)
    logout_user()
    session.clear()
    flash(_("You are logged out."), "info")
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
    tokens = services.tokens_of(current_user)
    return render_template("auth/tokens.html", form=form, tokens=tokens, secret=secret, revoke_form=RevokeTokenForm())


@bp.post("/account/tokens/<int:token_id>/revoke")
@allowed(permissions.can_manage_tokens)
def revoke_token(token_id: int):
    if RevokeTokenForm().validate_on_submit():
        outcome = attempt(lambda: services.revoke_token(acting_user(), token_id), done=_("The token is revoked."))
        if not outcome.ok and outcome.refusal.status == 404:
            abort(404)  # another user's token: not found, as in the API, rather than sent back as if handled
    else:
        flash(_("The form expired. Reload the page and try again."), "error")
    return redirect(url_for("auth.manage_tokens"))


@bp.post("/language")
def choose_language():
    """The switch on every page: kept on the account when logged in, in the session cookie otherwise."""
    form = LanguageForm()
    back = safe_next(form.next.data) or url_for("index")
    if not form.validate_on_submit():
        flash(_("Choose one of the six official languages."), "error")
        return redirect(back)
    if current_user.is_authenticated:
        attempt(lambda: services.choose_language(acting_user(), form.language.data))
    session["language"] = form.language.data
    return redirect(back)


@bp.route("/account/password", methods=["GET", "POST"])
@allowed(permissions.can_change_own_password)
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user, fields = acting_user(), (form.current_password.data, form.new_password.data)
        if attempt(lambda: services.change_own_password(user, *fields), form, _("Your password is changed.")).ok:
            return redirect(safe_next(request.args.get("next")) or url_for("auth.home"))
    html = render_template("auth/password.html", form=form, one_time=current_user.must_change_password)
    return html, 400 if form.errors else 200


# While a one-time password is in force, its user may only choose a new password or log out.
WHILE_ONE_TIME = {"auth.change_password", "auth.logout", "auth.login", "auth.choose_language", "static"}


def until_new_password():
    """Before every page: send a user who still has a one-time password to choose their own first."""
    if request.blueprint == "api" or request.endpoint in WHILE_ONE_TIME:
        return None
    if current_user.is_authenticated and current_user.must_change_password:
        return redirect(
            url_for("auth.change_password", next=request.full_path.rstrip("?") if request.method == "GET" else None)
        )
    return None
