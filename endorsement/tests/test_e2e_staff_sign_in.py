"""Journey: the coordinator signs in with a password and an authenticator code."""
import pytest

from endorsement.testing.browser import assert_accessible
from endorsement.testing.factories import PASSWORD, current_totp_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_signs_in_with_two_factors_and_reaches_the_queues(
    page, live_server, coordinator
):
    page.goto(live_server.url + "/accounts/login/")
    assert_accessible(page, "sign-in page")
    page.get_by_label("Email").fill(coordinator.email)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign In").click()
    assert page.get_by_text("are not correct").is_visible()
    assert_accessible(page, "sign-in page with an error")

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/2fa/authenticate/")
    assert_accessible(page, "two-factor page")
    page.get_by_label("6-digit code").fill(current_totp_code(coordinator.totp_secret))
    page.get_by_role("button", name="Sign In").click()

    page.wait_for_url("**/coordinator/")
    assert_accessible(page, "coordinator queues")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Outbox").click()
    page.wait_for_url("**/outbox/")
    assert_accessible(page, "outbox")
