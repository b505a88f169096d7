"""Walk every page a user can open and run axe-core on it.

The pages come from the app's own URL map (GET routes, less the API, static files and
downloads), their ids from the records in the database, so a new page is walked without
editing this file; a page whose address needs an id of a new kind fails the walk until
`candidates` learns where to find one. The same walk measured the commit before the work
(it depends on nothing but the app, its models, Playwright and axe-playwright-python).
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from sqlalchemy import select

SERIOUS = ("critical", "serious")
IMPACTS = ("critical", "serious", "moderate", "minor")
DOWNLOADS = re.compile(r"\.(pdf|csv|ics|json|txt|xml|atom|png|svg)$|\.<[^>]*>$")
_ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


@dataclass
class Violation:
    page: str
    rule: str
    impact: str
    help: str
    nodes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        shown = "\n".join(f"      {n}" for n in self.nodes[:6])
        more = f"\n      … and {len(self.nodes) - 6} more" if len(self.nodes) > 6 else ""
        return f"  {self.page}: {self.rule} ({self.impact}): {self.help}\n{shown}{more}"


def page_rules(app: Flask) -> list:
    """The GET routes that answer with a page a person reads."""
    rules = []
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or ()) or rule.endpoint == "static":
            continue
        if rule.rule.startswith(("/api/", "/static/")) or DOWNLOADS.search(rule.rule):
            continue
        rules.append(rule)
    return sorted(rules, key=lambda r: r.rule)


def candidates(db, username: str | None) -> dict[str, list]:
    """For each kind of id in an address, the values to try, the user's own records first.

    Ends the caller's transaction, so that the served app can write meanwhile."""
    from meetings.audit.models import AuditEntry
    from meetings.auth.models import User
    from meetings.debate.models import Draw, Inscription
    from meetings.programme.models import BlockKind, MeetingBlock
    from meetings.roundtables.models import Roundtable
    from meetings.side_events.models import SideEvent

    user = db.session.scalar(select(User).where(User.username == username)) if username else None
    own = user.delegation_id if user is not None else None

    def first(query) -> object | None:
        return db.session.scalars(query.limit(1)).first()

    blocks = [
        first(select(MeetingBlock).where(MeetingBlock.kind == kind).order_by(MeetingBlock.starts_at))
        for kind in (BlockKind.general_debate, BlockKind.roundtable)
    ]
    blocks = [b for b in blocks if b is not None]
    inscriptions = [
        first(select(Inscription).where(Inscription.delegation_id == own).order_by(Inscription.id)) if own else None,
        first(select(Inscription).order_by(Inscription.id)),
    ]
    events = [  # a draft first: its form is a page of its own
        first(
            select(SideEvent)
            .where(SideEvent.organizer_id == own)
            .order_by(SideEvent.submitted_at.is_not(None), SideEvent.id)
        )
        if own
        else None,
        first(select(SideEvent).order_by(SideEvent.id)),
    ]
    entry = first(select(AuditEntry).where(AuditEntry.record_id.is_not(None)).order_by(AuditEntry.id))
    draw = first(select(Draw).order_by(Draw.id.desc()))
    roundtable = first(select(Roundtable).order_by(Roundtable.number))
    from meetings.bilaterals.models import BilateralBooking

    bilaterals = [  # the user's own meeting first (its page is its delegations' and the secretariat's)
        first(select(BilateralBooking).where((BilateralBooking.booked_by_id == own) |
                                             (BilateralBooking.counterpart_id == own)).order_by(BilateralBooking.id))
        if own else None,
        first(select(BilateralBooking).order_by(BilateralBooking.id)),
    ]  # fmt: skip
    code = user.delegation.code if user is not None and user.delegation is not None else "KEN"
    values = {
        "block_id": [b.id for b in blocks],
        "room_id": list(dict.fromkeys(b.room_id for b in blocks)),
        "inscription_id": _unique(i.id for i in inscriptions if i is not None),
        "event_id": _unique(e.id for e in events if e is not None),
        "draw_id": [draw.id] if draw else [],
        "roundtable_id": [roundtable.id] if roundtable else [],
        "booking_id": _unique(b.id for b in bilaterals if b is not None),
        "code": [code],
        "username": [username if user is not None and user.delegation_id else "kenya"],
        "kind": [entry.record_kind] if entry else [],
        "record_id": [entry.record_id] if entry else [],
        "slug": ["speakers-list", "side-event-programme"],  # the published lists (meetings.publication)
        "number": [1],
    }
    db.session.rollback()  # end the read: SQLite would keep the served app from writing (a login)
    return values


def _unique(values: Iterable) -> list:
    return list(dict.fromkeys(values))


def addresses(rule, values: dict[str, list]) -> list[str]:
    """The addresses of one route: one per candidate of its first id (up to two), the rest the first of theirs.

    Raises LookupError naming an id that `candidates` does not know how to fill."""
    names = _ARGUMENT.findall(rule.rule)
    for name in names:
        if not values.get(name):
            raise LookupError(
                f"{rule.rule}: no value for <{name}>; teach tests/a11y/walk.py:candidates where to find one"
            )
    if not names:
        return [rule.rule]
    lead = names[0]
    out = []
    for value in values[lead][:2]:
        chosen = {n: (value if n == lead else values[n][0]) for n in names}
        out.append(_ARGUMENT.sub(lambda m, chosen=chosen: str(chosen[m.group(1)]), rule.rule))
    return out


def login(context, base: str, username: str, password: str) -> None:
    page = context.new_page()
    page.goto(base + "/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("#submit")
    page.wait_for_load_state()
    assert "/login" not in urlsplit(page.url).path, f"{username} could not log in"
    page.close()


def with_language(path: str, language: str | None) -> str:
    return path if not language else f"{path}{'&' if '?' in path else '?'}lang={language}"


@dataclass
class Reach:
    """What a user's requests answered: pages (200, HTML), redirects, one example of each error page."""

    pages: list[str] = field(default_factory=list)
    redirects: list[str] = field(default_factory=list)
    errors: dict[int, str] = field(default_factory=dict)

    def to_walk(self) -> list[str]:
        return self.pages + [self.errors[status] for status in sorted(self.errors)]


def reachable(context, base: str, paths: Iterable[str]) -> Reach:
    """Ask for each path as this context's user (no page load, no redirect followed)."""
    reach = Reach()
    for path in paths:
        response = context.request.get(base + path, max_redirects=0)
        html = response.headers.get("content-type", "").startswith("text/html")
        if response.status == 200 and html:
            reach.pages.append(path)
        elif 300 <= response.status < 400:
            reach.redirects.append(path)
        elif response.status in (403, 404) and html:
            reach.errors.setdefault(response.status, path)
    reach.errors.setdefault(404, "/no-such-page")
    return reach


DESKTOP, PHONE = {"width": 1280, "height": 800}, {"width": 375, "height": 740}


def check(context, base: str, paths: Iterable[str], languages: Iterable[str | None],
          widths: dict[str | None, dict] | None = None,
          progress: Callable[[str], None] | None = None) -> list[Violation]:  # fmt: skip
    """Open each path once per language in one tab and run axe on it; every violation found.

    `widths` gives a language its window (e.g. Arabic on a phone); the others get DESKTOP."""
    axe, page, found = Axe(), context.new_page(), []
    page.set_default_timeout(20_000)
    for language in languages:
        page.set_viewport_size((widths or {}).get(language, DESKTOP))
        for path in paths:
            address = with_language(path, language)
            page.goto(base + address, wait_until="load")
            result = axe.run(page)
            for v in result.response["violations"]:
                nodes = [f"{' '.join(map(str, n['target']))}  {n['html'][:140]}" for n in v["nodes"]]
                found.append(Violation(address, v["id"], v["impact"] or "minor", v["help"], nodes))
            if progress:
                progress(address)
    page.close()
    return found


def table(results: dict[str, list[Violation]], pages: dict[str, list[str]]) -> str:
    """A Markdown table per role: each page, its violations by impact and the rule ids."""
    lines = []
    for role, walked in pages.items():
        by_page: dict[str, list[Violation]] = {p: [] for p in walked}
        for v in results[role]:
            by_page.setdefault(v.page, []).append(v)
        totals = {i: sum(1 for v in results[role] if v.impact == i) for i in IMPACTS}
        lines += [f"\n### {role} ({len(walked)} page loads; " + ", ".join(f"{i} {n}" for i, n in totals.items()) + ")\n",
                  "| page | critical | serious | moderate | minor | rules |", "|---|---|---|---|---|---|"]  # fmt: skip
        for p, vs in by_page.items():
            counts = [str(sum(1 for v in vs if v.impact == i)) for i in IMPACTS]
            rules = ", ".join(f"{v.rule} ({v.impact}, {len(v.nodes)})" for v in vs) or "—"
            lines.append(f"| `{p}` | " + " | ".join(counts) + f" | {rules} |")
    return "\n".join(lines) + "\n"
