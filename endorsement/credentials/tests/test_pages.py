"""Who may download a certificate; what verification says to anyone; the registry."""
import datetime

import pytest
from django.test import Client
from django.urls import reverse

from endorsement.credentials import services
from endorsement.credentials.models import Endorsement, EndorsementStatus, Region, RegistryListing
from endorsement.models import AuditEvent
from endorsement.testing.clients import sign_in_client
from endorsement.testing.factories import ReviewerFactory, UserFactory

pytestmark = pytest.mark.django_db


# --- certificates ---------------------------------------------------------------------------

def test_the_holder_and_coordinators_download_the_certificate_others_get_404(
        endorse, applicant, other_applicant, coordinator_client, reviewer):
    endorsement = endorse(applicant)
    url = reverse("credentials:certificate", args=[endorsement.pk])
    response = sign_in_client(Client(), applicant).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{endorsement.number}.pdf"' in response["Content-Disposition"]
    # (the security headers middleware adds no-cache and the rest to every signed-in page)
    assert {"private", "no-store"} <= {v.strip() for v in response["Cache-Control"].split(",")}
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert coordinator_client.get(url).status_code == 200
    for stranger in (other_applicant, reviewer):
        assert sign_in_client(Client(), stranger).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to sign in
    missing = reverse("credentials:certificate", args=[endorsement.pk + 100])
    assert sign_in_client(Client(), applicant).get(missing).status_code == 404


def test_a_revoked_holder_cannot_download_but_the_coordinator_still_can(
        endorse, applicant, coordinator_client):
    endorsement = endorse(applicant)
    Endorsement.objects.filter(pk=endorsement.pk).update(status=EndorsementStatus.REVOKED)
    url = reverse("credentials:certificate", args=[endorsement.pk])
    assert sign_in_client(Client(), applicant).get(url).status_code == 404
    assert coordinator_client.get(url).status_code == 200


def test_the_holders_page_lists_endorsements_with_downloads(endorse, applicant):
    first = endorse(applicant)
    second = endorse(applicant, program="ECMH-E", category="III")
    page = sign_in_client(Client(), applicant).get(reverse("credentials:mine")).content.decode()
    assert "You hold 2 Endorsements®." in page
    for endorsement in (first, second):
        assert reverse("credentials:certificate", args=[endorsement.pk]) in page
    assert "You are not listed in the public registry." in page


def test_the_holders_page_without_endorsements_says_so(other_applicant):
    page = sign_in_client(Client(), other_applicant).get(reverse("credentials:mine"))
    assert "You hold no Endorsement® yet." in page.content.decode()


# --- verification -------------------------------------------------------------------------

@pytest.mark.parametrize(("status", "valid_through_delta", "label"), [
    (EndorsementStatus.ACTIVE, 30, "Valid"),
    (EndorsementStatus.ACTIVE, -1, "Lapsed"),
    (EndorsementStatus.LAPSED, -30, "Lapsed"),
    (EndorsementStatus.INACTIVE, 30, "Inactive"),
    (EndorsementStatus.REVOKED, 30, "Revoked"),
])
def test_verification_by_number_and_by_qr_link_shows_status_name_and_credential_only(
        endorse, applicant, status, valid_through_delta, label, django_assert_num_queries):
    endorsement = endorse(applicant, issued_on=datetime.date.today() - datetime.timedelta(400))
    Endorsement.objects.filter(pk=endorsement.pk).update(
        status=status,
        valid_through=datetime.date.today() + datetime.timedelta(valid_through_delta))
    client = Client()
    with django_assert_num_queries(2):  # the Endorsement® with its holder; the profile name
        by_qr = client.get(reverse("credentials:verify_number", args=[endorsement.number]))
    typed = f"  {endorsement.number.lower()} "
    by_number = client.get(reverse("credentials:verify"), {"number": typed})
    for response in (by_qr, by_number):
        assert response.status_code == 200
        html = response.content.decode()
        assert f'id="verification-status">{label}<' in html
        assert "Ana Lopez" in html and "Infant Family Specialist (IFS), IMH-E®" in html
        assert applicant.email not in html
        assert "not a license" in html


@pytest.mark.parametrize("number", ["MASSAIMH-2026-99999", "nonsense", "x" * 500,
                                    "MASSAIMH-2026-00001'--", "\x00", ""])
def test_unknown_or_malformed_numbers_get_a_plain_answer(number):
    response = Client().get(reverse("credentials:verify"), {"number": number})
    assert response.status_code == 404
    assert "We found no Endorsement® with that number." in response.content.decode()


def test_verify_page_without_a_number_shows_the_form():
    response = Client().get(reverse("credentials:verify"))
    assert response.status_code == 200
    assert "We found no" not in response.content.decode()


def test_a_flood_of_lookups_from_one_address_is_slowed_down_others_are_not(settings):
    settings.VERIFY_RATE_PER_MINUTE = 3
    url = reverse("credentials:verify_number", args=["MASSAIMH-2026-00001"])
    flood = Client(REMOTE_ADDR="203.0.113.9")
    assert [flood.get(url).status_code for _ in range(4)] == [404, 404, 404, 429]
    assert "Please wait a minute" in flood.get(url).content.decode()
    assert Client(REMOTE_ADDR="203.0.113.10").get(url).status_code == 404


# --- the registry -------------------------------------------------------------------------

def test_a_holder_joins_changes_and_leaves_the_registry(endorse, applicant):
    endorse(applicant)
    client = sign_in_client(Client(), applicant)
    url = reverse("credentials:registry_choice")
    page = client.get(reverse("credentials:mine")).content.decode()
    assert 'name="display_name"' in page and 'value="Ana Lopez"' in page  # prefilled
    assert client.post(url, {"action": "join", "region": "central",
                             "display_name": "Ana Lopez"}).status_code == 302
    assert RegistryListing.objects.get(holder=applicant).region == Region.CENTRAL
    client.post(url, {"action": "join", "region": "western",
                      "display_name": "  Ana  M. Lopez "})
    listing = RegistryListing.objects.get(holder=applicant)
    assert (listing.region, listing.display_name) == (Region.WESTERN, "Ana M. Lopez")
    assert "Ana M. Lopez" in Client().get(reverse("credentials:registry")).content.decode()
    client.post(url, {"action": "leave"})
    assert not RegistryListing.objects.filter(holder=applicant).exists()
    assert "Lopez" not in Client().get(reverse("credentials:registry")).content.decode()
    actions = list(AuditEvent.objects.filter(subject_id=applicant.pk,
                                             subject_type="endorsement.user")
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["registry.joined", "registry.changed", "registry.left"]


def test_joining_needs_an_endorsement_and_a_real_region(endorse, applicant, other_applicant):
    url = reverse("credentials:registry_choice")
    stranger = sign_in_client(Client(), other_applicant)
    assert stranger.post(url, {"action": "join", "region": "central",
                               "display_name": "Sam"}).status_code == 404
    endorse(applicant)
    holder = sign_in_client(Client(), applicant)
    holder.post(url, {"action": "join", "region": "atlantis", "display_name": "Ana"})
    response = holder.post(url, {"action": "join", "region": "western", "display_name": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    assert '<option value="western" selected>' in html and "This field is required." in html
    assert not RegistryListing.objects.filter(holder=applicant).exists()
    assert holder.get(url).status_code == 405


def _listed(endorse, region="central", status=EndorsementStatus.ACTIVE, category="II",
            **names):
    holder = UserFactory(**names)
    endorsement = endorse(holder, category=category)
    Endorsement.objects.filter(pk=endorsement.pk).update(status=status)
    services.join_registry(holder, region=region)
    return holder


def test_lapsed_revoked_and_inactive_holders_are_not_in_the_registry(endorse):
    _listed(endorse, first_name="Vera", last_name="Active")
    _listed(endorse, first_name="Lana", last_name="Lapsed", status=EndorsementStatus.LAPSED)
    _listed(endorse, first_name="Rex", last_name="Revoked", status=EndorsementStatus.REVOKED)
    _listed(endorse, first_name="Ina", last_name="Inactive", status=EndorsementStatus.INACTIVE)
    old = _listed(endorse, first_name="Otto", last_name="Overdue")
    Endorsement.objects.filter(holder=old).update(
        valid_through=datetime.date.today() - datetime.timedelta(days=1))
    html = Client().get(reverse("credentials:registry")).content.decode()
    assert "Vera Active" in html
    for hidden in ("Lapsed", "Revoked", "Inactive", "Overdue"):
        assert hidden not in html.replace("text-bg", "")
    assert "1 professional listed" in html


def test_registry_search_by_name_credential_and_region(endorse):
    _listed(endorse, first_name="Maya", last_name="Chen", region="western")
    _listed(endorse, first_name="Noor", last_name="Haddad", region="central", category="III")
    registry = reverse("credentials:registry")
    client = Client()

    def names(**query):
        html = client.get(registry, query).content.decode()
        return {name for name in ("Maya Chen", "Noor Haddad") if name in html}

    assert names() == {"Maya Chen", "Noor Haddad"}
    assert names(name="chen") == {"Maya Chen"}
    assert names(name="noor haddad") == {"Noor Haddad"}
    assert names(region="western") == {"Maya Chen"}
    assert names(credential="IMH-E:III") == {"Noor Haddad"}
    assert names(credential="ECMH-E:III") == set()
    assert names(region="atlantis", credential="bogus", page="x") == {"Maya Chen", "Noor Haddad"}


@pytest.mark.parametrize("rows", [1, 4])
def test_registry_queries_do_not_grow_with_rows(endorse, rows, django_assert_num_queries):
    for n in range(rows):
        _listed(endorse, first_name=f"Person{n}", last_name="Listed")
    with django_assert_num_queries(3):  # count, page, current Endorsements®
        response = Client().get(reverse("credentials:registry"), {"name": "listed"})
    assert f"{rows} professional" in response.content.decode()


def test_registry_is_paginated_with_its_total(endorse, settings):
    settings.REGISTRY_PAGE_SIZE = 2
    for n in range(3):
        _listed(endorse, first_name=f"Person{n}", last_name="Listed")
    html = Client().get(reverse("credentials:registry")).content.decode()
    assert "3 professionals listed" in html and "Page 1 of 2" in html
    second = Client().get(reverse("credentials:registry"), {"page": 2}).content.decode()
    assert "Person2" in second and "Person0" not in second


@pytest.mark.parametrize("rows", [1, 3])
def test_holders_page_queries_do_not_grow_with_rows(endorse, applicant, rows,
                                                    django_assert_num_queries):
    for _ in range(rows):
        endorse(applicant)
    client = sign_in_client(Client(), applicant)
    client.get(reverse("credentials:mine"))
    # session, user, count, page, certificates, listing, profile name
    with django_assert_num_queries(7):
        client.get(reverse("credentials:mine"))


def test_reviewer_role_can_open_their_own_page(db):
    client = sign_in_client(Client(), ReviewerFactory())
    assert client.get(reverse("credentials:mine")).status_code == 200


def test_public_pages_never_show_an_email_address_for_a_holder_without_a_name(endorse):
    holder = UserFactory(first_name="", last_name="", email="noname@example.org")
    endorsement = endorse(holder)
    services.join_registry(holder, region="central")
    verify = Client().get(reverse("credentials:verify_number", args=[endorsement.number]))
    registry = Client().get(reverse("credentials:registry"))
    for response in (verify, registry):
        assert "noname@" not in response.content.decode()
    assert "(name not given)" in verify.content.decode()
