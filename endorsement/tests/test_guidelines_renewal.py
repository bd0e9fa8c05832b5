"""Annual renewal: hours inside the period, RSC-training, the IV-C exemption, membership."""

import pytest

from endorsement.guidelines import evaluate
from endorsement.guidelines.samples import sample_renewal


def rows(case):
    return {r["id"]: r for r in evaluate(case)["requirements"]}


@pytest.mark.parametrize(("level", "track"), [
    ("I", None), ("II", None), ("III", None),
    ("IV", "clinical"), ("IV", "policy"), ("IV", "research_faculty"),
])
def test_samples_renew(level, track):
    assert evaluate(sample_renewal(level, track))["eligible"] is True


def test_entries_outside_the_period_do_not_count():
    case = sample_renewal("II")
    case["training"] = [{"date": "2025-06-30", "hours": 10, "about_rsc": False},
                        {"date": "2025-07-01", "hours": 10, "about_rsc": False},
                        {"date": "2026-07-01", "hours": 10, "about_rsc": False}]
    row = rows(case)["training"]
    assert row["met"] is False
    assert row["detail"].startswith("You have 10 of 15 hours")
    assert "20 hours dated outside this renewal period" in row["detail"]
    case["rsc"] = [{"date": "2026-07-01", "hours": 12, "format": "group",
                    "provider_level": "III", "provider_degree": "master"}]
    assert rows(case)["rsc"]["met"] is False
    case["rsc"][0]["date"] = "2026-06-30"
    assert rows(case)["rsc"]["met"] is True


def test_renewal_rsc_needs_qualified_providers():
    case = sample_renewal("III")
    for session in case["rsc"]:
        session["provider_level"] = "II"
    row = rows(case)["rsc"]
    assert row["met"] is False and "from providers who do not qualify" in row["detail"]


def test_rsc_training_only_for_level_iii_providers_of_rsc():
    case = sample_renewal("III")
    case["training"][1]["about_rsc"] = False
    assert rows(case)["rsc_training"]["met"] is False
    case["provides_rsc"] = False
    assert rows(case)["rsc_training"]["applies"] is False
    clinical = sample_renewal("IV", "clinical")
    clinical["provides_rsc"] = True
    clinical["training"][1]["about_rsc"] = False
    row = rows(clinical)["rsc_training"]
    assert row["applies"] is False and "Recommended" in row["detail"]


def test_ivc_exemption_after_three_years():
    case = sample_renewal("IV", "clinical")
    case["rsc"] = []
    case["endorsed_on"] = "2023-07-02"       # period_end 2026-06-30 is 1,094 days later
    assert rows(case)["rsc"]["met"] is False
    case["endorsed_on"] = "2023-07-01"       # 1,095 days: exempt
    row = rows(case)["rsc"]
    assert row["applies"] is False and "at least 3 years" in row["detail"]
    assert evaluate(case)["eligible"] is True


def test_exemption_is_for_ivc_only():
    case = sample_renewal("III")
    case["rsc"] = []
    case["endorsed_on"] = "2010-01-01"
    assert rows(case)["rsc"]["met"] is False


def test_rsc_not_required_for_level_i_policy_research():
    for level, track in (("I", None), ("IV", "policy"), ("IV", "research_faculty")):
        case = sample_renewal(level, track)
        case["rsc"] = []
        assert rows(case)["rsc"]["applies"] is False
        assert evaluate(case)["eligible"] is True


def test_membership_must_reach_past_the_period():
    case = sample_renewal("II")
    case["membership_expires"] = "2026-06-30"
    row = rows(case)["membership"]
    assert row["met"] is False and "must be renewed" in row["detail"]
    case["membership_expires"] = "2026-07-01"
    assert rows(case)["membership"]["met"] is True
