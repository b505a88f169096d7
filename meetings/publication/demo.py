"""Demo content of publication: the speakers list published after the draw, and again at the end of the
demo's changes; the side-event programme once its events are placed."""

from sqlalchemy import select

from meetings.auth.models import User
from meetings.debate.levels import change_speaker
from meetings.debate.services import national_of
from meetings.extensions import db
from meetings.programme.models import CommissionSession
from meetings.publication import services
from meetings.publication.models import PublicationKind


def _secretariat() -> User:
    return db.session.scalar(select(User).where(User.username == "secretariat"))


def publish_after_the_draw(cs: CommissionSession) -> None:
    """Version 1 of the speakers list, as the draw ordered it."""
    services.publish(cs, _secretariat(), PublicationKind.speakers_list)
    db.session.flush()


def publish_the_rest(cs: CommissionSession) -> None:
    """Portugal names a new speaker after the draw: version 2 of the speakers list says so; then version 1
    of the programme."""
    secretariat = _secretariat()
    portugal = national_of(cs, "PRT")
    if portugal is not None:
        change_speaker(cs, secretariat, portugal, speaker_name="Ms. Ana Paula Zacarias",
                       speaker_title="H.E. Secretary of State", level=portugal.level.value,
                       reason="Note verbale of the Permanent Mission of Portugal")  # fmt: skip
    _snapshot, changes, _last = services.preview(cs, PublicationKind.speakers_list)
    if changes:
        services.publish(cs, secretariat, PublicationKind.speakers_list)
    services.publish(cs, secretariat, PublicationKind.programme)
    db.session.flush()
