"""What the audit log's codes say in words, in the reader's language.

The entries keep their codes (feature and action) as written; pages name them with these
words. An action not listed here is shown from its code ("level_requested" → "Level
requested"), in English, until it is added.

The words that also name a status or a button elsewhere ("Accepted", "Next", "Resume") carry
the context "an action in the audit log": the languages say them differently here (the
event, not the state of an application or the button).
"""

from meetings.i18n.words import _l, lazy_pgettext

ACTIONS = {
    # delegations and accounts
    "delegation_registered": _l("Delegation registered"),
    "user_created": _l("User created"),
    "language_chosen": _l("Language chosen"),
    "one_time_password_set": _l("One time password set"),
    "password_changed": _l("Password changed"),
    "token_issued": _l("Token issued"),
    "token_revoked": _l("Token revoked"),
    "user_disabled": _l("User disabled"),
    "user_enabled": _l("User enabled"),
    # the session's set-up
    "session.created": _l("Session: created"),
    "session.details": _l("Session: details"),
    "rules.update": _l("Rules: update"),
    "block.create": _l("Block: create"),
    "block.update": _l("Block: update"),
    "block.delete": _l("Block: delete"),
    "block.cancel": _l("Block: cancel"),
    "room.add": _l("Room: add"),
    # the general debate
    "inscribed": _l("Inscribed"),
    "accepted_late": _l("Accepted late"),
    "speaker_changed": _l("Speaker changed"),
    "withdrawn": lazy_pgettext("an action in the audit log", "Withdrawn"),
    "swapped": _l("Swapped"),
    "absent": _l("Absent"),
    "statement_uploaded": _l("Statement uploaded"),
    "quotas_set": _l("Quotas set"),
    "quota_released": _l("Quota released"),
    "draw_committed": _l("Draw committed"),
    "draw_performed": _l("Draw performed"),
    "draw_voided": _l("Draw voided"),
    "level_requested": _l("Level requested"),
    "level_confirmed": _l("Level confirmed"),
    "level_declined": _l("Level declined"),
    "level_request_cancelled": _l("Level request cancelled"),
    "level_request_lapsed": _l("Level request lapsed"),
    "moved_to_waiting_list": _l("Moved to waiting list"),
    "promoted": _l("Promoted"),
    "reinstated": _l("Reinstated"),
    "swap_proposed": _l("Swap proposed"),
    "swap_declined": _l("Swap declined"),
    "swap_lapsed": _l("Swap lapsed"),
    "remote_set": _l("Remote participation set"),
    # the floor
    "start": _l("Start"),
    "pause": _l("Pause"),
    "resume": lazy_pgettext("an action in the audit log", "Resume"),
    "end": _l("End"),
    "next": lazy_pgettext("an action in the audit log", "Next"),
    "speaker_added": _l("Speaker added"),
    "lineup_loaded": _l("Lineup loaded"),
    "limit_changed": _l("Limit changed"),
    "request_made": _l("Request made"),
    "request_granted": _l("Request granted"),
    "request_dropped": _l("Request dropped"),
    "request_withdrawn": _l("Request withdrawn"),
    "point_of_order": _l("Point of order"),
    "reply_requested": _l("Right of reply requested"),
    "reply_withdrawn": _l("Right of reply withdrawn"),
    "room.update": _l("Room: update"),
    # roundtables
    "roundtable_created": _l("Roundtable created"),
    "nominated": _l("Co-chair nominated"),
    "confirmed": _l("Co-chair confirmed"),
    "declined": _l("Nomination declined"),
    "panelists_set": _l("Panelists set"),
    "summary_edited": _l("Summary edited"),
    "summary_finalized": _l("Summary marked final"),
    "summary_reopened": _l("Summary reopened"),
    # registration
    "registration_started": _l("Registration begun"),
    "participant_added": _l("Participant registered"),
    "participant_changed": _l("Participant changed"),
    "participant_removed": _l("Participant removed"),
    "participant_resubmitted": _l("Participant submitted again"),
    "participant_approved": _l("Participant approved"),
    "participant_returned": _l("Participant returned"),
    "note_verbale_uploaded": _l("Note verbale uploaded"),
    "registration_submitted": _l("Registration submitted"),
    "registration_reopened": _l("Registration reopened"),
    "registration_approved": _l("Registration approved"),
    "registration_returned": _l("Registration returned"),
    # side events
    "draft_saved": _l("Draft saved"),
    "draft_deleted": _l("Draft deleted"),
    "submitted": _l("Submitted"),
    "accepted": lazy_pgettext("an action in the audit log", "Accepted"),
    "waitlisted": _l("Waitlisted"),
    "rejected": lazy_pgettext("an action in the audit log", "Rejected"),
    "scheduled": _l("Scheduled"),
    "moved": _l("Moved"),
    # bilateral rooms
    "bilateral_grid_set": _l("Bilateral slots set"),
    "bilateral_rooms_set": _l("Bilateral rooms set"),
    "bilateral_booked": _l("Bilateral meeting booked"),
    "bilateral_confirmed": _l("Bilateral meeting confirmed"),
    "bilateral_declined": _l("Bilateral meeting declined"),
    "bilateral_cancelled": _l("Bilateral meeting cancelled"),
    "meeting_link_set": _l("Meeting link set"),
    # calendars
    "calendar_address_renewed": _l("Calendar address renewed"),
    "calendar_address_revoked": _l("Calendar address revoked"),
    # publication and the session report
    "published": _l("Version published"),
    "final_made": _l("Final version of the report made"),
}


def action_words(action: str) -> str:
    """An action's words: from the list above, else from its code (in English)."""
    known = ACTIONS.get(action)
    return str(known) if known is not None else action.replace("_", " ").replace(".", ": ").capitalize()
