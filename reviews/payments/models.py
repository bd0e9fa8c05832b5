"""Fees as data and payments as records.

A fee is an amount per category (or every category) and kind, from the date it takes effect;
the newest fee in effect wins. A payment is money received (or refunded) for one purpose,
recorded by a coordinator today and, later, by an online card provider (``provider`` and
``provider_reference`` are there for it: no change to the records).

A payment points at what it pays for: an application (``application``) or a renewal
(``renewal``, with ``purpose = renewal`` or ``late``; see docs/payments.md).
"""
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from applicants.models import Application, Category


class FeeKind(models.TextChoices):
    REGISTRATION = "registration", _("Registration fee")
    PROCESSING = "processing", _("Endorsement® processing fee")
    RENEWAL = "renewal", _("Renewal fee")
    LATE = "late", _("Late fee")
    MEMBERSHIP = "membership", _("Membership dues")


# The fees an application owes; a Renewal owes RENEWAL (and LATE after its due date).
APPLICATION_FEES = (FeeKind.REGISTRATION, FeeKind.PROCESSING)
RENEWAL_FEES = (FeeKind.RENEWAL, FeeKind.LATE)


class Fee(models.Model):
    """One line of the fee schedule. ``category`` empty: every category."""

    category = models.CharField(_("category"), max_length=6, blank=True,
                                choices=[("", _("Every category"))] + list(Category.choices))
    kind = models.CharField(_("kind of fee"), max_length=20, choices=FeeKind.choices)
    amount = models.DecimalField(_("amount (US$)"), max_digits=8, decimal_places=2)
    effective_on = models.DateField(_("takes effect on"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "category", "-effective_on"]
        constraints = [
            models.UniqueConstraint(fields=["category", "kind", "effective_on"],
                                    name="one_fee_per_category_kind_date"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="fee_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.category or '*'} {self.amount}"


class PaymentInstructions(models.Model):
    """How to pay, in the association's words (one row)."""

    text = models.TextField(_("how to pay"), help_text=_(
        "Shown to applicants: where to send a check, the bank transfer details, how an "
        "employer pays for a group."))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.text[:40]


class Method(models.TextChoices):
    CHECK = "check", _("Check")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    EMPLOYER = "employer", _("Paid by the employer (group)")
    CARD = "card", _("Card")
    CASH = "cash", _("Cash")
    OTHER = "other", _("Other")


class PaymentKind(models.TextChoices):
    PAYMENT = "payment", _("Payment")
    REFUND = "refund", _("Refund")


class Payment(models.Model):
    """Money received from (or refunded to) ``payer``; ``amount`` is always above zero and
    ``kind`` says which way it went."""

    payer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="payments")
    application = models.ForeignKey(Application, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="payments")
    renewal = models.ForeignKey("renewals.Renewal", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="payments")
    purpose = models.CharField(_("for"), max_length=20, choices=FeeKind.choices,
                               default=FeeKind.PROCESSING)
    kind = models.CharField(max_length=10, choices=PaymentKind.choices,
                            default=PaymentKind.PAYMENT)
    amount = models.DecimalField(_("amount (US$)"), max_digits=8, decimal_places=2)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    received_on = models.DateField(_("received on"))
    reference = models.CharField(_("reference"), max_length=100, blank=True, help_text=_(
        "Check number, transfer reference or the employer's purchase order."))
    # An online card provider later: its name and its own id for the charge.
    provider = models.CharField(max_length=40, blank=True)
    provider_reference = models.CharField(max_length=100, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["application", "kind"]),
                   models.Index(fields=["renewal", "kind"]),
                   models.Index(fields=["payer", "received_on"])]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0),
                                              name="payment_amount_above_zero")]

    def __str__(self):
        return self.receipt_number

    @property
    def receipt_number(self) -> str:
        return f"R-{self.pk:06d}"

    @property
    def signed_amount(self) -> Decimal:
        return -self.amount if self.kind == PaymentKind.REFUND else self.amount
