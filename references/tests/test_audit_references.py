"""Audit findings on references: bad input, double submits, the rater's session."""
import pytest
from django.urls import reverse

from references.models import ReferenceRequest

from .conftest import RATER

pytestmark = pytest.mark.django_db

FORM = {**RATER, "waiver": "on"}


def section(application):
    return reverse("references:section", args=[application.pk])


def test_an_email_too_long_for_the_column_gets_a_message_not_a_500(client, applicant,
                                                                    application):
    """Django's form EmailField accepts 320 characters; the column holds 254 (PostgreSQL
    would raise DataError on save)."""
    email = "a" * 60 + "@" + ("b" * 60 + ".") * 4 + "org"
    assert 254 < len(email) <= 320
    client.force_login(applicant)
    response = client.post(section(application), {**FORM, "rater_email": email})
    assert response.status_code == 200
    assert "Ensure this value has at most 254 characters" in response.content.decode()
    assert not ReferenceRequest.objects.exists()
