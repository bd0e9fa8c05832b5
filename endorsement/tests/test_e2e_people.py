"""Journey: the coordinator invites an endorsed professional to review; they accept, set up
the second factor, and sign in with it (issue 10, items 1 and 8)."""
import datetime
import re
import time

import pytest
from django.core import mail as django_mail

from endorsement.credentials.services import record_endorsement
from endorsement.models import OutboundEmail, Role, User
from endorsement.testing.browser import assert_accessible, sign_in
from endorsement.testing.factories import PASSWORD, UserFactory, current_totp_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fresh_code(secret: str, used: set[str]) -> str:
    """A code not used yet (a code works once per 30-second window)."""
    for _ in range(40):
        code = current_totp_code(secret)
        if code not in used:
            used.add(code)
            return code
        time.sleep(1)
    raise AssertionError("no new TOTP code")


def test_coordinator_invites_a_reviewer_who_accepts_and_signs_in_with_two_factors(
    page, live_server, coordinator
):
    pro = UserFactory(email="pro@example.org", first_name="Pat", last_name="Rowe")
    today = datetime.date.today()
    record_endorsement(holder=pro, program="IMH-E", category="IV-C",
                       issued_on=today.replace(month=1, day=1), rules_edition="massaimh-2015",
                       actor=None, valid_through=today + datetime.timedelta(days=365))

    sign_in(page, live_server, coordinator)
    page.goto(live_server.url + "/people/")
    assert_accessible(page, "people")
    page.get_by_role("link", name="Invite someone").click()
    page.wait_for_url("**/people/invite/")
    assert_accessible(page, "invite")
    page.get_by_role("button", name="Send the invitation").click()
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page, "invite with errors")
    page.get_by_label("Email address").fill("pro@example.org")
    page.get_by_label("Role").select_option("reviewer")
    page.get_by_role("button", name="Send the invitation").click()
    page.wait_for_url("**/people/")
    assert page.get_by_text("The invitation is on its way").is_visible()
    assert_accessible(page, "people after inviting")
    assert page.locator("#open-invitations").get_by_text("pro@example.org").is_visible()
    page.get_by_label("Name or email").fill("Rowe")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("link", name="Pat Rowe").click()
    assert_accessible(page, "a person")
    page.get_by_role("link", name="Erase this person").click()
    assert_accessible(page, "erase (not done)")
    page.goto(live_server.url + "/people/audit/")
    page.get_by_label("Kind").select_option("invitation.sent")
    page.get_by_role("button", name="Show").click()
    assert page.get_by_text("1 event").is_visible()
    assert_accessible(page, "audit trail")

    assert OutboundEmail.objects.filter(to="pro@example.org",
                                        template="people_invitation").exists()
    # The outbox row keeps no working key once the email has left: read the message sent.
    [sent] = [m for m in django_mail.outbox if m.to == ["pro@example.org"]]
    link = re.search(r"(/people/invitation/[^/\s]+/)", sent.body).group(1)

    page.context.clear_cookies()
    page.goto(live_server.url + link)
    assert_accessible(page, "invitation")
    page.get_by_role("link", name="Sign in to accept").click()
    page.get_by_label("Email").fill("pro@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**" + link)
    assert_accessible(page, "invitation, signed in")
    page.get_by_role("button", name="Accept").click()

    # A reviewer reads transcripts: the second factor before anything else.
    page.wait_for_url(re.compile(r".*/accounts/(reauthenticate|2fa/totp/activate)/.*"))
    if "/reauthenticate/" in page.url:  # allauth asks for the password before a new factor
        assert_accessible(page, "confirm it is you")
        page.get_by_label("Password").fill(PASSWORD)
        page.locator("main button[type=submit]").click()
    page.wait_for_url("**/2fa/totp/activate/")
    assert_accessible(page, "second factor set-up")
    secret = page.locator("#authenticator_secret").inner_text().strip()
    used: set[str] = set()
    page.get_by_label("Authenticator code").fill(_fresh_code(secret, used))
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    page.wait_for_load_state()
    assert "/2fa/totp/activate/" not in page.url
    assert_accessible(page, "after set-up")
    pro.refresh_from_db()
    assert pro.has_role(Role.REVIEWER) and pro.has_role(Role.APPLICANT)

    page.get_by_role("button", name="Sign out").click()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("pro@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/2fa/authenticate/")
    assert_accessible(page, "two-factor page")
    page.get_by_label("6-digit code").fill(_fresh_code(secret, used))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/apply/**")
    page.get_by_role("link", name="My reviews").click()
    page.wait_for_url("**/coordinator/assigned/")
    assert_accessible(page, "my reviews")
    page.get_by_role("link", name="My data").click()
    assert_accessible(page, "my data")

    # The link worked once.
    page.goto(live_server.url + link)
    assert page.get_by_role("heading", name="This invitation cannot be used").is_visible()
    assert_accessible(page, "used invitation")
    assert User.objects.get(pk=pro.pk).is_active


def test_a_new_colleague_creates_their_account_from_the_invitation(page, live_server,
                                                                   coordinator):
    from endorsement.people.services import invite

    _invitation, raw = invite("colleague@example.org", Role.COORDINATOR, actor=coordinator)
    page.goto(live_server.url + f"/people/invitation/{raw}/")
    assert_accessible(page, "invitation for a new account")
    page.get_by_label("First name").fill("Nia")
    page.get_by_role("button", name="Create my account and accept").click()
    assert page.locator(".error-summary").is_visible()
    assert page.get_by_label("First name").input_value() == "Nia"
    assert_accessible(page, "invitation form with errors")
    page.get_by_label("Last name").fill("Park")
    page.locator("#id_password1").fill("a-long-pass-phrase-42")
    page.locator("#id_password2").fill("a-long-pass-phrase-42")
    page.get_by_role("button", name="Create my account and accept").click()
    page.wait_for_url(re.compile(r".*/accounts/(reauthenticate|2fa/totp/activate)/.*"))
    assert_accessible(page, "second factor before anything else")
    assert User.objects.get(email="colleague@example.org").has_role(Role.COORDINATOR)
