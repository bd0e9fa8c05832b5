"""Membership belongs to the person: applications read it, the coordinator corrects it."""
import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from applicants.models import Status
from applicants.tests.factories import ApplicationFactory
from endorsement.credentials import services
from endorsement.credentials.models import Membership
from endorsement.testing.clients import sign_in_client
from endorsement.testing.factories import ReviewerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_coordinator_records_and_corrects_it_and_open_applications_read_it(
        coordinator_client, applicant):
    open_one = ApplicationFactory(applicant=applicant, status=Status.SUBMITTED)
    decided = ApplicationFactory(applicant=applicant, status=Status.ENDORSED,
                                 membership_number="OLD")
    url = reverse("credentials:membership", args=[applicant.pk])
    response = coordinator_client.post(url, {"number": "MA-77", "association": "MassAIMH",
                                             "valid_through": "2027-06-30", "version": ""})
    assert response.status_code == 302
    membership = Membership.objects.get(person=applicant)
    assert (membership.number, membership.valid_through) == ("MA-77", dt.date(2027, 6, 30))
    open_one.refresh_from_db()
    decided.refresh_from_db()
    assert (open_one.membership_number, open_one.membership_expires) == (
        "MA-77", dt.date(2027, 6, 30))
    assert decided.membership_number == "OLD", "a decided application keeps what it had"
    page = coordinator_client.get(url).content.decode()
    assert "MA-77" in page


def test_a_stale_correction_is_refused(coordinator, coordinator_client, applicant):
    services.record_membership(applicant, number="A", valid_through=None, actor=coordinator)
    url = reverse("credentials:membership", args=[applicant.pk])
    seen = coordinator_client.get(url).context["form"].initial["version"]
    services.record_membership(applicant, number="B", valid_through=None, actor=coordinator,
                               seen=seen)
    response = coordinator_client.post(url, {"number": "C", "version": seen})
    assert response.status_code == 200 and "Someone changed" in response.content.decode()
    assert 'value="C"' in response.content.decode(), "what was typed is kept"
    assert Membership.objects.get(person=applicant).number == "B"


def test_the_applicant_form_starts_from_the_person_and_saves_to_it(client, applicant,
                                                                    coordinator):
    services.record_membership(applicant, number="IMP-1", valid_through=dt.date(2027, 1, 1),
                               actor=coordinator)
    application = ApplicationFactory(applicant=applicant)
    sign_in_client(client, applicant)
    url = reverse("applicants:membership", args=[application.pk])
    assert "IMP-1" in client.get(url).content.decode()
    client.post(url, {"membership_number": "IMP-2", "membership_expires": "2027-03-01"})
    assert Membership.objects.get(person=applicant).number == "IMP-2"


def test_the_migration_copies_the_newest_application(applicant):
    ApplicationFactory(applicant=applicant, membership_number="N-1")
    ApplicationFactory(applicant=applicant, membership_number="N-2",
                       membership_expires=dt.date(2027, 2, 2))
    ApplicationFactory(membership_number="")
    module = importlib.import_module(
        "endorsement.credentials.migrations.0003_membership_import_runs")
    module.copy_from_applications(apps, None)
    assert list(Membership.objects.values_list("number", "valid_through")) == [
        ("N-2", dt.date(2027, 2, 2))]


def test_the_membership_page_is_404_to_others(client, applicant):
    url = reverse("credentials:membership", args=[applicant.pk])
    for person in (applicant, UserFactory(), ReviewerFactory()):
        client.logout()
        assert sign_in_client(client, person).get(url).status_code == 404


def test_a_new_application_starts_with_the_persons_membership(applicant, coordinator):
    from applicants.services import start_application

    services.record_membership(applicant, number="P-9", valid_through=dt.date(2027, 5, 5),
                               actor=coordinator)
    application = start_application(applicant, "IMH-E", "II")
    assert (application.membership_number, application.membership_expires) == (
        "P-9", dt.date(2027, 5, 5))
