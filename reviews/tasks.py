"""Background work for reviews (thin: the logic is in reminders)."""
from celery import shared_task


@shared_task
def send_review_and_exam_reminders() -> int:
    from .reminders import send_exam_reminders, send_review_reminders

    return send_review_reminders() + send_exam_reminders()


@shared_task
def refresh_report_figures() -> int:
    from .reports import refresh_figures

    return refresh_figures()
