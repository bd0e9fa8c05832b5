"""Renewal reminders: 60, 30 and 7 days (RENEWAL_REMINDER_DAYS) before an Endorsement® is due.

Set-based: one query per reminder stage finds who is due, one bulk insert claims them (a unique
row per Endorsement®, due date and stage; rows another run already holds are skipped), and the
mails go out for the claims this run won, in the same transaction. (No renewal is due in the
calendar year of the first Endorsement®: record_endorsement sets valid-through to December 31
of the following year.) A reminder missed while the job was down is skipped rather than sent
late next to a more urgent one.

Renewing itself (the evidence log, attestations, the coordinator's renewal queue) is not built
yet: the reminder tells holders what the renewal asks and whom to send it to.
"""
from __future__ import annotations

import datetime as dt
import logging
import uuid

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from endorsement.guidelines.editions import get_edition
from endorsement.i18n import normalize
from endorsement.mail import queue_mail
from endorsement.models import AuditEvent

from .models import Endorsement, EndorsementStatus, RenewalReminder
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


def send_renewal_reminders(today: dt.date | None = None) -> int:
    """Claim and mail every renewal reminder due today; the number mailed."""
    today = today or timezone.localdate()
    stages = sorted(set(settings.RENEWAL_REMINDER_DAYS))
    batch = uuid.uuid4()
    with transaction.atomic():
        first = 0
        for days in stages:
            sent_this_cycle = RenewalReminder.objects.filter(
                endorsement=OuterRef("pk"), due_on=OuterRef("valid_through"),
                days_before__lte=days)
            due = (_due_between(today, first, days).exclude(Exists(sent_this_cycle))
                   .values_list("pk", "valid_through"))
            RenewalReminder.objects.bulk_create(
                [RenewalReminder(endorsement_id=pk, due_on=due_on, days_before=days,
                                 batch=batch) for pk, due_on in due.iterator()],
                ignore_conflicts=True, batch_size=1000)
            first = days + 1
        won = (RenewalReminder.objects.filter(batch=batch)
               .select_related("endorsement__holder").order_by("pk"))
        mine_url = settings.SITE_URL + reverse("credentials:mine")
        sent = 0
        for reminder in won.iterator():
            endorsement = reminder.endorsement
            # The credential's name and the requirements in the holder's language.
            with translation.override(normalize(endorsement.holder.language)):
                context = {
                    "holder_name": holder_name(endorsement.holder),
                    "credential": endorsement.credential_name, "number": endorsement.number,
                    "due_on": reminder.due_on, "days_before": reminder.days_before,
                    "requirements": what_renewal_asks(endorsement), "mine_url": mine_url,
                    "coordinator_email": settings.COORDINATOR_EMAIL,
                }
            queue_mail("credentials_renewal_reminder", endorsement.holder.email, context)
            sent += 1
    if sent:
        log.info("sent %d renewal reminders", sent)
    return sent


LAPSE_NOTICE = 0  # a RenewalReminder with days_before=0 is the "your Endorsement® lapsed" notice


def lapse_overdue(now: dt.datetime | None = None) -> int:
    """Lapse every active Endorsement® whose valid-through date is more than
    RENEWAL_GRACE_DAYS behind, in the association's time zone; tell each holder once how to
    reinstate. Set-based; safe to run twice or on two workers. Returns the number told."""
    today = timezone.localdate(now or timezone.now())
    cutoff = today - dt.timedelta(days=settings.RENEWAL_GRACE_DAYS)
    batch = uuid.uuid4()
    with transaction.atomic():
        overdue = Endorsement.objects.filter(status=EndorsementStatus.ACTIVE,
                                             valid_through__lt=cutoff)
        overdue.update(status=EndorsementStatus.LAPSED, updated_at=timezone.now())
        told = RenewalReminder.objects.filter(endorsement=OuterRef("pk"),
                                              due_on=OuterRef("valid_through"),
                                              days_before=LAPSE_NOTICE)
        lapsed = (Endorsement.objects.filter(status=EndorsementStatus.LAPSED,
                                             valid_through__lt=cutoff)
                  .exclude(Exists(told)).values_list("pk", "valid_through"))
        RenewalReminder.objects.bulk_create(
            [RenewalReminder(endorsement_id=pk, due_on=due_on, days_before=LAPSE_NOTICE,
                             batch=batch) for pk, due_on in lapsed.iterator()],
            ignore_conflicts=True, batch_size=1000)
        won = list(RenewalReminder.objects.filter(batch=batch)
                   .select_related("endorsement__holder").order_by("pk"))
        AuditEvent.objects.bulk_create([
            AuditEvent(actor_label="scheduler", action="endorsement.lapsed",
                       subject_type=Endorsement._meta.label_lower,
                       subject_id=notice.endorsement_id,
                       detail={"valid_through": notice.due_on.isoformat()})
            for notice in won], batch_size=1000)
        apply_url = settings.SITE_URL + reverse("applicants:home")
        for notice in won:
            endorsement = notice.endorsement
            queue_mail("credentials_lapsed", endorsement.holder.email, {
                "holder_name": holder_name(endorsement.holder),
                "credential": credential_name_lazy(endorsement.program, endorsement.category),
                "number": endorsement.number,
                "valid_through": notice.due_on, "apply_url": apply_url,
                "coordinator_email": settings.COORDINATOR_EMAIL,
            })
    if won:
        log.info("lapsed %d Endorsements®", len(won))
    return len(won)
