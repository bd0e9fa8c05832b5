from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    """The statewide training calendar: partners publish trainings, people sign up (a waiting
    list when full), the trainer takes the roll and each present attendee's evidence log is
    credited with a confirmed training row."""

    name = "endorsement.trainings"
    label = "trainings"
    verbose_name = _("Training calendar")

    def ready(self):
        from applicants import panels
        from endorsement.audit import ACTION_LABELS
        from endorsement.grant_sources import register_grant_source

        from . import grant, views

        panels.register_panel(views.confirmed_panel)
        register_grant_source(grant.training_rows)
        ACTION_LABELS.update({
            "training.published": _("Training published"),
            "training.changed": _("Training changed"),
            "training.signed_up": _("Signed up for a training"),
            "training.waitlisted": _("Put on a training's waiting list"),
            "training.cancelled": _("Sign-up cancelled"),
            "training.promoted": _("Moved from the waiting list to a seat"),
            "training.removed": _("Removed from a training"),
            "training.roll_taken": _("Roll taken"),
            "training.walk_in": _("Added to a training's roll as present"),
            "training.partner_added": _("Training partner organisation added"),
            "training.partner_member_added": _("Person added to a training partner"),
            "training.partner_member_removed": _("Person removed from a training partner"),
        })
