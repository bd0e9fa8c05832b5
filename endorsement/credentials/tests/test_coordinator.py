"""The coordinator's Endorsement® pages: list, history, status changes, recorded renewals."""
import datetime

import pytest
from django.test import Client
from django.urls import reverse

from endorsement.credentials import services
from endorsement.credentials.models import Certificate, Endorsement, EndorsementStatus
from endorsement.models import AuditEvent
from endorsement.testing.clients import sign_in_client
from endorsement.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_only_coordinators_see_the_endorsement_pages(endorse, applicant, reviewer,
                                                     coordinator_client):
    endorsement = endorse(applicant)
    seen = services.version_of(endorsement)
    urls = [reverse("credentials:coordinator_list"),
            reverse("credentials:coordinator_detail", args=[endorsement.pk])]
    for url in urls:
        assert coordinator_client.get(url).status_code == 200
    for person in (applicant, reviewer):
        client = sign_in_client(Client(), person)
        for url in urls:
            assert client.get(url).status_code == 404
        assert client.post(reverse("credentials:change_status", args=[endorsement.pk]), {
            "status": "revoked", "reason": "x", "seen": seen}).status_code == 404
        assert client.post(reverse("credentials:record_renewal", args=[endorsement.pk]),
                           {"seen": seen}).status_code == 404
    assert Endorsement.objects.get().status == EndorsementStatus.ACTIVE
    assert coordinator_client.get(reverse("credentials:coordinator_detail",
                                          args=[endorsement.pk + 9])).status_code == 404


def test_a_coordinators_own_endorsement_is_not_in_their_list(endorse, coordinator,
                                                             coordinator_client):
    """Its page is 404 to them (another coordinator manages it), so the list leaves it out
    rather than offering a link that leads nowhere."""
    own = endorse(coordinator)
    other = endorse(UserFactory(first_name="Olga", last_name="Other"))
    html = coordinator_client.get(reverse("credentials:coordinator_list")).content.decode()
    assert other.number in html and own.number not in html
    assert coordinator_client.get(reverse("credentials:coordinator_detail",
                                          args=[own.pk])).status_code == 404


@pytest.mark.parametrize("rows", [1, 4])
def test_the_list_is_searchable_paginated_and_its_queries_do_not_grow(
        endorse, rows, coordinator_client, django_assert_num_queries):
    for n in range(rows):
        endorse(UserFactory(first_name=f"Person{n}", last_name="Held"))
    url = reverse("credentials:coordinator_list")
    coordinator_client.get(url)
    # session, user, whether a number has the word, count, page
    with django_assert_num_queries(5):
        response = coordinator_client.get(url, {"q": "held", "status": "active"})
    html = response.content.decode()
    assert f"{rows} Endorsement" in html
    assert "Person0 Held" in html
    assert "0 Endorsements®" in coordinator_client.get(url, {"q": "nobody"}).content.decode()


def test_marking_inactive_with_a_reason_is_in_the_history_and_verification(
        endorse, applicant, coordinator_client, coordinator):
    endorsement = endorse(applicant)
    response = coordinator_client.post(
        reverse("credentials:change_status", args=[endorsement.pk]),
        {"status": "inactive", "reason": "On parental leave until June",
         "seen": services.version_of(endorsement)})
    assert response.status_code == 302
    endorsement.refresh_from_db()
    assert endorsement.status == EndorsementStatus.INACTIVE
    event = AuditEvent.objects.get(action="endorsement.status_changed")
    assert event.actor == coordinator
    assert event.detail == {"old": "active", "new": "inactive",
                            "reason": "On parental leave until June"}
    page = coordinator_client.get(reverse("credentials:coordinator_detail",
                                          args=[endorsement.pk])).content.decode()
    assert "Status changed" in page and "On parental leave until June" in page
    verify = Client().get(reverse("credentials:verify_number", args=[endorsement.number]))
    assert 'id="verification-status">Inactive<' in verify.content.decode()


def test_a_stale_or_impossible_change_is_refused_and_what_was_typed_stays(
        endorse, applicant, coordinator_client):
    endorsement = endorse(applicant)
    old_seen = services.version_of(endorsement)
    services.change_status(endorsement.pk, status="inactive", reason="leave", actor=None,
                           seen=old_seen)
    url = reverse("credentials:change_status", args=[endorsement.pk])
    response = coordinator_client.post(url, {"status": "revoked", "reason": "Board decision",
                                             "seen": old_seen})
    assert response.status_code == 409
    assert "Board decision" in response.content.decode()
    assert Endorsement.objects.get().status == EndorsementStatus.INACTIVE
    # A reason is required; the choice stays selected.
    endorsement.refresh_from_db()
    response = coordinator_client.post(url, {"status": "revoked", "reason": "",
                                             "seen": services.version_of(endorsement)})
    assert response.status_code == 400
    assert '<option value="revoked" selected>' in response.content.decode()
    # Revoked is final.
    services.change_status(endorsement.pk, status="revoked", reason="Board", actor=None,
                           seen=services.version_of(endorsement))
    endorsement.refresh_from_db()
    with pytest.raises(services.NotAllowed):
        services.change_status(endorsement.pk, status="active", reason="oops", actor=None,
                               seen=services.version_of(endorsement))
    assert coordinator_client.post(url, {"status": "active", "reason": "x", "seen":
                                         services.version_of(endorsement)}).status_code == 400


def test_recording_a_renewal_extends_the_date_and_makes_a_new_certificate(
        endorse, applicant, coordinator_client, django_capture_on_commit_callbacks):
    endorsement = endorse(applicant, issued_on=datetime.date(2025, 4, 1))
    assert endorsement.valid_through == datetime.date(2026, 12, 31)
    url = reverse("credentials:record_renewal", args=[endorsement.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, {"seen": services.version_of(endorsement)})
    assert response.status_code == 302
    endorsement.refresh_from_db()
    assert endorsement.valid_through == datetime.date(2027, 12, 31)
    assert Certificate.objects.filter(endorsement=endorsement).exclude(file="").count() == 2
    assert AuditEvent.objects.get(action="endorsement.renewed").detail == {
        "old": "2026-12-31", "new": "2027-12-31"}
    # The same (now stale) form sent again changes nothing.
    response = coordinator_client.post(url, {"seen": "2020-01-01"})
    assert response.status_code == 409
    endorsement.refresh_from_db()
    assert endorsement.valid_through == datetime.date(2027, 12, 31)
