"""The renewal's "confirm membership" is the person's Membership record (one per person,
read by their applications too); the engine's renewal membership requirement reads it."""
import datetime as dt

import pytest
from django.urls import reverse

from endorsement.credentials import services as credentials
from endorsement.credentials.models import Membership
from endorsement.renewals import services
from endorsement.renewals.models import Renewal
from endorsement.testing.clients import sign_in_client

from .test_renewals import log_rsc, log_training

pytestmark = pytest.mark.django_db


def met(renewal):
    verdict = services.checklist(renewal)
    return verdict["eligible"]


def test_confirming_membership_updates_the_person_record(applicant, held, this_year):
    held(applicant)
    renewal = services.open_renewal(applicant, dt.date(this_year, 10, 2))
    services.save_details(renewal.pk, actor=applicant, membership_number="M-9",
                          membership_expires=dt.date(this_year + 1, 12, 31), provides_rsc=True)
    membership = Membership.objects.get(person=applicant)
    assert (membership.number, membership.valid_through) == ("M-9",
                                                             dt.date(this_year + 1, 12, 31))
    renewal.refresh_from_db()
    assert renewal.provides_rsc and renewal.membership_number == ""  # no copy while editing


def test_the_engine_reads_the_membership_record(applicant, coordinator, held, this_year):
    held(applicant)
    log_training(applicant, 16, dt.date(this_year, 3, 3))
    log_rsc(applicant, 8, dt.date(this_year, 9, 10))
    renewal = services.open_renewal(applicant, dt.date(this_year, 10, 2))
    assert not met(renewal)  # no membership at all
    # Recorded elsewhere (the application step, the coordinator's page): the renewal sees it.
    credentials.record_membership(applicant, number="M-1", actor=coordinator,
                                  valid_through=dt.date(this_year + 1, 6, 30))
    assert met(renewal)
    credentials.record_membership(applicant, number="M-1", actor=coordinator,
                                  valid_through=dt.date(this_year, 6, 30))
    assert not met(renewal)


def test_the_form_shows_the_record_and_submit_keeps_a_copy(client, applicant, held, this_year,
                                                          window_open):
    held(applicant)
    Membership.objects.create(person=applicant, number="OLD-42", association="MassAIMH",
                              valid_through=dt.date(this_year + 1, 12, 31))
    log_training(applicant, 16, dt.date(this_year, 3, 3))
    log_rsc(applicant, 8, dt.date(this_year, 9, 10))
    sign_in_client(client, applicant)
    client.post(reverse("renewals:open"))
    page = client.get(reverse("renewals:mine")).content.decode()
    assert 'value="OLD-42"' in page
    renewal = Renewal.objects.get()
    response = client.post(reverse("renewals:details", args=[renewal.pk]), {
        "membership_number": "NEW-7", "membership_expires": f"{this_year + 1}-12-31"})
    assert response.status_code == 302
    assert Membership.objects.get(person=applicant).number == "NEW-7"
    done = services.submit_renewal(renewal.pk, actor=applicant, typed_name="Ana Lopez",
                                   code_of_ethics=True, no_sanction=True,
                                   today=dt.date(this_year, 12, 1))
    assert done.membership_number == "NEW-7"
