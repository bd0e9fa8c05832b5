from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    """Reflective consultation groups (a roll that credits members' RSC logs), the directory of
    endorsed RSC providers, and the grant's participation report."""

    name = "endorsement.consultation"
    label = "consultation"
    verbose_name = _("Reflective consultation")

    def ready(self):
        from endorsement.people import personal_data as core

        from . import grant, personal_data

        grant.register_grant_source(grant.group_rows)
        if personal_data.erase_person not in core.ERASERS:
            core.ERASERS.append(personal_data.erase_person)
