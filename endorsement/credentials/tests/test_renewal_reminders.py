"""Renewal reminders 60, 30 and 7 days before the due date, each sent once."""
import datetime as dt

import pytest

from endorsement.credentials.models import Endorsement, EndorsementStatus
from endorsement.credentials.renewals import send_renewal_reminders
from endorsement.credentials.tasks import send_renewal_reminders as reminder_task
from endorsement.models import OutboundEmail, ReminderClaim
from endorsement.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
DUE = dt.date(2027, 12, 31)


def held(status=EndorsementStatus.ACTIVE, issued_on=dt.date(2026, 6, 1), valid_through=DUE,
         category="II", **names):
    holder = UserFactory(**names)
    return Endorsement.objects.create(
        number=f"MASSAIMH-2026-{holder.pk:05d}", holder=holder, program="IMH-E",
        category=category, issued_on=issued_on, valid_through=valid_through, status=status,
        rules_edition="massaimh-2015")


def stages():
    """The reminder stages claimed (days before the due date), through the core's claims."""
    return sorted(int(o.rsplit("+", 1)[1]) for o in ReminderClaim.objects.filter(
        kind="credentials.renewal_reminder").values_list("occasion", flat=True))


def mails(to=None):
    emails = OutboundEmail.objects.filter(template="credentials_renewal_reminder")
    return emails.filter(to=to) if to else emails


def test_each_reminder_goes_out_once_at_60_30_and_7_days(settings):
    settings.COORDINATOR_EMAIL = "coordinator@assoc.example"
    endorsement = held(first_name="Ana", last_name="Lopez")
    for day in (DUE - dt.timedelta(days=61),):
        assert send_renewal_reminders(day) == 0
    for days_left, expected in ((60, 1), (45, 1), (30, 2), (29, 2), (7, 3), (1, 3)):
        today = DUE - dt.timedelta(days=days_left)
        send_renewal_reminders(today)
        send_renewal_reminders(today)  # the job runs twice
        assert mails().count() == expected, days_left
    assert stages() == [7, 30, 60]
    first = mails().order_by("id").first()
    assert first.to == endorsement.holder.email
    assert "due for renewal by December 31, 2027" in first.subject
    assert "at least 15 clock hours" in first.body_text
    assert "12 hours of reflective supervision/consultation" in first.body_text
    assert "coordinator@assoc.example" in first.body_text
    assert "/endorsements/" in first.body_text and "&#x27;" not in first.body_text
    assert "at least 15 clock hours" in first.body_html
    assert f'href="{settings.SITE_URL}/endorsements/"' in first.body_html


def test_a_missed_reminder_is_skipped_not_sent_late():
    held()
    send_renewal_reminders(DUE - dt.timedelta(days=20))
    assert stages() == [30]
    assert mails().count() == 1


def test_no_reminder_in_the_first_calendar_year_or_when_not_active(endorse, applicant):
    first_year = endorse(applicant, issued_on=DUE - dt.timedelta(days=20))
    assert first_year.valid_through.year == DUE.year + 1  # nothing due this December
    for status in (EndorsementStatus.LAPSED, EndorsementStatus.INACTIVE,
                   EndorsementStatus.REVOKED):
        held(status=status)
    assert send_renewal_reminders(DUE - dt.timedelta(days=7)) == 0


def test_level_i_reminder_does_not_ask_for_rsc_hours():
    held(category="I")
    send_renewal_reminders(DUE - dt.timedelta(days=30))
    assert "reflective supervision/consultation received" not in mails().get().body_text


def test_the_scheduled_task_sends_to_everyone_due_in_one_run(settings):
    for _ in range(3):
        held(issued_on=dt.date(2024, 6, 1), valid_through=dt.date.today() + dt.timedelta(days=7))
    assert reminder_task.delay().get() == 3
    assert reminder_task.delay().get() == 0
    assert mails().count() == 3


# --- lapsing --------------------------------------------------------------------------------

def utc(*args):
    return dt.datetime(*args, tzinfo=dt.UTC)


def test_lapse_waits_for_the_grace_period_in_the_associations_time_zone(settings, endorse,
                                                                         applicant):
    settings.RENEWAL_GRACE_DAYS = 0
    from endorsement.credentials import services
    from endorsement.credentials.renewals import lapse_overdue

    endorsement = held(valid_through=dt.date(2026, 12, 31), first_name="Ana",
                       last_name="Lopez")
    services.join_registry(endorsement.holder, region="central")
    renewed = held(valid_through=dt.date(2027, 12, 31))
    # 03:00 UTC on January 1 is still December 31 in Massachusetts: nobody lapses.
    assert lapse_overdue(utc(2027, 1, 1, 3, 0)) == 0
    assert lapse_overdue(utc(2027, 1, 1, 4, 59)) == 0
    assert lapse_overdue(utc(2027, 1, 1, 5, 0)) == 1  # midnight in New York
    assert lapse_overdue(utc(2027, 1, 1, 5, 0)) == 0  # twice: told once
    endorsement.refresh_from_db()
    renewed.refresh_from_db()
    assert endorsement.status == EndorsementStatus.LAPSED
    assert renewed.status == EndorsementStatus.ACTIVE
    notice = OutboundEmail.objects.get(template="credentials_lapsed")
    assert notice.to == endorsement.holder.email
    assert "three new reference ratings" in notice.body_text
    assert "/apply/" in notice.body_text
    from django.test import Client
    from django.urls import reverse

    assert "Ana Lopez" not in Client().get(reverse("credentials:registry")).content.decode()
    from endorsement.models import AuditEvent

    assert AuditEvent.objects.filter(action="endorsement.lapsed",
                                     subject_id=endorsement.pk).count() == 1


def test_lapse_honours_the_grace_period(settings):
    from endorsement.credentials.renewals import lapse_overdue

    settings.RENEWAL_GRACE_DAYS = 30
    endorsement = held(valid_through=dt.date(2026, 12, 31))
    assert lapse_overdue(utc(2027, 1, 30, 17, 0)) == 0   # 30 days after: still in grace
    assert lapse_overdue(utc(2027, 1, 31, 17, 0)) == 1
    for status in (EndorsementStatus.INACTIVE, EndorsementStatus.REVOKED):
        held(status=status, valid_through=dt.date(2020, 12, 31))
    assert lapse_overdue(utc(2027, 2, 1, 17, 0)) == 0
    endorsement.refresh_from_db()
    assert endorsement.status == EndorsementStatus.LAPSED
