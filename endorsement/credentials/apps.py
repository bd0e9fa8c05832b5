from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    """The Endorsement® record: the credential certificates, renewals and reports build on."""

    name = "endorsement.credentials"
    label = "credentials"
    verbose_name = _("Endorsements")

    def ready(self):
        from endorsement.counting import bump_on_change

        from . import signals
        from .models import Endorsement, RegistryListing

        signals.connect()
        bump_on_change("registry", RegistryListing, Endorsement)
