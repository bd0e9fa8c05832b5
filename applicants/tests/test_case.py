"""The case builder turns the models into CASES.md's shape, and the engine accepts it."""
import datetime as dt

import pytest
from django.utils import timezone

from applicants.case import build_case, checklist
from applicants.sections import applicable_sections, task_list
from applicants.services import forget, submission_blockers
from applicants.tests.factories import (
    ApplicationFactory,
    DegreeFactory,
    LeadershipFactory,
    ProfileFactory,
    RscFactory,
    TrainingFactory,
    WorkFactory,
    complete,
)
from endorsement.guidelines import validate_case

pytestmark = pytest.mark.django_db


def test_an_empty_draft_is_a_valid_case(draft):
    case = build_case(draft, as_of=dt.date(2026, 11, 22))
    assert case == {
        "kind": "application", "program": "IMH-E", "level": "II", "track": None,
        "as_of": dt.date(2026, 11, 22), "degrees": [], "training": [], "work": [],
        "leadership": [], "rsc": [], "references": [], "code_of_ethics_signed": False,
        "agreement_signed": False, "membership_expires": None, "exam": None,
        "fee_paid": False,
    }
    validate_case(case)
    verdict = checklist(draft)
    assert verdict["eligible"] is False
    assert [r["id"] for r in verdict["requirements"]][:3] == [
        "education", "training", "work_experience"]
    assert all(r["title"] and r["detail"] for r in verdict["requirements"])


def test_rows_become_case_entries(applicant):
    application = ApplicationFactory(applicant=applicant, category="IV-C", program="ECMH-E")
    DegreeFactory(application=application, type="master", transcript=None)
    TrainingFactory(application=application, hours="7.5", about_rsc=True)
    WorkFactory(application=application, internship=True, internship_supervisor_level="IV-C",
                end=timezone.localdate(), paid=False)
    RscFactory(application=application, provider_level="", hours="1.25")
    LeadershipFactory(application=application, scope="national")
    case = build_case(application)
    assert (case["level"], case["track"], case["program"]) == ("IV", "clinical", "ECMH-E")
    assert case["degrees"][0]["transcript"] is False
    assert case["training"][0] == {"date": case["training"][0]["date"], "hours": 7.5,
                                   "about_rsc": True}
    assert case["work"][0]["internship_supervisor_level"] == "IV-C"
    assert case["work"][0]["paid"] is False
    assert case["rsc"][0]["provider_level"] is None and case["rsc"][0]["hours"] == 1.25
    assert case["leadership"] == [{"description": case["leadership"][0]["description"],
                                   "scope": "national"}]
    validate_case(case)


def test_references_come_from_the_references_app(draft):
    from references.models import ReferenceRequest

    ReferenceRequest.objects.create(
        application=draft, rater_name="R", rater_email="r@example.org", role="supervisor",
        known_for="3 years", waiver_signed_at=timezone.now(), token_hash="x" * 64,
        token_expires_at=timezone.now(), status="submitted", rater_endorsement="III",
        endorsement_verified=True)
    assert build_case(draft)["references"] == [
        {"role": "supervisor", "rater_level": "III", "vetted": False, "status": "submitted"}]


@pytest.mark.parametrize("category, expected", [
    ("I", {"profile", "education", "training", "work", "references", "agreements",
           "membership"}),
    ("II", {"profile", "education", "training", "work", "rsc", "references", "agreements",
            "membership"}),
    ("IV-C", {"profile", "education", "training", "work", "rsc", "leadership", "references",
              "agreements", "membership"}),
    ("IV-P", {"profile", "education", "training", "work", "leadership", "references",
              "agreements", "membership"}),
    ("IV-RF", {"profile", "education", "training", "work", "leadership", "references",
               "agreements", "membership"}),
])
def test_sections_that_apply(applicant, category, expected):
    application = ApplicationFactory(applicant=applicant, category=category)
    assert {s.identifier for s in applicable_sections(application)} == expected


def test_statuses_and_blockers_follow_the_answers(draft):
    statuses = {t["section"].identifier: t["status"] for t in task_list(draft)}
    assert statuses["education"] == "not_started"
    ProfileFactory(user=draft.applicant, phone="")
    DegreeFactory(application=draft, transcript=None)
    TrainingFactory(application=draft, hours=10)
    forget(draft)  # pages load the answers once per request; this test reuses the instance
    statuses = {t["section"].identifier: t["status"] for t in task_list(draft)}
    assert statuses == {**statuses, "profile": "needs_attention",
                        "education": "needs_attention", "training": "in_progress"}
    blockers = {b.section: b.message for b in submission_blockers(draft)}
    assert "Upload the official transcript" in blockers["education"]
    assert "20 more needed" in blockers["training"]
    assert "references" not in blockers


def test_a_complete_application_has_no_blockers_even_without_references_or_fee(ready):
    assert submission_blockers(ready) == []
    statuses = {t["section"].identifier: t["status"] for t in task_list(ready)}
    assert statuses.pop("references") == "not_started"
    assert set(statuses.values()) == {"complete"}


def test_an_expired_membership_blocks(applicant):
    application = complete(ApplicationFactory(applicant=applicant, category="I"))
    application.membership_expires = timezone.localdate() - dt.timedelta(days=1)
    application.save()
    assert [b.section for b in submission_blockers(application)] == ["membership"]


def test_level_iv_work_is_complete_before_leadership_is_added(applicant):
    application = complete(ApplicationFactory(applicant=applicant, category="IV-P"))
    application.leadership.all().delete()
    statuses = {t["section"].identifier: t["status"] for t in task_list(application)}
    assert (statuses["work"], statuses["leadership"]) == ("complete", "not_started")
    application.work.all().delete()
    forget(application)
    statuses = {t["section"].identifier: t["status"] for t in task_list(application)}
    assert statuses["work"] == "not_started"
