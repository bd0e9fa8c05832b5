"""Category finder: the §8.7 decision tree plus the age-group question."""

import pytest

from endorsement.guidelines import (
    FINDER_QUESTIONS,
    FinderAnswers,
    FinderError,
    applicable_questions,
    find_category,
)


@pytest.mark.parametrize(("answers", "level", "code"), [
    ({"role": "direct_individuals"}, "I", "IFA"),
    ({"role": "direct_dyads", "dyad_support": "prevention"}, "II", "IFS"),
    ({"role": "direct_dyads", "dyad_support": "treatment"}, "III", "IMHS"),
    ({"role": "supervisor", "own_direct_service": "none"}, "I", "IFA"),
    ({"role": "administrator", "own_direct_service": "prevention"}, "II", "IFS"),
    ({"role": "supervisor", "own_direct_service": "treatment", "mentor_clinical": "no"},
     "III", "IMHS"),
    ({"role": "supervisor", "own_direct_service": "treatment", "mentor_clinical": "yes"},
     "IV-C", "IMHM-C"),
    ({"role": "policy"}, "IV-P", "IMHM-P"),
    ({"role": "research"}, "IV-RF", "IMHM-RF"),
])
def test_decision_tree(answers, level, code):
    rec = find_category({"age_group": "infants", **answers})
    assert (rec.program, rec.level, rec.category_code) == ("IMH-E", level, code)
    assert rec.reason.endswith(".") and rec.reason.count(". ") == 0
    assert rec.category_name in rec.reason


def test_young_children_get_ecmh_codes():
    rec = find_category({"age_group": "young_children", "role": "direct_dyads",
                         "dyad_support": "prevention"})
    assert rec.program == "ECMH-E"
    assert (rec.category_code, rec.category_name) == ("ECFS", "Early Childhood Family Specialist")


def test_both_age_groups_explain_the_choice():
    rec = find_category(FinderAnswers(age_group="both", role="direct_individuals"))
    assert rec.program == "IMH-E" and rec.other_programs == ("ECMH-E",)
    assert "ECMH-E" in rec.program_note


def test_no_fit_sends_to_the_coordinator():
    rec = find_category({"age_group": "infants", "role": "none"})
    assert rec.level is None and rec.category_code is None
    assert "Endorsement Coordinator" in rec.reason


def test_fallback_for_mentors():
    assert find_category({"age_group": "infants", "role": "policy"}).fallback_level == "I"
    assert find_category({"age_group": "infants", "role": "research"}).as_dict()[
        "fallback_level"] == "I"


def test_irrelevant_answers_are_ignored():
    rec = find_category({"age_group": "infants", "role": "policy", "dyad_support": "treatment"})
    assert rec.level == "IV-P"


@pytest.mark.parametrize(("answers", "message"), [
    ({"role": "policy"}, "age_group: please answer"),
    ({"age_group": "teens", "role": "policy"}, "age_group: must be one of"),
    ({"age_group": "infants", "role": "direct_dyads"}, "dyad_support: please answer"),
    ({"age_group": "infants", "role": "supervisor", "own_direct_service": "treatment"},
     "mentor_clinical: please answer"),
    ("policy", "answers: must be"),
])
def test_missing_or_unknown_answers(answers, message):
    with pytest.raises(FinderError, match=message):
        find_category(answers)


def test_questions_are_data():
    assert 4 <= len(FINDER_QUESTIONS) <= 6
    keys = [q.key for q in FINDER_QUESTIONS]
    assert len(set(keys)) == len(keys)
    by_key = {q.key: q for q in FINDER_QUESTIONS}
    for q in FINDER_QUESTIONS:
        assert q.text.endswith("?") and len(q.choices) >= 2
        for key, allowed in q.ask_if.items():
            assert set(allowed) <= {v for v, _ in by_key[key].choices}


def test_applicable_questions_follow_the_answers():
    assert [q.key for q in applicable_questions()] == ["age_group", "role"]
    shown = applicable_questions({"role": "supervisor", "own_direct_service": "treatment"})
    assert [q.key for q in shown] == ["age_group", "role", "own_direct_service",
                                      "mentor_clinical"]
