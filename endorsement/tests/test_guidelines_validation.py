"""validate_case: a normalised case, or CaseError naming the field."""

import datetime as dt
from decimal import Decimal

import pytest

from endorsement.guidelines import Application, CaseError, Renewal, evaluate, validate_case
from endorsement.guidelines.samples import sample_application, sample_renewal


def test_valid_application_is_normalised():
    case = validate_case(sample_application("II"))
    assert isinstance(case, Application)
    assert case.as_of == dt.date(2026, 11, 22)
    assert case.category == "II"
    assert isinstance(case.rsc, tuple) and case.rsc[0].hours == 1.5


def test_valid_renewal_is_normalised():
    case = validate_case(sample_renewal("IV", "clinical"))
    assert isinstance(case, Renewal)
    assert case.category == "IV-C"


def test_date_objects_are_accepted_like_iso_strings():
    data = sample_application("III")
    with_dates = sample_application("III")
    with_dates["as_of"] = dt.date(2026, 11, 22)
    with_dates["membership_expires"] = dt.datetime(2027, 6, 30, 12, 0)
    for entry in with_dates["rsc"]:
        entry["date"] = dt.date.fromisoformat(entry["date"])
    for entry in with_dates["degrees"]:
        entry["awarded"] = dt.date.fromisoformat(entry["awarded"])
    assert validate_case(with_dates) == validate_case(data)
    assert evaluate(with_dates) == evaluate(data)


def test_decimal_hours_are_accepted():
    data = sample_application("II")
    data["training"][0]["hours"] = Decimal("6.5")
    assert validate_case(data).training[0].hours == 6.5


def test_validated_case_passes_through():
    case = validate_case(sample_application("I"))
    assert validate_case(case) is case


def test_unknown_keys_are_ignored():
    data = sample_application("II")
    data["applicant_id"] = 42
    data["rsc"][0]["note"] = "first session"
    validate_case(data)


def _broken(change, kind="application", level="II", track=None):
    data = sample_application(level, track) if kind == "application" else \
        sample_renewal(level, track)
    change(data)
    with pytest.raises(CaseError) as info:
        validate_case(data)
    return str(info.value)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.pop("as_of"), "as_of: missing"),
    (lambda d: d.update(level="V"), "level: must be one of I, II, III, IV"),
    (lambda d: d.update(program="IMH"), "program: must be one of IMH-E, ECMH-E"),
    (lambda d: d.update(kind="appeal"), "kind: must be one of application, renewal"),
    (lambda d: d["rsc"][2].update(hours=-1), "rsc[2].hours: must be a number >= 0"),
    (lambda d: d["rsc"][2].update(hours="3"), "rsc[2].hours: must be a number >= 0"),
    (lambda d: d["rsc"][2].update(hours=True), "rsc[2].hours: must be a number >= 0"),
    (lambda d: d["rsc"][2].update(hours=float("nan")), "rsc[2].hours: must be a number >= 0"),
    (lambda d: d["rsc"][0].update(date="2025-02-30"),
     "rsc[0].date: must be a date (YYYY-MM-DD)"),
    (lambda d: d["rsc"][0].update(provider_level="V"), "rsc[0].provider_level: must be one of"),
    (lambda d: d["rsc"][0].pop("format"), "rsc[0].format: missing"),
    (lambda d: d.update(as_of="next week"), "as_of: must be a date (YYYY-MM-DD)"),
    (lambda d: d.update(as_of=None), "as_of: must be a date (YYYY-MM-DD)"),
    (lambda d: d["work"][0].update(kind="babysitting"), "work[0].kind: must be one of"),
    (lambda d: d["work"][0].update(end="2010-01-01"), "work[0].end: must not be before start"),
    (lambda d: d["work"][0].update(families_served=2.5),
     "work[0].families_served: must be a whole number >= 0"),
    (lambda d: d["work"][0].update(paid="yes"), "work[0].paid: must be true or false"),
    (lambda d: d["degrees"][0].update(type="phd"), "degrees[0].type: must be one of"),
    (lambda d: d["references"][1].update(status="lost"), "references[1].status: must be one of"),
    (lambda d: d["references"][1].update(role="friend"), "references[1].role: must be one of"),
    (lambda d: d.update(references={}), "references: must be a list"),
    (lambda d: d.update(training=[3]), "training[0]: must be an object"),
    (lambda d: d.update(exam={"passed": "yes"}), "exam.passed: must be true or false"),
    (lambda d: d.update(exam=[]), "exam: must be an object"),
    (lambda d: d.update(fee_paid=1), "fee_paid: must be true or false"),
    (lambda d: d.update(track="clinical"), "track: must be null unless level is IV"),
    (lambda d: d.pop("track"), "track: missing"),
    (lambda d: d.update(membership_expires="soon"),
     "membership_expires: must be a date (YYYY-MM-DD) or null"),
])
def test_application_errors_name_the_field(change, message):
    assert _broken(change).startswith(message)


def test_track_required_for_level_iv():
    message = _broken(lambda d: d.update(track=None), level="IV", track="policy")
    assert message == "track: required for level IV (must be one of clinical, policy, " \
                      "research_faculty)"
    message = _broken(lambda d: d.update(track="mentor"), level="IV", track="policy")
    assert message.startswith("track: must be one of clinical, policy, research_faculty")


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.pop("period_end"), "period_end: missing"),
    (lambda d: d.update(period_end="2025-01-01"), "period_end: must not be before period_start"),
    (lambda d: d.pop("provides_rsc"), "provides_rsc: missing"),
    (lambda d: d.update(endorsed_on="2024-13-01"), "endorsed_on: must be a date"),
    (lambda d: d["training"][1].update(about_rsc=None), "training[1].about_rsc: must be true"),
])
def test_renewal_errors_name_the_field(change, message):
    assert _broken(change, kind="renewal").startswith(message)


@pytest.mark.parametrize("data", [None, [], "case", 3, {"kind": 1}])
def test_not_a_case(data):
    with pytest.raises(CaseError):
        validate_case(data)


def test_case_error_carries_field_and_problem():
    try:
        validate_case({"kind": "application"})
    except CaseError as exc:
        assert exc.field == "program" and exc.problem == "missing"
    else:  # pragma: no cover
        pytest.fail("no CaseError")
