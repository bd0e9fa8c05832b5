"""Every word of the start page, the error pages, the navbar and footer, the account pages
(ours over allauth's), two-step sign-in, the outbox and the account emails goes through the
catalog (issue 15): rendered in pseudo-Spanish (each message bracketed,
endorsement.testing.pseudo), nothing English is left outside the brackets but data."""
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from endorsement.models import OutboundEmail, User
from endorsement.testing.clients import sign_in_client
from endorsement.testing.factories import PASSWORD, CoordinatorFactory
from endorsement.testing.pseudo import pseudo_spanish, unmarked_words

pytestmark = pytest.mark.django_db

DATA = [settings.ASSOCIATION_NAME, settings.ASSOCIATION_SHORT_NAME, "Ana Lopez", "Cora Ward",
        "applicant@example.org", "coordinator@example.org", "example.org"]


@pytest.fixture
def spanish(monkeypatch):
    with pseudo_spanish(monkeypatch):
        yield


def spanish_speaker(user):
    User.objects.filter(pk=user.pk).update(language="es")
    user.refresh_from_db()
    return user


def assert_all_marked(response, allowed=()):
    assert response.status_code in (200, 404), response.status_code
    html = response.content.decode()
    assert 'lang="es"' in html
    assert sorted(unmarked_words(html, [*DATA, *allowed])) == []


@pytest.mark.parametrize("url", [
    "/", "/no-such-page/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/",
    "/accounts/password/reset/done/", "/accounts/confirm-email/",
    "/accounts/confirm-email/not-a-key/", "/accounts/password/reset/key/1-set-password/",
])
def test_the_pages_before_signing_in_are_all_translatable(url, spanish, db):
    visitor = Client(HTTP_ACCEPT_LANGUAGE="es-MX")
    assert_all_marked(visitor.get(url, follow=True))


def test_a_refused_sign_in_and_sign_up_are_translatable(spanish, applicant):
    visitor = Client(HTTP_ACCEPT_LANGUAGE="es")
    assert_all_marked(visitor.post("/accounts/login/",
                                   {"login": applicant.email, "password": "nope"}))
    assert_all_marked(visitor.post("/accounts/signup/", {"email": "x"}))


@pytest.mark.parametrize("url", [
    "/accounts/email/", "/accounts/password/change/", "/accounts/logout/", "/accounts/2fa/",
    "/accounts/2fa/recovery-codes/", "/accounts/2fa/recovery-codes/generate/",
    "/accounts/2fa/totp/deactivate/",
])
def test_a_coordinators_account_pages_are_all_translatable(url, spanish, coordinator):
    client = sign_in_client(Client(), spanish_speaker(coordinator))
    response = client.get(url, follow=True)
    assert_all_marked(response)


def test_setting_up_two_step_sign_in_is_translatable(spanish, db):
    from allauth.mfa.models import Authenticator

    coordinator = spanish_speaker(CoordinatorFactory(first_name="Cora", last_name="Ward"))
    Authenticator.objects.filter(user=coordinator).delete()
    client = Client()
    client.force_login(coordinator)  # not signed in with a password just now: confirm first
    assert_all_marked(client.get("/accounts/2fa/totp/activate/", follow=True))
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    secret = re.search(r'id="authenticator_secret"[^>]*>([A-Z0-9]+)<', page.content.decode())
    assert_all_marked(page, [secret[1]] if secret else [])


def test_the_second_step_of_signing_in_is_translatable(spanish, coordinator):
    spanish_speaker(coordinator)
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    response = client.post("/accounts/login/", {"login": coordinator.email,
                                                "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/2fa/authenticate/"
    assert_all_marked(response)


def test_the_navbar_of_every_role_and_the_outbox_are_translatable(spanish, coordinator,
                                                                 applicant):
    client = sign_in_client(Client(), spanish_speaker(coordinator))
    from endorsement.mail import queue_mail

    queue_mail("test_notice", "applicant@example.org", {"name": "Ana Lopez"})
    email = OutboundEmail.objects.get()
    outbox = client.get(reverse("outbox"))
    assert_all_marked(outbox, [email.subject, "test_notice"])
    page = client.get(reverse("outbox_email", args=[email.pk]))
    assert_all_marked(page, [email.subject, email.body_text])
    applicant_client = sign_in_client(Client(), spanish_speaker(applicant))
    assert_all_marked(applicant_client.get("/accounts/email/"))


def test_the_account_emails_are_translatable(spanish, applicant, monkeypatch):
    visitor = Client(HTTP_ACCEPT_LANGUAGE="es")
    visitor.post("/accounts/password/reset/", {"email": applicant.email})
    visitor.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    visitor.post("/accounts/signup/", {"email": applicant.email, "name": "Ana Lopez",
                                       "password1": "a-long-passphrase-1",
                                       "password2": "a-long-passphrase-1"})
    visitor.post("/accounts/signup/", {"email": "nina@example.org", "name": "Nina New",
                                       "password1": "a-long-passphrase-1",
                                       "password2": "a-long-passphrase-1"})
    emails = list(OutboundEmail.objects.all())
    assert {e.template for e in emails} >= {"password_reset_key", "unknown_account",
                                            "account_already_exists"}
    for email in emails:
        links = re.findall(r"https?://\S+", email.body_text)
        allowed = [*DATA, *links, "nina@example.org", "Nina New",
                   *re.findall(r"\b[A-Z0-9]{6}\b", email.body_text)]
        text = " ".join([email.subject.replace(f"[{settings.ASSOCIATION_SHORT_NAME}]", ""),
                         email.body_text])
        assert sorted(unmarked_words(text, allowed)) == [], email.template


def test_dates_follow_the_language():
    """English keeps the site's style; Spanish reads "3 de diciembre de 2026" (formats/)."""
    from datetime import date, datetime

    from django.utils import translation
    from django.utils.formats import date_format

    from endorsement.i18n import long_date

    day = date(2026, 12, 3)
    with translation.override("en"):
        assert long_date(day) == "December 3, 2026"
        assert date_format(day, "SHORT_DATE_FORMAT") == "Dec 3, 2026"
        assert date_format(datetime(2026, 12, 3, 14, 5), "SHORT_DATETIME_FORMAT") == (
            "Dec 3, 2026 14:05")
    with translation.override("es"):
        assert long_date(day) == "3 de diciembre de 2026"
        assert date_format(day, "SHORT_DATE_FORMAT") == "03/12/2026"
