"""Closed on every path: own raters' flags, second factor removed, emailed links, who reads."""
import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail as sent

from applicants.models import Application
from endorsement.models import OutboundEmail
from endorsement.testing.clients import sign_in_client
from endorsement.testing.factories import CoordinatorFactory, UserFactory
from references import services
from references.forms import WAIVER_TEXT
from references.tests.conftest import RATER, scores

pytestmark = pytest.mark.django_db


@pytest.fixture
def self_applicant():
    """A coordinator who applied, with a flagged rating on their own application."""
    me = CoordinatorFactory(email="cy@example.org")
    CoordinatorFactory(email="colleague@example.org")
    # Submitted: the overview lists the raters of applications under way, not of drafts.
    application = Application.objects.create(applicant=me, program="IMH-E", category="II",
                                             status="submitted")
    ref = services.request_reference(application, me, **RATER)
    services.open_link(ref)
    services.submit_rating(ref, scores(application, na=7))
    return me, application


def test_a_coordinator_who_applied_never_hears_of_their_own_raters_flags(client,
                                                                         self_applicant):
    me, application = self_applicant
    flags = OutboundEmail.objects.filter(template="references_flagged")
    assert list(flags.values_list("to", flat=True)) == ["colleague@example.org"]
    sign_in_client(client, me)
    overview = client.get("/references/coordinator/").content.decode()
    assert "Rita Rater" not in overview
    outbox = client.get("/outbox/").content.decode()
    assert "references_flagged" not in outbox and "flagged" not in outbox.lower()
    assert client.get(f"/references/coordinator/application/{application.pk}/").status_code \
        == 404


def test_the_other_coordinators_see_the_flag(client, self_applicant):
    from endorsement.models import User

    sign_in_client(client, User.objects.get(email="colleague@example.org"))
    assert "Rita Rater" in client.get("/references/coordinator/").content.decode()


def test_removing_the_second_factor_ends_staff_access_at_once(client):
    coordinator = CoordinatorFactory()
    other_browser = client.__class__()
    sign_in_client(client, coordinator)
    sign_in_client(other_browser, coordinator)
    assert client.get("/coordinator/").status_code == 200
    Authenticator.objects.filter(user=coordinator, type="totp").delete()  # e.g. in the admin
    for browser in (client, other_browser):
        response = browser.get("/coordinator/")
        assert response.status_code == 302
        assert response.url == "/accounts/2fa/totp/activate/"


def test_emailed_account_links_use_site_url_not_the_request_host(client, settings,
                                                                  django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://endorse.example.org"
    settings.ALLOWED_HOSTS = ["endorse.example.org", "evil.example.com"]
    UserFactory(email="owner@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "owner@example.org"},
                    HTTP_HOST="evil.example.com")
    body = sent.outbox[-1].body
    links = re.findall(r"https?://[^/\s]+", body)
    assert links and set(links) == {"https://endorse.example.org"}, body


def test_the_waiver_and_the_emails_say_who_reads_a_rating(self_applicant):
    # Coordinators and the assigned reviewers read ratings (reviews:review shows them).
    assert "coordinators and the reviewers assigned" in str(WAIVER_TEXT)
    for email in OutboundEmail.objects.filter(
            template__in=["references_request", "references_thanks", "references_arrived"]):
        assert ("Endorsement® coordinators and the reviewers assigned to the application read it"
                in email.body_text), email.template
