"""A real Celery worker on Redis renders the certificate, once (runs in CI)."""
import datetime
import shutil
import subprocess

import pytest

from endorsement.credentials.models import Certificate, Endorsement
from endorsement.credentials.tasks import render_certificate

pytestmark = [pytest.mark.worker]


def test_a_real_worker_renders_the_certificate_once(celery_worker, applicant):
    # Created directly (record_endorsement would render it in this process first).
    endorsement = Endorsement.objects.create(
        number="MASSAIMH-2026-00077", holder=applicant, program="IMH-E", category="II",
        issued_on=datetime.date(2026, 5, 4), valid_through=datetime.date(2026, 12, 31),
        rules_edition="massaimh-2015")
    results = [render_certificate.apply_async((endorsement.pk,), queue=celery_worker.queue)
               for _ in range(3)]
    outcomes = [result.get(timeout=60) for result in results]
    assert len([o for o in outcomes if o is not None]) == 1, outcomes
    certificate = Certificate.objects.get(endorsement=endorsement)
    with certificate.file.open("rb") as handle:
        pdf = handle.read()
    assert pdf.startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True).stdout
        assert b"Ana Lopez" in text and endorsement.number.encode() in text


def test_renewal_reminders_on_two_workers_at_once_mail_each_holder_once(celery_worker):
    from endorsement.credentials.tasks import send_renewal_reminders
    from endorsement.models import OutboundEmail
    from endorsement.testing.factories import UserFactory

    for n in range(5):
        Endorsement.objects.create(
            number=f"MASSAIMH-2025-{n:05d}", holder=UserFactory(), program="IMH-E",
            category="III", issued_on=datetime.date(2024, 3, 1),
            valid_through=datetime.date.today() + datetime.timedelta(days=30),
            rules_edition="massaimh-2015")
    results = [send_renewal_reminders.apply_async(queue=celery_worker.queue) for _ in range(3)]
    assert sorted(r.get(timeout=60) for r in results) == [0, 0, 5]
    assert OutboundEmail.objects.filter(template="credentials_renewal_reminder").count() == 5


def test_the_lapse_job_on_two_workers_at_once_tells_each_holder_once(celery_worker):
    from endorsement.credentials.tasks import lapse_overdue
    from endorsement.models import OutboundEmail
    from endorsement.testing.factories import UserFactory

    for n in range(4):
        Endorsement.objects.create(
            number=f"MASSAIMH-2024-{n:05d}", holder=UserFactory(), program="IMH-E",
            category="II", issued_on=datetime.date(2023, 3, 1),
            valid_through=datetime.date(2024, 12, 31), rules_edition="massaimh-2015")
    results = [lapse_overdue.apply_async(queue=celery_worker.queue) for _ in range(3)]
    assert sorted(r.get(timeout=60) for r in results) == [0, 0, 4]
    assert OutboundEmail.objects.filter(template="credentials_lapsed").count() == 4
    assert set(Endorsement.objects.values_list("status", flat=True)) == {"lapsed"}
