"""Send a reminder once, whatever runs the job: one mechanism for every reminder (drafts idle,
reviews overdue, exam sittings ahead, renewals, raters).

A job finds who is due with a set-based query, then ``claim_once(kind, model, keys)`` inserts
one ReminderClaim per (subject, occasion) in bulk, skipping the ones another run already holds,
and returns the keys this run won. Call it inside the transaction that queues the mails: if
the mails fail, the claims go too, and a second run (or a second worker) finds the claims and
sends nothing.

A job with too many mails for one transaction (the renewal reminders of a December 31: tens of
thousands on one day) claims with ``claim_pending`` instead: the claims are inserted pending and
their ids returned, the job hands them to batch tasks after commit, and each task takes its
claims with ``take_pending`` (locked, still pending), queues their mails and clears them with
``done`` in one transaction: a task run twice, or two tasks given the same ids, mail once.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from .models import ReminderClaim


def claim_once(kind: str, model, keys: Iterable[tuple[int, str]]) -> set[tuple[int, str]]:
    """Claim ``(pk, occasion)`` reminders of ``kind`` about rows of ``model``; the ones won."""
    _must_be_atomic()
    label = model._meta.label_lower
    batch = uuid.uuid4()
    ReminderClaim.objects.bulk_create(
        [ReminderClaim(kind=kind, subject_type=label, subject_id=pk, occasion=str(occasion),
                       batch=batch) for pk, occasion in keys],
        ignore_conflicts=True, batch_size=1000)
    return set(ReminderClaim.objects.filter(batch=batch)
               .values_list("subject_id", "occasion"))


def claim_pending(kind: str, rows: QuerySet) -> list[int]:
    """Claim, pending, the reminders ``rows`` (a ``values(subject_id=..., occasion=...)`` of
    the subjects' model) names, in one INSERT ... SELECT in the database (85,000 claims in
    about two seconds, none through Python); the ids of the claims won."""
    _must_be_atomic()
    connection = transaction.get_connection()
    select, params = rows.order_by().query.sql_with_params()
    field = ReminderClaim._meta.get_field
    table = connection.ops.quote_name(ReminderClaim._meta.db_table)
    # The table's name quoted, the ORM's own compiled SELECT, every value a bound parameter.
    sql = (f"INSERT INTO {table} (kind, subject_type, subject_id, occasion, batch, "  # noqa: S608
           "sent_at, pending) SELECT %s, %s, due.subject_id, due.occasion, %s, %s, %s "
           f"FROM ({select}) due WHERE true ON CONFLICT DO NOTHING RETURNING id")
    values = [kind, rows.model._meta.label_lower,
              field("batch").get_db_prep_value(uuid.uuid4(), connection),
              field("sent_at").get_db_prep_value(timezone.now(), connection), True, *params]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        return sorted(row[0] for row in cursor.fetchall())


def _must_be_atomic() -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("claims must be made inside the transaction that queues the mail")


def take_pending(ids: Iterable[int]) -> list[ReminderClaim]:
    """The claims among ``ids`` still pending, locked until the transaction ends; the ones
    another task holds right now are skipped (it mails them)."""
    _must_be_atomic()
    return list(ReminderClaim.objects.select_for_update(skip_locked=True)
                .filter(pk__in=list(ids), pending=True).order_by("pk"))


def done(claims: Iterable[ReminderClaim]) -> None:
    """The mails of these claims are queued (or no longer due): they are not pending."""
    ReminderClaim.objects.filter(pk__in=[c.pk for c in claims]).update(pending=False)
