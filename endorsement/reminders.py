"""Send a reminder once, whatever runs the job: one mechanism for every reminder (drafts idle,
reviews overdue, exam sittings ahead, renewals, raters).

A job finds who is due with a set-based query, then ``claim_once(kind, model, keys)`` inserts
one ReminderClaim per (subject, occasion) in bulk, skipping the ones another run already holds,
and returns the keys this run won. Call it inside the transaction that queues the mails: if
the mails fail, the claims go too, and a second run (or a second worker) finds the claims and
sends nothing.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db import transaction

from .models import ReminderClaim


def claim_once(kind: str, model, keys: Iterable[tuple[int, str]]) -> set[tuple[int, str]]:
    """Claim ``(pk, occasion)`` reminders of ``kind`` about rows of ``model``; the ones won."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("claim_once must run inside the transaction that queues the mail")
    label = model._meta.label_lower
    batch = uuid.uuid4()
    ReminderClaim.objects.bulk_create(
        [ReminderClaim(kind=kind, subject_type=label, subject_id=pk, occasion=str(occasion),
                       batch=batch) for pk, occasion in keys],
        ignore_conflicts=True, batch_size=1000)
    return set(ReminderClaim.objects.filter(batch=batch)
               .values_list("subject_id", "occasion"))
