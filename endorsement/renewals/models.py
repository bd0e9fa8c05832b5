"""One renewal per person per renewal year, covering every Endorsement® they hold that is due
that year, with one fee. The evidence (training, RSC) is the person's EvidenceLog, shared with
their applications; the renewal keeps what the holder attested and what the coordinator did."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RenewalStatus(models.TextChoices):
    OPEN = "open", _("Being prepared")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")


EDITABLE = (RenewalStatus.OPEN, RenewalStatus.RETURNED)


class Renewal(models.Model):
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="renewals")
    year = models.PositiveSmallIntegerField(_("renewal year"))
    due_on = models.DateField(_("due on"))
    endorsements = models.ManyToManyField("credentials.Endorsement", related_name="renewals")
    status = models.CharField(max_length=10, choices=RenewalStatus.choices,
                              default=RenewalStatus.OPEN)
    # The person's membership (credentials.Membership) as it was when submitted.
    membership_number = models.CharField(_("membership number"), max_length=50, blank=True)
    membership_expires = models.DateField(_("membership paid through"), null=True, blank=True)
    provides_rsc = models.BooleanField(
        _("I provide reflective supervision/consultation to others"), default=False)
    code_of_ethics_version = models.CharField(max_length=20, blank=True)
    no_sanction = models.BooleanField(default=False)
    typed_name = models.CharField(max_length=200, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    # The fee as due when the holder submitted (the late fee included after the due date).
    # fee_paid is recomputed from the renewal's payments (payments.Payment.renewal) by
    # services.sync_fee_paid; fee_recorded_at is when it last changed.
    fee_due = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    late_fee = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    fee_paid = models.BooleanField(default=False)
    fee_recorded_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    return_message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "-id"]
        constraints = [models.UniqueConstraint(fields=["holder", "year"],
                                               name="one_renewal_per_holder_year")]
        indexes = [models.Index(fields=["status", "submitted_at", "id"],
                                name="renewal_queue_idx")]

    def __str__(self):
        return f"Renewal {self.year} of {self.holder}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE
