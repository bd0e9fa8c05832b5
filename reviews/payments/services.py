"""Fees and payments, one function per change: transactional, audited. Recording a payment
keeps ``Application.fee_paid`` in step with the payments (the queue's fee filter and its
index read that column; the engine's fee requirement reads it through the case)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Case, DecimalField, F, Q, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants import panels
from applicants.models import Application
from endorsement import audit
from endorsement.renewals import services as renewals
from endorsement.renewals.models import Renewal

from .models import APPLICATION_FEES, Fee, FeeKind, Payment, PaymentInstructions, PaymentKind

ZERO = Decimal("0.00")
SIGNED = Case(When(kind=PaymentKind.REFUND, then=-F("amount")), default=F("amount"),
              output_field=DecimalField(max_digits=10, decimal_places=2))


class PaymentError(Exception):
    """A payment or fee change that cannot be made; the message says why."""


@dataclass(frozen=True)
class Due:
    lines: list  # [(kind label, amount)]
    total: Decimal
    paid: Decimal

    @property
    def balance(self) -> Decimal:
        return self.total - self.paid

    @property
    def settled(self) -> bool:
        return self.paid > 0 and self.paid >= self.total


def fee_in_effect(kind: str, category: str, on: dt.date | None = None) -> Fee | None:
    """The newest fee of ``kind`` in effect on ``on``: the category's own line first, then the
    line for every category."""
    return _fees_in_effect([kind], category, on).first()


def _fees_in_effect(kinds, category: str, on: dt.date | None = None):
    """The fee lines of ``kinds`` that apply on ``on``; the first of each kind is in effect."""
    on = on or timezone.localdate()
    fees = Fee.objects.filter(kind__in=kinds, effective_on__lte=on).filter(
        Q(category=category) | Q(category=""))
    return fees.order_by(
        Case(When(category="", then=Value(1)), default=Value(0)), "-effective_on")


def paid_for(application: Application) -> Decimal:
    """Net money received for the application (refunds taken off), summed in the database."""
    total = Payment.objects.filter(application=application).aggregate(net=Sum(SIGNED))["net"]
    return total or ZERO


def _fee_day(application: Application) -> dt.date:
    return (application.submitted_at.date() if application.submitted_at
            else timezone.localdate())


def due_for(application: Application) -> Due:
    on = _fee_day(application)
    lines = []
    fees = panels.preloaded(application, "payments:fee_lines")
    for kind in APPLICATION_FEES:
        fee = next((f for f in fees if f.kind == kind), None) if fees is not None else (
            fee_in_effect(kind, application.category, on))
        if fee is not None and fee.amount:
            lines.append((fee.get_kind_display(), fee.amount))
    recent = panels.preloaded(application, "payments:recent")
    if recent is not None and len(recent) <= RECENT:  # every payment: add them up here
        paid = sum((-p.amount if p.kind == PaymentKind.REFUND else p.amount for p in recent),
                   ZERO)
    else:
        paid = paid_for(application)
    return Due(lines=lines, total=sum((a for _l, a in lines), ZERO), paid=paid)


# The receipts the fee panel lists (one more is read to know whether that is all of them).
RECENT = 20


def recent_payments(application: Application) -> list[Payment]:
    rows = panels.preloaded(application, "payments:recent")
    if rows is None:
        rows = application.payments.order_by("-received_on", "-pk")[:RECENT]
    return list(rows[:RECENT])


def rows_to_preload(application: Application) -> dict:
    """What the fee panel reads, for ``applicants.panels.preload``."""
    # every line of the application's fees that applies (a few per change of the fees)
    rows = {"payments:fee_lines": _fees_in_effect(APPLICATION_FEES, application.category,
                                             _fee_day(application))}
    rows["payments:recent"] = application.payments.order_by("-received_on", "-pk")[:RECENT + 1]
    return rows


def instructions() -> str:
    row = PaymentInstructions.objects.order_by("pk").first()
    return row.text if row else ""


def _sync_fee_paid(application: Application, actor) -> None:
    settled = due_for(application).settled
    if application.fee_paid != settled:
        application.fee_paid = settled
        application.fee_recorded_at = timezone.now()
        application.save(update_fields=["fee_paid", "fee_recorded_at", "updated_at"])


def record_payment(application: Application, *, amount: Decimal, method: str,
                   received_on: dt.date, reference: str = "", purpose: str = "processing",
                   refund: bool = False, actor) -> Payment:
    """Record money received (or refunded) for an application; partial payments add up."""
    if amount is None or amount <= 0:
        raise PaymentError(_("The amount must be more than zero; record a refund as a refund."))
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if refund and amount > paid_for(locked):
            raise PaymentError(_("A refund cannot be more than what was paid (%(paid)s).")
                               % {"paid": paid_for(locked)})
        payment = Payment.objects.create(
            payer=locked.applicant, application=locked, purpose=purpose,
            kind=PaymentKind.REFUND if refund else PaymentKind.PAYMENT, amount=amount,
            method=method, received_on=received_on, reference=reference.strip(),
            recorded_by=actor)
        audit.record("payment.refunded" if refund else "payment.recorded", locked, actor=actor,
                     amount=str(amount), method=method, receipt=payment.receipt_number)
        _sync_fee_paid(locked, actor)
    return payment


# --- renewals: one fee per renewal, read from the fee schedule (renewals.services.fee_for) ---

def scheduled_amount(kind: str, category: str, on: dt.date) -> Decimal | None:
    """The fee schedule's amount for ``kind`` on ``on``, or None when no line is in effect
    (the renewals then fall back to RENEWAL_FEE / RENEWAL_LATE_FEE)."""
    fee = fee_in_effect(kind, category, on)
    return fee.amount if fee is not None else None


def paid_for_renewal(renewal: Renewal) -> Decimal:
    total = Payment.objects.filter(renewal=renewal).aggregate(net=Sum(SIGNED))["net"]
    return total or ZERO


def due_for_renewal(renewal: Renewal) -> Due:
    """What the renewal owes (as kept when submitted, else as it would be today) and what was
    paid toward it."""
    total, late = renewals.renewal_fee(renewal)
    lines = [(FeeKind.RENEWAL.label, total - late)]
    if late:
        lines.append((FeeKind.LATE.label, late))
    return Due(lines=lines, total=total, paid=paid_for_renewal(renewal))


def record_renewal_payment(renewal: Renewal, *, amount: Decimal, method: str,
                           received_on: dt.date, reference: str = "",
                           purpose: str = FeeKind.RENEWAL, refund: bool = False,
                           actor) -> Payment:
    """Record money received (or refunded) for a renewal, with the checks of
    ``record_payment``; ``Renewal.fee_paid`` follows (the approval gate reads it)."""
    if amount is None or amount <= 0:
        raise PaymentError(_("The amount must be more than zero; record a refund as a refund."))
    with transaction.atomic():
        locked = Renewal.objects.select_for_update().get(pk=renewal.pk)
        if refund and amount > paid_for_renewal(locked):
            raise PaymentError(_("A refund cannot be more than what was paid (%(paid)s).")
                               % {"paid": paid_for_renewal(locked)})
        payment = Payment.objects.create(
            payer_id=locked.holder_id, renewal=locked, purpose=purpose,
            kind=PaymentKind.REFUND if refund else PaymentKind.PAYMENT, amount=amount,
            method=method, received_on=received_on, reference=reference.strip(),
            recorded_by=actor)
        audit.record("payment.refunded" if refund else "payment.recorded", locked, actor=actor,
                     amount=str(amount), method=method, receipt=payment.receipt_number)
        renewals.sync_fee_paid(locked, actor=actor)
    return payment


def save_fee(*, fee: Fee | None, category: str, kind: str, amount: Decimal,
             effective_on: dt.date, actor, seen: str = "") -> Fee:
    """Add a line to the fee schedule or change one. ``seen`` is the line's ``updated_at``
    as the form showed it: a line changed since is not overwritten."""
    with transaction.atomic():
        if fee is not None:
            fee = Fee.objects.select_for_update().get(pk=fee.pk)
            if seen != fee_version(fee):
                raise PaymentError(_("Someone changed this fee since you opened the page, so "
                                     "nothing was saved. Check it, then save again."))
        elif Fee.objects.filter(category=category, kind=kind, effective_on=effective_on).exists():
            raise PaymentError(_("There is already a fee of this kind for this category from "
                                 "that date: change that one."))
        fee = fee or Fee()
        fee.category, fee.kind, fee.amount, fee.effective_on = (category, kind, amount,
                                                                effective_on)
        fee.updated_by = actor
        fee.save()
        audit.record("fee.changed", fee, actor=actor, kind=kind, category=category or "*",
                     amount=str(amount), effective_on=effective_on.isoformat())
    return fee


def fee_version(fee: Fee) -> str:
    return fee.updated_at.isoformat() if fee.updated_at else ""


def save_instructions(text: str, *, actor, seen: str) -> PaymentInstructions:
    with transaction.atomic():
        row = PaymentInstructions.objects.select_for_update().order_by("pk").first()
        if row is not None and seen != row.updated_at.isoformat():
            raise PaymentError(_("Someone changed the instructions since you opened the page, "
                                 "so nothing was saved. Check them, then save again."))
        row = row or PaymentInstructions()
        row.text, row.updated_by = text.strip(), actor
        row.save()
        audit.record("fee.changed", row, actor=actor, instructions=True)
    return row


def render_receipt(payment: Payment) -> bytes:
    """The receipt as PDF bytes (WeasyPrint), in the payer's language."""
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.utils import translation
    from weasyprint import HTML

    from endorsement.i18n import normalize

    with translation.override(normalize(payment.payer.language)):
        html = render_to_string("payments/receipt.html", {
            "payment": payment, "association": settings.ASSOCIATION_NAME,
            "payer_name": payment.payer.display_name})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
