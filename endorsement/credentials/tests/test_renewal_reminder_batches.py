"""The day the reminders of a December 31 fall due: the sweep claims them all at once (one
INSERT ... SELECT per stage) and hands the mails to tasks of BATCH claims; each holder is
mailed once, whatever runs twice."""
import datetime as dt
from unittest import mock

import pytest
from django.db.models import Count
from django.utils import timezone

from endorsement.credentials import renewals
from endorsement.credentials.models import Endorsement, EndorsementStatus
from endorsement.credentials.renewals import send_renewal_reminders
from endorsement.credentials.tasks import mail_renewal_reminders
from endorsement.models import OutboundEmail, ReminderClaim, User

pytestmark = pytest.mark.django_db
DUE = dt.date(2027, 12, 31)
DAY = DUE - dt.timedelta(days=60)


def due_holders(n: int, valid_through=DUE) -> list[Endorsement]:
    users = User.objects.bulk_create(
        [User(email=f"holder{i}@example.org", first_name="Holder",
              last_name=f"N{i}", language="es" if i % 10 == 0 else "en") for i in range(n)])
    return Endorsement.objects.bulk_create(
        [Endorsement(number=f"MASSAIMH-2026-{i:05d}", holder=user, program="IMH-E",
                     category="II", issued_on=dt.date(2026, 6, 1), valid_through=valid_through,
                     status=EndorsementStatus.ACTIVE, rules_edition="massaimh-2015")
         for i, user in enumerate(users)])


def mails():
    return OutboundEmail.objects.filter(template="credentials_renewal_reminder")


def sweep(day=DAY) -> tuple[int, list[list[int]]]:
    """Run the sweep and commit; the batches it handed to tasks (not run)."""
    handed = []
    with mock.patch.object(mail_renewal_reminders, "apply_async",
                           lambda args, **kw: handed.append(args[0])):
        from django.db import transaction

        queued = transaction.get_connection().run_on_commit
        before = len(queued)
        sent = send_renewal_reminders(day)
        for _savepoints, callback, _robust in queued[before:]:  # as if committed
            callback()
    return sent, handed


def test_2000_due_the_same_day_are_claimed_at_once_and_mailed_by_batch_tasks(
        django_assert_max_num_queries):
    endorsements = due_holders(2000)
    with django_assert_max_num_queries(8):  # the same few queries for 2,000 or 85,000
        sent, handed = sweep()
    assert sent == 2000
    assert mails().count() == 0  # the sweep rendered nothing itself
    assert ReminderClaim.objects.filter(pending=True).count() == 2000
    assert [len(ids) for ids in handed] == [500, 500, 500, 500]
    # Each batch delivered twice (a redelivered task, two workers): mailed once.
    for ids in handed + handed:
        mail_renewal_reminders.apply(args=(ids,))
    counts = mails().values("to").annotate(n=Count("id"))
    assert len(counts) == 2000 and {row["n"] for row in counts} == {1}
    assert not ReminderClaim.objects.filter(pending=True).exists()
    # The job runs again that day: nothing claimed, nothing handed out, nobody mailed twice.
    assert sweep() == (0, [])
    assert mails().count() == 2000
    spanish = mails().get(to=endorsements[0].holder.email)
    assert "debe renovarse antes del" in spanish.subject  # in the holder's language
    assert spanish.body_text.startswith("Estimado/a Holder N0:")
    english = mails().get(to=endorsements[1].holder.email)
    assert "due for renewal by December 31, 2027" in english.subject


def test_a_lost_batch_is_handed_out_again_by_the_next_sweep_and_mailed_once():
    due_holders(600)
    sent, handed = sweep()
    assert sent == 600 and len(handed) == 2
    mail_renewal_reminders.apply(args=(handed[0],))  # the second task was lost
    assert mails().count() == 500
    assert sweep() == (0, [])  # too early to call it lost
    ReminderClaim.objects.filter(pending=True).update(
        sent_at=timezone.now() - renewals.STALE_PENDING - dt.timedelta(minutes=1))
    assert sweep() == (0, [handed[1]])
    mail_renewal_reminders.apply(args=(handed[1],))
    assert mails().values("to").distinct().count() == mails().count() == 600


def test_a_holder_renewed_before_the_batch_runs_gets_no_reminder():
    endorsements = due_holders(501)
    sent, handed = sweep()
    Endorsement.objects.filter(pk=endorsements[0].pk).update(
        valid_through=DUE + dt.timedelta(days=365))
    Endorsement.objects.filter(pk=endorsements[1].pk).update(status=EndorsementStatus.REVOKED)
    assert sum(mail_renewal_reminders.apply(args=(ids,)).get() for ids in handed) == 499
    assert not mails().filter(to__in=[e.holder.email for e in endorsements[:2]]).exists()
    assert not ReminderClaim.objects.filter(pending=True).exists()


@pytest.mark.worker
def test_on_real_workers_three_sweeps_at_once_mail_2000_holders_once(celery_worker):
    import time

    from endorsement.credentials.tasks import send_renewal_reminders as sweep_task

    due_holders(2000, valid_through=timezone.localdate() + dt.timedelta(days=30))
    results = [sweep_task.apply_async(queue=celery_worker.queue) for _ in range(3)]
    assert sorted(r.get(timeout=60) for r in results) == [0, 0, 2000]
    deadline = time.monotonic() + 180  # the batches run on the same worker after the sweep
    while ReminderClaim.objects.filter(pending=True).exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not ReminderClaim.objects.filter(pending=True).exists()
    assert mails().count() == mails().values("to").distinct().count() == 2000
