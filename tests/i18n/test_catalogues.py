"""The six languages are complete: every message the code asks for is translated in the five
catalogues with its placeholders intact, no text a user reads escapes the catalogues, and no two
parts translate one message (id and context) differently."""

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from tests.i18n import catalogues, untranslated


@pytest.fixture
def db():
    """Overrides the autouse fixture of conftest: these tests read files, not the database."""
    yield None


@pytest.mark.parametrize("language", catalogues.TARGETS)
def test_every_message_is_translated(language):
    missing = catalogues.problems(language)
    assert not missing, f"{len(missing)} messages missing or wrong in {language}:\n" + "\n".join(missing[:40])


def test_one_translation_per_message():
    """Merged at run time, the part that sorts last would give its translation to every page: a
    message meaning one thing has one translation; one meaning two things gets two contexts."""
    found = [c for language in catalogues.TARGETS for c in catalogues.conflicts(language)]
    assert not found, (
        f"{len(found)} messages translated differently by two parts: give them one translation, or distinct "
        "contexts (pgettext) where they mean different things:\n" + "\n".join(found)
    )


def test_no_text_a_user_reads_is_left_out_of_the_catalogues():
    left = untranslated.all_problems()
    assert not left, f"{len(left)} texts not marked for translation:\n" + "\n".join(left[:40])


def test_the_checks_see_a_missing_translation_and_an_unmarked_text(tmp_path, monkeypatch):
    page = tmp_path / "page.html"
    page.write_text('<h1>{{ _("Speakers") }}</h1><p title="Plain words">Left out</p>{% trans %}Kept{% endtrans %}')
    assert [p.split(": ", 1)[1] for p in untranslated.template_problems(page, root=tmp_path)] == [
        "Plain words",
        "Left out",
    ]
    code = tmp_path / "code.py"
    code.write_text('flash("Saved.")\nflash(_("Saved."))\nrequire(ok, f"No {x}")\n')
    assert len(untranslated.python_problems(code, root=tmp_path)) == 2
    monkeypatch.setattr(catalogues, "wanted", lambda: {"A message nobody translated": ["here"]})
    assert catalogues.problems("fr") == ["[fr] missing: 'A message nobody translated' (here)"]


def test_a_translation_with_a_placeholder_of_its_own_is_caught(monkeypatch):
    monkeypatch.setattr(catalogues, "wanted", lambda: {"Slot %(n)d": ["here"]})
    monkeypatch.setattr(catalogues, "held", lambda language: {"Slot %(n)d": ["Créneau %(numéro)d"]})
    assert catalogues.problems("fr") == ["[fr] placeholders differ: 'Slot %(n)d'"]


def test_two_parts_translating_one_message_differently_are_caught(tmp_path, monkeypatch):
    def part(name, *messages):
        catalog = Catalog(locale="fr")
        for context, message_id, string in messages:
            catalog.add(message_id, string, context=context)
        po = tmp_path / name / "fr" / "LC_MESSAGES" / "messages.po"
        po.parent.mkdir(parents=True)
        with po.open("wb") as f:
            write_po(f, catalog)

    part("common", (None, "Withdrawn", "Retiré"), ("an action in the audit log", "Next", "Suivant"), (None, "Time", ""))
    part("side_events", (None, "Withdrawn", "Retirée"), ("heading", "Next", "À suivre"), (None, "Time", "Horaire"))
    monkeypatch.setattr(catalogues, "TRANSLATIONS", tmp_path)
    assert catalogues.conflicts("fr") == [
        "[fr] 'Withdrawn' is translated differently by part: common 'Retiré', side_events 'Retirée'"
    ]
    assert catalogues.held("fr")["an action in the audit log\x04Next"] == ["Suivant"]
