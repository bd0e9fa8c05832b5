"""Audit findings on references: bad input, double submits, the rater's session."""
import pytest
from django.urls import reverse

from endorsement.models import OutboundEmail
from references import services
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


def test_a_double_clicked_send_asks_the_rater_once(client, applicant, application):
    client.force_login(applicant)
    assert client.post(section(application), FORM).status_code == 302
    response = client.post(section(application), FORM)
    assert response.status_code == 200
    assert "You have already asked rita@example.org" in response.content.decode()
    assert ReferenceRequest.objects.count() == 1
    assert OutboundEmail.objects.filter(to="rita@example.org").count() == 1


def test_the_same_person_cannot_fill_two_slots(client, applicant, application):
    """Three requests to one address would let one person give all three ratings."""
    client.force_login(applicant)
    client.post(section(application), FORM)
    response = client.post(section(application), {
        **FORM, "rater_email": "RITA@Example.org", "role": "colleague"})
    assert response.status_code == 200
    assert "Each rating must come from a different person" in response.content.decode()
    assert ReferenceRequest.objects.count() == 1


def test_the_service_holds_the_rules_when_two_requests_race(applicant, application, ask):
    """The view's count is read before the lock; the service re-checks under it."""
    for n in range(3):
        ask(n)
    with pytest.raises(services.RaterNotAllowed):
        services.request_reference(application, applicant,
                                   **{**RATER, "rater_email": "fourth@example.org"})
    with pytest.raises(services.RaterNotAllowed):
        ask(1)
    assert ReferenceRequest.objects.count() == 3


def test_a_declined_rater_can_be_replaced_by_the_same_person_only_through_replace(
        client, applicant, application, ask):
    ref, _ = ask(1)
    services.decline(ref, "busy this month")
    client.force_login(applicant)
    response = client.post(section(application), {**FORM, "rater_email": ref.rater_email})
    assert "already asked" in response.content.decode()
    url = reverse("references:replace", args=[application.pk, ref.pk])
    assert client.post(url, {**FORM, "rater_email": ref.rater_email}).status_code == 302
    ref.refresh_from_db()
    assert ref.status == "replaced"
    assert ReferenceRequest.objects.exclude(status="replaced").get().rater_email == ref.rater_email


def test_replacing_with_someone_already_asked_is_refused_and_nothing_changes(
        client, applicant, application, ask):
    declined, _ = ask(1)
    other, _ = ask(2)
    services.decline(declined, "no")
    client.force_login(applicant)
    url = reverse("references:replace", args=[application.pk, declined.pk])
    response = client.post(url, {**FORM, "rater_email": other.rater_email})
    assert response.status_code == 200
    assert "already asked" in response.content.decode()
    declined.refresh_from_db()
    assert declined.status == "declined"
    assert ReferenceRequest.objects.count() == 2
