"""Celery tasks for references: thin, they delegate to services."""
from celery import shared_task

from . import services


@shared_task
def send_reference_reminders() -> dict:
    """Mark overdue links expired (telling applicant and coordinators), then remind raters."""
    return {"expired": services.expire_overdue(), "reminded": services.send_reminders()}
