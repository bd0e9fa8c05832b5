"""Audit findings on the coordinator's pages: raw request values reach the database safely."""
import pytest
from django.utils import timezone

from applicants.models import Application, Status
from endorsement.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_search_with_a_nul_character_is_not_a_500(coordinator_client):
    """PostgreSQL refuses NUL in text parameters (DataError); the search drops them."""
    applicant = UserFactory(email="abbott@example.org")
    Application.objects.create(applicant=applicant, program="IMH-E", category="II",
                               status=Status.SUBMITTED, submitted_at=timezone.now())
    response = coordinator_client.get("/coordinator/", {"q": "ab\x00bott"})
    assert response.status_code == 200
    assert response.context["search"] == "abbott"
    assert [a.email for a in response.context["applications"]] == [
        "abbott@example.org"]


@pytest.fixture
def own_application(coordinator):
    """An application whose applicant is the coordinator (an applicant later made staff)."""
    return Application.objects.create(applicant=coordinator, program="IMH-E", category="II",
                                      status=Status.SUBMITTED, submitted_at=timezone.now())


def test_a_coordinator_cannot_manage_their_own_application(coordinator_client,
                                                           own_application):
    from django.urls import reverse

    from reviews.models import ReviewAssignment

    pk = own_application.pk
    assert coordinator_client.get(reverse("reviews:application", args=[pk])).status_code == 404
    for name in ("record_fee", "send_message", "return", "start_review", "assign"):
        response = coordinator_client.post(reverse(f"reviews:{name}", args=[pk]),
                                           {"fee_paid": "on", "body": "x", "message": "x"})
        assert response.status_code == 404, name
    assignment = ReviewAssignment.objects.create(
        application=own_application, reviewer=UserFactory(role="reviewer"))
    response = coordinator_client.post(reverse("reviews:unassign", args=[pk, assignment.pk]))
    assert response.status_code == 404
    assert ReviewAssignment.objects.filter(pk=assignment.pk).exists()
    own_application.refresh_from_db()
    assert (own_application.status, own_application.fee_paid) == (Status.SUBMITTED, False)


def test_the_workflow_refuses_a_coordinator_moving_their_own_application(coordinator,
                                                                         own_application):
    from applicants.workflow import TransitionError, allowed_moves, transition

    assert allowed_moves(own_application, coordinator) == []
    with pytest.raises(TransitionError):
        transition(own_application, Status.IN_REVIEW, actor=coordinator)


def test_a_coordinator_cannot_vet_or_verify_their_own_raters(coordinator_client, coordinator,
                                                              own_application):
    from django.urls import reverse

    from references import services
    from references.tests.conftest import RATER

    ref = services.request_reference(own_application, coordinator,
                                     **{**RATER, "rater_endorsement": "III"})
    urls = [reverse("references:coordinator_application", args=[own_application.pk])] + [
        reverse(f"references:{name}", args=[ref.pk])
        for name in ("resend", "extend", "verify", "vet")]
    for url in urls:
        assert coordinator_client.post(url, {"level": "III"}).status_code == 404, url
    ref.refresh_from_db()
    assert not ref.endorsement_verified


def test_a_reviewer_is_not_assigned_their_own_application(coordinator):
    from reviews import services

    reviewer = UserFactory(role="reviewer")
    application = Application.objects.create(applicant=reviewer, program="IMH-E",
                                             category="III", status=Status.SUBMITTED)
    with pytest.raises(services.ReviewError, match="their own application"):
        services.assign_reviewer(application, reviewer, actor=coordinator)
