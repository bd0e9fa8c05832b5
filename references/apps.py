from django.apps import AppConfig

ATTENTION = "references-attention"


class ReferencesConfig(AppConfig):
    name = "references"

    def ready(self):
        from applicants import outstanding

        from .status import outstanding_items

        outstanding.register(outstanding_items)

        # "References needing attention" counts requests of active applications: its totals
        # drop when a request or a rating changes, or an application's status; not at every
        # sign-in, profile, review (the "applications" group of the queues) or section an
        # applicant saves ("continue where you left off" saves the application).
        from django.db import transaction
        from django.db.models.signals import post_delete, post_save

        from applicants.models import Application
        from endorsement.counting import bump, bump_on_change

        from .models import ReferenceRating, ReferenceRequest

        bump_on_change(ATTENTION, ReferenceRequest, ReferenceRating)

        # The queue shows each application's ratings in (submitted, not set aside).
        from django.db.models import Count

        from applicants import figures

        from .models import RequestStatus

        figures.keep("ratings_in", ReferenceRequest.objects.filter(status=RequestStatus.SUBMITTED),
                     Count("pk"), default=0, when_saved=frozenset({"status"}))

        def application_changed(sender, update_fields=None, **kwargs):
            if update_fields is not None and "status" not in update_fields:
                return
            bump(ATTENTION)
            transaction.on_commit(lambda: bump(ATTENTION))  # also after commit: no stale refill

        post_save.connect(application_changed, sender=Application, weak=False,
                          dispatch_uid="references-attention-application-save")
        post_delete.connect(application_changed, sender=Application, weak=False,
                            dispatch_uid="references-attention-application-delete")
