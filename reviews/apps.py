from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"

    def ready(self):
        from endorsement.views import ABOUT_PAGES

        # The outbox links an email about an application to the coordinator's page of it.
        ABOUT_PAGES["applicants.application"] = "reviews:application"

        # The cached totals of the queues and lists drop when what they count changes.
        from applicants.models import ApplicantProfile, Application
        from endorsement.counting import bump_on_change
        from endorsement.models import OutboundEmail, User
        from references.models import ReferenceRating, ReferenceRequest

        from .models import ReviewAssignment

        bump_on_change("applications", Application, ApplicantProfile, User, ReferenceRequest,
                       ReferenceRating, ReviewAssignment)
        bump_on_change("outbox", OutboundEmail)

        # The queue shows how many reviewers each application has.
        from django.db.models import Count

        from applicants import figures

        figures.keep("reviewer_count", ReviewAssignment.objects.all(), Count("pk"), default=0)

        from applicants import workflow
        from applicants.models import Status

        from . import reviewing

        # A decision waits for the reviewer reviews; endorsing issues the Endorsement®.
        workflow.register_check(Status.ENDORSED, reviewing.require_reviews)
        workflow.register_check(Status.APPROVED_FOR_EXAM, reviewing.require_reviews)
        workflow.register_effect(Status.ENDORSED, reviewing.issue_endorsement)

        # The People page shows each reviewer's current workload.
        from endorsement.people import services as people

        people.WORKLOAD.append(reviewing.workload)
