"""Authorization for HTML views: who may open a page."""

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from meetings.auth.models import Role
from meetings.delegations.models import Delegation
from meetings.extensions import login_manager


def roles_required(*roles: Role) -> Callable:
    def decorator(fn: Callable) -> Callable:
        @wraps(fn)
        @login_required
        def wrapper(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return fn(*args, **kwargs)

        return wrapper

    return decorator


secretariat_required = roles_required(Role.secretariat)
chair_required = roles_required(Role.secretariat, Role.chair)


def ensure_can_act_for(delegation: Delegation) -> None:
    """Only the delegation's own users and the secretariat pass; others get 403."""
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    if not current_user.can_act_for(delegation):
        abort(403)


def acting_user():
    """The logged-in user as a model instance, to hand to services (not Flask-Login's proxy)."""
    return current_user._get_current_object() if current_user.is_authenticated else None
