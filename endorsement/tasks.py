"""Celery tasks for the core: sending queued mail. Tasks take ids and delegate."""
from celery import shared_task

from . import mail


@shared_task(bind=True, max_retries=mail.MAX_ATTEMPTS, acks_late=True)
def send_email(self, email_id: int) -> bool:
    try:
        return mail.deliver(email_id)
    except mail.RetryableMailError as exc:
        raise self.retry(exc=exc, countdown=min(60 * 2**self.request.retries, 3600)) from exc


@shared_task
def send_queued_mail() -> int:
    """Sweep up emails whose send task never ran."""
    ids = mail.pending_ids()
    for email_id in ids:
        send_email.delay(email_id)
    return len(ids)


@shared_task
def erase_abandoned() -> int:
    """Erase applications abandoned past RETENTION_ABANDONED_DAYS (nightly)."""
    from django.conf import settings

    from .people.personal_data import erase_abandoned as erase

    days = settings.RETENTION_ABANDONED_DAYS
    return erase(days=days) if days else 0
