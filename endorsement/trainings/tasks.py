"""Background work for the training calendar (thin: the logic is in services)."""
from celery import shared_task


@shared_task
def send_training_reminders() -> int:
    from .services import send_reminders

    return send_reminders()
