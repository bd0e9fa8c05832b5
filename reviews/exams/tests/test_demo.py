import pytest
from django.core.management import call_command

from reviews.exams.models import ExamEnrolment, ExamSitting, VignetteScore

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_candidate_waiting_for_the_reviewers_blind_score(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    enrolment = ExamEnrolment.objects.get()
    assert (enrolment.application.status, enrolment.part1_score, enrolment.result) == (
        "exam", 86, "pending")
    waiting = VignetteScore.objects.get(scorer__email="reviewer@demo.test")
    assert waiting.score is None and waiting.enrolment.vignette_answers
    counts = (ExamSitting.objects.count(), ExamEnrolment.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (ExamSitting.objects.count(), ExamEnrolment.objects.count()) == counts == (3, 1)
