"""Reminders and expiry notices go out exactly once, however often the job runs."""
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from endorsement.models import OutboundEmail, ReminderClaim
from references import services, tasks
from references.models import ReferenceRequest

from .conftest import scores, token_for


def sent_days_ago(ref, days):
    ReferenceRequest.objects.filter(pk=ref.pk).update(
        sent_at=timezone.now() - timedelta(days=days, minutes=1))


def reminders():
    return list(OutboundEmail.objects.filter(template="references_reminder")
                .values_list("to", "subject"))


@pytest.mark.django_db
def test_running_the_job_twice_sends_one_reminder(ask):
    ref, _ = ask()
    sent_days_ago(ref, 8)
    assert services.send_reminders() == 1
    assert services.send_reminders() == 0
    assert tasks.send_reference_reminders() == {"expired": 0, "reminded": 0}
    [(to, subject)] = reminders()
    assert to == ref.rater_email and "Reminder: a reference rating for Ana Lopez" in subject
    ref.refresh_from_db()
    assert ReminderClaim.objects.filter(
        kind="references.reminder", subject_id=ref.pk,
        occasion=services.reminder_occasion(ref.sent_at, 7)).count() == 1


@pytest.mark.django_db
def test_nothing_before_seven_days(ask):
    ref, _ = ask()
    sent_days_ago(ref, 6)
    assert services.send_reminders() == 0 and reminders() == []


@pytest.mark.django_db
def test_second_reminder_after_fourteen_days(ask):
    ref, _ = ask()
    sent_days_ago(ref, 8)
    services.send_reminders()
    sent_days_ago(ref, 15)
    assert services.send_reminders() == 1
    assert services.send_reminders() == 0
    subjects = [s for _, s in reminders()]
    assert len(subjects) == 2 and "Last reminder" in subjects[0] + subjects[1]


@pytest.mark.django_db
def test_a_late_job_sends_only_the_latest_reminder(ask):
    ref, _ = ask()
    sent_days_ago(ref, 20)
    assert services.send_reminders() == 1
    assert services.send_reminders() == 0
    assert {o.rsplit("+", 1)[1] for o in ReminderClaim.objects.filter(
        kind="references.reminder").values_list("occasion", flat=True)} == {"7", "14"}


@pytest.mark.django_db
def test_no_reminder_after_submit_or_decline(ask, application):
    done, _ = ask(1)
    declined, _ = ask(2)
    services.open_link(done)
    services.submit_rating(done, scores(application))
    services.decline(declined, "No")
    for ref in (done, declined):
        sent_days_ago(ref, 8)
    assert services.send_reminders() == 0


@pytest.mark.django_db
def test_the_reminder_link_works_and_the_old_one_says_a_newer_was_sent(ask):
    ref, old = ask()
    sent_days_ago(ref, 8)
    services.send_reminders()
    new = token_for(ref.rater_email)
    assert new != old
    client = Client()
    assert client.get(reverse("references:link", args=[new])).status_code == 200
    response = client.get(reverse("references:link", args=[old]))
    assert response.status_code == 410 and b"A newer link was sent" in response.content


@pytest.mark.django_db
def test_expired_links_are_marked_and_told_once(ask, applicant, coordinator):
    ref, _ = ask()
    ReferenceRequest.objects.filter(pk=ref.pk).update(
        token_expires_at=timezone.now() - timedelta(minutes=1))
    assert tasks.send_reference_reminders() == {"expired": 1, "reminded": 0}
    assert services.expire_overdue() == 0
    ref.refresh_from_db()
    assert ref.status == "expired"
    sent = sorted(OutboundEmail.objects.filter(template="references_expired")
                  .values_list("to", flat=True))
    assert sent == sorted([applicant.email, coordinator.email])
    assert services.section_status(ref.application) == "needs_attention"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor == 'sqlite'", reason="SQLite has one writer at a time")
def test_two_threads_racing_send_one_reminder(ask):
    refs = [ask(n)[0] for n in range(3)]
    for ref in refs:
        sent_days_ago(ref, 8)
    barrier = threading.Barrier(2)

    def run():
        barrier.wait()
        try:
            services.send_reminders()
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(reminders()) == 3


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_real_worker_twice_at_once_sends_one_reminder_each(celery_worker, ask):
    """Two job runs on a real Celery worker (two processes) race: one mail per due reminder."""
    refs = [ask(n)[0] for n in range(3)]
    for ref in refs[:2]:
        sent_days_ago(ref, 8)
    results = [tasks.send_reference_reminders.apply_async(queue=celery_worker.queue)
               for _ in range(2)]
    outcomes = [r.get(timeout=30) for r in results]
    assert sum(o["reminded"] for o in outcomes) == 2
    assert sorted(to for to, _ in reminders()) == sorted(r.rater_email for r in refs[:2])
    assert ReminderClaim.objects.filter(kind="references.reminder").count() == 2
