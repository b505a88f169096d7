"""Who may do what: every HTML and API route of the app, for each kind of user (issue 14, point 8).

The matrix below is data: one line per (method, endpoint) of `app.url_map` (static files, HEAD and
OPTIONS aside), the expected answer for each column, in this order:

    anon   nobody logged in
    own    a delegation's user on its own records (the record in the address belongs to its delegation)
    other  another delegation's user on those same records (A reading, withdrawing, editing B's)
    chair  the chair
    cochr  a confirmed roundtable co-chair (gruber, Austria's account, co-chair of roundtable 1)
    secr   the secretariat

    +  let in: 2xx, 3xx (not to the login page) or 304
    -  refused: 401, 403, or sent to the login page
    0  not found: 404, where hiding that the record exists is the design
    ~  let in, then refused by a rule of the action itself (400, 409, 410, 422: the demo's state, a
       request sent with no body), or sent back to a page with an error flashed

A route with no line fails `test_every_route_has_a_line`; a new line is one short line,
`"POST feature.verb_noun": "--+--+",` (where one endpoint serves two addresses that answer
differently, a line may name the address after the endpoint). `MATRIX_PRINT=1 pytest -s -k answers`
prints what every route answers now, in the matrix's own format. Each request
is sent with a valid CSRF token (pages) or the user's API token (API), with the body in `BODIES` if
the route needs one, against the demo database; a request that wrote anything is undone before the
next (the database is put back as it was), so the order of the lines does not matter. Every answer
given to another delegation or to nobody is also searched for a delegation's private words (a
participant it registered, its draft application), which must not show; and a refusal must have
committed nothing.
"""

import os
import re
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

import pytest
from flask import current_app
from itsdangerous import URLSafeSerializer
from sqlalchemy import select, text

from meetings.auth.models import Role, User
from meetings.demo import demo_password
from tests.conftest import csrf_token

COLUMNS = ("anon", "own", "other", "chair", "cochr", "secr")

# fmt: off
MATRIX: dict[str, str] = {
    # method endpoint                                         anon, own, other, chair, cochr, secr
    "GET index":                                              "++++++",
    "GET auth.change_password":                               "-+++++",
    "POST auth.change_password":                              "-~~~~~",
    "GET auth.manage_tokens":                                 "-+++++",
    "POST auth.manage_tokens":                                "-+++++",
    "POST auth.revoke_token":                                 "-+000+",
    "GET api.get_audit":                                      "-++-++",
    "GET api.get_audit_verification":                         "-----+",
    "GET api.list_bilateral_bookings":                        "-++-++",
    "POST api.create_bilateral_booking":                      "-~~-~~",
    "GET api.get_bilateral_booking":                          "-+--++",
    "POST api.cancel_bilateral_booking":                      "-+--++",
    "POST api.confirm_bilateral_booking":                     "-----+",
    "POST api.decline_bilateral_booking":                     "-----+",
    "GET api.get_bilateral_grid":                             "-+++++",
    "PUT api.put_bilateral_grid":                             "-----~",
    "GET api.get_bilateral_rooms":                            "-+++++",
    "PUT api.put_bilateral_rooms":                            "-----~",
    "GET api.calendar_addresses":                             "-+++++",
    "GET api.delegation_calendar_address":                    "-+--++",
    "POST api.renew_delegation_calendar_address":             "-+--++",
    "POST api.revoke_delegation_calendar_address":            "-+--++",
    "POST api.renew_own_calendar_address":                    "-+++++",
    "POST api.revoke_own_calendar_address":                   "-+++++",
    "GET api.lineup":                                         "++++++",
    "POST api.post_draw":                                     "-----~",
    "POST api.post_commitment":                               "-----~",
    "POST api.post_void":                                     "-----~",
    "GET api.list_draws":                                     "++++++",
    "GET api.get_draw":                                       "++++++",
    "POST api.create_inscription":                            "-~~-~~",
    "PUT api.update_inscription":                             "-~~-~~",
    "POST api.absent":                                        "---+-+",
    "POST api.reinstate_inscription":                         "-----~",
    "PUT api.put_remote":                                     "-+--++",
    "POST api.upload":                                        "-~--~~",
    "POST api.propose_swap":                                  "-~~-~~",
    "POST api.withdraw_inscription":                          "-+--++",
    "GET api.list_level_requests":                            "-++-++",
    "POST api.cancel_level":                                  "-+--++",
    "POST api.confirm_level":                                 "-----+",
    "POST api.decline_level":                                 "-----~",
    "GET api.get_list":                                       "-+++++",
    "GET api.get_quotas":                                     "++++++",
    "PUT api.put_quotas":                                     "-----~",
    "POST api.release_quota":                                 "-----+",
    "GET api.get_standing":                                   "-+--++",
    "POST api.confirm_swap":                                  "-+--++",
    "POST api.decline_swap":                                  "-+--++",
    "GET api.list_delegations":                               "++++++",
    "POST api.register_delegation":                           "-----~",
    "GET api.get_delegation":                                 "-+--++",
    "GET api.delegation_changes":                             "-+--++",
    "GET api.get_floor":                                      "---+++",
    "POST api.post_action":                                   "---~~~",
    "POST api.post_lineup":                                   "---+++",
    "POST api.post_point_of_order":                           "---+++",
    "GET api.get_record":                                     "---+++",
    "GET api.get_replies":                                    "-+++++",
    "POST api.post_reply":                                    "---+++",
    "POST api.post_withdraw_reply":                           "-+-+++",
    "POST api.post_request":                                  "---+++",
    "POST api.post_drop":                                     "---+++",
    "POST api.post_grant":                                    "---+++",
    "POST api.post_withdraw":                                 "-+-+++",
    "POST api.post_turn":                                     "---+++",
    "POST api.post_limit":                                    "---+++",
    "GET api.get_room_state":                                 "++++++",
    "GET api.me":                                             "-+++++",
    "POST api.choose_my_language":                            "-~~~~~",
    "POST api.change_my_password":                            "-~~~~~",
    "GET api.list_my_tokens":                                 "-+++++",
    "GET api.get_nominations":                                "-++-++",
    "GET api.get_nomination":                                 "-+--++",
    "POST api.post_nomination_confirm":                       "-----~",
    "POST api.post_nomination_decline":                       "-----~",
    "POST api.post_nomination_withdraw":                      "-+--++",
    "GET api.openapi_document":                               "++++++",
    "GET api.registration_list":                              "-++-++",
    "GET api.registration_get":                               "-+--++",
    "POST api.registration_approve":                          "-----~",
    "GET api.registration_note_verbale":                      "-+--++",
    "POST api.registration_upload_note_verbale":              "-~--~~",
    "GET api.registration_participants":                      "-+--++",
    "POST api.registration_add_participant":                  "-~--~~",
    "POST api.registration_reopen":                           "-+--++",
    "POST api.registration_return":                           "-----~",
    "POST api.registration_submit":                           "-~--~~",
    "GET api.registration_missing":                           "-----+",
    "GET api.registration_lists":                             "-++-++",
    "GET api.registration_lists_csv":                         "-++-++",
    "GET api.registration_lists_pdf":                         "-++-++",
    "DELETE api.registration_remove_participant":             "-~---~",
    "GET api.registration_participant":                       "-+---+",
    "PUT api.registration_change_participant":                "-~---~",
    "POST api.registration_return_participant":               "-----~",
    "GET api.registration_speakers":                          "-++-+~",
    "GET api.registration_speaker_standing":                  "-----+",
    "GET api.get_roundtables":                                "++++++",
    "POST api.post_roundtable":                               "-----~",
    "GET api.get_roundtable":                                 "++++++",
    "POST api.post_nomination":                               "-~~-~~",
    "GET api.roundtable_panelists":                           "++++++",
    "PUT api.replace_roundtable_panelists":                   "----++",
    "GET api.roundtable_summary":                             "++++++",
    "PUT api.edit_roundtable_summary":                        "----~~",
    "POST api.finalize_roundtable_summary":                   "-----~",
    "POST api.reopen_roundtable_summary":                     "-----~",
    "GET api.get_session":                                    "++++++",
    "PUT api.put_session":                                    "-----~",
    "GET api.agenda_calendar":                                "++++++",
    "GET api.list_blocks":                                    "++++++",
    "POST api.create_block":                                  "-----~",
    "DELETE api.delete_block":                                "-----~",
    "PUT api.update_block":                                   "-----~",
    "POST api.cancel_block":                                  "-----~",
    "GET api.get_log":                                        "---+-+",
    "GET api.programme_document":                             "++++++",
    "GET api.list_rooms":                                     "++++++",
    "POST api.create_room":                                   "-----+",
    "PUT api.update_room":                                    "-----~",
    "PUT api.put_rules":                                      "-----~",
    "GET api.schedule_document":                              "++++++",
    "GET api.list_side_events":                               "-++-++",
    "POST api.create_side_event_draft":                       "-++-+-",
    "DELETE api.delete_side_event_draft":                     "-+---+",
    "GET api.get_side_event":                                 "-+---+",
    "PUT api.update_side_event_draft":                        "-+---+",
    "PUT api.put_meeting_link":                               "-+---+",
    "POST api.reject_side_event":                             "-----~",
    "PUT api.schedule_side_event":                            "-----~",
    "POST api.submit_side_event":                             "-~---~",
    "POST api.withdraw_side_event":                           "-~---~",
    "GET api.side_event_programme":                           "++++++",
    "GET api.side_event_queue":                               "-----+",
    "POST api.auto_schedule_side_events":                     "-----+",
    "POST api.submit_new_side_event":                         "-~~-~-",
    "POST api.revoke_api_token":                              "-+000+",
    "GET api.list_users":                                     "-----+",
    "POST api.create_user":                                   "-----~",
    "POST api.disable_user":                                  "-----+",
    "POST api.enable_user":                                   "-----~",
    "POST api.set_one_time_password":                         "-----+",
    "GET api.list_user_tokens":                               "-----+",
    "GET audit.show_log":                                     "-----+",
    "GET audit.export_csv":                                   "-----+",
    "GET audit.record_history":                               "-----+",
    "GET audit.verify_chain":                                 "-----+",
    "GET bilaterals.show_grid":                               "-+++++",
    "GET bilaterals.show_booking":                            "-+--++",
    "POST bilaterals.cancel":                                 "-+--++",
    "POST bilaterals.confirm":                                "-~--~+",
    "POST bilaterals.decline":                                "-~--~+",
    "GET bilaterals.book":                                    "-++-++",
    "POST bilaterals.book":                                   "-~~-~~",
    "GET bilaterals.door_sheet":                              "-+++++",
    "GET bilaterals.setup":                                   "-----+",
    "POST bilaterals.save_grid":                              "-----~",
    "POST bilaterals.save_rooms":                             "-----~",
    "GET calendars.secret_feed":                              "++++++",
    "POST calendars.renew_delegation_address":                "-+--++",
    "POST calendars.revoke_delegation_address":               "-+--++",
    "POST calendars.renew_own_address":                       "-+++++",
    "POST calendars.revoke_own_address":                      "-+++++",
    "GET debate.show_list":                                   "++++++",
    "GET debate.speakers_pdf":                                "++++++",
    "GET debate.show_draw":                                   "++++++",
    "POST debate.publish_commitment":                         "-----~",
    "POST debate.perform_draw":                               "-----~",
    "POST debate.void_draw":                                  "-----~",
    "GET debate.draw_pdf":                                    "++++++",
    "GET debate.verify_draw":                                 "++++++",
    "GET debate.inscribe":                                    "-++-++",
    "POST debate.inscribe":                                   "-~~-~~",
    "GET debate.show_inscription":                            "-+-+++",
    "POST debate.mark_absent":                                "---+-+",
    "POST debate.reinstate":                                  "-----~",
    "POST debate.set_remote":                                 "-+--++",
    "POST debate.change_speaker":                             "-~-~~~",
    "POST debate.upload_statement":                           "-~--~~",
    "POST debate.propose_swap":                               "-~-~~~",
    "GET debate.withdraw":                                    "-+--++",
    "POST debate.withdraw":                                   "-+--++",
    "GET debate.level_requests":                              "-----+",
    "POST debate.decide_level":                               "-----+",
    "POST debate.cancel_level_request":                       "-+--++",
    "GET debate.show_log":                                    "++++++",
    "GET debate.edit_quotas":                                 "-----+",
    "POST debate.edit_quotas":                                "-----~",
    "POST debate.release_quota":                              "-----+",
    "GET debate.speakers_csv":                                "++++++",
    "GET debate.statement":                                   "000000",
    "POST debate.confirm_swap":                               "-+--++",
    "POST debate.decline_swap":                               "-+--++",
    "GET exports.delegations_document":                       "++++++",
    "GET delegations.list_delegations":                       "++++++",
    "GET delegations.show_delegation":                        "-+--++",
    "GET exports.delegation_calendar":                        "++++++",
    "GET audit.delegation_history":                           "-+--++",
    "GET delegations.export_delegations":                     "++++++",
    "GET delegations.register_delegation":                    "-----+",
    "POST delegations.register_delegation":                   "-----~",
    "GET delegations.manage_users":                           "-----+",
    "POST delegations.manage_users":                          "-----~",
    "GET delegations.show_user":                              "-----+",
    "POST delegations.disable_user":                          "-----+",
    "POST delegations.enable_user":                           "-----~",
    "POST delegations.set_one_time_password":                 "-----+",
    "POST delegations.revoke_user_token":                     "-----+",
    "GET floor.list_meetings":                                "++++++",
    "GET floor.console":                                      "---+++",
    "POST floor.act":                                         "---~~~",
    "POST floor.load_lineup":                                 "---+++",
    "GET floor.nameplate":                                    "-++-+-",
    "POST floor.point_of_order":                              "---+++",
    "POST floor.request_reply":                               "---+++",
    "POST floor.withdraw_reply":                              "-+-+++",
    "GET floor.reply":                                        "-++-+-",
    "GET floor.speaking_time_report":                         "---+++",
    "POST floor.request_floor":                               "---+++",
    "POST floor.decide_request":                              "---+++",
    "POST floor.withdraw_request":                            "-+-+++",
    "GET floor.console_state":                                "---+++",
    "POST floor.add_turn":                                    "---+++",
    "POST floor.set_limit":                                   "---+++",
    "GET floor.projector":                                    "++++++",
    "GET floor.room_state":                                   "++++++",
    "GET auth.home":                                          "-+++++",
    "POST auth.choose_language":                              "~~~~~~",
    "GET auth.login":                                         "++++++",
    "POST auth.login":                                        "~~~~~~",
    "POST auth.logout":                                       "-+++++",
    "GET registration.overview":                              "-++-++",
    "GET registration.show_registration":                     "-+--++",
    "POST registration.approve":                              "-----~",
    "POST registration.upload_note_verbale":                  "-~--~~",
    "GET registration.note_verbale":                          "-+--++",
    "POST registration.add_participant":                      "-~--~~",
    "POST registration.reopen":                               "-+--++",
    "POST registration.return_registration":                  "-----~",
    "POST registration.submit":                               "-~--~~",
    "GET registration.missing_high_level":                    "-----+",
    "GET registration.missing_high_level_csv":                "-----+",
    "GET registration.show_lists":                            "-++-++",
    "GET registration.lists_csv":                             "-++-++",
    "GET registration.lists_pdf":                             "-++-++",
    "POST registration.change_participant":                   "-~---~",
    "POST registration.remove_participant":                   "-~---~",
    "POST registration.return_participant":                   "-----~",
    "GET roundtables.list_roundtables":                       "++++++",
    "POST roundtables.create_roundtable":                     "-----~",
    "GET roundtables.show_roundtable":                        "++++++",
    "POST roundtables.nominate":                              "-~~-~~",
    "GET roundtables.show_panelists":                         "++++++",
    "POST roundtables.save_panelists":                        "----++",
    "GET roundtables.report_document":                        "++++++",
    "GET roundtables.show_summary":                           "++++++",
    "POST roundtables.save_summary":                          "----~~",
    "POST roundtables.finalize_summary":                      "-----~",
    "POST roundtables.reopen_summary":                        "-----~",
    "GET roundtables.list_nominations":                       "-----+",
    "POST roundtables.confirm":                               "-----~",
    "POST roundtables.decline":                               "-----~",
    "POST roundtables.withdraw":                              "-+--++",
    "GET roundtables.session_report_document":                "++++++",
    "GET programme.show_session":                             "++++++",
    "GET exports.agenda_calendar":                            "++++++",
    "GET programme.edit_block":                               "-----+",
    "POST programme.edit_block":                              "-----~",
    "POST programme.cancel_block":                            "-----~",
    "POST programme.delete_block":                            "-----~",
    "GET programme.edit_details":                             "-----+",
    "POST programme.edit_details":                            "-----~",
    "GET programme.show_log":                                 "---+-+",
    "GET exports.programme_document":                         "++++++",
    "GET programme.show_rooms":                               "++++++",
    "POST programme.add_room":                                "-----+",
    "GET programme.edit_room":                                "-----+",
    "POST programme.edit_room":                               "-----+",
    "GET programme.edit_rules":                               "-----+",
    "POST programme.edit_rules":                              "-----~",
    "GET exports.schedule_document":                          "++++++",
    "GET side_events.list_events":                            "++++++",
    "GET side_events.show_event":                             "-+---+",
    "GET side_events.event_calendar":                         "-0---0",
    "POST side_events.delete_draft":                          "-+---+",
    "GET side_events.edit_application /side-events/new":      "-++-+-",
    "GET side_events.edit_application /side-events/<int:event_id>/edit":"-+---+",
    "POST side_events.edit_application /side-events/new":     "-++-+-",
    "POST side_events.edit_application /side-events/<int:event_id>/edit":"-+---+",
    "POST side_events.set_meeting_link":                      "-+---+",
    "POST side_events.reject":                                "-----~",
    "POST side_events.schedule":                              "-----~",
    "POST side_events.withdraw":                              "-~---~",
    "GET side_events.programme_document":                     "++++++",
    "GET side_events.show_queue":                             "-----+",
    "GET side_events.export_queue":                           "-----+",
    "POST side_events.auto_schedule":                         "-----+",
    "GET side_events.show_timeline":                          "++++++",
    # publication
    "GET api.list_versions":                                     "++++++",
    "POST api.publish_version":                                  "-----~",
    "GET api.show_version":                                      "++++++",
    "GET api.preview_version":                                   "-----+",
    "GET publication.show_latest":                               "++++++",
    "GET publication.speakers_list":                             "++++++",
    "GET publication.atom_feed":                                 "++++++",
    "GET publication.latest_pdf":                                "++++++",
    "GET publication.publish":                                   "-----+",
    "POST publication.publish":                                  "-----+",
    "GET publication.show_version":                              "++++++",
    "GET publication.version_pdf":                               "++++++",
    # the session report
    "GET api.list_session_reports":                              "---+-+",
    "POST api.make_session_report":                              "-----~",
    "GET api.session_report":                                    "---0-0",
    "GET api.session_report_document":                           "---0-0",
    "GET api.session_report_draft":                              "-----+",
    "GET api.session_report_figures":                            "-----+",
    "GET report.index":                                          "---+-+",
    "GET report.chart_image":                                    "-----+",
    "GET report.draft_document":                                 "-----+",
    "GET report.figures":                                        "-----+",
    "POST report.make_final":                                    "-----~",
    "GET report.final_document":                                 "---0-0",
}
# fmt: on

# Bodies of the requests that need one to reach the decision (form fields for pages, JSON for the API).
WITHDRAW = {"reason": "The minister cannot travel"}
TURN = {"speaker_name": "Dr. Ines Ferreira", "role": "rt_floor"}
RAISED = {"delegation": "DEU"}  # the chair names the delegation; a delegation asks for itself
SUMMARY = {"summary": "Participants took stock of the commitments made since 2019."}
ROOM = {"name": "Room M7", "capacity": "40", "projector_language": "en"}
BODIES: dict[str, dict] = {
    "POST debate.withdraw": WITHDRAW, "POST api.withdraw_inscription": WITHDRAW,
    "POST floor.add_turn": TURN, "POST api.post_turn": TURN,
    "POST floor.set_limit": {"limit_s": "2:00"}, "POST api.post_limit": {"limit_s": "2:00"},
    "POST floor.point_of_order": RAISED, "POST api.post_point_of_order": RAISED,
    "POST floor.request_reply": RAISED, "POST api.post_reply": RAISED,
    "POST floor.request_floor": RAISED, "POST api.post_request": RAISED,
    "POST roundtables.save_summary": SUMMARY, "PUT api.edit_roundtable_summary": SUMMARY,
    "POST programme.add_room": ROOM, "POST api.create_room": ROOM,
}  # fmt: skip

# The values of an address's parts that are not records of a delegation.
FIXED = {
    "decision": {None: "confirm", "floor.decide_request": "grant"}, "fmt": "pdf",
    "slug": "speakers-list", "number": "1", "key": "groups",
    "kind": {f"api.{verb}": "speakers_list" for verb in ("list_versions", "show_version", "preview_version",
                                                          "publish_version")},
}  # fmt: skip
ALLOWED = re.compile(r"^(2\d\d|3\d\d)$")


def key(method: str, endpoint: str, rule: str = "") -> str:
    """The line of a route: "METHOD endpoint", or "METHOD endpoint /rule" where one endpoint serves two
    addresses that answer differently (a new application, and the form of one already made)."""
    qualified = f"{method} {endpoint} {rule}"
    return qualified if qualified in MATRIX else f"{method} {endpoint}"


def routes(app) -> list[tuple[str, str, str]]:
    """(method, endpoint, rule) of every route the matrix covers."""
    out = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            out.append((method, rule.endpoint, rule.rule))
    return sorted(out, key=lambda r: (r[2], r[0]))


def test_every_route_has_a_line(app):
    missing = [f"{m} {e}   ({r})" for m, e, r in routes(app) if key(m, e, r) not in MATRIX]
    assert not missing, "routes with no line in the permission matrix; add an entry to the matrix:\n  " + "\n  ".join(
        missing
    )
    stale = sorted(set(MATRIX) - {key(m, e, r) for m, e, r in routes(app)})
    assert not stale, f"lines of the matrix for routes that no longer exist: {stale}"
    bad = {k: v for k, v in MATRIX.items() if len(v.replace(" ", "")) != len(COLUMNS) or set(v) - set("+-0~ ")}
    assert not bad, f"lines that do not give one of + - 0 ~ for each of {COLUMNS}: {bad}"


# --- the records the addresses point to ----------------------------------------------------------


@dataclass
class Records:
    """The demo's records that fill the addresses, their owning delegation, and that owner's private words."""

    values: dict[str, object] = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)  # name of a part -> username of its owner
    private: dict[str, list[str]] = field(default_factory=dict)  # username of an owner -> words of theirs


def demo_records(db, other: str) -> Records:
    from meetings.bilaterals.models import BilateralBooking
    from meetings.calendars.services import SALT
    from meetings.debate.models import Draw, Inscription, LevelRequest, Swap
    from meetings.delegations.models import Delegation
    from meetings.floor.models import FloorRequest, Turn, TurnRole
    from meetings.programme.models import BlockKind, MeetingBlock
    from meetings.registration.models import Participant, Registration
    from meetings.roundtables.models import Nomination, Panelist, Roundtable
    from meetings.side_events.models import SideEvent

    s = db.session
    other_user = s.scalar(select(User).where(User.username == other))
    austria = s.scalar(select(Delegation).where(Delegation.code == "AUT"))
    rec = Records()

    def user_of(delegation_id: int) -> str:
        users = s.scalars(select(User).where(User.delegation_id == delegation_id, User.role == Role.delegation)
                          .order_by(User.id)).all()  # fmt: skip
        return users[0].username

    def put(name: str, value, owner_delegation_id: int | None = None, words: Iterable[str] = ()) -> None:
        rec.values[name] = value
        if owner_delegation_id is not None:
            owner = user_of(owner_delegation_id)
            rec.owners[name] = owner
            rec.private.setdefault(owner, []).extend(w for w in words if w and len(w) > 5)

    roundtable = s.scalars(select(Roundtable).order_by(Roundtable.number)).first()
    gd = s.scalars(select(MeetingBlock).where(MeetingBlock.kind == BlockKind.general_debate)
                   .order_by(MeetingBlock.starts_at)).first()  # fmt: skip
    put("roundtable_id", roundtable.id)
    put("block_id", roundtable.block_id)
    put("gd_block_id", gd.id)
    put("room_id", roundtable.block.room_id)
    inscription = s.scalars(
        select(Inscription).where(Inscription.delegation_id == austria.id).order_by(Inscription.id)
    ).first()
    put("inscription_id", inscription.id, austria.id)  # its speaker is public, on the list
    put("code", "AUT", austria.id)
    event = s.scalars(select(SideEvent).where(SideEvent.organizer_id != other_user.delegation_id)
                      .order_by(SideEvent.submitted_at.is_(None).desc(), SideEvent.id)).first()  # fmt: skip
    put("event_id", event.id, event.organizer_id, [event.title, event.contact_email or ""])
    booking = s.scalars(select(BilateralBooking).where(BilateralBooking.booked_by_id != other_user.delegation_id,
                        (BilateralBooking.counterpart_id.is_(None)) | (BilateralBooking.counterpart_id != other_user.delegation_id))
                        .order_by(BilateralBooking.id)).first()  # fmt: skip
    put("booking_id", booking.id, booking.booked_by_id)
    put("day", booking.day.isoformat())
    put("booking_room_id", booking.room_id)
    public = [  # names that are public by design: speakers, nominees, panelists, whoever had the floor
        *s.scalars(select(Inscription.speaker_name)), *s.scalars(select(Nomination.nominee_name)),
        *s.scalars(select(Panelist.name)), *s.scalars(select(Turn.speaker_name)),
    ]  # fmt: skip
    participants = s.scalars(select(Participant).join(Registration)
                             .where(Registration.delegation_id != other_user.delegation_id)
                             .order_by(Registration.delegation_id != austria.id, Participant.id)).all()  # fmt: skip
    participant = next(p for p in participants if not any(p.name in w or w in p.name for w in public))
    put("participant_id", participant.id, participant.registration.delegation_id, [participant.name])
    nomination = s.scalars(select(Nomination).where(Nomination.delegation_id == austria.id)).first()
    put("nomination_id", nomination.id, austria.id)
    level = s.scalars(select(LevelRequest).order_by(LevelRequest.id)).first()
    if level is not None:
        put("level_request_id", level.id, s.get(Inscription, level.inscription_id).delegation_id)
    swap = s.scalars(select(Swap).order_by(Swap.id)).first()
    if swap is not None:
        put("swap_id", swap.id, s.get(Inscription, swap.second_id).delegation_id)
    floor_request = s.scalars(select(FloorRequest).order_by(FloorRequest.id)).first()
    if floor_request is not None:
        put("floor_request_id", floor_request.id, floor_request.delegation_id)
    turn = s.scalars(select(Turn).where(Turn.delegation_id == austria.id, Turn.role == TurnRole.right_of_reply)).first()
    put("turn_id", turn.id, turn.delegation_id)
    draw = s.scalars(select(Draw).order_by(Draw.id.desc())).first()
    put("draw_id", draw.id)
    put("username", "austria", austria.id)
    put("token", URLSafeSerializer(current_app.secret_key, salt=SALT).dumps(["d", austria.id, 1]), austria.id)
    rec.values["kind"], rec.values["record_id"] = Inscription.__tablename__, inscription.id
    return rec


def add_what_the_demo_lacks(db, client, token_for) -> None:
    """Austria's pending level request (a raise after the draw), a swap Kenya proposes to Austria, and a right
    of reply Austria asked for in roundtable 1."""
    from meetings.debate.models import Inscription, Level
    from meetings.delegations.models import Delegation
    from meetings.roundtables.models import Roundtable

    def of(code: str) -> Inscription:
        d = db.session.scalar(select(Delegation).where(Delegation.code == code))
        return db.session.scalars(
            select(Inscription).where(Inscription.delegation_id == d.id).order_by(Inscription.id)
        ).first()

    mine = of("AUT")
    raised = {"speaker_name": mine.speaker_name, "speaker_title": mine.speaker_title or "",
              "level": Level.higher_than_ministerial.value, "reason": "A change of minister"}  # fmt: skip
    kenya, austria = of("KEN").id, mine.id
    db.session.rollback()
    answer = client.put(f"/api/v1/debate/inscriptions/{austria}", json=raised, headers=token_for("austria"))
    assert answer.status_code == 202, answer.get_json()
    answer = client.post(
        f"/api/v1/debate/inscriptions/{kenya}/swaps", json={"other": "AUT"}, headers=token_for("kenya")
    )
    assert answer.status_code == 201, answer.get_json()
    block = db.session.scalars(select(Roundtable.block_id).order_by(Roundtable.number)).first()
    db.session.rollback()
    answer = client.post(f"/api/v1/floor/blocks/{block}/replies", json={}, headers=token_for("austria"))
    assert answer.status_code == 201, answer.get_json()  # a right of reply, not yet heard
    db.session.rollback()


# --- the users, their browsers and tokens ---------------------------------------------------------


class Visitor:
    """One user's browser (its session cookie kept as it was after logging in) and API token."""

    def __init__(self, app, username: str | None):
        self.client = app.test_client()
        self.username = username
        page = self.client.get("/login")
        if username:
            response = self.client.post("/login", data={"username": username, "password": demo_password(username),
                                                        "csrf_token": csrf_token(page.get_data(as_text=True))})  # fmt: skip
            assert response.status_code == 302, f"{username} could not log in"
            page = self.client.get("/account/password")
        self.csrf = csrf_token(page.get_data(as_text=True))
        self.cookie = self.client.get_cookie(app.config["SESSION_COOKIE_NAME"])
        self.token: str | None = None

    def reset(self, app) -> None:
        """The browser as it was after logging in (a request may have signed it out)."""
        self.client.set_cookie(app.config["SESSION_COOKIE_NAME"], self.cookie.value)

    def flashed(self, response) -> list:
        """The messages a redirect leaves for the next page (read, not consumed)."""
        if not 300 <= response.status_code < 400:
            return []
        with self.client.session_transaction() as session:
            return list(session.get("_flashes", []))

    def send(self, app, method: str, path: str, body: dict | None):
        self.reset(app)
        if path.startswith("/api/"):
            headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
            json_body = body if method != "GET" else None
            if method != "GET" and json_body is None:
                json_body = {}
            return self.client.open(path, method=method, headers=headers, json=json_body)
        data = {"csrf_token": self.csrf, **(body or {})} if method != "GET" else None
        return self.client.open(path, method=method, data=data)


def issue_tokens(db, visitors: dict[str, Visitor], rec: Records) -> None:
    """An API token for each user; Austria's is the one the token routes point to."""
    from meetings.auth.models import ApiToken
    from meetings.auth.services import issue_token

    for v in visitors.values():
        if v.username:
            user = db.session.scalar(select(User).where(User.username == v.username))
            v.token = issue_token(user, user, "matrix")
    db.session.commit()
    austria = db.session.scalar(select(User).where(User.username == "austria"))
    rec.values["token_id"] = db.session.scalars(select(ApiToken.id).where(ApiToken.user_id == austria.id)).first()
    rec.owners["token_id"] = "austria"
    db.session.rollback()


# --- putting the database back after a request that wrote ------------------------------------------


class Snapshot:
    """The demo database as it was; `changed()` tells whether a request committed anything since.

    SQLite: a copy of the file, put back with the backup API; `PRAGMA data_version` counts commits.
    PostgreSQL: a copy of each table in a schema of its own; a statement trigger on each table notes
    it as written (in the writer's transaction, so a rollback leaves no note), and only the tables
    noted are put back.
    """

    def __init__(self, db):
        self.db = db
        self.engine = db.engine
        self.pg = self.engine.dialect.name == "postgresql"
        self.tables = [t.name for t in db.metadata.sorted_tables]
        if self.pg:
            self._copy_tables()
        else:
            self.path = self.engine.url.database
            self.copy = self.path + ".matrix"
            with sqlite3.connect(self.path) as src, sqlite3.connect(self.copy) as dst:
                src.backup(dst)
            self.watch = sqlite3.connect(self.path, isolation_level=None)
            self.mark = self._commits()

    def _copy_tables(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS matrix_snapshot CASCADE; CREATE SCHEMA matrix_snapshot; "
                              "CREATE TABLE matrix_snapshot.written (name text PRIMARY KEY); "
                              "CREATE FUNCTION matrix_snapshot.note() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                              "INSERT INTO matrix_snapshot.written VALUES (TG_TABLE_NAME) ON CONFLICT DO NOTHING; "
                              "RETURN NULL; END $$"))  # fmt: skip
            self.columns = {}
            for t in self.tables:
                conn.execute(text(f'CREATE TABLE matrix_snapshot."{t}" AS TABLE public."{t}"'))
                conn.execute(text(f'CREATE TRIGGER matrix_written AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
                                  f'ON public."{t}" FOR EACH STATEMENT EXECUTE FUNCTION matrix_snapshot.note()'))  # fmt: skip
                cols = conn.execute(text("SELECT column_name FROM information_schema.columns WHERE table_schema = "
                                         "'public' AND table_name = :t AND is_generated = 'NEVER' ORDER BY ordinal_position"),
                                    {"t": t}).scalars().all()  # fmt: skip
                self.columns[t] = ", ".join(f'"{c}"' for c in cols)

    def _commits(self) -> int:
        return self.watch.execute("PRAGMA data_version").fetchone()[0]

    def _written(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(text("SELECT name FROM matrix_snapshot.written")).scalars())

    def changed(self) -> bool:
        return bool(self._written()) if self.pg else self._commits() != self.mark

    def restore(self) -> None:
        self.db.session.rollback()
        if self.pg:
            written = set(self._written())
            with self.engine.begin() as conn:
                conn.execute(text("SET LOCAL session_replication_role = replica"))  # no foreign-key or note trigger
                for t in [t for t in self.tables if t in written]:
                    cols = self.columns[t]
                    conn.execute(text(f'DELETE FROM public."{t}"'))
                    conn.execute(text(f'INSERT INTO public."{t}" ({cols}) OVERRIDING SYSTEM VALUE '
                                      f'SELECT {cols} FROM matrix_snapshot."{t}"'))  # fmt: skip
                conn.execute(text("DELETE FROM matrix_snapshot.written"))
        else:
            for app_engine in self.engines:
                app_engine.dispose()
            with sqlite3.connect(self.copy) as src, sqlite3.connect(self.path) as dst:
                src.backup(dst)
            self.mark = self._commits()
        self.restores += 1

    def drop(self) -> None:
        if self.pg:
            with self.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA IF EXISTS matrix_snapshot CASCADE"))  # the triggers go with it
        else:
            self.watch.close()
            os.remove(self.copy)

    engines: list = []
    restores = 0


# --- the walk -------------------------------------------------------------------------------------

PART = re.compile(r"<(?:([^:<>]+)(?:\([^)]*\))?:)?([^<>]+)>")


def address(endpoint: str, rule: str, rec: Records) -> tuple[str, str | None]:
    """The route's address filled from the demo, and the username of the owner of its record (if any)."""
    owner = None

    def fill(m: re.Match) -> str:
        nonlocal owner
        name = m.group(2)
        value = FIXED.get(name)
        if isinstance(value, dict):  # by endpoint; under None for every other one, else from the demo
            value = value.get(endpoint, value.get(None))
        if value is not None:
            return value
        part = name
        if name == "request_id":
            part = "level_request_id" if "level" in rule else "floor_request_id"
        elif name == "block_id" and not rule.startswith(("/floor", "/api/v1/floor")):
            part = "gd_block_id"  # the general debate's meeting; the floor's routes take the roundtable's
        elif name == "room_id" and rule.startswith("/bilaterals"):
            part = "booking_room_id"
        if part not in rec.values:
            raise LookupError(f"{endpoint}: no value for <{name}> in the demo")
        owner = owner or rec.owners.get(part)
        return str(rec.values[part])

    return PART.sub(fill, rule), owner


def outcome(response, flashed: list) -> str:
    """The symbol of an answer; a page sent back with an error flashed was refused by the action's rules."""
    status = response.status_code
    where = response.headers.get("Location", "")
    if status in (401, 403) or (300 <= status < 400 and where.startswith("/login") and "next=" in where):
        return "-"
    if status == 404:
        return "0"
    if 300 <= status < 400 and any(category == "error" for category, _ in flashed):
        return "~"
    if 200 <= status < 400:
        return "+"
    if status in (400, 409, 410, 422):
        return "~"
    return str(status)


@pytest.fixture
def csrf(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


OTHER = "colombia"  # a delegation with no part in the records the addresses point to
ROLE_USERS = {"anon": None, "other": OTHER, "chair": "chair", "cochr": "gruber", "secr": "secretariat"}


def test_every_route_answers_every_kind_of_user_as_the_matrix_says(app, db, demo, client, token_for, csrf):
    started = time.monotonic()
    add_what_the_demo_lacks(db, client, token_for)
    rec = demo_records(db, OTHER)
    db.session.rollback()
    names = set(ROLE_USERS.values()) | set(rec.owners.values())
    visitors = {name: Visitor(app, name) for name in names}
    issue_tokens(db, visitors, rec)
    snapshot = Snapshot(db)
    snapshot.engines = [app.extensions["sqlalchemy"].engine, db.engine]
    wrong, leaks, wrote, seen, costs = [], [], [], {}, {}
    try:
        for method, endpoint, rule in routes(app):
            line = key(method, endpoint, rule)
            expected = MATRIX.get(line, "").replace(" ", "")
            path, owner = address(endpoint, rule, rec)
            got, began = [], time.monotonic()
            for column in COLUMNS:
                name = (owner or "austria") if column == "own" else ROLE_USERS[column]
                response = visitors[name].send(app, method, path, BODIES.get(f"{method} {endpoint}"))
                answer = outcome(response, visitors[name].flashed(response))
                got.append(answer)
                if column in ("anon", "other"):
                    body = response.get_data().decode("utf-8", "replace")  # a PDF too
                    said = [w for words in rec.private.values() for w in words if w in body]
                    if said:
                        leaks.append(f"{method} {path} as {column}: {said}")
                if snapshot.changed():  # a page read may write too (a calendar feed keeps its SEQUENCE)
                    if answer in "-0":
                        wrote.append(f"{method} {path} as {column}: refused ({response.status_code}) yet committed")
                    snapshot.restore()
            seen[line] = "".join(got)
            costs[line] = time.monotonic() - began
            if "".join(got) != expected:
                wrong.append(f"{line:60} {path}\n    expected {expected or '(no line)'}  got {''.join(got)}")
    finally:
        snapshot.drop()
    if os.environ.get("MATRIX_PRINT"):
        for k, v in seen.items():
            print(f'    "{k}":{" " * max(1, 58 - len(k))}"{v}",')
        slowest = sorted(costs.items(), key=lambda kv: -kv[1])[:15]
        print(f"restores: {snapshot.restores}; slowest lines:", *(f"{k} {v:.2f}s" for k, v in slowest), sep="\n  ")
        print(f"the walk took {time.monotonic() - started:.0f} s")
    assert not wrote, "a refusal changes nothing:\n" + "\n".join(wrote)
    assert not leaks, "a delegation's private words (a participant, a draft) shown to others:\n" + "\n".join(leaks)
    assert not wrong, f"answers that differ from the matrix ({COLUMNS}):\n" + "\n".join(wrong)


def test_a_co_chair_runs_the_floor_of_its_own_roundtable_only(app, db, demo, log_in, token_for):
    """The matrix's co-chair column is roundtable 1, which gruber co-chairs; the other roundtable's
    floor and the general debate's are the chair's and the secretariat's, not this co-chair's."""
    from meetings.programme.models import BlockKind, MeetingBlock
    from meetings.roundtables.models import Roundtable

    own, other = db.session.scalars(select(Roundtable.block_id).order_by(Roundtable.number)).all()[:2]
    gd = db.session.scalars(select(MeetingBlock.id).where(MeetingBlock.kind == BlockKind.general_debate)).first()
    db.session.rollback()
    headers = token_for("gruber")
    client = log_in("gruber")
    assert client.get(f"/floor/blocks/{own}").status_code == 200
    for block in (other, gd):
        assert client.get(f"/floor/blocks/{block}").status_code == 403
        answer = client.post(f"/api/v1/floor/blocks/{block}/actions", json={"action": "next", "version": 0},
                             headers=headers)  # fmt: skip
        assert answer.status_code == 403, answer.get_json()
