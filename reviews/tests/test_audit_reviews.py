"""Audit findings on the coordinator's pages: raw request values reach the database safely."""
import pytest
from django.utils import timezone

from applicants.models import Application, Status
from endorsement.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    session = client.session
    session["has_totp"] = True
    session.save()
    return client


def test_a_search_with_a_nul_character_is_not_a_500(coordinator_client):
    """PostgreSQL refuses NUL in text parameters (DataError); the search drops them."""
    applicant = UserFactory(email="abbott@example.org")
    Application.objects.create(applicant=applicant, program="IMH-E", category="II",
                               status=Status.SUBMITTED, submitted_at=timezone.now())
    response = coordinator_client.get("/coordinator/", {"q": "ab\x00bott"})
    assert response.status_code == 200
    assert response.context["search"] == "abbott"
    assert [a.applicant.email for a in response.context["applications"]] == [
        "abbott@example.org"]
