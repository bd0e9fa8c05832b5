from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "reviews.payments"
    label = "payments"
    verbose_name = _("Fees and payments")

    def ready(self):
        from applicants import panels
        from endorsement.audit import ACTION_LABELS

        from . import views

        # The applicant sees what is due, how to pay and their receipts on the application.
        panels.register_panel(views.fee_panel)
        panels.register_panel(views.fee_panel, slot="fee")
        ACTION_LABELS.update({
            "payment.recorded": _("Payment recorded"),
            "payment.refunded": _("Refund recorded"),
            "fee.changed": _("Fee schedule changed"),
        })
