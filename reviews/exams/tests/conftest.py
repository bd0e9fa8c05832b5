"""Sittings and candidates approved to sit the exam, for the exam tests."""
import datetime as dt

import pytest
from django.utils import timezone

from applicants.models import Application, Status
from applicants.tests.factories import ApplicationFactory, complete
from endorsement.testing.factories import ReviewerFactory, UserFactory
from reviews.exams.models import ExamSitting


def make_sitting(days=30, program="IMH-E", capacity=10, **fields):
    return ExamSitting.objects.create(
        program=program, starts_at=timezone.now() + dt.timedelta(days=days), mode="in_person",
        place="MassAIMH office, 1 Main Street, Worcester", capacity=capacity, **fields)


def approved(applicant=None, category="III", program="IMH-E", full=False):
    """An application approved to sit the exam (set directly: how it got there is 8a's)."""
    application = ApplicationFactory(applicant=applicant or UserFactory(), category=category,
                                     program=program)
    if full:
        complete(application)
    Application.objects.filter(pk=application.pk).update(status=Status.APPROVED_FOR_EXAM,
                                                         submitted_at=timezone.now())
    application.refresh_from_db()
    return application


def sat(sitting):
    """Time passes: the sitting took place yesterday."""
    ExamSitting.objects.filter(pk=sitting.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=1))
    sitting.refresh_from_db()


@pytest.fixture
def sitting(db):
    return make_sitting()


@pytest.fixture
def scorers(db):
    return [ReviewerFactory(first_name="Sky", last_name="Reed"),
            ReviewerFactory(first_name="Lou", last_name="Park")]
