"""Renewal reminders: 60, 30 and 7 days (RENEWAL_REMINDER_DAYS) before an Endorsement® is due.

Set-based: one query per reminder stage finds who is due, one bulk insert claims them
(endorsement.reminders, the one mechanism every reminder uses: a unique claim per
Endorsement®, due date and stage; claims another run already holds are skipped). A day with
up to BATCH reminders mails them in the same transaction; the day the reminders of a December 31
fall due (every active Endorsement® at once) hands the claims, after commit, to Celery tasks of
BATCH claims each, which render and queue the mails (each claim once, see mail_reminders): the
sweep takes seconds, not the 40 minutes of 85,000 mails rendered one by one. (No renewal is
due in the calendar year of the first Endorsement®: record_endorsement sets valid-through to
December 31 of the following year.) A reminder missed while the job was down is skipped
rather than sent late next to a more urgent one.

Renewing itself is endorsement/renewals/; the reminder tells holders what the renewal asks.
"""
from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Exists, F, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from endorsement.guidelines.editions import get_edition
from endorsement.i18n import normalize
from endorsement.mail import queue_mail
from endorsement.models import AuditEvent, ReminderClaim
from endorsement.reminders import claim_once, claim_pending, done, take_pending

from .models import Endorsement, EndorsementStatus
from .names import credential_name_lazy, holder_name

log = logging.getLogger(__name__)


def what_renewal_asks(endorsement: Endorsement) -> list[str]:
    """The renewal requirements for this category, in words, from the rules edition."""
    ed = get_edition(endorsement.rules_edition or settings.RULES_EDITION)
    lines = [_("at least %(hours)s clock hours of relationship-based training this year")
             % {"hours": f"{ed.renewal_training_hours.value:g}"}]
    if endorsement.category in ed.renewal_rsc_training_categories.value:
        lines.append(_("if you provide reflective supervision/consultation to others, %(hours)s "
                       "of those hours about providing it")
                     % {"hours": f"{ed.renewal_rsc_training_hours.value:g}"})
    if endorsement.category in ed.renewal_rsc_categories.value:
        lines.append(_("at least %(hours)s hours of reflective supervision/consultation "
                       "received this year (at Level IV-C, not required after three years)")
                     % {"hours": f"{ed.renewal_rsc_hours.value:g}"})
    lines.append(_("your association membership renewed for next year"))
    return lines


# ``fn(queryset of Endorsements®) -> queryset``: an outer app leaves out of the reminders the
# Endorsements® it knows are being renewed (the online renewal registers one in ready()).
_reminder_filters: list = []


def register_reminder_filter(fn) -> None:
    if fn not in _reminder_filters:
        _reminder_filters.append(fn)


def _due_between(today: dt.date, first: int, last: int):
    due = Endorsement.objects.filter(status=EndorsementStatus.ACTIVE,
                                     valid_through__gte=today + dt.timedelta(days=first),
                                     valid_through__lte=today + dt.timedelta(days=last))
    for fn in _reminder_filters:
        due = fn(due)
    return due


REMINDER_KIND = "credentials.renewal_reminder"
LAPSED_KIND = "credentials.lapsed"


def _occasion(due_on, days=None) -> str:
    return due_on.isoformat() if days is None else f"{due_on.isoformat()}+{days}"


def _claimed(kind: str, suffix: str = ""):
    """Exists(): the Endorsement® already has the ``kind`` claim for its current due date."""
    occasion = Cast("valid_through", output_field=CharField())
    if suffix:
        occasion = Concat(occasion, Value(suffix), output_field=CharField())
    return Exists(ReminderClaim.objects.filter(
        kind=kind, subject_type=Endorsement._meta.label_lower, subject_id=OuterRef("pk"),
        occasion=OuterRef("reminder_occasion"))), occasion


def _won(keys: set) -> list[tuple[Endorsement, str]]:
    """The Endorsements® (holders joined) of the claims this run won, in a stable order."""
    by_pk = {}
    pks = sorted({pk for pk, _ in keys})
    for start in range(0, len(pks), 5000):
        by_pk.update(Endorsement.objects.select_related("holder")
                     .in_bulk(pks[start:start + 5000]))
    return [(by_pk[pk], occasion) for pk, occasion in sorted(keys)]


# Reminders mailed per batch task; a sweep that wins no more than this mails them itself, in
# the transaction of its claims.
BATCH = 500
# Claims still pending this long after the sweep (a task lost with the broker down, a worker
# gone): the next sweep hands them out again.
STALE_PENDING = dt.timedelta(minutes=10)


def send_renewal_reminders(today: dt.date | None = None, *, queue: str | None = None) -> int:
    """Claim every renewal reminder due today; the number claimed (to be mailed).

    Set-based: one query per stage finds who is due, one bulk insert claims them
    (endorsement.reminders.claim_pending, keyed by the due date and the stage; claims another
    run holds are skipped). Up to BATCH reminders are mailed here, in the same transaction;
    a larger day (every Endorsement® of a December 31: ~85,000) is handed, after commit, to
    ``mail_renewal_reminders`` tasks of BATCH claims each (on ``queue``, the sweep's own when
    it runs on a worker), which render and queue the mails, each claim once."""
    today = today or timezone.localdate()
    stages = sorted(set(settings.RENEWAL_REMINDER_DAYS))
    with transaction.atomic():
        first, won = 0, []
        for days in stages:
            claimed, occasion = _claimed(REMINDER_KIND, f"+{days}")
            due = (_due_between(today, first, days).annotate(reminder_occasion=occasion)
                   .exclude(claimed).values(subject_id=F("pk"), occasion=F("reminder_occasion")))
            won += claim_pending(REMINDER_KIND, due)
            first = days + 1
        later = [] if len(won) <= BATCH else won
        sent = 0 if later else mail_reminders(won)
        stale = list(ReminderClaim.objects.filter(
            kind=REMINDER_KIND, pending=True,
            sent_at__lt=timezone.now() - STALE_PENDING).values_list("pk", flat=True))
        if later or stale:
            batches = [ids[i:i + BATCH] for ids in (later, stale)
                       for i in range(0, len(ids), BATCH)]
            transaction.on_commit(lambda: _hand_out(batches, queue))
    if later:
        log.info("claimed %d renewal reminders, mailed by %d tasks", len(later),
                 -(-len(later) // BATCH))
        return len(later)
    if sent:
        log.info("sent %d renewal reminders", sent)
    return sent


def _hand_out(batches: list[list[int]], queue: str | None) -> None:
    from .tasks import mail_renewal_reminders

    for ids in batches:
        try:
            mail_renewal_reminders.apply_async((ids,), queue=queue, retry=False)
        except Exception as exc:  # noqa: BLE001 - broker down: the claims stay pending
            log.warning("renewal reminders wait for the next sweep: the task queue is "
                        "unreachable (%s)", exc)
            return


def mail_reminders(claim_ids) -> int:
    """Render and queue the mails of these renewal-reminder claims, each once: the claims
    still pending are taken under a row lock and cleared in the transaction that queues their
    mails (a task run twice, or two workers, mail once). A holder whose Endorsement® is no
    longer due on that date (renewed, lapsed, a renewal in hand) gets nothing. The number
    queued."""
    mine_url = settings.SITE_URL + reverse("credentials:mine")
    sent = 0
    with transaction.atomic():
        claims = take_pending(claim_ids)
        if not claims:
            return 0
        due = Endorsement.objects.filter(status=EndorsementStatus.ACTIVE,
                                         pk__in=[c.subject_id for c in claims])
        for fn in _reminder_filters:
            due = fn(due)
        by_pk = due.select_related("holder").in_bulk()
        for claim in claims:
            due_on, days_before = claim.occasion.split("+")
            endorsement = by_pk.get(claim.subject_id)
            if endorsement is None or endorsement.valid_through.isoformat() != due_on:
                continue
            language = normalize(endorsement.holder.language)
            # The credential's name and the requirements in the holder's language.
            with translation.override(language):
                context = {
                    "holder_name": holder_name(endorsement.holder),
                    "credential": endorsement.credential_name, "number": endorsement.number,
                    "due_on": dt.date.fromisoformat(due_on), "days_before": int(days_before),
                    "requirements": what_renewal_asks(endorsement), "mine_url": mine_url,
                    "coordinator_email": settings.COORDINATOR_EMAIL,
                }
            queue_mail("credentials_renewal_reminder", endorsement.holder.email, context,
                       language=language)
            sent += 1
        done(claims)
    return sent


def lapse_overdue(now: dt.datetime | None = None) -> int:
    """Lapse every active Endorsement® whose valid-through date is more than
    RENEWAL_GRACE_DAYS behind, in the association's time zone; tell each holder once how to
    reinstate. Set-based; safe to run twice or on two workers. Returns the number told."""
    today = timezone.localdate(now or timezone.now())
    cutoff = today - dt.timedelta(days=settings.RENEWAL_GRACE_DAYS)
    with transaction.atomic():
        overdue = Endorsement.objects.filter(status=EndorsementStatus.ACTIVE,
                                             valid_through__lt=cutoff)
        overdue.update(status=EndorsementStatus.LAPSED, updated_at=timezone.now())
        told, occasion = _claimed(LAPSED_KIND)
        lapsed = (Endorsement.objects.filter(status=EndorsementStatus.LAPSED,
                                             valid_through__lt=cutoff)
                  .annotate(reminder_occasion=occasion).exclude(told)
                  .values_list("pk", "valid_through"))
        won = _won(claim_once(LAPSED_KIND, Endorsement,
                              [(pk, _occasion(due_on)) for pk, due_on in lapsed.iterator()]))
        AuditEvent.objects.bulk_create([
            AuditEvent(actor_label="scheduler", action="endorsement.lapsed",
                       subject_type=Endorsement._meta.label_lower,
                       subject_id=endorsement.pk,
                       detail={"valid_through": occasion})
            for endorsement, occasion in won], batch_size=1000)
        apply_url = settings.SITE_URL + reverse("applicants:home")
        for endorsement, occasion in won:
            queue_mail("credentials_lapsed", endorsement.holder.email, {
                "holder_name": holder_name(endorsement.holder),
                "credential": credential_name_lazy(endorsement.program, endorsement.category),
                "number": endorsement.number,
                "valid_through": dt.date.fromisoformat(occasion), "apply_url": apply_url,
                "coordinator_email": settings.COORDINATOR_EMAIL,
            })
    if won:
        log.info("lapsed %d Endorsements®", len(won))
    return len(won)
