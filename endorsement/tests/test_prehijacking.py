"""No account pre-hijacking: an address nobody verified belongs to nobody."""
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail as sent
from django.test import RequestFactory

from endorsement.models import User
from endorsement.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def squatter(client):
    squatter = UserFactory(email="squatter@example.org")
    client.force_login(squatter)
    response = client.post("/accounts/email/", {"action_add": "", "email": "Victim@Example.org"})
    assert response.status_code in (200, 302)
    client.logout()
    return squatter


def test_the_squatters_address_is_pending_not_a_second_address(squatter):
    addresses = EmailAddress.objects.filter(user=squatter)
    assert addresses.filter(verified=True).count() == 1
    assert list(addresses.filter(verified=False).values_list("email", flat=True)) == [
        "victim@example.org"]
    squatter.refresh_from_db()
    assert squatter.email == "squatter@example.org", "the sign-in address is unchanged"


def test_the_owner_signs_up_all_the_same(client, squatter, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/signup/", {"email": "victim@example.org", "name": "Vic Owner",
                                          "password1": "a-long-pass-phrase-1",
                                          "password2": "a-long-pass-phrase-1"})
    owner = User.objects.get(email="victim@example.org")
    assert owner != squatter
    assert not EmailAddress.objects.filter(user=squatter, email__iexact="victim@example.org")
    assert any("victim@example.org" in m.to and "confirm-email" in m.body for m in sent.outbox), [
        (m.to, m.body) for m in sent.outbox]


@pytest.mark.parametrize("typed", ["victim@example.org", "VICTIM@example.ORG"])
def test_a_reset_never_hands_over_the_squatters_account(client, squatter, typed,
                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": typed})
    assert response.status_code == 302, "the same answer as for any address (no enumeration)"
    assert not any(re.search(r"/password/reset/key/", m.body) for m in sent.outbox)


def test_a_trailing_dot_is_refused_with_a_message(client, squatter):
    response = client.post("/accounts/signup/", {"email": "victim@example.org.",
                                                 "name": "Vic Owner",
                                                 "password1": "a-long-pass-phrase-1",
                                                 "password2": "a-long-pass-phrase-1"})
    assert response.status_code == 200
    assert b"valid email address" in response.content


def test_the_owner_verifying_it_elsewhere_releases_it(squatter):
    from allauth.account.models import EmailConfirmationHMAC
    from django.contrib.sessions.middleware import SessionMiddleware

    owner = UserFactory(email="owner-old@example.org")
    mine = EmailAddress.objects.create(user=owner, email="victim@example.org", verified=False)
    request = RequestFactory().get("/")
    SessionMiddleware(lambda r: None).process_request(request)
    request.user = owner
    from django.contrib.messages.storage.fallback import FallbackStorage

    request._messages = FallbackStorage(request)
    EmailConfirmationHMAC(mine).confirm(request)
    assert not EmailAddress.objects.filter(user=squatter, email="victim@example.org").exists()
    assert EmailAddress.objects.get(pk=mine.pk).verified


def test_the_signed_up_owner_can_still_reset(client, django_capture_on_commit_callbacks):
    UserFactory(email="owner@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "owner@example.org"})
    assert any("/password/reset/key/" in m.body for m in sent.outbox)
