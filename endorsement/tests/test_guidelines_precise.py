"""The contract's precise rules at their edges (CASES.md "How each requirement is decided"):
nothing counts before it happens, RSC only while providing services, exact decimal hours,
Level II families from the counted experience only, internship overlap counted once; and the
details are true, in the program's own words, for the applicant or for staff."""

import datetime as dt
from decimal import Decimal

import pytest

from endorsement.guidelines import CATALOG, CaseError, evaluate, for_audience, validate_case
from endorsement.guidelines.messages import Msg, render
from endorsement.guidelines.samples import sample_application, sample_renewal


def rows(case, **kw):
    return {r["id"]: r for r in evaluate(case, **kw)["requirements"]}


def rsc(dates, hours=1, level="III", degree="master"):
    return [{"date": d, "hours": hours, "format": "individual", "provider_level": level,
             "provider_degree": degree} for d in dates]


def monthly(n, start=dt.date(2025, 1, 10)):
    return [dt.date(start.year + (start.month - 1 + m) // 12, (start.month - 1 + m) % 12 + 1,
                    start.day).isoformat() for m in range(n)]


# --- nothing counts before it happens --------------------------------------------------

@pytest.mark.parametrize("awarded, counts", [
    ("2026-11-21", True), ("2026-11-22", True), ("2026-11-23", False)])
def test_a_degree_counts_from_the_day_it_is_awarded(awarded, counts):
    case = sample_application("II")
    case["degrees"] = [dict(case["degrees"][0], awarded=awarded)]
    row = rows(case)["education"]
    assert row["met"] is counts
    if not counts:
        assert "dated 2026-11-23, after the decision day (2026-11-22)" in row["detail"]


def test_a_master_awarded_next_spring_leaves_the_applicant_bachelors_prepared():
    case = sample_application("II")
    case["rsc"] = rsc(monthly(12), hours=2, level="II", degree="master")
    assert rows(case)["rsc"]["met"] is True
    case["degrees"].append({"type": "master", "name": "MSW", "related_field": True,
                            "awarded": "2027-05-20", "transcript": True})
    assert rows(case)["rsc"]["met"] is True          # the master's does not exist yet
    case["degrees"][-1]["awarded"] = "2026-11-22"
    row = rows(case)["rsc"]
    assert row["met"] is False                        # now it does: the exception ends
    assert "only while your highest degree is a bachelor's" in row["detail"]


@pytest.mark.parametrize("day, counted", [("2026-11-22", True), ("2026-11-23", False)])
def test_training_counts_up_to_the_decision_day(day, counted):
    case = sample_application("I")
    case["training"] = [{"date": day, "hours": 30, "about_rsc": False}]
    assert rows(case)["training"]["met"] is counted


# --- RSC only while providing services ------------------------------------------------

@pytest.mark.parametrize("start, counted", [
    ("2024-12-09", True), ("2024-12-10", True), ("2024-12-11", False)])
def test_rsc_counts_only_while_providing_services(start, counted):
    case = sample_application("II")
    case["work"][0]["start"] = "2016-09-01"
    case["work"][0]["end"] = "2020-01-01"
    case["work"].append(dict(case["work"][0], start=start, end=None, families_served=0))
    case["rsc"] = rsc(["2024-12-10"], hours=24)
    row = rows(case)["rsc"]
    assert row["met"] is counted
    if not counted:
        assert "24 hours received on days no role on file covers" in row["detail"]


def test_rsc_while_in_an_unpaid_internship_counts():
    case = sample_application("III")
    case["work"][0]["start"] = "2024-01-01"
    case["work"].append(dict(case["work"][0], start="2009-01-01", end="2009-12-31",
                             paid=False, internship=True, internship_supervisor_level="III"))
    case["rsc"] = rsc(["2009-03-01"], hours=50)
    case["as_of"] = "2010-06-01"
    assert rows(case)["rsc"]["met"] is True


# --- exact decimal hours ----------------------------------------------------------------

@pytest.mark.parametrize("n, hours, met", [
    (20, 1.2, True), (24, 0.9999, False), (240, 0.1, True), (239, 0.1, False),
    (3, 8.1, True), (3, Decimal("7.9999999"), False)])
def test_hours_add_up_exactly(n, hours, met):
    case = sample_application("II")
    case["rsc"] = rsc(monthly(n, dt.date(2025, 1, 1)) if n <= 20 else ["2025-06-01"] * n,
                      hours=hours)
    assert rows(case)["rsc"]["met"] is met


def test_a_shortfall_is_never_rounded_up_in_the_detail():
    case = sample_application("I")
    case["training"] = [{"date": "2025-01-01", "hours": 29.999, "about_rsc": False}]
    row = rows(case)["training"]
    assert row["met"] is False
    assert "29.99 of 30 hours" in row["detail"] and "0.01 more needed" in row["detail"]


def test_hours_are_kept_as_the_decimal_written():
    case = validate_case(dict(sample_application("II"),
                              training=[{"date": "2025-01-01", "hours": 0.1,
                                         "about_rsc": False}]))
    assert case.training[0].hours == Decimal("0.1")


@pytest.mark.parametrize("value", [1e308, Decimal("1e400"), 10_000.0001])
def test_unmanageable_hours_are_refused_with_the_field(value):
    case = sample_application("II")
    case["rsc"][3]["hours"] = value
    with pytest.raises(CaseError, match=r"^rsc\[3\]\.hours: must be at most 10000"):
        evaluate(case)


def test_ten_thousand_hours_are_still_a_verdict():
    case = sample_application("II")
    case["training"][0]["hours"] = 10_000
    assert rows(case)["training"]["met"] is True


# --- Level II families -------------------------------------------------------------------

def test_families_come_only_from_roles_that_reach_past_the_degree():
    case = sample_application("II")   # bachelor's 2016-05-20
    early = dict(case["work"][0], start="2010-01-01", end="2016-05-19", families_served=40)
    case["work"] = [early, dict(case["work"][0], families_served=6)]
    row = rows(case)["work_experience"]
    assert row["met"] is False
    assert "6 families of infants/toddlers served" in row["detail"]
    assert "40 families served in roles that ended before the bachelor's" in row["detail"]
    early["end"] = "2016-05-20"       # the role reaches the degree day: it counts
    assert rows(case)["work_experience"]["met"] is True


# --- internship overlap -------------------------------------------------------------------

def _level_iii(paid_start, intern_start, intern_end):
    case = sample_application("III")
    case["work"] = [
        dict(case["work"][0], start=paid_start),
        dict(case["work"][0], start=intern_start, end=intern_end, paid=False, internship=True,
             internship_supervisor_level="IV-C"),
    ]
    return rows(case)["work_experience"]


def test_an_internship_inside_paid_work_counts_once():
    row = _level_iii("2025-01-01", "2025-01-01", "2025-12-31")
    assert row["met"] is False and "365 days of internship overlap paid work" in row["detail"]


@pytest.mark.parametrize("start, met", [
    ("2025-11-22", True), ("2025-11-23", True), ("2025-11-24", False)])
def test_an_internship_adds_at_most_one_year_at_the_edge(start, met):
    # paid work from `start` to as_of 2026-11-22 plus a year of internship in 2009
    assert _level_iii(start, "2009-01-01", "2009-12-31")["met"] is met


def test_leap_days_are_days():
    case = sample_application("I")
    case["degrees"] = []
    case["as_of"] = "2024-02-29"
    case["work"] = [dict(case["work"][0], start="2022-03-02")]   # 730 days incl. 2024-02-29
    assert rows(case)["education"]["met"] is True
    case["work"][0]["start"] = "2022-03-03"
    assert rows(case)["education"]["met"] is False


# --- the details ------------------------------------------------------------------------

def test_staff_read_about_the_applicant():
    case = sample_application("II")
    case["rsc"] = case["rsc"][:12]
    applicant = rows(case)["rsc"]["detail"]
    staff = rows(case, audience="staff")["rsc"]["detail"]
    assert applicant.startswith("You have 18 of 24 hours")
    assert staff.startswith("The applicant has 18 of 24 hours")
    verdict = evaluate(case)
    assert {r["id"]: r["detail"] for r in for_audience(verdict, "staff")["requirements"]
            }["rsc"] == staff


def test_ecmh_applicants_read_early_childhood():
    case = dict(sample_application("II"), program="ECMH-E")
    case["work"][0]["families_served"] = 1
    detail = rows(case)["work_experience"]["detail"]
    assert "early childhood mental health" in detail and "infant" not in detail
    assert "1 family of young children served" in detail


def test_singular_and_plural():
    assert render([Msg("references.pending", {"count": 1})]) == \
        "1 rating is still waiting for the rater."
    assert render([Msg("references.pending", {"count": 2})]) == \
        "2 ratings are still waiting for the rater."


def test_a_rating_that_fits_no_open_slot_is_named():
    case = sample_application("II")
    case["references"] = [dict(r, role="colleague") for r in case["references"]]
    row = rows(case)["references"]
    assert "Still needed: a current program supervisor" in row["detail"]
    assert "2 submitted ratings from colleagues fit none of the slots still open." \
        in row["detail"]
    staff = rows(case, audience="staff")["references"]["detail"]
    assert "provides the applicant's reflective supervision/consultation" in staff


def test_every_catalog_template_renders_for_both_audiences():
    for msg_id, t in CATALOG.items():
        names = {part.split(")")[0] for part in (t.one + (t.other or "")).split("%(")[1:]}
        params = {n: "1" for n in names}
        for audience in ("applicant", "staff"):
            assert render([Msg(msg_id, params)], audience)


def test_renewal_details_speak_about_the_endorsee_to_staff():
    case = sample_renewal("II")
    case["training"] = case["training"][:1]
    assert rows(case, audience="staff")["training"]["detail"].startswith("The endorsee has 12")


@pytest.mark.parametrize("level, track", [("I", None), ("II", None), ("III", None),
                                          ("IV", "clinical"), ("IV", "policy"),
                                          ("IV", "research_faculty")])
def test_no_ecmh_detail_says_infant_even_when_everything_is_missing(level, track):
    full = dict(sample_application(level, track), program="ECMH-E")
    empty = dict(full, degrees=[], training=[], work=[], rsc=[], references=[],
                 leadership=[], exam=None, membership_expires=None)
    for case in (full, empty):
        for audience in ("applicant", "staff"):
            for r in evaluate(case, audience=audience)["requirements"]:
                assert "infant" not in r["detail"].lower(), r


def test_the_web_layer_can_translate_every_sentence():
    from endorsement.guidelines import catalog_strings
    calls = []

    def translate(singular, plural, n):
        calls.append((singular, plural, n))
        return "%(count)s évaluation attend" if n == 1 else "%(count)s évaluations attendent"

    text = render([Msg("references.pending", {"count": 2})], "staff", translate)
    assert text == "2 évaluations attendent"
    assert calls == [("%(count)s rating is still waiting for the rater.",
                      "%(count)s ratings are still waiting for the rater.", 2)]
    strings = list(catalog_strings())
    assert ("%(count)s rating is still waiting for the rater.",
            "%(count)s ratings are still waiting for the rater.") in strings
    assert len(strings) > len(CATALOG)   # staff forms too


def test_staff_wording_survives_a_json_round_trip():
    """The submitted snapshot is stored as JSON; staff pages re-render it from messages."""
    import json
    case = sample_application("II")
    case["references"] = [case["references"][0], case["references"][2]]
    stored = json.loads(json.dumps(evaluate(case)))
    staff = {r["id"]: r["detail"] for r in for_audience(stored, "staff")["requirements"]}
    assert staff == {r["id"]: r["detail"] for r in evaluate(case, audience="staff")
                     ["requirements"]}
    assert "the applicant's reflective supervision/consultation" in staff["references"]
