"""Application rules and their edges: education, training, work, RSC, exam, membership."""

import dataclasses

import pytest

from endorsement.guidelines import MASSAIMH_2015, Rule, evaluate
from endorsement.guidelines.samples import sample_application


def verdict(case, edition="massaimh-2015"):
    result = evaluate(case, edition)
    return {r["id"]: r for r in result["requirements"]}


def work(start, end=None, kind="infant_family", *, paid=True, families=10, focus=True,
         internship=False, supervisor=None):
    return {"start": start, "end": end, "paid": paid, "kind": kind, "families_served": families,
            "social_emotional_focus": focus, "relationship_focus": focus,
            "internship": internship, "internship_supervisor_level": supervisor}


def rsc(date, hours, provider="III", degree="master"):
    return {"date": date, "hours": hours, "format": "group", "provider_level": provider,
            "provider_degree": degree}


@pytest.mark.parametrize(("level", "track"), [
    ("I", None), ("II", None), ("III", None),
    ("IV", "clinical"), ("IV", "policy"), ("IV", "research_faculty"),
])
def test_samples_are_eligible(level, track):
    assert evaluate(sample_application(level, track))["eligible"] is True


# --- education ----------------------------------------------------------------------

def test_transcript_missing_degree_does_not_count():
    case = sample_application("II")
    case["degrees"][0]["transcript"] = False
    rows = verdict(case)
    assert rows["education"]["met"] is False
    assert "transcript" in rows["education"]["detail"]
    # without a counted bachelor's degree nothing counts "after the bachelor date"
    assert rows["work_experience"]["met"] is False
    assert rows["rsc"]["met"] is False
    assert "bachelor" in rows["rsc"]["detail"]


def test_level_iii_needs_a_graduate_degree():
    case = sample_application("III")
    case["degrees"] = [d for d in case["degrees"] if d["type"] == "bachelor"]
    rows = verdict(case)
    assert rows["education"]["met"] is False
    assert rows["work_experience"]["met"] is False


def test_level_i_associate_degree_must_be_in_a_related_field():
    case = sample_application("I")
    case["work"] = []
    case["degrees"] = [{"type": "associate", "name": "AA", "related_field": False,
                        "awarded": "2019-05-01", "transcript": True}]
    assert verdict(case)["education"]["met"] is False
    case["degrees"][0]["related_field"] = True
    assert verdict(case)["education"]["met"] is True
    case["degrees"][0]["type"] = "bachelor"   # associate-or-higher
    assert verdict(case)["education"]["met"] is True


def test_level_i_two_years_of_paid_work_instead_of_a_degree():
    case = sample_application("I")
    case["degrees"] = []
    case["work"] = [work("2024-11-23", "2026-11-21", "early_childhood")]   # 729 days
    assert verdict(case)["education"]["met"] is False
    case["work"][0]["end"] = "2026-11-22"                                  # 730 days
    assert verdict(case)["education"]["met"] is True
    case["work"][0]["kind"] = "imh_specialized"   # a narrower kind counts too
    assert verdict(case)["education"]["met"] is True


def test_level_i_unpaid_work_does_not_count():
    case = sample_application("I")
    case["degrees"] = []
    case["work"] = [work("2015-01-01", kind="early_childhood", paid=False)]
    row = verdict(case)["education"]
    assert row["met"] is False
    assert "unpaid" in row["detail"].lower()


# --- training -----------------------------------------------------------------------

def test_training_threshold_and_detail():
    case = sample_application("II")
    case["training"] = [{"date": "2025-01-01", "hours": 29.99, "about_rsc": False}]
    row = verdict(case)["training"]
    assert row["met"] is False
    assert row["detail"].startswith("You have 29.99 of 30 hours")
    assert "0.01 more needed" in row["detail"]
    case["training"][0]["hours"] = 30
    assert verdict(case)["training"]["met"] is True


def test_training_after_the_decision_day_does_not_count():
    case = sample_application("II")
    case["training"] = [{"date": "2027-01-01", "hours": 40, "about_rsc": False}]
    row = verdict(case)["training"]
    assert row["met"] is False
    assert "after 2026-11-22" in row["detail"]


# --- work experience ----------------------------------------------------------------

def test_level_i_has_no_separate_work_requirement():
    row = verdict(sample_application("I"))["work_experience"]
    assert row["applies"] is False and row["met"] is None


def test_overlapping_roles_count_once():
    case = sample_application("II")
    # two roles of 1.5 years each, overlapping by a year: 2 years in all, not 3
    case["work"] = [work("2021-01-01", "2022-06-30", families=6),
                    work("2021-07-01", "2022-12-30", families=6)]
    assert verdict(case)["work_experience"]["met"] is False   # 730 days minus one
    case["work"][1]["end"] = "2022-12-31"
    assert verdict(case)["work_experience"]["met"] is True


def test_work_is_counted_from_the_degree_date():
    case = sample_application("II")
    case["degrees"][0]["awarded"] = "2025-06-01"
    case["work"] = [work("2015-01-01", families=20)]   # 10 years, but only 1.5 after the BSW
    row = verdict(case)["work_experience"]
    assert row["met"] is False
    assert "bachelor's degree" in row["detail"]
    assert "more days needed" in row["detail"]


def test_open_ended_work_counts_up_to_as_of():
    case = sample_application("II")
    case["work"] = [work("2024-11-23", None, families=12)]
    case["as_of"] = "2026-11-21"
    assert verdict(case)["work_experience"]["met"] is False
    case["as_of"] = "2026-11-22"
    assert verdict(case)["work_experience"]["met"] is True


def test_level_ii_needs_ten_families_and_both_focuses():
    case = sample_application("II")
    case["work"] = [work("2017-01-01", families=9)]
    row = verdict(case)["work_experience"]
    assert row["met"] is False and "1 more family needed" in row["detail"]
    case["work"].append(work("2018-01-01", families=1))
    assert verdict(case)["work_experience"]["met"] is True
    case["work"] = [work("2017-01-01", families=20, focus=False)]
    row = verdict(case)["work_experience"]
    assert row["met"] is False and "focus" in row["detail"]


def test_unpaid_work_does_not_count_at_level_ii():
    case = sample_application("II")
    case["work"] = [work("2017-01-01", families=20, paid=False)]
    row = verdict(case)["work_experience"]
    assert row["met"] is False and "unpaid" in row["detail"]


def test_internships_are_ignored_at_level_ii():
    case = sample_application("II")
    case["work"] = [work("2017-01-01", families=20, internship=True, supervisor="III")]
    assert verdict(case)["work_experience"]["met"] is False


def _level_iii(*roles):
    case = sample_application("III")
    case["degrees"][1]["awarded"] = "2024-06-01"
    case["work"] = list(roles)
    return case


def test_internship_counts_at_most_one_year():
    paid_year = work("2025-11-23", None, "imh_specialized")          # 365 days to as_of
    long_internship = work("2022-06-01", "2024-05-31", "imh_specialized", paid=False,
                           internship=True, supervisor="IV-C")         # 2 years
    row = verdict(_level_iii(paid_year, long_internship))["work_experience"]
    assert row["met"] is True
    assert "at most 1 year of internship counts" in row["detail"]
    short = dict(paid_year, start="2025-11-24")                        # one day short
    assert verdict(_level_iii(short, long_internship))["work_experience"]["met"] is False


def test_internship_needs_a_level_iii_or_iv_c_supervisor():
    paid_year = work("2025-11-23", None, "imh_specialized")
    internship = work("2023-06-01", "2024-05-31", "imh_specialized", paid=False,
                      internship=True, supervisor="II")
    row = verdict(_level_iii(paid_year, internship))["work_experience"]
    assert row["met"] is False
    assert "supervisor is endorsed at Level III or IV-C" in row["detail"]
    internship["internship_supervisor_level"] = "III"
    assert verdict(_level_iii(paid_year, internship))["work_experience"]["met"] is True


def test_internship_overlapping_paid_work_counts_once():
    paid = work("2025-11-23", None, "imh_specialized")
    overlapping = work("2025-11-23", "2026-11-22", "imh_specialized", internship=True,
                       supervisor="III")
    assert verdict(_level_iii(paid, overlapping))["work_experience"]["met"] is False


def test_level_iii_work_must_be_specialized_and_paid():
    case = _level_iii(work("2024-07-01", None, "infant_family"))
    assert verdict(case)["work_experience"]["met"] is False
    case = _level_iii(work("2024-07-01", None, "imh_specialized", paid=False))
    case["degrees"][1]["awarded"] = "2010-01-01"
    assert verdict(case)["work_experience"]["met"] is False


def test_mentor_clinical_needs_level_iii_work_rsc_provision_and_leadership():
    case = sample_application("IV", "clinical")
    assert verdict(case)["work_experience"]["met"] is True
    no_leadership = dict(case, leadership=[{"description": "city group", "scope": "local"}])
    row = verdict(no_leadership)["work_experience"]
    assert row["met"] is False and "no leadership activity" in row["detail"].lower()
    short = sample_application("IV", "clinical")
    short["work"][1]["start"] = "2024-01-01"
    assert verdict(short)["work_experience"]["met"] is False


def test_mentor_work_need_not_be_paid():
    case = sample_application("IV", "policy")
    case["work"][0]["paid"] = False
    assert verdict(case)["work_experience"]["met"] is True


def test_mentor_years_count_from_the_graduate_degree():
    case = sample_application("IV", "research_faculty")
    case["degrees"][1]["awarded"] = "2024-01-01"
    row = verdict(case)["work_experience"]
    assert row["met"] is False and "2.8 of 3 years" in row["detail"]


# --- reflective supervision/consultation --------------------------------------------

def test_rsc_detail_says_what_is_missing():
    case = sample_application("II")
    case["rsc"] = [rsc(f"2025-{m:02d}-10", 1.5) for m in range(1, 13)]   # 18 hours
    row = verdict(case)["rsc"]
    assert row["met"] is False
    assert row["detail"].startswith("You have 18 of 24 hours of RSC with a provider")
    assert "within 24 months" in row["detail"] and "6 more needed" in row["detail"]


def test_rsc_best_24_month_window():
    case = sample_application("II")
    # 10 hours early on, then 24 hours in a later 24-month window: the later window counts
    case["rsc"] = [rsc("2019-01-10", 10)] + [rsc(f"2024-{m:02d}-10", 2) for m in range(1, 13)]
    assert verdict(case)["rsc"]["met"] is True
    # 12 + 12 hours 730 days apart do not share a window; 729 days apart they do
    case["rsc"] = [rsc("2021-01-01", 12), rsc("2023-01-01", 12)]
    assert verdict(case)["rsc"]["met"] is False
    case["rsc"] = [rsc("2021-01-02", 12), rsc("2023-01-01", 12)]
    assert verdict(case)["rsc"]["met"] is True


def test_rsc_providers_must_be_level_iii_or_iv_c():
    case = sample_application("III")
    for session in case["rsc"]:
        session["provider_level"] = "IV-P"
    row = verdict(case)["rsc"]
    assert row["met"] is False and "from providers who do not qualify" in row["detail"]


def test_bachelors_exception_for_rsc_providers():
    case = sample_application("II")
    for session in case["rsc"]:
        session["provider_level"] = "II"
    assert verdict(case)["rsc"]["met"] is True            # bachelor-prepared applicant
    bachelor_provider = sample_application("II")
    for session in bachelor_provider["rsc"]:
        session.update(provider_level="II", provider_degree="bachelor")
    assert verdict(bachelor_provider)["rsc"]["met"] is False
    with_master = sample_application("II")
    with_master["degrees"].append({"type": "master", "name": "MSW", "related_field": True,
                                   "awarded": "2019-05-01", "transcript": True})
    for session in with_master["rsc"]:
        session["provider_level"] = "II"
    assert verdict(with_master)["rsc"]["met"] is False    # no longer bachelor-prepared


def test_level_ii_rsc_counts_after_the_bachelor_date():
    case = sample_application("II")
    case["degrees"][0]["awarded"] = "2025-01-01"
    row = verdict(case)["rsc"]
    assert row["met"] is False and "before your bachelor's degree" in row["detail"]


def test_rsc_does_not_apply_to_policy_research_or_level_i():
    for level, track in (("I", None), ("IV", "policy"), ("IV", "research_faculty")):
        row = verdict(sample_application(level, track))["rsc"]
        assert row["applies"] is False and row["met"] is None


# --- signatures, exam, membership, fee ----------------------------------------------

def test_exam_applies_from_level_iii():
    assert verdict(sample_application("II"))["exam"]["applies"] is False
    case = sample_application("IV", "policy")
    case["exam"] = None
    assert verdict(case)["exam"]["met"] is False
    case["exam"] = {"passed": False}
    assert verdict(case)["exam"]["met"] is False


def test_membership_must_be_active_on_as_of():
    case = sample_application("II")
    case["membership_expires"] = "2026-11-22"
    assert verdict(case)["membership"]["met"] is True
    case["membership_expires"] = "2026-11-21"
    assert verdict(case)["membership"]["met"] is False
    case["membership_expires"] = None
    assert verdict(case)["membership"]["met"] is False


def test_signatures_and_fee():
    case = sample_application("II")
    case.update(code_of_ethics_signed=False, agreement_signed=False, fee_paid=False)
    result = evaluate(case)
    assert result["eligible"] is False
    unmet = {r["id"] for r in result["requirements"] if r["applies"] and not r["met"]}
    assert unmet == {"code_of_ethics", "agreement", "fee"}


# --- editions -----------------------------------------------------------------------

def test_a_new_edition_changes_a_number_without_touching_logic():
    stricter = dataclasses.replace(
        MASSAIMH_2015, id="test-strict",
        training_hours={**MASSAIMH_2015.training_hours, "II": Rule(40, "test")})
    case = sample_application("II")
    assert verdict(case)["training"]["met"] is True
    row = verdict(case, stricter)["training"]
    assert row["met"] is False and "10 more needed" in row["detail"]
    assert row["source"] == "test"


def test_every_row_names_its_source():
    for level, track in (("I", None), ("III", None), ("IV", "clinical")):
        for row in verdict(sample_application(level, track)).values():
            if row["applies"]:
                assert row["source"].startswith(("MA L", "CASES")), row


def test_unknown_edition():
    with pytest.raises(ValueError, match="edition"):
        evaluate(sample_application("II"), "nowhere-1999")


def test_dates_at_the_ends_of_the_calendar_do_not_crash():
    case = sample_application("IV", "clinical")
    case["as_of"] = case["membership_expires"] = "9999-12-31"
    case["work"][0]["start"] = "0001-01-01"
    case["rsc"] += [rsc("0001-01-01", 1), rsc("9999-12-31", 1)]
    assert evaluate(case)["eligible"] is True


def test_rows_remembered_from_hours_and_dates_stay_bounded_and_right():
    """The training and membership rows are remembered by the hours and dates they follow
    from (derived.per_edition); a server deciding many applications keeps at most KEPT of
    each, and a row made again after the memo started over is the same row."""
    from endorsement.guidelines import derived

    case = sample_application("II")
    first = verdict(case)
    for tenths in range(derived.KEPT + 50):   # as many different totals and dates
        case["training"][0]["hours"] = tenths / 10
        case["membership_expires"] = f"{2030 + tenths // 365}-01-{1 + tenths % 28:02d}"
        row = verdict(case)["training"]
        total = 24 + tenths / 10
        assert row["met"] is (total >= 30)
    assert all(len(built) <= derived.KEPT for memo in derived.MEMOS
               for _edition, built in memo.entries.values())
    case["training"][0]["hours"] = 6
    case["membership_expires"] = sample_application("II")["membership_expires"]
    assert verdict(case) == first


def test_a_caller_changing_a_verdict_changes_no_later_verdict():
    """Rows the engine remembers are handed out as copies: a page that edits the dict it
    was given (a detail shortened, a flag added) does not change the next verdict."""
    case = sample_application("II")
    first = evaluate(case)
    for r in first["requirements"]:
        r["detail"], r["met"], r["extra"] = "changed", None, True
    again = evaluate(case)
    assert all(r["detail"] != "changed" and "extra" not in r for r in again["requirements"])
    assert again["eligible"] is True and all(r["met"] for r in again["requirements"]
                                             if r["applies"])
