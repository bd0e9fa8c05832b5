"""Reminders to reviewers and exam candidates (issue 9), each sent once through
endorsement.reminders.claim_once; 0 days turns a reminder off.

- a review not submitted REVIEW_REMINDER_DAYS after the assignment (occasion: the day it was
  assigned);
- a candidate's exam sitting EXAM_REMINDER_DAYS ahead (occasion: the sitting's date, so a
  sitting moved to another day is reminded again).
"""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy

from applicants.models import Status
from endorsement.mail import queue_mail
from endorsement.reminders import claim_once

from .exams.models import ExamEnrolment, Result
from .models import Review, ReviewAssignment


def send_review_reminders(now=None) -> int:
    days = settings.REVIEW_REMINDER_DAYS
    if days <= 0:
        return 0
    now = now or timezone.now()
    submitted = Review.objects.filter(assignment=OuterRef("pk"), submitted_at__isnull=False)
    waiting = (ReviewAssignment.objects
               .filter(application__status=Status.IN_REVIEW,
                       assigned_at__lte=now - dt.timedelta(days=days))
               .filter(Q(conflict__isnull=True) | Q(conflict=False))
               .exclude(Exists(submitted)).select_related("reviewer", "application"))
    url = settings.SITE_URL + reverse("reviews:assigned")
    sent = 0
    with transaction.atomic():
        rows = {(a.pk, a.assigned_at.date().isoformat()): a for a in waiting.iterator()}
        for key in sorted(claim_once("reviews.review_waiting", ReviewAssignment, rows)):
            assignment = rows[key]
            queue_mail("reviews_review_reminder", assignment.reviewer.email, {
                "name": assignment.reviewer.display_name, "days": days,
                "assigned_on": assignment.assigned_at.date(), "url": url,
            }, about=assignment.application)
            sent += 1
    return sent


def send_exam_reminders(now=None) -> int:
    days = settings.EXAM_REMINDER_DAYS
    if days <= 0:
        return 0
    now = now or timezone.now()
    ahead = (ExamEnrolment.objects
             .filter(result=Result.PENDING, sitting__starts_at__gt=now,
                     sitting__starts_at__lte=now + dt.timedelta(days=days))
             .select_related("sitting", "application__applicant"))
    sent = 0
    with transaction.atomic():
        rows = {(e.pk, e.sitting.starts_at.date().isoformat()): e for e in ahead.iterator()}
        for key in sorted(claim_once("exams.sitting_ahead", ExamEnrolment, rows)):
            enrolment = rows[key]
            sitting, application = enrolment.sitting, enrolment.application
            queue_mail("exams_sitting_reminder", application.applicant.email, {
                "name": application.applicant.display_name,
                "starts_at": timezone.localtime(sitting.starts_at),
                "mode": lazy(sitting.get_mode_display, str)(), "place": sitting.place,
                "url": settings.SITE_URL + reverse("applicants:application",
                                                   kwargs={"pk": application.pk}),
            }, about=application)
            sent += 1
    return sent
