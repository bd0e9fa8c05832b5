"""Renewal for people holding several Endorsements®: one evidence log, every held
Endorsement®'s renewal rules at once, each hour counted once."""

import pytest

from endorsement.guidelines import RENEWAL_IDS, CaseError, evaluate_renewals
from endorsement.guidelines.samples import sample_renewal


def log(*held, **changes):
    case = sample_renewal("III")
    for key in ("program", "level", "track", "endorsed_on"):
        case.pop(key)
    case["held"] = [{"program": p, "level": lvl, "track": t, "endorsed_on": "2024-01-15"}
                    for p, lvl, t in held]
    case.update(changes)
    return case


def test_imh_and_ecmh_are_decided_from_one_log():
    result = evaluate_renewals(log(("IMH-E", "III", None), ("ECMH-E", "III", None)))
    assert result["eligible"] is True
    assert [(e["program"], e["category"]) for e in result["endorsements"]] == [
        ("IMH-E", "III"), ("ECMH-E", "III")]
    for e in result["endorsements"]:
        assert [r["id"] for r in e["requirements"]] == list(RENEWAL_IDS)
    # the same 16 training hours serve both; the log counts them once
    assert result["log"] == {"training_hours": "16", "rsc_hours": "12"}


def test_two_mentor_designations_each_get_their_own_rules():
    case = log(("IMH-E", "IV", "clinical"), ("IMH-E", "IV", "policy"), provides_rsc=True,
               rsc=[])
    result = evaluate_renewals(case)
    clinical, policy = result["endorsements"]
    rsc = {r["id"]: r for r in clinical["requirements"]}["rsc"]
    assert rsc["applies"] is True and rsc["met"] is False
    assert {r["id"]: r for r in policy["requirements"]}["rsc"]["applies"] is False
    assert result["eligible"] is False and policy["eligible"] is True


def test_short_hours_fail_every_endorsement_that_needs_them():
    case = log(("IMH-E", "II", None), ("ECMH-E", "II", None))
    case["training"] = [{"date": "2025-09-12", "hours": 14.9, "about_rsc": False}]
    result = evaluate_renewals(case, audience="staff")
    for e in result["endorsements"]:
        training = {r["id"]: r for r in e["requirements"]}["training"]
        assert training["met"] is False
        assert training["detail"].startswith("The endorsee has 14.9 of 15 hours")


@pytest.mark.parametrize("held, field", [
    ([], "held"),
    ([("IMH-E", "II", None), ("IMH-E", "III", None)], "held[1]"),
    ([("IMH-E", "IV", "policy"), ("IMH-E", "IV", "policy")], "held[1]"),
    ([("IMH-E", "IV", None)], "held[0].track"),
    ([("OH-E", "II", None)], "held[0].program"),
])
def test_a_held_list_that_cannot_be_is_refused_naming_the_field(held, field):
    with pytest.raises(CaseError) as info:
        evaluate_renewals(log(*held))
    assert info.value.field == field


def test_virginia_edition_applies_to_all_held():
    case = log(("IMH-E", "II", None), ("ECMH-E", "II", None), edition="vaimh-2023")
    result = evaluate_renewals(case)
    assert {e["name"] for e in result["endorsements"]} == {
        "Family Specialist (IFS)", "Family Specialist (ECFS)"}
