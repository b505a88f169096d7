"""Who acts: a user, or the system applying a rule because of someone's change."""

from dataclasses import dataclass

from meetings.auth.models import User


@dataclass(frozen=True)
class System:
    """The application acting on its own rule: a promotion from a waiting list, a command line.

    `because` names the rule and the change that triggered it; `by` is the user whose action
    set it off, if any. It is never the actor of a web request.
    """

    because: str
    by: User | None = None


Actor = User | System


def consequence(actor: Actor, because: str) -> System:
    """The system acting as a consequence of `actor`'s change, under the rule `because`."""
    by = actor.by if isinstance(actor, System) else actor
    return System(because=because, by=by)
