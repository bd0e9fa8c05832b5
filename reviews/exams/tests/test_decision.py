"""From the exam to the decision: endorsing follows the engine, which reads the exam records."""
import pytest

from applicants.models import Status
from applicants.workflow import TransitionError, transition
from endorsement.credentials.models import Endorsement
from reviews.exams import services
from reviews.tests.helpers import in_review

from .conftest import make_sitting, sat

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidate(applicant, coordinator, settings):
    settings.REVIEWS_REQUIRED = 0  # the reviews have their own tests
    application = in_review(applicant, coordinator, category="III")
    with pytest.raises(TransitionError, match="Written examination"):
        transition(application, Status.ENDORSED, actor=coordinator)  # no exam yet
    transition(application, Status.APPROVED_FOR_EXAM, actor=coordinator)
    return application


def sit(application, coordinator, scorers, part1, part2):
    sitting = make_sitting()
    enrolment = services.enrol(sitting, application, actor=coordinator)
    sat(sitting)
    services.record_part1(enrolment, score=part1, actor=coordinator)
    services.save_vignette_answers(enrolment, text="answers", actor=coordinator)
    for scorer, score in zip(scorers, part2, strict=True):
        row = services.assign_scorer(enrolment, scorer, actor=coordinator)
        services.record_vignette_score(row, score=score, comment="", actor=scorer)
    application.refresh_from_db()
    assert application.status == Status.AWAITING_DECISION


def test_a_passed_exam_lets_the_coordinator_endorse(candidate, coordinator, scorers):
    sit(candidate, coordinator, scorers, 88, (85, 90))
    transition(candidate, Status.ENDORSED, actor=coordinator)
    assert Endorsement.objects.get(application=candidate).holder == candidate.applicant


def test_a_failed_exam_keeps_endorsing_refused(candidate, coordinator, scorers):
    sit(candidate, coordinator, scorers, 88, (85, 70))
    with pytest.raises(TransitionError, match="Written examination"):
        transition(candidate, Status.ENDORSED, actor=coordinator)
    candidate.refresh_from_db()
    assert candidate.status == Status.AWAITING_DECISION
    assert not Endorsement.objects.exists()
