from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    """The Endorsement® record: the credential certificates, renewals and reports build on."""

    name = "endorsement.credentials"
    label = "credentials"
    verbose_name = _("Endorsements")

    def ready(self):
        from endorsement.audit import ACTION_LABELS
        from endorsement.counting import bump_on_change

        from . import signals
        from .models import Endorsement, RegistryListing

        signals.connect()
        ACTION_LABELS.update({
            "endorsement.imported": _("Endorsement® imported from the old system"),
            "endorsement.import_run": _("Import from the old system finished"),
            "endorsement.lapsed": _("Endorsement® lapsed (not renewed)"),
            "membership.recorded": _("Membership recorded"),
            "registry.changed": _("Registry listing changed"),
        })
        bump_on_change("registry", RegistryListing, Endorsement)
