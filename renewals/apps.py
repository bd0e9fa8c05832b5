from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RenewalsConfig(AppConfig):
    """Annual renewal online: the holder's evidence log (shared with applications) against the
    engine's renewal rules for every Endorsement® they hold, one fee, the coordinator's queue."""

    name = "renewals"
    verbose_name = _("Renewals")
