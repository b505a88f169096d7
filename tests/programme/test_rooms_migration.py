"""The rooms migration on a database with data: existing meetings and scheduled side events hold their rooms,
the floor keeps every speech through the change of its foreign key (up and down), and a room held twice stops
the upgrade before anything changes. On a fresh database of its own (SQLite file or PostgreSQL database)."""

import pytest
from alembic import command
from flask import current_app
from flask_migrate import downgrade, upgrade
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from meetings.extensions import db as _db
from tests.migrating import app_at_revision, execute, rows

BEFORE, THIS = "0007_debate_safe_hands", "0008_programme_rooms"

ROWS = [
    "INSERT INTO commission_session (id, code, name, venue, timezone) VALUES (1, 'S', 'Session', 'VIC', 'UTC')",
    "INSERT INTO session_rules (id, commission_session_id, gd_slot_count, gd_limit_national_s, gd_limit_group_s, "
    "changeover_s, gd_ngo_max, rt_limit_panelist_s, rt_limit_floor_s, rt_ngo_max, cochairs_per_roundtable, "
    "hl_window_opens, hl_window_closes, hl_cap_total, hl_cap_per_organizer, se_max_minutes) VALUES (1, 1, 114, 300, "
    "420, 30, 3, 300, 180, 4, 2, '2024-01-04 00:00:00', '2024-01-11 00:00:00', 11, 2, 90)",
    "INSERT INTO room (id, commission_session_id, name) VALUES (1, 1, 'Plenary'), (2, 1, 'Room C3')",
    "INSERT INTO delegation (id, code, name, kind, names) VALUES (1, 'AUT', 'Austria', 'observer_state', '{}')",
    "INSERT INTO meeting_block (id, commission_session_id, room_id, kind, title, starts_at, ends_at, open_ended, "
    "ical_sequence) VALUES (1, 1, 1, 'general_debate', 'General debate, 1st meeting', '2024-03-14 09:00:00', "
    "'2024-03-14 12:00:00', false, 0), (2, 1, 2, 'roundtable', 'Roundtable', '2024-03-14 14:00:00', "
    "'2024-03-14 17:00:00', false, 0)",
    "INSERT INTO floor (id, block_id, room_id, version, status, paused_elapsed_ms, updated_at) "
    "VALUES (1, 1, 1, 3, 'idle', 0, '2024-03-14 09:00:00')",
    "INSERT INTO floor_turn (id, floor_id, position, speaker_name, speaker_title, role, limit_s, limit_overridden, "
    "status, times_absent, started_at, ended_at, duration_s) VALUES (1, 1, 1, 'Minister', '', 'gd_national', 300, "
    "false, 'done', 0, '2024-03-14 09:01:00', '2024-03-14 09:06:00', 300), (2, 1, 2, 'Ambassador', '', "
    "'gd_national', 300, false, 'waiting', 0, NULL, NULL, NULL)",
    "INSERT INTO floor_request (id, floor_id, delegation_id, status, speaker_name, requested_at, raised_in_room, "
    "turn_id) VALUES (1, 1, 1, 'granted', '', '2024-03-14 09:00:00', false, 2)",
    "INSERT INTO side_event (id, commission_session_id, kind, organizer_id, title, partners, contact_name, "
    "contact_email, description, preferred_times, status, submitted_at, starts_at, ends_at, room_id, ical_sequence) "
    "VALUES (1, 1, 'regular', 1, 'Prevention', '', '', '', '', '[]', 'accepted', '2024-01-05 10:00:00', "
    "'2024-03-14 12:00:00', '2024-03-14 13:00:00', 1, 0)",
]


@pytest.fixture
def db():
    """Overrides the autouse fixture of conftest: this test builds its own database."""
    yield None


@pytest.fixture
def migrated_app(tmp_path):
    with app_at_revision(BEFORE, tmp_path) as app:
        yield app


def load(extra: list[str] = ()) -> None:
    execute(*ROWS, *extra)


def test_existing_meetings_and_side_events_hold_their_rooms_and_the_floor_keeps_its_record(migrated_app):
    load()
    turns_before = rows("SELECT id, status, duration_s FROM floor_turn ORDER BY id")
    upgrade(revision=THIS)
    assert rows(
        "SELECT holder_kind, meeting_block_id, side_event_id, room_id, label FROM room_booking ORDER BY id"
    ) == [
        ("meeting", 1, None, 1, "the meeting “General debate, 1st meeting”"),
        ("meeting", 2, None, 2, "the meeting “Roundtable”"),
        ("side_event", None, 1, 1, "“Prevention” (Austria)"),
    ]
    assert rows("SELECT id, status, duration_s FROM floor_turn ORDER BY id") == turns_before
    assert rows("SELECT id, turn_id FROM floor_request") == [(1, 2)]
    assert [str(v)[:5] for v in rows("SELECT se_day_starts, se_day_ends FROM session_rules")[0]] == ["08:00", "21:00"]
    assert rows("SELECT cancelled_at, cancel_reason FROM meeting_block WHERE id = 1") == [(None, "")]
    with pytest.raises(IntegrityError), _db.engine.begin() as conn:  # the floor refuses the meeting's deletion
        conn.execute(text("DELETE FROM meeting_block WHERE id = 1"))

    downgrade(revision=BEFORE)
    assert rows("SELECT id, status, duration_s FROM floor_turn ORDER BY id") == turns_before
    assert rows("SELECT id, turn_id FROM floor_request") == [(1, 2)]
    with _db.engine.begin() as conn:  # as before: the floor goes with its meeting
        conn.execute(text("DELETE FROM meeting_block WHERE id = 1"))
    assert rows("SELECT count(*) FROM floor_turn") == [(0,)]


def test_a_room_held_twice_stops_the_upgrade_before_anything_changes(migrated_app):
    load(["UPDATE side_event SET starts_at = '2024-03-14 11:30:00' WHERE id = 1"])
    config = current_app.extensions["migrate"].migrate.get_config()
    with pytest.raises(RuntimeError) as refused:  # `flask db upgrade` prints it and exits with status 1
        command.upgrade(config, THIS)
    assert str(refused.value) == (
        "These hold one room at the same time; move one of each pair, then upgrade again: "
        "the meeting “General debate, 1st meeting” and “Prevention” (Austria) (room 1)"
    )
    assert rows("SELECT version_num FROM alembic_version") == [(BEFORE,)]
    with _db.engine.begin() as conn:
        conn.execute(text("UPDATE side_event SET starts_at = '2024-03-14 12:00:00' WHERE id = 1"))
    upgrade(revision=THIS)
    assert rows("SELECT count(*) FROM room_booking") == [(3,)]
