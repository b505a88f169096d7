from flask import jsonify, url_for

from meetings.api import ApiRoutes, api_user, validated
from meetings.api.schemas import ANY, INSTANT, INT, STR, arr, maybe, obj
from meetings.programme.services import require_commission_session
from meetings.publication import permissions, services, words
from meetings.publication.forms import PublishForm
from meetings.publication.models import PublicationKind, PublishedVersion

routes = ApiRoutes()

_VERSION = dict(kind=STR, number=INT, published_at=INSTANT, published_by=maybe(STR), changes=arr(ANY),
                change_log=arr(STR), url=STR, pdf=STR)  # fmt: skip
VERSION = obj(optional={"rows": arr(ANY)}, **_VERSION)


def version_as_dict(cs, version: PublishedVersion, *, rows: bool = True) -> dict:
    kind = version.publication_kind
    shown = {
        "kind": kind.value, "number": version.number, "published_at": version.published_at.isoformat(),
        "published_by": version.published_by.full_name if version.published_by is not None else None,
        "changes": version.changes, "change_log": words.change_log(version, kind, cs.timezone),
        "url": url_for("publication.show_version", slug=kind.slug, number=version.number, _external=True),
        "pdf": url_for("publication.version_pdf", slug=kind.slug, number=version.number, _external=True),
    }  # fmt: skip
    if rows:
        shown["rows"] = version.snapshot["rows"]
    return shown


@routes.route("/publication/<kind>", summary="The published versions of the speakers list (speakers_list) or the "
              "side-event programme (programme), newest first", public=True,
              response=obj(kind=STR, latest=maybe(INT), versions=arr(VERSION)))  # fmt: skip
def list_versions(kind: str):
    cs = require_commission_session()
    found = services.kind_of(kind)
    every = services.versions(cs, found)
    return jsonify({"kind": found.value, "latest": every[0].number if every else None,
                    "versions": [version_as_dict(cs, v, rows=False) for v in every]})  # fmt: skip


@routes.route("/publication/<kind>/<int:number>", summary="One published version: its rows and its change log",
              public=True, response=obj(rows=arr(ANY), **_VERSION))  # fmt: skip
def show_version(kind: str, number: int):
    cs = require_commission_session()
    return jsonify(version_as_dict(cs, services.version_of(cs, services.kind_of(kind), number)))


@routes.route("/publication/<kind>/preview", summary="What publishing now would change (the working state against "
              "the latest version)", allow=permissions.can_preview,
              response=obj(kind=STR, latest=maybe(INT), next=maybe(INT), nothing_changed=maybe(STR), changes=arr(ANY),
                           change_log=arr(STR), rows=arr(ANY)))  # fmt: skip
def preview_version(kind: str):
    cs = require_commission_session()
    found: PublicationKind = services.kind_of(kind)
    snapshot, changes, last = services.preview(cs, found)
    unchanged = last is not None and not changes
    return jsonify({
        "kind": found.value, "latest": last.number if last is not None else None,
        "next": None if unchanged else (last.number + 1 if last is not None else 1),
        "nothing_changed": services.nothing_changed(found, last.number) if unchanged else None,
        "changes": [] if unchanged else changes,
        "change_log": [] if unchanged else words.change_log(changes, found, cs.timezone),
        "rows": snapshot["rows"],
    })  # fmt: skip


@routes.route("/publication/<kind>", ["POST"], form=PublishForm,
              summary="Publish the working state as the next version (refused when nothing changed)",
              allow=permissions.can_publish, status=201, response=VERSION)  # fmt: skip
def publish_version(kind: str):
    validated(PublishForm)
    cs = require_commission_session()
    version = services.publish(cs, api_user(), services.kind_of(kind))
    return jsonify(version_as_dict(cs, version)), 201
