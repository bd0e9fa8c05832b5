from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"

    def ready(self):
        from applicants import workflow
        from applicants.models import Status

        from . import reviewing

        # A decision waits for the reviewer reviews; endorsing issues the Endorsement®.
        workflow.register_check(Status.ENDORSED, reviewing.require_reviews)
        workflow.register_check(Status.APPROVED_FOR_EXAM, reviewing.require_reviews)
        workflow.register_effect(Status.ENDORSED, reviewing.issue_endorsement)
