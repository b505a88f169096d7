"""The panel of a roundtable and its co-chairs' summary: the services (load, lock, decide, write; flush only).

Panelists speak in a set order. The secretariat or a confirmed co-chair of the roundtable sets the
whole ordered list at once; it is checked as a whole, under the session lock, against the NGO caps
of the session's rules: at most `rt_ngo_panelists_max` NGO panelists, and at most `rt_ngo_max` NGO
participants when the NGO speakers from the floor (the floor's record of the roundtable) are
counted too. Replacing the list is one change and writes one audit entry, the list before and after.

The summary of key points is written by the confirmed co-chairs and the secretariat (each edit in
the audit log, text before and after); the secretariat marks it final (never an empty one: the
schema refuses it too) and may reopen it with a reason. A final summary is no longer edited.

A page or client that shows the list or the summary sends back what it saw (`seen`, a fingerprint):
two co-chairs editing at once cannot overwrite each other unknowingly; the second is refused.
"""

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import func, select

from meetings.audit import services as audit
from meetings.auth.actors import Actor
from meetings.delegations.models import Delegation, DelegationKind
from meetings.delegations.services import delegation_by_code
from meetings.extensions import db
from meetings.floor.models import Floor, Turn, TurnRole
from meetings.floor.sources import LineupEntry
from meetings.i18n.words import _, ngettext
from meetings.locking import lock_commission_session
from meetings.programme.models import CommissionSession, MeetingBlock
from meetings.refusal import Refusal, require
from meetings.roundtables import permissions
from meetings.roundtables.models import Panelist, Roundtable
from meetings.roundtables.nominations import roundtable_of_block
from meetings.timeutil import utcnow

FEATURE = "roundtables"
MAX_PANELISTS = 20
NAME_MAX = 200
SUMMARY_MAX = 20_000
REASON_MAX = 1000


# --- names -------------------------------------------------------------------------------------


def label_of(rt: Roundtable, what: str) -> str:
    """The audit log's words for a part of a roundtable (English, as the log keeps them)."""
    return f"Roundtable {rt.number} “{rt.topic}”: {what}"


def _fingerprint(data: object) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --- panelists ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PanelistRow:
    """One panelist as a form gives it: the delegation by its code."""

    name: str
    title: str
    delegation: str
    remote: bool


def panelists_of(rt: Roundtable) -> list[Panelist]:
    stmt = select(Panelist).where(Panelist.roundtable_id == rt.id).order_by(Panelist.position)
    return list(db.session.scalars(stmt.execution_options(populate_existing=True)))


def panelist_data(p: Panelist) -> dict:
    """A panelist as data (the audit log, the API): English names and codes."""
    return {"position": p.position, "name": p.name, "title": p.title, "delegation": p.delegation.code,
            "remote": p.remote}  # fmt: skip


def panel_seen(rt: Roundtable) -> str:
    """The fingerprint of the list as it stands: a page sends it back with its changes."""
    return _fingerprint([panelist_data(p) for p in panelists_of(rt)])


def is_ngo(delegation: Delegation) -> bool:
    return delegation.kind == DelegationKind.ngo


def ngo_floor_speakers(rt: Roundtable) -> int:
    """NGO speakers from the floor of this roundtable, as the floor's record has them (given the floor)."""
    stmt = (
        select(func.count(Turn.id))
        .join(Floor, Turn.floor_id == Floor.id)
        .join(Delegation, Turn.delegation_id == Delegation.id)
        .where(Floor.block_id == rt.block_id, TurnRole.rt_floor == Turn.role, Delegation.kind == DelegationKind.ngo)
    )
    return db.session.scalar(stmt) or 0


def ngo_cap_refusal(ngo_panelists: list[tuple[str, str]], floor_ngos: int, panel_max: int,
                    total_max: int) -> str | None:  # fmt: skip
    """Why a list with these NGO panelists (name, delegation, in order) breaks an NGO cap, or None.

    The first NGO panelist beyond a cap is named: it is the one the list has too many.
    """
    if len(ngo_panelists) > panel_max:
        name, delegation = ngo_panelists[panel_max]
        return ngettext(
            "One NGO panelist too many: %(name)s (%(delegation)s); the rules allow %(num)d NGO panelist per "
            "roundtable.",
            "One NGO panelist too many: %(name)s (%(delegation)s); the rules allow %(num)d NGO panelists per "
            "roundtable.",
            panel_max, name=name, delegation=delegation,
        )  # fmt: skip
    if len(ngo_panelists) + floor_ngos > total_max:
        beyond = max(total_max - floor_ngos, 0)
        name, delegation = ngo_panelists[beyond]
        floor = ngettext("%(num)d NGO speaker from the floor", "%(num)d NGO speakers from the floor", floor_ngos)
        return ngettext(
            "One NGO participant too many: with %(floor)s, %(name)s (%(delegation)s) would be NGO participant number "
            "%(count)d; the rules allow %(num)d NGO participant per roundtable, panelists and speakers from the "
            "floor together.",
            "One NGO participant too many: with %(floor)s, %(name)s (%(delegation)s) would be NGO participant number "
            "%(count)d; the rules allow %(num)d NGO participants per roundtable, panelists and speakers from the "
            "floor together.",
            total_max, floor=floor, name=name, delegation=delegation, count=floor_ngos + beyond + 1,
        )  # fmt: skip
    return None


def floor_speaker_refusal(block: MeetingBlock, delegation: Delegation | None) -> str | None:
    """Why giving the floor of a roundtable to this delegation would break an NGO cap, or None.

    The floor asks before it grants a request: at most `rt_ngo_floor_max` NGO speakers from the floor,
    and `rt_ngo_max` NGO participants with the NGO panelists. The session lock, taken here, orders it
    with a change of the panelists, which takes the same lock.
    """
    rt = roundtable_of_block(block)
    if rt is None or delegation is None or not is_ngo(delegation):
        return None
    lock_commission_session(rt.commission_session_id)
    rules = rt.commission_session.rules
    floor_ngos = ngo_floor_speakers(rt)
    if floor_ngos + 1 > rules.rt_ngo_floor_max:
        return ngettext(
            "%(delegation)s would be NGO speaker number %(count)d from the floor: the rules allow %(num)d NGO speaker "
            "from the floor per roundtable.",
            "%(delegation)s would be NGO speaker number %(count)d from the floor: the rules allow %(num)d NGO speakers "
            "from the floor per roundtable.",
            rules.rt_ngo_floor_max, delegation=delegation.shown_name, count=floor_ngos + 1,
        )  # fmt: skip
    total = floor_ngos + sum(is_ngo(p.delegation) for p in panelists_of(rt)) + 1
    if total > rules.rt_ngo_max:
        return ngettext(
            "%(delegation)s would be NGO participant number %(count)d: the rules allow %(num)d NGO participant per "
            "roundtable, panelists and speakers from the floor together.",
            "%(delegation)s would be NGO participant number %(count)d: the rules allow %(num)d NGO participants per "
            "roundtable, panelists and speakers from the floor together.",
            rules.rt_ngo_max, delegation=delegation.shown_name, count=total,
        )  # fmt: skip
    return None


def _resolve(rows: list[PanelistRow]) -> list[tuple[PanelistRow, Delegation]]:
    """Each row with its delegation; a refusal naming the first row that is not a panelist."""
    if len(rows) > MAX_PANELISTS:
        raise Refusal(ngettext("A roundtable has at most %(num)d panelist.", "A roundtable has at most %(num)d "
                               "panelists.", MAX_PANELISTS), {"name": [_("Too many panelists.")]})  # fmt: skip
    out, seen = [], set()
    for number, row in enumerate(rows, 1):
        name, title = row.name.strip(), row.title.strip()
        if not name:
            raise Refusal(_("Panelist %(number)d has no name.", number=number), {"name": [_("Required.")]})
        if len(name) > NAME_MAX or len(title) > NAME_MAX:
            raise Refusal(_("Panelist %(number)d: a name or title has at most %(max)d characters.", number=number,
                            max=NAME_MAX), {"name": [_("Too long.")]})  # fmt: skip
        delegation = delegation_by_code((row.delegation or "").strip().upper()) if row.delegation else None
        if delegation is None:
            raise Refusal(_("Panelist %(number)d (%(name)s): there is no delegation with the code '%(code)s'.",
                            number=number, name=name, code=(row.delegation or "").strip()),
                          {"delegation": [_("Unknown delegation.")]}, 422)  # fmt: skip
        key = (" ".join(name.casefold().split()), delegation.id)
        if key in seen:
            raise Refusal(_("%(name)s (%(delegation)s) is on the list twice.", name=name,
                            delegation=delegation.shown_name), {"name": [_("Listed twice.")]})  # fmt: skip
        seen.add(key)
        out.append((PanelistRow(name, title, delegation.code, bool(row.remote)), delegation))
    return out


def set_panelists(cs: CommissionSession, actor: Actor, rt: Roundtable, rows: list[PanelistRow],
                  seen: str | None = None) -> list[Panelist]:  # fmt: skip
    """Replace the roundtable's panelists with `rows`, in that order; nothing changes if any rule says no."""
    require(permissions.can_manage_panelists(actor, rt),
            _("Only the secretariat and the confirmed co-chairs of this roundtable set its panelists."))  # fmt: skip
    resolved = _resolve(rows)
    cs = lock_commission_session(cs.id)
    current = panelists_of(rt)
    before = [panelist_data(p) for p in current]
    if seen and seen != _fingerprint(before):
        raise Refusal(_("Someone changed the panelists of this roundtable since you opened it; nothing was saved. "
                        "Reload the page to see their list, then make your change again."), status=409)  # fmt: skip
    rules = cs.rules
    refusal = ngo_cap_refusal([(r.name, d.shown_name) for r, d in resolved if is_ngo(d)], ngo_floor_speakers(rt),
                              rules.rt_ngo_panelists_max, rules.rt_ngo_max)  # fmt: skip
    if refusal:
        raise Refusal(refusal, {"delegation": [refusal]}, 409)
    after = [{"position": n, "name": r.name, "title": r.title, "delegation": d.code, "remote": r.remote}
             for n, (r, d) in enumerate(resolved, 1)]  # fmt: skip
    if after == before:
        return current
    for p in current:
        db.session.delete(p)
    db.session.flush()  # the old positions are free before the new ones are taken (unique per roundtable)
    for n, (r, d) in enumerate(resolved, 1):
        db.session.add(Panelist(roundtable_id=rt.id, position=n, name=r.name, title=r.title, delegation=d,
                                remote=r.remote))  # fmt: skip
    db.session.flush()
    db.session.expire(rt, ["panelists"])
    audit.record(actor, FEATURE, "panelists_set", target=rt, commission_session=cs, label=label_of(rt, "panelists"),
                 before={"panelists": before}, after={"panelists": after})  # fmt: skip
    return panelists_of(rt)


def panelist_ref(rt: Roundtable, p: Panelist) -> str:
    """How the floor knows a panelist again (its turn's source): the same person keeps it when the list is reordered."""
    person = hashlib.sha256(f"{' '.join(p.name.casefold().split())}\n{p.delegation.code}".encode()).hexdigest()[:12]
    return f"rt{rt.id}-panelist-{person}"


def panelists_on_the_floor(block: MeetingBlock) -> list[LineupEntry]:
    """The floor's lineup source: a roundtable's panelists in their order, each with the panelist's limit."""
    rt = roundtable_of_block(block)
    if rt is None:
        return []
    return [LineupEntry(source_ref=panelist_ref(rt, p), delegation=p.delegation, speaker_name=p.name,
                        speaker_title=p.title, role=TurnRole.rt_panelist.value, remote=p.remote)
            for p in panelists_of(rt)]  # fmt: skip


# --- the summary -------------------------------------------------------------------------------


def summary_seen(rt: Roundtable) -> str:
    """The fingerprint of the summary as it stands: the editing page sends it back with the new text."""
    return _fingerprint(rt.summary or "")


def _locked(cs: CommissionSession, rt: Roundtable) -> CommissionSession:
    """The session locked and the roundtable read again: the decision sees the last committed summary."""
    cs = lock_commission_session(cs.id)
    db.session.refresh(rt)
    return cs


def _clean(text: str) -> str:
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def _final_refusal(rt: Roundtable) -> Refusal:
    return Refusal(_("The summary of Roundtable %(number)d is final and can no longer be edited; the secretariat "
                     "can reopen it.", number=rt.number), status=409)  # fmt: skip


def edit_summary(cs: CommissionSession, actor: Actor, rt: Roundtable, text: str, seen: str | None = None) -> Roundtable:
    """The co-chairs (or the secretariat) write the summary of key points; each edit is in the audit log."""
    require(permissions.can_edit_summary(actor, rt),
            _("Only the confirmed co-chairs of this roundtable and the secretariat edit its summary."))  # fmt: skip
    text = _clean(text)
    if len(text) > SUMMARY_MAX:
        raise Refusal(_("A summary has at most %(max)d characters; this one has %(count)d.", max=SUMMARY_MAX,
                        count=len(text)), {"summary": [_("Too long.")]})  # fmt: skip
    cs = _locked(cs, rt)
    if rt.summary_final_at is not None:
        raise _final_refusal(rt)
    if seen and seen != summary_seen(rt):
        raise Refusal(_("Someone changed the summary since you opened it; nothing was saved. Reload the page to "
                        "read their version, then make your change again."), status=409)  # fmt: skip
    before = rt.summary or ""
    if text == before:
        return rt
    rt.summary, rt.summary_updated_at = text, utcnow()
    db.session.flush()
    audit.record(actor, FEATURE, "summary_edited", target=rt, commission_session=cs, label=label_of(rt, "summary"),
                 before={"summary": before}, after={"summary": text})  # fmt: skip
    return rt


def finalize_summary(cs: CommissionSession, actor: Actor, rt: Roundtable) -> Roundtable:
    """The secretariat marks the summary final: it goes into the session report as it stands."""
    require(permissions.can_finalize_summary(actor), _("Only the secretariat marks a summary final."))
    cs = _locked(cs, rt)
    if rt.summary_final_at is not None:
        raise Refusal(_("The summary of Roundtable %(number)d is already final.", number=rt.number), status=409)
    if not (rt.summary or "").strip():
        raise Refusal(_("An empty summary cannot be final: the co-chairs write the summary of key points first."),
                      {"summary": [_("Empty.")]}, 409)  # fmt: skip
    rt.summary_final_at = utcnow()
    db.session.flush()
    audit.record(actor, FEATURE, "summary_finalized", target=rt, commission_session=cs,
                 label=label_of(rt, "summary"), before={"final": False},
                 after={"final": True, "summary": rt.summary})  # fmt: skip
    return rt


def reopen_summary(cs: CommissionSession, actor: Actor, rt: Roundtable, reason: str) -> Roundtable:
    """The secretariat reopens a final summary for the co-chairs, saying why (kept in the log)."""
    require(permissions.can_finalize_summary(actor), _("Only the secretariat reopens a final summary."))
    reason = (reason or "").strip()
    if not reason:
        raise Refusal(_("Say why the summary is reopened: the co-chairs and the record read it."),
                      {"reason": [_("Required.")]})  # fmt: skip
    if len(reason) > REASON_MAX:
        raise Refusal(_("A reason has at most %(max)d characters.", max=REASON_MAX), {"reason": [_("Too long.")]})
    cs = _locked(cs, rt)
    if rt.summary_final_at is None:
        raise Refusal(_("The summary of Roundtable %(number)d is not final; there is nothing to reopen.",
                        number=rt.number), status=409)  # fmt: skip
    rt.summary_final_at = None
    db.session.flush()
    audit.record(actor, FEATURE, "summary_reopened", target=rt, commission_session=cs, label=label_of(rt, "summary"),
                 before={"final": True}, after={"final": False}, reason=reason)  # fmt: skip
    return rt
