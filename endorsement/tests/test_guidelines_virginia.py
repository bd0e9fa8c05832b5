"""The Virginia edition (REQUIREMENTS.md §8, shared/seeds/004_*): its category names, its RSC
provider matrix (VA L363-369), its membership, and the ERS add-on (VA L328-361)."""

import copy

import pytest

from endorsement.guidelines import EDITIONS, CaseError, evaluate, get_edition
from endorsement.guidelines.ers import ERS_IDS
from endorsement.guidelines.samples import sample_application, sample_renewal

VA = "vaimh-2023"


def rows(case, edition=VA, **kw):
    return {r["id"]: r for r in evaluate(case, edition, **kw)["requirements"]}


def with_providers(case, level, ers=False, degree="master"):
    case = copy.deepcopy(case)
    for s in case["rsc"]:
        s.update(provider_level=level, provider_ers=ers, provider_degree=degree)
    return case


def test_the_edition_is_registered_with_virginias_words():
    ed = get_edition(VA)
    assert VA in EDITIONS and ed.association == "VAIMH"
    assert ed.category_name("II", "ECMH-E") == "Family Specialist (ECFS)"      # VA L217
    assert ed.category_name("IV-C", "IMH-E") == "Mental Health Mentor – Clinical (IMHM-C)"
    assert get_edition().category_name("II", "IMH-E") == "Infant Family Specialist"


# --- VA L363-369: "Receive RSC From" ------------------------------------------------

@pytest.mark.parametrize("category, level, ers, met", [
    ("II", "III", False, False),    # FS: from ERS & MHM-C; an MHS without ERS does not qualify
    ("II", "III", True, True),      # MHS-ERS
    ("II", "II", True, True),       # FS-ERS
    ("II", "IV-C", False, True),    # MHM-C
    ("II", "IV-P", False, False),
    ("III", "II", True, True),      # FS-ERS may provide RSC to MHS
    ("III", "III", False, False),
    ("IV-C", "III", True, False),   # MHM-C: from MHM-C only
    ("IV-C", "IV-C", False, True),
])
def test_the_virginia_provider_matrix(category, level, ers, met):
    lvl, track = ("IV", "clinical") if category == "IV-C" else (category, None)
    case = with_providers(sample_application(lvl, track), level, ers)
    assert rows(case)["rsc"]["met"] is met


def test_massaimh_still_takes_any_level_iii_provider():
    case = with_providers(sample_application("II"), "III", False)
    assert rows(case, "massaimh-2015")["rsc"]["met"] is True


def test_virginia_has_no_bachelors_exception_without_the_add_on():
    # MA L1521-1525 lets a master's-prepared Level II provide RSC; VA needs the ERS add-on
    case = with_providers(sample_application("II"), "II", False)
    assert rows(case, "massaimh-2015")["rsc"]["met"] is True
    assert rows(case)["rsc"]["met"] is False
    assert rows(with_providers(case, "II", True))["rsc"]["met"] is True


def test_virginia_rsc_detail_names_its_providers():
    case = with_providers(sample_application("II"), "III", False)
    detail = rows(case)["rsc"]["detail"]
    assert "ERS add-on" in detail and "Not counted" in detail


def test_virginia_membership_is_vaimh():
    case = dict(sample_application("II"), membership_expires=None)
    assert rows(case)["membership"]["detail"] == "No VAIMH membership is on file."


def test_an_application_keeps_the_edition_it_was_started_under():
    case = with_providers(sample_application("II"), "III", False)
    assert evaluate(case)["eligible"] is True               # default MassAIMH
    assert evaluate(dict(case, edition=VA))["eligible"] is False
    with pytest.raises(CaseError, match="^edition: must be one of"):
        evaluate(dict(case, edition="ohio-1999"))


def test_virginia_renewal_counts_rsc_from_ers_holders():
    case = sample_renewal("II")
    for s in case["rsc"]:
        s.update(provider_level="II", provider_ers=True)
    assert rows(case)["rsc"]["met"] is True
    assert rows(case, "massaimh-2015")["rsc"]["met"] is False


# --- the ERS add-on (VA L328-361) ----------------------------------------------------

def ers(**changes):
    case = {
        "kind": "ers", "program": "IMH-E", "level": "II", "track": None,
        "as_of": "2026-11-22", "applying_for": "full", "endorsed": True,
        "emerging_approved_on": None,
        "providing": [{"start": "2025-11-23", "end": None, "supervisees": 1}],
        "rsc": [{"date": "2026-03-01", "hours": 1.5, "format": "individual",
                 "provider_level": "IV-C", "provider_degree": "master",
                 "about_provision": True}],
        "training": [{"date": "2026-01-10", "hours": 15, "about_rsc": True}],
        "membership_expires": "2027-06-30",
    }
    case.update(changes)
    return case


def test_full_ers_is_met_from_its_source_lines():
    verdict = evaluate(ers(), VA)
    assert [r["id"] for r in verdict["requirements"]] == list(ERS_IDS)
    assert verdict["eligible"] is True, verdict
    assert rows(ers())["deadline"]["applies"] is False


@pytest.mark.parametrize("start, met", [("2025-11-22", True), ("2025-11-23", True),
                                        ("2025-11-24", False)])
def test_full_ers_needs_twelve_months_of_providing(start, met):
    row = rows(ers(providing=[{"start": start, "end": None, "supervisees": 1}]))["providing"]
    assert row["met"] is met
    if not met:
        assert "364 of 365 days; 1 more day needed" in row["detail"]


def test_providing_to_nobody_does_not_count():
    assert rows(ers(providing=[{"start": "2020-01-01", "end": None, "supervisees": 0}])
                )["providing"]["met"] is False


@pytest.mark.parametrize("hours, met", [(14.9, False), (15, True)])
def test_full_ers_needs_fifteen_hours_of_training_on_providing_rsc(hours, met):
    case = ers(training=[{"date": "2026-01-10", "hours": hours, "about_rsc": True},
                         {"date": "2026-01-11", "hours": 20, "about_rsc": False}])
    assert rows(case)["training"]["met"] is met


@pytest.mark.parametrize("session, met", [
    ({"provider_level": "IV-C", "about_provision": True}, True),
    ({"provider_level": "III", "provider_ers": True, "about_provision": True}, True),
    ({"provider_level": "III", "about_provision": True}, False),     # not ERS
    ({"provider_level": "IV-C", "about_provision": False}, False),   # not about provision
    ({"provider_level": "IV-C", "about_provision": True, "date": "2026-11-23"}, False),
])
def test_full_ers_receives_rsc_on_its_provision_from_a_qualified_provider(session, met):
    case = ers()
    case["rsc"][0].update(session)
    assert rows(case)["receiving"]["met"] is met


@pytest.mark.parametrize("hours, met", [(4.9, False), (5, True)])
def test_emerging_needs_five_hours_and_not_a_year_of_providing(hours, met):
    case = ers(applying_for="emerging", providing=[], rsc=[],
               training=[{"date": "2026-01-10", "hours": hours, "about_rsc": True}])
    verdict = rows(case)
    assert verdict["providing"]["applies"] is False and verdict["receiving"]["applies"] is False
    assert verdict["training"]["met"] is met


@pytest.mark.parametrize("approved, met", [("2024-11-22", True), ("2024-11-21", False)])
def test_emerging_has_two_years_to_become_full(approved, met):
    case = ers(emerging_approved_on=approved,
               training=[{"date": "2025-01-10", "hours": 15, "about_rsc": True}])
    assert rows(case)["deadline"]["met"] is met


def test_after_emerging_fifteen_more_hours_count_from_the_approval():
    case = ers(emerging_approved_on="2025-06-01",
               training=[{"date": "2025-05-31", "hours": 5, "about_rsc": True},
                         {"date": "2025-06-01", "hours": 10, "about_rsc": True}])
    row = rows(case)["training"]
    assert row["met"] is False and "10 of 15 hours" in row["detail"]


def test_ers_is_for_family_and_mental_health_specialists_only():
    row = rows(ers(level="I"))["category"]
    assert row["met"] is False and "Family Specialists and Mental Health Specialists" \
        in row["detail"]
    assert rows(ers(level="III"))["category"]["met"] is True
    assert "at the same time" in rows(ers(endorsed=False))["category"]["detail"]


def test_ers_needs_an_edition_that_has_it():
    with pytest.raises(CaseError, match="^kind: the ERS add-on is not part of the "
                                        "massaimh-2015 edition"):
        evaluate(ers())


def test_ers_speaks_about_the_applicant_to_staff():
    case = ers(providing=[])
    assert rows(case, audience="staff")["providing"]["detail"].startswith("The applicant has")
