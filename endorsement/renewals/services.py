"""Annual renewal: open it in the window, fill it from the evidence log, sign and submit, and
the coordinator's approve / return / fee. One function per state change, each audited."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import pgettext

from applicants.choices import AGREEMENTS_VERSION
from applicants.models import TRACK_BY_CATEGORY, RscSession, TrainingEntry
from endorsement import audit
from endorsement.credentials import services as credentials
from endorsement.credentials.models import Endorsement, EndorsementStatus, Membership
from endorsement.credentials.names import credential_name_lazy, holder_name, title_with_rendering
from endorsement.guidelines import evaluate_renewals
from endorsement.mail import queue_mail
from endorsement.requirement_titles import requirement_title

from .models import EDITABLE, Renewal, RenewalStatus


class NotDue(Exception):
    """No Endorsement® of this person is due for renewal now."""


class NotAllowed(Exception):
    """The change does not apply to the renewal in its current status (or it changed)."""


class NotReady(Exception):
    """The renewal cannot be submitted yet; ``args[0]`` says why, in words."""


# --- when a renewal is due ----------------------------------------------------------------

def window_opens(due_on: dt.date) -> dt.date:
    """The first day a renewal due on ``due_on`` can be opened (default: October 1)."""
    return due_on - dt.timedelta(days=settings.RENEWAL_WINDOW_DAYS)


def due_endorsements(holder, today: dt.date):
    """The person's active Endorsements® in their renewal window (or past due but not yet
    lapsed), for the earliest renewal year; none in the calendar year of the first
    Endorsement®. Returns ``(year, due_on, [endorsements])`` or None."""
    held = list(Endorsement.objects.filter(
        holder=holder, status=EndorsementStatus.ACTIVE,
        valid_through__lte=today + dt.timedelta(days=settings.RENEWAL_WINDOW_DAYS))
        .order_by("valid_through", "id"))
    if not held:
        return None
    year = held[0].valid_through.year
    due = [e for e in held if e.valid_through.year == year and e.issued_on.year < year]
    if not due:
        return None
    return year, min(e.valid_through for e in due), due


def next_due_on(holder) -> dt.date | None:
    """When the person's next renewal is due, for a page that says the window is not open."""
    return (Endorsement.objects.filter(holder=holder, status=EndorsementStatus.ACTIVE)
            .order_by("valid_through").values_list("valid_through", flat=True).first())


def without_renewals_in_hand(endorsements):
    """Leave out of the renewal reminders the Endorsements® whose renewal for their due year
    is submitted or approved: nobody is told to renew what they already sent."""
    sent = Renewal.objects.filter(
        endorsements=OuterRef("pk"), year=ExtractYear(OuterRef("valid_through")),
        status__in=[RenewalStatus.SUBMITTED, RenewalStatus.APPROVED])
    return endorsements.exclude(Exists(sent))


# Outer apps plug in here in their AppConfig.ready() (renewals imports none of them):
# FEE_LOOKUP: f(kind, category, on) -> the amount of the fee schedule's line of ``kind``
# ("renewal" or "late") in effect on ``on``, or None when no line is in effect;
# PAID_LOOKUP: f(renewal) -> the net money received for the renewal (refunds taken off).
FEE_LOOKUP: list[Callable[[str, str, dt.date], Decimal | None]] = []
PAID_LOOKUP: list[Callable[[Renewal], Decimal]] = []


def _scheduled(kind: str, category: str, on: dt.date, fallback) -> Decimal:
    for lookup in FEE_LOOKUP:
        amount = lookup(kind, category, on)
        if amount is not None:
            return Decimal(amount)
    return Decimal(fallback)


def fee_for(due_on: dt.date, today: dt.date, category: str = "") -> tuple[Decimal, Decimal]:
    """(the fee due, of which the late fee): one fee for all Endorsements® renewed together,
    with the late fee added after the due date. The fee schedule's "renewal" and "late" lines
    in effect ``today`` (the category's own line first), else RENEWAL_FEE and RENEWAL_LATE_FEE."""
    fee = _scheduled("renewal", category, today, settings.RENEWAL_FEE)
    late = (_scheduled("late", category, today, settings.RENEWAL_LATE_FEE) if today > due_on
            else Decimal(0))
    return fee + late, late


def category_of(renewal: Renewal) -> str:
    """The category whose fee line applies: the renewal's first Endorsement®'s."""
    return (renewal.endorsements.order_by("valid_through", "id")
            .values_list("category", flat=True).first() or "")


def renewal_fee(renewal: Renewal, today: dt.date | None = None) -> tuple[Decimal, Decimal]:
    """(the fee due, of which the late fee): as kept when submitted, else as it would be today."""
    if renewal.fee_due is not None:
        return renewal.fee_due, renewal.late_fee
    return fee_for(renewal.due_on, today or timezone.localdate(), category_of(renewal))


def paid_toward(renewal: Renewal) -> Decimal:
    return sum((lookup(renewal) for lookup in PAID_LOOKUP), Decimal(0))


def sync_fee_paid(renewal: Renewal, *, actor) -> bool:
    """Keep ``Renewal.fee_paid`` (the approval gate reads it) in step with the payments: paid
    in full = net paid at least what is due (and above zero unless nothing is due). Call with
    the renewal locked; returns the new value."""
    due, _late = renewal_fee(renewal)
    paid = paid_toward(renewal)
    settled = paid >= due and (paid > 0 or due == 0)
    if renewal.fee_paid != settled:
        renewal.fee_paid, renewal.fee_recorded_at = settled, timezone.now()
        renewal.save(update_fields=["fee_paid", "fee_recorded_at", "updated_at"])
        audit.record("renewal.fee_recorded", renewal, actor=actor, paid=settled,
                     amount=str(paid), due=str(due))
    return settled


def current_renewal(holder, today: dt.date | None = None) -> Renewal | None:
    """The person's renewal for the year now due (opened or not yet: None)."""
    today = today or timezone.localdate()
    due = due_endorsements(holder, today)
    if due is not None:
        return Renewal.objects.filter(holder=holder, year=due[0]).first()
    return (Renewal.objects.filter(holder=holder).exclude(status=RenewalStatus.APPROVED)
            .first())


# --- the checklist ------------------------------------------------------------------------

def period_of(renewal: Renewal) -> tuple[dt.date, dt.date]:
    """The renewal counts evidence dated in its renewal year."""
    return dt.date(renewal.year, 1, 1), dt.date(renewal.year, 12, 31)


def log_rows_of(user_or_id):
    """(training, rsc): the person's evidence log, oldest first (shared with applications)."""
    return (list(TrainingEntry.objects.for_user(user_or_id)),
            list(RscSession.objects.for_user(user_or_id)))


def log_rows(renewal: Renewal):
    return log_rows_of(renewal.holder_id)


def membership_of(renewal: Renewal) -> Membership | None:
    """The holder's membership record (one per person, shared with their applications)."""
    return Membership.objects.filter(person_id=renewal.holder_id).first()


def renewal_case(renewal: Renewal, endorsements=None, rows=None) -> dict:
    """The renewal in CASES.md's shape for ``evaluate_renewals``: every held Endorsement® and
    one log, so an hour counts once toward all of them."""
    endorsements = endorsements if endorsements is not None else list(renewal.endorsements.all())
    training, rsc = rows if rows is not None else log_rows(renewal)
    start, end = period_of(renewal)
    return {
        "kind": "renewal",
        "held": [{"program": e.program, "level": e.level,
                  "track": TRACK_BY_CATEGORY.get(e.category), "endorsed_on": e.issued_on}
                 for e in endorsements],
        "period_start": start, "period_end": end,
        "training": [{"date": t.date, "hours": float(t.hours), "about_rsc": t.about_rsc}
                     for t in training],
        "rsc": [{"date": r.date, "hours": float(r.hours), "format": r.format,
                 "provider_level": r.provider_level or None,
                 "provider_degree": r.provider_degree} for r in rsc if r.counts],
        "provides_rsc": renewal.provides_rsc,
        # The person's membership record, not a copy typed on the renewal.
        "membership_expires": (membership.valid_through
                               if (membership := membership_of(renewal)) else None),
    }


def checklist(renewal: Renewal, endorsements=None, rows=None, audience="applicant") -> dict:
    """The engine's renewal verdict over every Endorsement® the renewal covers."""
    endorsements = endorsements if endorsements is not None else list(renewal.endorsements.all())
    if not endorsements:
        return {"eligible": False, "endorsements": [], "log": {}}
    edition = endorsements[0].rules_edition or settings.RULES_EDITION
    verdict = evaluate_renewals(renewal_case(renewal, endorsements, rows), edition,
                                audience=audience)
    for row in verdict["endorsements"]:
        # The heading in the active language; the credential's title stays as published.
        row["label"] = pgettext("renewal checklist heading", "%(name)s (%(program)s®, "
                                "%(category)s)") % {"name": title_with_rendering(row["name"]),
                                                   "program": row["program"],
                                                   "category": row["category"]}
    return verdict


def missing_in_words(verdict: dict) -> list[str]:
    return [pgettext("renewal requirement missing", "%(name)s: %(requirement)s – %(detail)s")
            % {"name": title_with_rendering(row["name"]),
               "requirement": requirement_title(req["title"]), "detail": req["detail"]}
            for row in verdict["endorsements"] for req in row["requirements"]
            if req.get("applies", True) and not req["met"]]


# --- the holder's changes -----------------------------------------------------------------

@transaction.atomic
def open_renewal(holder, today: dt.date | None = None) -> Renewal:
    """Open (or find) the person's renewal for the year due; NotDue outside the window."""
    today = today or timezone.localdate()
    due = due_endorsements(holder, today)
    if due is None:
        raise NotDue
    year, due_on, endorsements = due
    renewal, created = Renewal.objects.get_or_create(holder=holder, year=year,
                                                     defaults={"due_on": due_on})
    if created:
        renewal.endorsements.set(endorsements)
        audit.record("renewal.opened", renewal, actor=holder, year=year,
                     endorsements=[e.number for e in endorsements])
    return renewal


def _locked(renewal_id: int, seen: str | None = None) -> Renewal:
    renewal = Renewal.objects.select_for_update().get(pk=renewal_id)
    if seen is not None and version_of(renewal) != seen:
        raise NotAllowed
    return renewal


def version_of(renewal: Renewal) -> str:
    return renewal.updated_at.isoformat()


@transaction.atomic
def save_details(renewal_id: int, *, actor, membership_number: str,
                 membership_expires: dt.date | None, provides_rsc: bool) -> Renewal:
    """The holder confirms (or corrects) their membership, which is their Membership record
    (credentials.services.record_membership: their open applications read it too), and says
    whether they provide RSC."""
    renewal = _locked(renewal_id)
    if renewal.status not in EDITABLE:
        raise NotAllowed
    credentials.record_membership(renewal.holder, number=membership_number,
                                  valid_through=membership_expires, actor=actor)
    renewal.provides_rsc = provides_rsc
    renewal.save()
    audit.record("renewal.details_saved", renewal, actor=actor,
                 membership_number=membership_number, provides_rsc=provides_rsc,
                 membership_expires=membership_expires.isoformat() if membership_expires
                 else None)
    return renewal


def locked_years(user_id) -> set[int]:
    """Years of the person's submitted or approved renewals: their log rows stay as the
    coordinator saw them."""
    return set(Renewal.objects.filter(
        holder_id=user_id, status__in=[RenewalStatus.SUBMITTED, RenewalStatus.APPROVED])
        .values_list("year", flat=True))


def locked_year(row) -> int | None:
    """The year of the person's submitted or approved renewal that counts this row (its
    evidence stays as the coordinator saw it), or None."""
    return (Renewal.objects.filter(holder_id=row.log.user_id, year=row.date.year,
                                   status__in=[RenewalStatus.SUBMITTED, RenewalStatus.APPROVED])
            .values_list("year", flat=True).first())


@transaction.atomic
def remove_log_row(row, *, actor) -> None:
    """The person removes a training or RSC session from their evidence log."""
    audit.record("evidence_log.row_removed", row.log, actor=actor,
                 kind=row._meta.model_name, date=row.date.isoformat(), hours=str(row.hours))
    row.delete()


def name_matches(typed: str, expected: str) -> bool:
    return " ".join(typed.split()).casefold() == " ".join(expected.split()).casefold()


@transaction.atomic
def submit_renewal(renewal_id: int, *, actor, typed_name: str, code_of_ethics: bool,
                   no_sanction: bool, today: dt.date | None = None) -> Renewal:
    """The holder re-signs the Code of Ethics, attests no board sanction and submits: only
    when the checklist is met. The fee due (late fee included after the due date) is kept."""
    today = today or timezone.localdate()
    renewal = _locked(renewal_id)
    if renewal.status not in EDITABLE:
        raise NotAllowed
    if not (code_of_ethics and no_sanction):
        raise NotReady("attestations")
    if not name_matches(typed_name, holder_name(renewal.holder, or_email=False)):
        raise NotReady("name")
    if not checklist(renewal)["eligible"]:
        raise NotReady("checklist")
    renewal.fee_due, renewal.late_fee = fee_for(renewal.due_on, today, category_of(renewal))
    # The renewal keeps the membership as it was when submitted (the record moves on).
    membership = membership_of(renewal)
    renewal.membership_number = membership.number if membership else ""
    renewal.membership_expires = membership.valid_through if membership else None
    renewal.code_of_ethics_version = AGREEMENTS_VERSION
    renewal.no_sanction = True
    renewal.typed_name = " ".join(typed_name.split())
    renewal.signed_at = renewal.submitted_at = timezone.now()
    renewal.status = RenewalStatus.SUBMITTED
    renewal.save()
    audit.record("renewal.submitted", renewal, actor=actor, fee_due=str(renewal.fee_due),
                 late_fee=str(renewal.late_fee))
    sync_fee_paid(renewal, actor=actor)  # paid early, or now owing a late fee
    _tell(renewal, "renewals_submitted", fee_due=renewal.fee_due, late_fee=renewal.late_fee)
    return renewal


# --- the coordinator's changes --------------------------------------------------------------

def _tell(renewal: Renewal, template: str, **extra) -> None:
    queue_mail(template, renewal.holder.email, {
        "holder_name": holder_name(renewal.holder), "year": renewal.year,
        "renewal_url": settings.SITE_URL + reverse("renewals:mine"),
        "coordinator_email": settings.COORDINATOR_EMAIL, **extra})


@transaction.atomic
def approve_renewal(renewal_id: int, *, actor, seen: str) -> Renewal:
    """Every Endorsement® the renewal covers is valid through its next December 31 and its
    certificate is made again (the record-renewal service); the holder is told."""
    renewal = _locked(renewal_id, seen)
    if renewal.status != RenewalStatus.SUBMITTED or not renewal.fee_paid:
        raise NotAllowed
    renewed = []
    for endorsement in renewal.endorsements.filter(status=EndorsementStatus.ACTIVE):
        done = credentials.record_renewal(endorsement.pk, actor=actor,
                                          seen=credentials.version_of(endorsement))
        renewed.append(done)
    renewal.status, renewal.decided_at, renewal.decided_by = (
        RenewalStatus.APPROVED, timezone.now(), actor)
    renewal.return_message = ""
    renewal.save()
    audit.record("renewal.approved", renewal, actor=actor,
                 endorsements=[e.number for e in renewed])
    _tell(renewal, "renewals_approved", renewed=[
        {"credential": credential_name_lazy(e.program, e.category), "number": e.number,
         "valid_through": e.valid_through} for e in renewed])
    return renewal


@transaction.atomic
def return_renewal(renewal_id: int, *, actor, seen: str, message: str) -> Renewal:
    renewal = _locked(renewal_id, seen)
    if renewal.status != RenewalStatus.SUBMITTED:
        raise NotAllowed
    renewal.status, renewal.return_message = RenewalStatus.RETURNED, message
    renewal.decided_at, renewal.decided_by = timezone.now(), actor
    renewal.save()
    audit.record("renewal.returned", renewal, actor=actor, message=message)
    _tell(renewal, "renewals_returned", message=message)
    return renewal
