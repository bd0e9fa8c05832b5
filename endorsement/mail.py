"""The mail outbox: every email is rendered, stored, then sent by a task after commit.

Templates come in threes under templates/emails/: ``NAME_subject.txt``, ``NAME.txt`` and
``NAME.html``. The row is written in the caller's transaction, so a rolled-back change
never mails anyone, and a send is claimed by a conditional update, so a job run twice
sends once.
"""
import logging
import re
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation

from .i18n import language_for_email, normalize
from .models import OutboundEmail

logger = logging.getLogger(__name__)
STALE_CLAIM = timedelta(minutes=15)
MAX_ATTEMPTS = 6
# Links that work as a key (a rater's link, a password reset, an email confirmation): the
# outbox keeps them only until the email has left, so the table (and its backups) never
# holds a working key to someone's rating or account.
SECRET_LINK = re.compile(
    r"(/references/r/|/accounts/password/reset/key/|/accounts/confirm-email/"
    r"|/people/invitation/)[^/\s\"'<>]+/")
REDACTED_MARK = "[removed-after-sending]"
REDACTED = r"\1[removed-after-sending]/"


def redact(text: str) -> str:
    return SECRET_LINK.sub(REDACTED, text)


class RetryableMailError(Exception):
    """The mail server failed in a way that may pass; try again later."""


def _context(extra: dict) -> dict:
    return {
        "site_url": settings.SITE_URL,
        "association_name": settings.ASSOCIATION_NAME,
        "association_short_name": settings.ASSOCIATION_SHORT_NAME,
        **extra,
    }


def render_text(name: str, context: dict) -> str:
    """A plain-text template without HTML escaping: a name like O'Neil or a message with
    "<" and "&" reads as typed, not as ``O&#x27;Neil``. (The HTML part, which may include
    the same text template, is rendered with escaping as usual.)"""
    return get_template(name).template.render(Context(context, autoescape=False))


def queue_mail(template: str, to: str, context: dict | None = None, *,
               about=None, language: str | None = None) -> OutboundEmail:
    """Render ``template`` for ``to`` and queue it for sending once the transaction commits.

    ``about``: the record the email is about (an application), so staff find it in that
    record's history and the outbox links to it. Optional: callers without it still work.
    ``language``: the recipient's language (a rater's, chosen on their request); by default
    the language of the account with the address ``to``, else English. Subject and both
    parts are rendered in it (lazy strings in ``context`` too); free text is left as typed."""
    language = normalize(language) if language else language_for_email(to)
    with translation.override(language):
        ctx = _context(context or {})
        subject = " ".join(render_text(f"emails/{template}_subject.txt", ctx).split())
        body_text = render_text(f"emails/{template}.txt", ctx)
        body_html = render_to_string(f"emails/{template}.html", ctx)
    return queue_rendered(
        to=to,
        subject=f"[{settings.ASSOCIATION_SHORT_NAME}] {subject}",
        body_text=body_text,
        body_html=body_html,
        template=template,
        about=about,
    )


def queue_rendered(*, to, subject, body_text, body_html, template,
                   about=None) -> OutboundEmail:
    email = OutboundEmail.objects.create(
        to=to, subject=subject[:255], body_text=body_text, body_html=body_html,
        template=template,
        about_type=about._meta.label_lower if about is not None else "",
        about_id=about.pk if about is not None else None,
    )
    transaction.on_commit(lambda: _schedule(email.pk))
    return email


def _schedule(email_id: int) -> None:
    """Hand the email to a worker. If the broker (Redis) is down, the email simply waits in
    the outbox: the sweeper (send_queued_mail, every 5 minutes) sends it once Redis is back.
    The change that queued it is saved and the person sees their normal answer, at once."""
    from .tasks import send_email

    try:
        send_email.apply_async((email_id,), retry=False)
    except Exception as exc:  # noqa: BLE001 - any broker failure: the outbox keeps the mail
        logger.warning("email %s waits in the outbox: the task queue is unreachable (%s)",
                       email_id, exc)


def deliver(email_id: int) -> bool:
    """Send one queued email. Returns False when there is nothing to do (sent, claimed, gone)."""
    now = timezone.now()
    claimed = OutboundEmail.objects.filter(
        Q(status=OutboundEmail.Status.QUEUED)
        | Q(status=OutboundEmail.Status.SENDING, claimed_at__lt=now - STALE_CLAIM),
        pk=email_id,
    ).update(status=OutboundEmail.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return False
    email = OutboundEmail.objects.get(pk=email_id)
    message = EmailMultiAlternatives(
        subject=email.subject, body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL, to=[email.to],
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    try:
        message.send()
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as exc:
        _mark_failed(email, exc)
        return False
    except (smtplib.SMTPException, OSError) as exc:
        if email.attempts >= MAX_ATTEMPTS:
            _mark_failed(email, exc)
            return False
        email.status = OutboundEmail.Status.QUEUED
        email.last_error = f"{type(exc).__name__}: {exc}"
        email.save(update_fields=["status", "last_error"])
        raise RetryableMailError(email.last_error) from exc
    email.status = OutboundEmail.Status.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    email.body_text, email.body_html = redact(email.body_text), redact(email.body_html)
    email.save(update_fields=["status", "sent_at", "last_error", "body_text", "body_html"])
    return True


def _mark_failed(email: OutboundEmail, exc: Exception) -> None:
    email.status = OutboundEmail.Status.FAILED
    email.last_error = f"{type(exc).__name__}: {exc}"
    email.body_text, email.body_html = redact(email.body_text), redact(email.body_html)
    email.save(update_fields=["status", "last_error", "body_text", "body_html"])


def pending_ids(older_than: timedelta = timedelta(minutes=2)) -> list[int]:
    """Emails whose send task was lost (worker died, broker down): the sweeper picks them up."""
    now = timezone.now()
    return list(
        OutboundEmail.objects.filter(
            Q(status=OutboundEmail.Status.QUEUED, created_at__lt=now - older_than)
            | Q(status=OutboundEmail.Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
        ).values_list("pk", flat=True)[:500]
    )


def resend(email: OutboundEmail, *, actor) -> OutboundEmail:
    """Queue a new copy of ``email`` (same recipient, subject and text), audited.

    A sent email's key links were removed after sending, so the copy carries the
    ``[removed-after-sending]`` marks: those links are re-issued from their own pages."""
    from . import audit

    with transaction.atomic():
        copy = OutboundEmail.objects.create(
            to=email.to, subject=email.subject, body_text=email.body_text,
            body_html=email.body_html, template=email.template,
            about_type=email.about_type, about_id=email.about_id, resent_from=email,
        )
        audit.record("email.resent", email, actor=actor, copy_id=copy.pk, to=email.to)
        transaction.on_commit(lambda: _schedule(copy.pk))
    return copy
