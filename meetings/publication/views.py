"""The public pages of the published versions (page, PDF, Atom), and the secretariat's page to publish."""

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_login import current_user

from meetings.actions import attempt
from meetings.auth.decorators import acting_user, allowed
from meetings.exports.views import send_bytes
from meetings.i18n.words import _
from meetings.programme.services import require_commission_session
from meetings.publication import atom, documents, permissions, services, words
from meetings.publication.forms import PublishForm
from meetings.publication.models import SLUGS, PublicationKind, PublishedVersion

bp = Blueprint("publication", __name__, url_prefix="/session")
KIND = '<any("speakers-list", "side-event-programme"):slug>'


def _page(cs, kind: PublicationKind, version: PublishedVersion | None, status: int = 200):
    every = services.versions(cs, kind)
    shown_rows = version.snapshot["rows"] if version is not None else []
    codes = [{"delegation": r.get("delegation"), "organizer": r.get("organizer")} for r in shown_rows]
    return render_template(
        "publication/version.html", cs=cs, kind=kind, slug=kind.slug, version=version, versions=every,
        latest=every[0] if every else None, delegations=words.delegations_named(codes),
        changes=words.change_log(version, kind, cs.timezone) if version is not None else [],
        blocks={b["id"]: b for b in (version.snapshot.get("blocks", []) if version is not None else [])},
        title=words.title_of(kind), when=words.when,
        statements=services.uploaded_statements(cs, shown_rows) if kind == PublicationKind.speakers_list else set(),
    ), status  # fmt: skip


# The same page under an endpoint without arguments: where the menu sends those who read the published list.
@bp.get("/speakers-list", endpoint="speakers_list", defaults={"slug": "speakers-list"})
@bp.get(f"/{KIND}")
def show_latest(slug: str):
    """The latest published version; before the first, a page that says nothing is published yet."""
    cs = require_commission_session()
    kind = services.kind_of(slug)
    return _page(cs, kind, services.latest(cs, kind))


@bp.get(f"/{KIND}/v/<int:number>")
def show_version(slug: str, number: int):
    cs = require_commission_session()
    kind = services.kind_of(slug)
    return _page(cs, kind, services.version_of(cs, kind, number))


def _pdf(cs, version: PublishedVersion) -> Response:
    name = f"{cs.code}-{version.publication_kind.slug}-v{version.number}.pdf"
    return send_bytes(documents.version_pdf(cs, version), "application/pdf", name, inline=True)


@bp.get(f"/{KIND}.pdf")
def latest_pdf(slug: str):
    cs = require_commission_session()
    kind = services.kind_of(slug)
    version = services.latest(cs, kind)
    if version is None:
        return _page(cs, kind, None, 404)
    return _pdf(cs, version)


@bp.get(f"/{KIND}/v/<int:number>.pdf")
def version_pdf(slug: str, number: int):
    cs = require_commission_session()
    return _pdf(cs, services.version_of(cs, services.kind_of(slug), number))


@bp.get(f"/{KIND}.atom")
def atom_feed(slug: str):
    """The changes, one entry per version (valid Atom 1.0)."""
    cs = require_commission_session()
    kind = services.kind_of(slug)
    body = atom.feed(
        kind=kind, session_name=cs.name, tz=cs.timezone, versions=services.versions(cs, kind),
        feed_url=url_for("publication.atom_feed", slug=slug, _external=True),
        page_url=url_for("publication.show_latest", slug=slug, _external=True),
        version_url=lambda n: url_for("publication.show_version", slug=slug, number=n, _external=True),
    )  # fmt: skip
    return Response(body, mimetype="application/atom+xml")


@bp.route(f"/{KIND}/publish", methods=["GET", "POST"])
@allowed(permissions.can_preview)
def publish(slug: str):
    """The working state's change log against the latest version, and the button that publishes it."""
    cs = require_commission_session()
    kind = services.kind_of(slug)
    form = PublishForm()
    if form.validate_on_submit():
        user = acting_user()
        outcome = attempt(lambda: services.publish(cs, user, kind), form)
        if outcome.ok:
            done = words.version_title(kind, outcome.value.number)
            flash(_("%(version)s is published.", version=done), "info")
            return redirect(url_for("publication.show_version", slug=slug, number=outcome.value.number), 303)
    snapshot, changes, last = services.preview(cs, kind)
    return render_template(
        "publication/publish.html", cs=cs, kind=kind, slug=slug, form=form, last=last, count=len(snapshot["rows"]),
        changes=words.change_log(changes, kind, cs.timezone) if (last is None or changes) else [],
        nothing=services.nothing_changed(kind, last.number) if last is not None and not changes else "",
        title=words.title_of(kind), may_publish=permissions.can_publish(current_user),
    )  # fmt: skip


@bp.app_template_global("publication_notices")
def publication_notices(cs, delegation) -> list[tuple[str, str]]:
    """For a delegation's home page: (notice, address) of each latest version that changed something for it."""
    if cs is None or not permissions.can_see_notices(current_user, delegation):
        return []
    return [(words.notice(v, mine, delegation, cs.timezone),
             url_for("publication.show_version", slug=SLUGS[v.publication_kind], number=v.number))
            for v, mine in services.notices_for(cs, delegation)]  # fmt: skip
