"""Signing in: each role lands on its own home, staff need two factors, guessing is rate-limited."""
import pytest
from allauth.mfa.models import Authenticator

from endorsement.testing.factories import PASSWORD, CoordinatorFactory, current_totp_code

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role_fixture", "home"),
    [("applicant", "/apply/"), ("reviewer", "/coordinator/assigned/"),
     ("advisor", "/apply/advised/"), ("coordinator", "/coordinator/")],
)
def test_each_role_lands_on_its_own_home(client, request, role_fixture, home):
    user = request.getfixturevalue(role_fixture)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    if user.needs_two_factor:
        assert response.url == "/accounts/2fa/authenticate/"
        response = client.post(
            "/accounts/2fa/authenticate/", {"code": current_totp_code(user.totp_secret)}
        )
    assert response.status_code == 302
    assert client.get(response.url).url == home


def test_a_wrong_password_gets_a_clear_message(client, applicant):
    response = client.post("/accounts/login/", {"login": applicant.email, "password": "nope"})
    assert response.status_code == 200
    assert b"The email address and/or password you specified are not correct." in response.content


def test_repeated_wrong_passwords_are_rate_limited(client, applicant):
    for _ in range(5):
        client.post("/accounts/login/", {"login": applicant.email, "password": "wrong-guess"})
    response = client.post("/accounts/login/", {"login": applicant.email, "password": PASSWORD})
    assert b"Too many failed login attempts" in response.content
    assert "_auth_user_id" not in client.session, "even the right password is refused for now"


def test_staff_without_two_factor_must_set_it_up_first(client, db):
    coordinator = CoordinatorFactory()
    Authenticator.objects.filter(user=coordinator).delete()
    client.force_login(coordinator)
    response = client.get("/coordinator/")
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"
    assert client.get("/outbox/").url == "/accounts/2fa/totp/activate/"


def test_an_unverified_email_cannot_sign_in(client, db):
    from allauth.account.models import EmailAddress

    from endorsement.testing.factories import UserFactory

    user = UserFactory()
    EmailAddress.objects.filter(user=user).update(verified=False)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.url == "/accounts/confirm-email/"


def test_role_pages_are_404_for_other_roles(client, applicant):
    client.force_login(applicant)
    for url in ("/coordinator/", "/coordinator/assigned/", "/outbox/"):
        assert client.get(url).status_code == 404, url


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/apply/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_unknown_pages_show_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"We could not find that page" in response.content


def test_password_reset_by_emailed_link(client, applicant, django_capture_on_commit_callbacks):
    import re

    from endorsement.models import OutboundEmail

    client.post("/accounts/password/reset/", {"email": applicant.email})
    email = OutboundEmail.objects.get(to=applicant.email)
    assert email.body_html, "the reset email has an HTML part too"
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", email.body_text)[1]
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new_password = "a-brand-new-passphrase"
    response = client.post(form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
                           {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    client.logout()
    response = client.post("/accounts/login/", {"login": applicant.email, "password": new_password})
    assert response.status_code == 302 and response.url == "/home/"


def test_a_reset_request_for_an_unknown_address_reveals_nothing(client, db):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response.url == "/accounts/password/reset/done/"
