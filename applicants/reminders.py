"""Reminders to applicants (issue 9): a draft idle for APPLICANT_DRAFT_REMINDER_DAYS, and an
application returned or deferred and not resubmitted after APPLICANT_RESUBMIT_REMINDER_DAYS.
Each is sent once per idle period (the occasion is the day the application was last
changed), through endorsement.reminders.claim_once; 0 days turns a reminder off."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from endorsement.mail import queue_mail
from endorsement.reminders import claim_once

from .models import Application, Status


def _remind(kind: str, statuses, days: int, template: str, now=None) -> int:
    if days <= 0:
        return 0
    now = now or timezone.now()
    idle = (Application.objects.filter(status__in=statuses,
                                       updated_at__lte=now - dt.timedelta(days=days))
            .select_related("applicant"))
    sent = 0
    with transaction.atomic():
        rows = {(a.pk, a.updated_at.date().isoformat()): a for a in idle.iterator()}
        won = claim_once(kind, Application, rows)
        for key in sorted(won):
            application = rows[key]
            queue_mail(template, application.applicant.email, {
                "name": application.applicant.display_name,
                "days": days, "status": application.get_status_display(),
                "url": settings.SITE_URL + reverse("applicants:application",
                                                   kwargs={"pk": application.pk}),
            }, about=application)
            sent += 1
    return sent


def send_draft_reminders(now=None) -> int:
    return _remind("applicants.draft_idle", [Status.DRAFT],
                   settings.APPLICANT_DRAFT_REMINDER_DAYS, "applicants_draft_reminder", now)


def send_resubmit_reminders(now=None) -> int:
    return _remind("applicants.not_resubmitted", [Status.RETURNED, Status.DEFERRED],
                   settings.APPLICANT_RESUBMIT_REMINDER_DAYS, "applicants_resubmit_reminder",
                   now)
