"""Journey: a new applicant signs up, confirms the email from the outbox, signs in, lands home."""
import re

import pytest
from django.core import mail as django_mail
from playwright.sync_api import expect

from endorsement.models import OutboundEmail
from endorsement.testing.browser import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_sign_up_confirm_email_and_land_on_applicant_home(page, live_server):
    page.goto(live_server.url + "/")
    assert_accessible(page, "landing page")
    page.get_by_role("link", name="Create an account").first.click()
    assert_accessible(page, "sign-up page")

    # The name people know the applicant by (issue 11): raters see it, never the address.
    page.get_by_role("button", name="Sign Up").click()
    expect(page.locator("#id_name")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Your name, as people know you").fill("María José O'Neill-García")
    page.get_by_label("Email").fill("new.applicant@example.org")
    page.locator("#id_password1").fill("a-long-enough-passphrase")
    page.locator("#id_password2").fill("a-long-enough-passphrase")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/confirm-email/**")
    assert_accessible(page, "verification sent page")

    email = OutboundEmail.objects.get(to="new.applicant@example.org")
    assert email.body_html, "every email has an HTML part"
    # The outbox row keeps no working key once the email has left: read the message sent.
    [sent] = [m for m in django_mail.outbox if m.to == ["new.applicant@example.org"]]
    link = re.search(r"(https?://\S+/accounts/confirm-email/\S+/)", sent.body).group(1)
    page.goto(live_server.url + link[link.index("/accounts/"):])
    assert_accessible(page, "confirm email page")
    page.get_by_role("button", name="Confirm").click()

    page.wait_for_url("**/apply/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("My application")
    assert_accessible(page, "applicant home")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")
    page.get_by_label("Email").fill("new.applicant@example.org")
    page.get_by_label("Password").fill("a-long-enough-passphrase")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/apply/")
    assert_accessible(page, "applicant home after sign-in")
    from endorsement.models import User

    assert User.objects.get(email="new.applicant@example.org").display_name == (
        "María José O'Neill-García")
