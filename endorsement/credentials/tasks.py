"""Celery tasks for Endorsements®: take ids, delegate, return quietly if the record is gone."""
from celery import shared_task

from . import certificates, renewals


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=30, max_retries=4)
def render_certificate(endorsement_id: int) -> int | None:
    """Make the certificate for the Endorsement®'s current content (once); the new row's id."""
    certificate = certificates.make_certificate(endorsement_id)
    return certificate.pk if certificate is not None else None


@shared_task(bind=True)
def send_renewal_reminders(self) -> int:
    """Daily: remind holders whose renewal is due in 60, 30 or 7 days (each reminder once).
    A large day's mails go to mail_renewal_reminders tasks on this task's own queue."""
    queue = (self.request.delivery_info or {}).get("routing_key") or None
    return renewals.send_renewal_reminders(queue=queue)


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=30, max_retries=4)
def mail_renewal_reminders(claim_ids: list[int]) -> int:
    """Render and queue the renewal reminders of these claims (each once); the number queued."""
    return renewals.mail_reminders(claim_ids)


@shared_task
def lapse_overdue() -> int:
    """Daily: lapse Endorsements® past their grace period and tell the holders (once)."""
    return renewals.lapse_overdue()


@shared_task
def remake_missing_certificates() -> int:
    """Hourly: queue the certificates that a failed or lost task never made."""
    ids = certificates.missing_ids()
    for endorsement_id in ids:
        render_certificate.delay(endorsement_id)
    return len(ids)


@shared_task
def invite_imported(user_ids: list[int], actor_id: int | None = None) -> int:
    """Invite the people an import created to claim their accounts (each once: only people
    who never signed in and have no password)."""
    from endorsement.models import User
    from endorsement.people.services import PeopleError

    from .imports import invite

    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    sent = 0
    for user in User.objects.filter(pk__in=user_ids, last_login__isnull=True, is_active=True):
        if not user.has_usable_password():
            try:
                invite(user, actor=actor)
            except PeopleError:  # e.g. deactivated since the import: nothing to claim
                continue
            sent += 1
    return sent


@shared_task
def import_endorsees(run_id: int, actor_id: int | None) -> int | None:
    """Import a checked upload (the coordinator's page)."""
    from endorsement.models import User

    from .imports import run_import

    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    run = run_import(run_id, actor=actor)
    return run.pk if run is not None else None
