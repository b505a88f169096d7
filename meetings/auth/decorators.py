"""How a page asks a feature's permission predicate before it opens."""

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def allowed(predicate: Callable) -> Callable:
    """Open the page to logged-in users for whom `predicate(user)` holds; others get 403."""

    def decorator(fn: Callable) -> Callable:
        @wraps(fn)
        @login_required
        def wrapper(*args, **kwargs):
            if not predicate(current_user):
                abort(403)
            return fn(*args, **kwargs)

        return wrapper

    return decorator


def ensure(allowed_here: bool) -> None:
    """403 unless a predicate about a record allowed it."""
    if not allowed_here:
        abort(403)


def acting_user():
    """The logged-in user as a model instance, to hand to services (not Flask-Login's proxy)."""
    return current_user._get_current_object() if current_user.is_authenticated else None
