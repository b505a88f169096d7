"""The registration's pure rules: who is the same person, where a speaker stands, the counts."""

from meetings.registration import rules
from meetings.registration.rules import Counted, Person


def test_a_name_is_compared_without_case_accents_punctuation_or_honorifics():
    assert rules.person_key("H.E. Mr. Karl Nehammer") == "karl nehammer"
    assert rules.same_person("KARL NEHAMMER", "Karl Nehammer", "H.E. Mr.")
    assert rules.same_person("S.E. Sr. Mauro Vieira", "Mauro Vieira")
    assert rules.same_person("Г-н Сергей Лавров", "Сергей Лавров")
    assert rules.same_person("王小洪先生", "王小洪")
    assert rules.same_person("Dr. Eva Huber", "Eva Huber", "Dr.")
    assert rules.same_person("Côte Sécurité", "cote securite")
    assert not rules.same_person("Eva Huber", "Eva Hubert")
    assert not rules.same_person("", "Eva Huber")


def test_a_speaker_stands_approved_awaiting_or_not_registered():
    approved = Person("Karl Nehammer", "H.E. Mr.", "both", "approved", "approved")
    pending = Person("Karl Nehammer", "", "high_level", "pending", "submitted")
    regular = Person("Karl Nehammer", "", "regular", "approved", "approved")
    returned = Person("Karl Nehammer", "", "high_level", "returned", "submitted")
    draft = Person("Karl Nehammer", "", "high_level", "pending", "draft")
    assert rules.speaker_standing("H.E. Mr. Karl Nehammer", [regular, approved]) == rules.APPROVED_HIGH_LEVEL
    assert rules.speaker_standing("Karl Nehammer", [pending]) == rules.AWAITING
    assert rules.speaker_standing("Karl Nehammer", [regular]) == rules.NOT_REGISTERED
    assert rules.speaker_standing("Karl Nehammer", [returned, draft]) == rules.NOT_REGISTERED
    assert rules.speaker_standing("Someone Else", [approved]) == rules.NOT_REGISTERED


def test_a_participant_of_both_segments_counts_in_each():
    counts = rules.counts([Counted("WEOG", "AUT", "both"), Counted("WEOG", "AUT", "high_level"),
                           Counted("AFR", "KEN", "regular"), Counted(None, "VNGOC", "regular")])  # fmt: skip
    assert counts.participants_in("WEOG", "high_level") == 2 and counts.participants_in("WEOG", "regular") == 1
    assert counts.delegations_in("WEOG", "high_level") == 1
    assert counts.participants_in("AFR", "high_level") == 0 and counts.participants_in(None, "regular") == 1
    assert counts.total("regular") == 3 and counts.total_delegations("regular") == 3
    assert counts.total("high_level") == 2 and counts.total_delegations("high_level") == 1


def test_only_a_draft_or_a_returned_registration_is_changed_by_its_delegation():
    assert [s for s in ("draft", "submitted", "approved", "returned") if rules.editable(s)] == ["draft", "returned"]
