"""Background work for applicants (thin: the logic is in services)."""
from celery import shared_task

from .services import purge_stale_uploads


@shared_task
def purge_pending_uploads() -> int:
    return purge_stale_uploads()


@shared_task
def purge_saved_form_tokens() -> int:
    from .once import purge

    return purge()


@shared_task
def send_applicant_reminders() -> int:
    from .reminders import send_draft_reminders, send_resubmit_reminders

    return send_draft_reminders() + send_resubmit_reminders()
