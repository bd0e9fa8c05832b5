"""Renewal reminders: 60, 30 and 7 days (RENEWAL_REMINDER_DAYS) before an Endorsement® is due.

Set-based: one query per reminder stage finds who is due, one bulk insert claims them
(endorsement.reminders.claim_once, the one mechanism every reminder uses: a unique claim per
Endorsement®, due date and stage; claims another run already holds are skipped), and the mails
go out for the claims this run won, in the same transaction. (No renewal is due in the
calendar year of the first Endorsement®: record_endorsement sets valid-through to December 31
of the following year.) A reminder missed while the job was down is skipped rather than sent
late next to a more urgent one.

Renewing itself is endorsement/renewals/; the reminder tells holders what the renewal asks.
"""
from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from endorsement.guidelines.editions import get_edition
from endorsement.mail import queue_mail
from endorsement.models import AuditEvent, ReminderClaim
from endorsement.reminders import claim_once

from .models import Endorsement, EndorsementStatus
from .names import holder_name

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


def send_renewal_reminders(today: dt.date | None = None) -> int:
    """Claim and mail every renewal reminder due today; the number mailed. Claims go through
    endorsement.reminders.claim_once, keyed by the due date and the stage."""
    today = today or timezone.localdate()
    stages = sorted(set(settings.RENEWAL_REMINDER_DAYS))
    with transaction.atomic():
        first, keys = 0, []
        for days in stages:
            claimed, occasion = _claimed(REMINDER_KIND, f"+{days}")
            due = (_due_between(today, first, days).annotate(reminder_occasion=occasion)
                   .exclude(claimed).values_list("pk", "valid_through"))
            keys += [(pk, _occasion(due_on, days)) for pk, due_on in due.iterator()]
            first = days + 1
        won = claim_once(REMINDER_KIND, Endorsement, keys)
        mine_url = settings.SITE_URL + reverse("credentials:mine")
        sent = 0
        for endorsement, occasion in _won(won):
            due_on, days_before = occasion.split("+")
            queue_mail("credentials_renewal_reminder", endorsement.holder.email, {
                "holder_name": holder_name(endorsement.holder),
                "credential": endorsement.credential_name, "number": endorsement.number,
                "due_on": dt.date.fromisoformat(due_on), "days_before": int(days_before),
                "requirements": what_renewal_asks(endorsement), "mine_url": mine_url,
                "coordinator_email": settings.COORDINATOR_EMAIL,
            })
            sent += 1
    if sent:
        log.info("sent %d renewal reminders", sent)
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
                "credential": endorsement.credential_name, "number": endorsement.number,
                "valid_through": dt.date.fromisoformat(occasion), "apply_url": apply_url,
                "coordinator_email": settings.COORDINATOR_EMAIL,
            })
    if won:
        log.info("lapsed %d Endorsements®", len(won))
    return len(won)
