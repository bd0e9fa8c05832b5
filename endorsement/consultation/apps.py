from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    """Reflective consultation groups (a roll that credits members' RSC logs), the directory of
    endorsed RSC providers, and the grant's participation report."""

    name = "endorsement.consultation"
    label = "consultation"
    verbose_name = _("Reflective consultation")

    def ready(self):
        from . import grant

        grant.register_grant_source(grant.group_rows)
