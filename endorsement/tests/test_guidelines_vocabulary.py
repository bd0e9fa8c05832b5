"""Vocabulary, competency areas and editions as data."""

import pytest

from endorsement.guidelines import (
    CATEGORIES,
    DEGREE_TYPES,
    MASSAIMH_2015,
    PROGRAMS,
    REFERENCE_ROLES,
    WORK_KINDS,
    Rule,
    category,
    choices,
    competency_areas,
)


@pytest.mark.parametrize(("code", "imh", "ecmh", "name"), [
    ("I", "IFA", "ECFA", "Infant Family Associate"),
    ("II", "IFS", "ECFS", "Infant Family Specialist"),
    ("III", "IMHS", "ECMHS", "Infant Mental Health Specialist"),
    ("IV-C", "IMHM-C", "ECMHM-C", "Infant Mental Health Mentor – Clinical"),
    ("IV-P", "IMHM-P", "ECMHM-P", "Infant Mental Health Mentor – Policy"),
    ("IV-RF", "IMHM-RF", "ECMHM-RF", "Infant Mental Health Mentor – Research/Faculty"),
])
def test_categories(code, imh, ecmh, name):
    cat = CATEGORIES[code]
    assert (cat.imh_code, cat.ecmh_code, cat.imh_name) == (imh, ecmh, name)
    assert cat.code_for("ECMH-E") == ecmh and cat.code_for("IMH-E") == imh
    assert cat.name_for("ECMH-E").startswith("Early Childhood")


def test_category_from_level_and_track():
    assert category("IV", "research_faculty").code == "IV-RF"
    assert category("II").imh_code == "IFS"
    assert set(PROGRAMS) == {"IMH-E", "ECMH-E"}


def test_enums_have_labels_for_forms():
    for terms in (DEGREE_TYPES, WORK_KINDS, REFERENCE_ROLES):
        pairs = choices(terms)
        assert len({v for v, _ in pairs}) == len(pairs)
        assert all(label and label != value for value, label in pairs)


@pytest.mark.parametrize(("code", "areas", "items"), [
    ("I", 8, 36), ("II", 8, 37), ("III", 8, 45),
    ("IV-C", 9, 54), ("IV-P", 10, 58), ("IV-RF", 10, 57), ("IV", 11, 61),
])
def test_competency_area_counts(code, areas, items):
    """REQUIREMENTS.md §9.9: areas / knowledge-skill names per level and designation."""
    found = competency_areas("IMH-E", code)
    assert len(found) == areas
    assert sum(len(a.items) for a in found) == items
    assert competency_areas("ECMH-E", code) == found


def test_competency_areas_by_designation():
    keys = {c: [a.key for a in competency_areas("IMH-E", c)] for c in ("IV-C", "IV-P", "IV-RF")}
    assert "administration" in keys["IV-P"] and "administration" not in keys["IV-RF"]
    assert "research_evaluation" in keys["IV-RF"] and "leading_people" in keys["IV-C"]
    first = competency_areas("IMH-E", "I")[0]
    assert first.name == "Theoretical Foundations" and first.kind == "knowledge"
    assert first.as_dict()["items"][0] == "pregnancy & early parenthood"
    assert competency_areas("IMH-E", "II")[4].kind_label == "Skill areas"


@pytest.mark.parametrize(("program", "code"), [("IMH", "I"), ("IMH-E", "V"), ("IMH-E", None)])
def test_competency_areas_reject_unknown_input(program, code):
    with pytest.raises(ValueError):
        competency_areas(program, code)


def test_every_threshold_cites_its_source():
    for name in MASSAIMH_2015.__dataclass_fields__:
        value = getattr(MASSAIMH_2015, name)
        rules = value.values() if isinstance(value, dict) else [value]
        for rule in rules:
            if isinstance(rule, Rule):
                assert rule.source.startswith(("MA L", "CASES")), name
