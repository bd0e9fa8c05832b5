"""A real Celery worker on Redis sends queued mail from the database (runs in CI)."""
import pytest

from endorsement import mail
from endorsement.models import OutboundEmail
from endorsement.tasks import send_email

pytestmark = [pytest.mark.worker]


def test_a_real_worker_sends_each_queued_email_once(celery_worker):
    email = mail.queue_rendered(
        to="rater@example.org", subject="Please rate Ana", body_text="Your link",
        body_html="<p>Your link</p>", template="reference_request",
    )
    results = [send_email.apply_async((email.pk,), queue=celery_worker.queue) for _ in range(3)]
    outcomes = sorted(result.get(timeout=20) for result in results)
    assert outcomes == [False, False, True], "three runs of the job, one email"
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    written = list(celery_worker.mail_dir.glob("*.log"))
    assert len(written) == 1
    assert "Please rate Ana" in written[0].read_text()
