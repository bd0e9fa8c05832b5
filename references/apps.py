from django.apps import AppConfig

ATTENTION = "references-attention"


class ReferencesConfig(AppConfig):
    name = "references"

    def ready(self):
        from applicants import outstanding

        from .status import outstanding_items

        outstanding.register(outstanding_items)

        # "References needing attention" counts requests of active applications: its totals
        # drop when a request, a rating or an application changes, not at every sign-in,
        # profile or review (the "applications" group of the queues).
        from applicants.models import Application
        from endorsement.counting import bump_on_change

        from .models import ReferenceRating, ReferenceRequest

        bump_on_change(ATTENTION, Application, ReferenceRequest, ReferenceRating)
