"""Property tests: the engine never raises on a well-formed case, and more hours, ratings or
work never turn a met requirement into an unmet one."""

import copy
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from endorsement.guidelines import (
    APPLICATION_IDS,
    CATEGORY_CODES,
    DEGREE_TYPES,
    LEADERSHIP_SCOPES,
    REFERENCE_ROLES,
    REFERENCE_STATUSES,
    RENEWAL_IDS,
    TRACKS,
    WORK_KINDS,
    evaluate,
    validate_case,
)
from endorsement.guidelines.vocabulary import values

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

# mostly recent dates, sometimes the extremes of the calendar
days = st.one_of(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)), st.dates())
dates = days.map(dt.date.isoformat)
hours = st.one_of(st.integers(0, 40), st.floats(0, 40, allow_nan=False))
endorsed = st.none() | st.sampled_from(CATEGORY_CODES)
level_track = st.one_of(
    st.tuples(st.sampled_from(["I", "II", "III"]), st.none()),
    st.tuples(st.just("IV"), st.sampled_from(values(TRACKS))),
)

degree = st.fixed_dictionaries({
    "type": st.sampled_from(values(DEGREE_TYPES)), "name": st.text(max_size=5),
    "related_field": st.booleans(), "awarded": dates, "transcript": st.booleans()})
training = st.fixed_dictionaries({"date": dates, "hours": hours, "about_rsc": st.booleans()})
rsc = st.fixed_dictionaries({
    "date": dates, "hours": hours, "format": st.sampled_from(["individual", "group"]),
    "provider_level": endorsed, "provider_degree": st.none() | st.sampled_from(
        values(DEGREE_TYPES))})
reference = st.fixed_dictionaries({
    "role": st.sampled_from(values(REFERENCE_ROLES)), "rater_level": endorsed,
    "vetted": st.booleans(), "status": st.sampled_from(values(REFERENCE_STATUSES))})
leadership = st.fixed_dictionaries({
    "description": st.just("x"), "scope": st.sampled_from(values(LEADERSHIP_SCOPES))})


@st.composite
def work(draw):
    start = draw(days)
    end = draw(st.none() | st.dates(start, max(start, dt.date(2031, 12, 31))))
    return {"start": start.isoformat(), "end": end and end.isoformat(),
            "paid": draw(st.booleans()), "kind": draw(st.sampled_from(values(WORK_KINDS))),
            "families_served": draw(st.integers(0, 30)),
            "social_emotional_focus": draw(st.booleans()),
            "relationship_focus": draw(st.booleans()), "internship": draw(st.booleans()),
            "internship_supervisor_level": draw(endorsed)}


@st.composite
def applications(draw):
    level, track = draw(level_track)
    return {
        "kind": "application", "program": draw(st.sampled_from(["IMH-E", "ECMH-E"])),
        "level": level, "track": track, "as_of": draw(dates),
        "degrees": draw(st.lists(degree, max_size=3)),
        "training": draw(st.lists(training, max_size=6)),
        "work": draw(st.lists(work(), max_size=4)),
        "leadership": draw(st.lists(leadership, max_size=2)),
        "rsc": draw(st.lists(rsc, max_size=12)),
        "references": draw(st.lists(reference, max_size=6)),
        "code_of_ethics_signed": draw(st.booleans()), "agreement_signed": draw(st.booleans()),
        "membership_expires": draw(st.none() | dates),
        "exam": draw(st.none() | st.fixed_dictionaries({"passed": st.booleans()})),
        "fee_paid": draw(st.booleans()),
    }


@st.composite
def renewals(draw):
    level, track = draw(level_track)
    start = draw(days)
    a_year_on = start + dt.timedelta(days=min(364, (dt.date.max - start).days))
    end = draw(st.just(a_year_on) | st.dates(start))
    return {
        "kind": "renewal", "program": "IMH-E", "level": level, "track": track,
        "endorsed_on": draw(dates), "period_start": start.isoformat(),
        "period_end": end.isoformat(),
        "training": draw(st.lists(training, max_size=6)),
        "rsc": draw(st.lists(rsc, max_size=10)),
        "provides_rsc": draw(st.booleans()), "membership_expires": draw(st.none() | dates),
    }


def check_shape(case, verdict):
    ids = APPLICATION_IDS if case["kind"] == "application" else RENEWAL_IDS
    assert [r["id"] for r in verdict["requirements"]] == list(ids)
    for r in verdict["requirements"]:
        assert isinstance(r["detail"], str) and r["detail"]
        assert (r["met"] is None) if not r["applies"] else isinstance(r["met"], bool)
    assert verdict["eligible"] == all(r["met"] for r in verdict["requirements"] if r["applies"])


@SETTINGS
@given(applications())
def test_engine_never_raises_on_an_application(case):
    check_shape(case, evaluate(case))


@SETTINGS
@given(renewals())
def test_engine_never_raises_on_a_renewal(case):
    check_shape(case, evaluate(case))


def met_ids(case):
    return {r["id"] for r in evaluate(case)["requirements"] if r["applies"] and r["met"]}


def _more(case, draw):
    """The same case with more hours, ratings or work."""
    bigger = copy.deepcopy(case)
    what = draw(st.sampled_from(["training", "rsc", "references", "work", "hours"]))
    if what == "training":
        bigger["training"].append(draw(training))
    elif what == "rsc":
        bigger["rsc"].append(draw(rsc))
    elif what == "references" and case["kind"] == "application":
        bigger["references"].append(dict(draw(reference), status="submitted"))
    elif what == "work" and case["kind"] == "application":
        bigger["work"].append(draw(work()))
    else:
        entries = bigger["training"] + bigger["rsc"]
        if entries:
            entry = draw(st.sampled_from(entries))
            entry["hours"] += draw(st.integers(1, 20))
    return bigger


@SETTINGS
@given(st.one_of(applications(), renewals()), st.data())
def test_more_never_turns_met_into_unmet(case, data):
    bigger = _more(case, data.draw)
    assert met_ids(case) <= met_ids(bigger)


@SETTINGS
@given(applications())
def test_date_objects_give_the_same_verdict(case):
    as_objects = copy.deepcopy(case)
    as_objects["as_of"] = dt.date.fromisoformat(case["as_of"])
    for entry in as_objects["rsc"] + as_objects["training"]:
        entry["date"] = dt.date.fromisoformat(entry["date"])
    assert validate_case(as_objects) == validate_case(case)


# --- extremes: a verdict or a CaseError naming the field, never anything else ----------

extreme_hours = st.one_of(
    hours, st.floats(0, 1e308, allow_nan=False, allow_infinity=False),
    st.decimals(0, "1e400", allow_nan=False, allow_infinity=False),
    st.integers(0, 10**30), st.just(1e308), st.just(5e-324), st.just(10_000))


@st.composite
def extreme_cases(draw):
    case = draw(st.one_of(applications(), renewals()))
    for entry in case["training"] + case["rsc"]:
        entry["hours"] = draw(extreme_hours)
    for entry in case.get("work", []):
        entry["families_served"] = draw(st.integers(0, 10**400) | st.just(1e308)
                                        | st.integers(0, 20))
    return case


@SETTINGS
@given(extreme_cases())
def test_extreme_numbers_give_a_verdict_or_name_the_field(case):
    from endorsement.guidelines import CaseError
    try:
        verdict = evaluate(case)
    except CaseError as exc:
        assert exc.field.startswith(("training[", "rsc[", "work[")), str(exc)
        assert exc.field.endswith((".hours", ".families_served")), str(exc)
    else:
        check_shape(case, verdict)


@SETTINGS
@given(st.one_of(applications(), renewals()))
def test_the_same_case_always_gets_the_same_verdict(case):
    first = evaluate(copy.deepcopy(case))
    assert evaluate(copy.deepcopy(case)) == first
    assert evaluate(copy.deepcopy(case), audience="staff")["eligible"] == first["eligible"]


@SETTINGS
@given(applications(), st.data())
def test_staff_and_applicant_details_agree_on_every_verdict(case, data):
    staff = evaluate(case, audience="staff")
    applicant = evaluate(case)
    for a, s in zip(applicant["requirements"], staff["requirements"], strict=True):
        assert (a["id"], a["applies"], a["met"]) == (s["id"], s["applies"], s["met"])
        assert "you" not in s["detail"].lower().replace("young", "")


# --- the ERS add-on and several Endorsements® held ------------------------------------

@st.composite
def ers_cases(draw):
    def providing():
        start = draw(days)
        end = draw(st.none() | st.dates(start))
        return {"start": start.isoformat(), "end": end and end.isoformat(),
                "supervisees": draw(st.integers(0, 3))}
    sessions = draw(st.lists(rsc, max_size=6))
    for s in sessions:
        s["about_provision"] = draw(st.booleans())
        s["provider_ers"] = draw(st.booleans())
    return {
        "kind": "ers", "edition": "vaimh-2023",
        "program": draw(st.sampled_from(["IMH-E", "ECMH-E"])),
        "level": draw(st.sampled_from(["I", "II", "III"])), "track": None,
        "as_of": draw(dates), "applying_for": draw(st.sampled_from(["full", "emerging"])),
        "endorsed": draw(st.booleans()), "emerging_approved_on": draw(st.none() | dates),
        "providing": [providing() for _ in range(draw(st.integers(0, 3)))],
        "rsc": sessions, "training": draw(st.lists(training, max_size=5)),
        "membership_expires": draw(st.none() | dates),
    }


@SETTINGS
@given(ers_cases(), st.data())
def test_ers_never_raises_and_more_evidence_never_unmeets(case, data):
    from endorsement.guidelines.ers import ERS_IDS
    verdict = evaluate(case)
    assert [r["id"] for r in verdict["requirements"]] == list(ERS_IDS)
    bigger = copy.deepcopy(case)
    bigger["training"].append(data.draw(training))
    bigger["rsc"].append(dict(data.draw(rsc), about_provision=True, provider_ers=True))
    before = {r["id"] for r in verdict["requirements"] if r["applies"] and r["met"]}
    after = {r["id"] for r in evaluate(bigger)["requirements"] if r["applies"] and r["met"]}
    assert before <= after


@SETTINGS
@given(st.one_of(applications(), renewals()), st.data())
def test_virginia_more_never_turns_met_into_unmet(case, data):
    def met(c):
        return {r["id"] for r in evaluate(c, "vaimh-2023")["requirements"]
                if r["applies"] and r["met"]}
    bigger = _more(case, data.draw)
    assert met(case) <= met(bigger)
