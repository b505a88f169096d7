"""Remote participation in the general debate: a speaker who takes the floor online.

The connection link is for the chair and the secretariat (the console brings the speaker in
with it); the delegation that gives it sees it too. The public list says "remote", never the link.
"""

from meetings.audit import services as audit
from meetings.auth.actors import Actor
from meetings.debate import permissions
from meetings.debate.models import Inscription
from meetings.debate.services import label_of, shown_label
from meetings.extensions import db
from meetings.i18n.words import _
from meetings.programme.models import CommissionSession
from meetings.refusal import Refusal, require


def set_remote(cs: CommissionSession, actor: Actor, inscription: Inscription, remote: bool,
               connection_link: str = "") -> Inscription:  # fmt: skip
    """Mark the speaker remote (with the link to bring them in) or in the room again."""
    require(permissions.can_change(actor, inscription),
            _("Only the delegation of this speaker and the secretariat say how the speaker takes part."))  # fmt: skip
    if inscription.withdrawn_at is not None:
        raise Refusal(_("%(statement)s is withdrawn.", statement=shown_label(inscription)), status=409)
    link = (connection_link or "").strip() if remote else ""
    before = {"remote": inscription.remote, "connection_link": inscription.connection_link}
    after = {"remote": bool(remote), "connection_link": link}
    if before == after:
        return inscription
    inscription.remote, inscription.connection_link = after["remote"], link
    db.session.flush()
    audit.record(actor, "debate", "remote_set", target=inscription, commission_session=cs,
                 label=label_of(inscription), delegation=inscription.delegation, before=before, after=after)  # fmt: skip
    return inscription
