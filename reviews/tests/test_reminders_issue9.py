"""Reminders everyone needs (issue 9): drafts idle, applications not resubmitted, reviews
waiting, exam sittings ahead. Each job run twice sends each reminder once; each is
configurable and can be turned off."""
import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from applicants.models import Application, Status
from applicants.reminders import send_draft_reminders, send_resubmit_reminders
from applicants.tests.factories import ApplicationFactory
from endorsement.models import OutboundEmail, ReminderClaim
from endorsement.reminders import claim_once
from endorsement.testing.factories import ReviewerFactory, UserFactory
from reviews.exams.models import ExamEnrolment, ExamSitting
from reviews.models import Review, ReviewAssignment
from reviews.reminders import send_exam_reminders, send_review_reminders

pytestmark = pytest.mark.django_db


def mails(template):
    return OutboundEmail.objects.filter(template=template)


def idle(application, days):
    Application.objects.filter(pk=application.pk).update(
        updated_at=timezone.now() - dt.timedelta(days=days))


def test_claim_once_gives_each_claim_to_one_run():
    with transaction.atomic():
        assert claim_once("x", Application, [(1, "a"), (2, "a")]) == {(1, "a"), (2, "a")}
        assert claim_once("x", Application, [(1, "a"), (1, "b")]) == {(1, "b")}
    assert ReminderClaim.objects.count() == 3


def test_idle_draft_is_reminded_once_and_again_after_new_work(settings):
    settings.APPLICANT_DRAFT_REMINDER_DAYS = 30
    fresh = ApplicationFactory()
    stale = ApplicationFactory(applicant=UserFactory(email="idle@example.org"))
    idle(stale, 31)
    idle(fresh, 29)
    assert send_draft_reminders() == 1
    assert send_draft_reminders() == 0  # the job runs twice
    assert list(mails("applicants_draft_reminder").values_list("to", flat=True)) == [
        "idle@example.org"]
    idle(stale, 40)  # a new idle period (it was changed, then left again)
    assert send_draft_reminders() == 1


def test_returned_or_deferred_not_resubmitted(settings):
    settings.APPLICANT_RESUBMIT_REMINDER_DAYS = 30
    for status in (Status.RETURNED, Status.DEFERRED, Status.SUBMITTED):
        application = ApplicationFactory(status=status)
        idle(application, 31)
    assert send_resubmit_reminders() == 2
    assert send_resubmit_reminders() == 0


def test_a_reminder_can_be_turned_off(settings):
    settings.APPLICANT_DRAFT_REMINDER_DAYS = 0
    idle(ApplicationFactory(), 400)
    assert send_draft_reminders() == 0


def test_review_waiting_after_21_days_is_reminded_once(settings):
    settings.REVIEW_REMINDER_DAYS = 21
    application = ApplicationFactory(status=Status.IN_REVIEW)
    late = ReviewAssignment.objects.create(application=application,
                                           reviewer=ReviewerFactory(email="r1@example.org"))
    done = ReviewAssignment.objects.create(application=application,
                                           reviewer=ReviewerFactory(email="r2@example.org"))
    conflicted = ReviewAssignment.objects.create(
        application=application, reviewer=ReviewerFactory(email="r3@example.org"),
        conflict=True)
    Review.objects.create(assignment=done, version=1, recommendation="endorse",
                          submitted_at=timezone.now())
    ReviewAssignment.objects.filter(pk__in=[late.pk, done.pk, conflicted.pk]).update(
        assigned_at=timezone.now() - dt.timedelta(days=22))
    assert send_review_reminders() == 1
    assert send_review_reminders() == 0
    assert list(mails("reviews_review_reminder").values_list("to", flat=True)) == [
        "r1@example.org"]


def test_exam_sitting_a_week_ahead_is_reminded_once(settings):
    settings.EXAM_REMINDER_DAYS = 7
    near = ExamSitting.objects.create(program="IMH-E", capacity=5, place="Worcester",
                                      starts_at=timezone.now() + dt.timedelta(days=6))
    far = ExamSitting.objects.create(program="IMH-E", capacity=5, place="Worcester",
                                     starts_at=timezone.now() + dt.timedelta(days=20))
    for i, sitting in enumerate((near, far)):
        ExamEnrolment.objects.create(
            sitting=sitting, candidate_code=f"C{i}", rules_edition="massaimh-2015",
            application=ApplicationFactory(status=Status.EXAM, category="III"))
    assert send_exam_reminders() == 1
    assert send_exam_reminders() == 0
    # the sitting moves to another day inside the week: the candidate is told again
    ExamSitting.objects.filter(pk=near.pk).update(starts_at=near.starts_at
                                                  - dt.timedelta(days=2))
    assert send_exam_reminders() == 1
    assert mails("exams_sitting_reminder").count() == 2
