"""The secret feeds, and renewing or revoking their addresses from the home page."""

from urllib.parse import urlsplit

from flask import Blueprint, redirect, request, url_for
from flask_login import current_user

from meetings.actions import attempt
from meetings.auth.decorators import acting_user, allowed, ensure
from meetings.auth.models import User
from meetings.calendars import feeds, permissions, services
from meetings.calendars.forms import RenewAddressForm, RevokeAddressForm
from meetings.delegations.services import require_delegation
from meetings.i18n.setup import use_language
from meetings.i18n.words import _, current_language
from meetings.programme.services import require_commission_session

bp = Blueprint("calendars", __name__, url_prefix="/calendars")


@bp.get("/<token>.ics")
def secret_feed(token: str):
    """A delegation's or a user's secret feed: no login, the signed address is the key.

    A delegation's holds what is public about it and what only it may see (its applications and
    nominations awaiting a decision); a user's is their delegation's, or the session agenda for a
    user of no delegation, in the user's own language (unless the address asks for one with ?lang=).
    """
    owner = services.owner_of(token)
    cs = require_commission_session()
    if isinstance(owner, User):
        use_language(owner.language)
        delegation = owner.delegation
        return feeds.serve_agenda(cs, delegation, private=delegation is not None, secret=True)
    return feeds.serve_agenda(cs, owner, private=True, secret=True)


def _back(form) -> str:
    """The page the form was sent from (on this site), else the home page."""
    target = form.next.data or ""
    parts = urlsplit(target)
    if target.startswith("/") and not parts.scheme and not parts.netloc:
        return target
    return url_for("auth.home")


def _act(form, action, done: str):
    if form.validate_on_submit():
        attempt(action, done=done)
    return redirect(_back(form))


@bp.post("/delegations/<code>/renew")
@allowed(permissions.can_manage_addresses)
def renew_delegation_address(code: str):
    delegation = require_delegation(code)
    ensure(permissions.can_manage_delegation_address(current_user, delegation))
    cs, user = require_commission_session(), acting_user()
    done = _("%(delegation)s has a new calendar address: the old one no longer works. Give the new one to your "
             "calendar application.", delegation=delegation.shown_name)  # fmt: skip
    return _act(RenewAddressForm(), lambda: services.renew_address(cs, user, delegation), done)


@bp.post("/delegations/<code>/revoke")
@allowed(permissions.can_manage_addresses)
def revoke_delegation_address(code: str):
    delegation = require_delegation(code)
    ensure(permissions.can_manage_delegation_address(current_user, delegation))
    cs, user = require_commission_session(), acting_user()
    done = _("The calendar address of %(delegation)s no longer works. Renew it to have a new one.",
             delegation=delegation.shown_name)  # fmt: skip
    return _act(RevokeAddressForm(), lambda: services.revoke_address(cs, user, delegation), done)


@bp.post("/mine/renew")
@allowed(permissions.can_have_own_address)
def renew_own_address():
    cs, user = require_commission_session(), acting_user()
    done = _("You have a new calendar address: the old one no longer works. Give the new one to your calendar "
             "application.")  # fmt: skip
    return _act(RenewAddressForm(), lambda: services.renew_address(cs, user, user), done)


@bp.post("/mine/revoke")
@allowed(permissions.can_have_own_address)
def revoke_own_address():
    cs, user = require_commission_session(), acting_user()
    done = _("Your calendar address no longer works. Renew it to have a new one.")
    return _act(RevokeAddressForm(), lambda: services.revoke_address(cs, user, user), done)


@bp.app_template_global("calendar_addresses")
def addresses_for(delegation=None) -> dict:
    """For a template: the addresses the current user may see (the delegation's, their own), with the forms."""
    shown = {}
    if delegation is not None and permissions.can_manage_delegation_address(current_user, delegation):
        # in the page's language: the calendar application speaks to us in its own, often English
        shown["delegation"] = services.address_of(delegation, current_language())
    user = acting_user()
    if permissions.can_have_own_address(current_user) and (delegation is None or user.delegation_id == delegation.id):
        shown["own"] = services.address_of(user)
    return {"addresses": shown, "renew_form": RenewAddressForm(next=request.full_path.rstrip("?")),
            "revoke_form": RevokeAddressForm(next=request.full_path.rstrip("?"))}  # fmt: skip
