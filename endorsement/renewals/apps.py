from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RenewalsConfig(AppConfig):
    """Annual renewal online: the holder's evidence log (shared with applications) against the
    engine's renewal rules for every Endorsement® they hold, one fee, the coordinator's queue."""

    name = "endorsement.renewals"
    label = "renewals"
    verbose_name = _("Renewals")

    def ready(self):
        from endorsement.credentials.renewals import register_reminder_filter

        from .services import without_renewals_in_hand

        register_reminder_filter(without_renewals_in_hand)
        from endorsement.audit import ACTION_LABELS

        ACTION_LABELS.update({
            "renewal.opened": _("Renewal started"),
            "renewal.details_saved": _("Renewal details saved"),
            "renewal.submitted": _("Renewal submitted"),
            "renewal.approved": _("Renewal approved"),
            "renewal.returned": _("Renewal returned to the holder"),
            "renewal.fee_recorded": _("Renewal fee recorded"),
            "evidence_log.row_removed": _("Evidence log entry removed"),
        })
