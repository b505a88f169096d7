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


def person(actor: Actor) -> User | None:
    """The user behind an action: the actor, or the user whose change set the system acting (if any)."""
    return actor.by if isinstance(actor, System) else actor


def consequence(actor: Actor, because: str) -> System:
    """The system acting as a consequence of `actor`'s change, under the rule `because`."""
    return System(because=because, by=person(actor))
