"""Applications ready for reviewers: submitted, references in, fee paid; endorsed reviewers."""
from django.utils import timezone

from applicants.tests.factories import ApplicationFactory, complete
from applicants.workflow import transition
from endorsement.testing.factories import ReviewerFactory


def rate_references(application, roles=("supervisor", "rsc_provider", "colleague")):
    """Every slot of the level filled with a submitted, verified, vetted rating."""
    from references.models import ReferenceRating, ReferenceRequest

    for n, role in enumerate(roles):
        ref = ReferenceRequest.objects.create(
            application=application, rater_name=f"Rater {n}", rater_email=f"r{n}@example.org",
            role=role, known_for="3 years", waiver_signed_at=timezone.now(),
            token_hash=f"{application.pk:08d}{n:056d}", token_expires_at=timezone.now(),
            status="submitted", rater_endorsement="III", endorsement_verified=True,
            vetted=True, submitted_at=timezone.now())
        ReferenceRating.objects.create(request=ref, scores={}, recommendation="recommend",
                                       comments=f"Rater {n} comment",
                                       submitted_at=timezone.now())
    return application


def in_review(applicant, coordinator, *, category="II", eligible=True):
    """A complete application, submitted and in review (eligible: references in, fee paid)."""
    application = complete(ApplicationFactory(applicant=applicant, category=category,
                                              fee_paid=eligible))
    if eligible:
        rate_references(application)
    transition(application, "submitted", actor=applicant)
    transition(application, "in_review", actor=coordinator)
    return application


def endorsed_reviewers(n=2, category="IV-C"):
    return [ReviewerFactory(endorsed=category) for _ in range(n)]
