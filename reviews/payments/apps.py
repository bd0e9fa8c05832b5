from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "reviews.payments"
    label = "payments"
    verbose_name = _("Fees and payments")

    def ready(self):
        from applicants import panels
        from endorsement.audit import ACTION_LABELS
        from endorsement.renewals import panels as renewal_panels
        from endorsement.renewals import services as renewals

        from . import services, views

        # The applicant sees what is due, how to pay and their receipts on the application.
        panels.register_panel(views.fee_panel)
        panels.register_panel(views.fee_panel, slot="fee")
        panels.register_rows(services.rows_to_preload)
        # A renewal's fee comes from the fee schedule and is paid by payments like an
        # application's; the holder and the coordinator see them on the renewal's pages.
        if services.scheduled_amount not in renewals.FEE_LOOKUP:
            renewals.FEE_LOOKUP.append(services.scheduled_amount)
        if services.paid_for_renewal not in renewals.PAID_LOOKUP:
            renewals.PAID_LOOKUP.append(services.paid_for_renewal)
        renewal_panels.register_panel(views.renewal_holder_panel, "holder")
        renewal_panels.register_panel(views.renewal_staff_panel, "staff")
        ACTION_LABELS.update({
            "payment.recorded": _("Payment recorded"),
            "payment.refunded": _("Refund recorded"),
            "fee.changed": _("Fee schedule changed"),
        })
