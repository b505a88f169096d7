"""A database loaded before the data carried the six names of each State gets them from migration 0010."""

import json

import pytest
from flask_migrate import upgrade

from tests.migrating import app_at_revision, execute, rows


@pytest.fixture
def db():
    """Overrides the autouse fixture of conftest: this test builds its own database."""
    yield None


def test_states_without_names_get_the_six_and_hand_entered_ones_stay(tmp_path):
    with app_at_revision("0009_accounts", tmp_path):
        execute(
            "INSERT INTO regional_group (id, code, name, position) VALUES (1, 'WEOG', 'Western European and other States', 5)",
            "INSERT INTO delegation (id, code, name, kind, names, regional_group_id) VALUES "
            "(1, 'AUT', 'Austria', 'member_state', '{}', 1), "
            "(2, 'FRA', 'France', 'member_state', '{\"fr\": \"République française\"}', 1), "
            "(3, 'XNGO', 'A new NGO', 'ngo', '{}', NULL)",
        )
        upgrade(revision="0010_languages")
        names = {
            code: json.loads(n) if isinstance(n, str) else n for code, n in rows("SELECT code, names FROM delegation")
        }
    assert names["AUT"] == {"ar": "النمسا", "zh": "奥地利", "fr": "Autriche", "ru": "Австрия", "es": "Austria"}
    assert names["FRA"] == {"fr": "République française"}
    assert names["XNGO"] in ({}, None)
