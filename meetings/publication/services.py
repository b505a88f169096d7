"""Publishing numbered versions: the snapshot of the working state, the change log, the version itself.

The public pages, PDFs and feeds read the latest version, never the working state. A version is
numbered under the session's lock (two secretariat users publishing at once make v2 and v3, or the
second finds that nothing changed), and the unique (session, kind, number) backs it in the schema.
"""

from sqlalchemy import select

from meetings.audit import services as audit
from meetings.auth.actors import Actor, person
from meetings.debate.listing import build_list, debate_blocks
from meetings.debate.models import Inscription
from meetings.extensions import db
from meetings.i18n.words import _
from meetings.locking import lock_commission_session
from meetings.programme.models import CommissionSession
from meetings.publication import permissions, rules
from meetings.publication.models import PublicationKind, PublishedVersion
from meetings.refusal import Refusal, require, taken_meanwhile
from meetings.side_events.scheduling import scheduled
from meetings.timeutil import utcnow

KINDS = {k.value: k for k in PublicationKind}
SLUG_KINDS = {k.slug: k for k in PublicationKind}


def _iso(moment) -> str | None:
    return moment.isoformat() if moment is not None else None


def uploaded_statements(cs: CommissionSession, rows: list[dict]) -> set[str]:
    """The keys (inscription ids) of a published version's rows whose inscription has a full statement
    uploaded now: the public list links to it, even when it came after the version was published."""
    ids = [int(r["key"]) for r in rows if str(r.get("key", "")).isdigit()]
    if not ids:
        return set()
    found = db.session.scalars(
        select(Inscription.id).where(
            Inscription.commission_session_id == cs.id, Inscription.id.in_(ids), Inscription.statement_file.is_not(None)
        )
    )
    return {str(i) for i in found}


def speakers_snapshot(cs: CommissionSession) -> dict:
    """The speakers list as it stands: each slot's speaker, level and projected start, and the meetings."""
    listing = build_list(cs)
    rows = []
    for r in listing.rows:
        i = r.inscription
        rows.append({
            "key": str(i.id), "slot": r.slot, "delegation": i.delegation.code, "speaker": i.speaker_name,
            "title": i.speaker_title, "level": i.level.value, "group": i.group_name if i.on_behalf_of_group else "",
            "limit_s": r.limit_s, "starts_at": _iso(r.starts_at), "block": r.block.id if r.block else None,
        })  # fmt: skip
    blocks = [{"id": b.id, "title": b.title, "starts_at": _iso(b.starts_at), "ends_at": _iso(b.ends_at),
               "room": b.room.name, "open_ended": b.open_ended} for b in debate_blocks(cs)]  # fmt: skip
    draw = listing.draw
    drawn = _iso(draw.performed_at) if draw is not None and draw.performed else None
    return {"rows": rows, "blocks": blocks, "drawn_at": drawn}


def programme_snapshot(cs: CommissionSession) -> dict:
    """The scheduled side events as they stand, in time order."""
    rows = [{
        "key": str(e.id), "title": e.title, "organizer": e.organizer.code, "partners": e.partner_list,
        "format": e.format.value if e.format else "", "kind": e.kind.value, "starts_at": _iso(e.starts_at),
        "ends_at": _iso(e.ends_at), "room": e.room.name if e.room else "",
    } for e in scheduled(cs)]  # fmt: skip
    return {"rows": rows}


SNAPSHOTS = {PublicationKind.speakers_list: speakers_snapshot, PublicationKind.programme: programme_snapshot}
DIFFS = {PublicationKind.speakers_list: rules.speakers_changes, PublicationKind.programme: rules.programme_changes}


def kind_of(name: str) -> PublicationKind:
    """The kind named in an address ("speakers_list" or "speakers-list"); a 404 for any other."""
    kind = KINDS.get(name) or SLUG_KINDS.get(name)
    if kind is None:
        raise Refusal(_("There is no such list to publish: only the speakers list and the side-event programme."),
                      status=404)  # fmt: skip
    return kind


def _newest_first(cs: CommissionSession, kind: PublicationKind):
    return (
        select(PublishedVersion)
        .where(PublishedVersion.commission_session_id == cs.id, PublishedVersion.kind == kind.value)
        .order_by(PublishedVersion.number.desc())
    )


def versions(cs: CommissionSession, kind: PublicationKind) -> list[PublishedVersion]:
    """The published versions, newest first."""
    return list(db.session.scalars(_newest_first(cs, kind)))


def latest(cs: CommissionSession, kind: PublicationKind) -> PublishedVersion | None:
    return db.session.scalar(_newest_first(cs, kind).limit(1))


def version_of(cs: CommissionSession, kind: PublicationKind, number: int) -> PublishedVersion:
    """Version `number`, or a 404 that says which versions there are."""
    found = db.session.scalar(select(PublishedVersion).where(
        PublishedVersion.commission_session_id == cs.id, PublishedVersion.kind == kind.value,
        PublishedVersion.number == number))  # fmt: skip
    if found is None:
        raise Refusal(_("There is no version %(number)d of this list.", number=number), status=404)
    return found


def preview(cs: CommissionSession, kind: PublicationKind) -> tuple[dict, list[dict], PublishedVersion | None]:
    """What publishing now would show and change: the working snapshot, its change log, the latest version."""
    last = latest(cs, kind)
    snapshot = SNAPSHOTS[kind](cs)
    changes = DIFFS[kind](last.snapshot["rows"] if last is not None else None, snapshot["rows"])
    return snapshot, changes, last


def nothing_changed(kind: PublicationKind, number: int) -> str:
    if kind == PublicationKind.speakers_list:
        return _("Nothing has changed in the speakers list since version %(number)d was published: no new version "
                 "was made.", number=number)  # fmt: skip
    return _("Nothing has changed in the side-event programme since version %(number)d was published: no new "
             "version was made.", number=number)  # fmt: skip


def _label(kind: PublicationKind, number: int) -> str:
    """How the record names a version (the audit log keeps it as written)."""
    what = "speakers list" if kind == PublicationKind.speakers_list else "side-event programme"
    return f"Version {number} of the {what}"


def publish(cs: CommissionSession, actor: Actor, kind: PublicationKind) -> PublishedVersion:
    """Publish the working state as the next version; refused when nothing changed since the last one."""
    require(permissions.can_publish(actor),
            _("Only the secretariat publishes the speakers list and the side-event programme."))  # fmt: skip
    cs = lock_commission_session(cs.id)
    snapshot, changes, last = preview(cs, kind)
    if last is not None and not changes:
        raise Refusal(nothing_changed(kind, last.number), status=409)
    number = last.number + 1 if last is not None else 1
    user = person(actor)
    version = PublishedVersion(commission_session_id=cs.id, kind=kind.value, number=number, published_at=utcnow(),
                               published_by_id=user.id if user is not None else None, snapshot=snapshot,
                               changes=changes)  # fmt: skip
    db.session.add(version)
    with taken_meanwhile(sentence=lambda: _("Another version was published at the same moment; reload the page "
                                            "to see it.")):  # fmt: skip
        db.session.flush()
    audit.record(actor, "publication", "published", target=version, commission_session=cs,
                 label=_label(kind, number), before={"version": last.number if last is not None else None},
                 after={"version": number, "changes": len(changes) if last is not None else 0,
                        "rows": len(snapshot["rows"])})  # fmt: skip
    return version


def notices_for(cs: CommissionSession, delegation) -> list[tuple[PublishedVersion, list[dict]]]:
    """For a delegation's home page: the latest version of each list, when its change log names the delegation."""
    found = []
    for kind in PublicationKind:
        last = latest(cs, kind)
        if last is not None:
            mine = rules.names(last.changes, delegation.code)
            if mine:
                found.append((last, mine))
    return found
