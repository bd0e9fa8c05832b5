from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    """Reflective consultation groups (a roll that credits members' RSC logs), the directory of
    endorsed RSC providers, and the grant's participation report."""

    name = "endorsement.consultation"
    label = "consultation"
    verbose_name = _("Reflective consultation")

    def ready(self):
        from endorsement.audit import ACTION_LABELS
        from endorsement.grant_sources import register_grant_source
        from endorsement.people import personal_data as core

        from . import grant, personal_data

        register_grant_source(grant.group_rows)
        ACTION_LABELS.update({
            "consultation.group_created": _("Consultation group created"),
            "consultation.group_changed": _("Consultation group changed"),
            "consultation.session_added": _("Group session added"),
            "consultation.seat_requested": _("Seat in a group requested"),
            "consultation.placed": _("Placed in a group"),
            "consultation.declined": _("Seat request declined"),
            "consultation.member_removed": _("Removed from a group"),
            "consultation.roll_taken": _("Roll taken"),
            "consultation.listing_saved": _("RSC directory entry saved"),
            "consultation.provider_request_sent": _("Request sent to an RSC provider"),
            "consultation.provider_request_answered": _("RSC provider answered a request"),
        })
        if personal_data.erase_person not in core.ERASERS:
            core.ERASERS.append(personal_data.erase_person)
