"""Audit findings on the core: every way in goes through the second factor."""
import pytest

from endorsement.testing.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_admin_login_cannot_skip_the_second_factor(client, coordinator):
    """Django admin's own login form signs in with a password only; it must not be a way
    around allauth's TOTP step for staff."""
    response = client.post("/admin/login/?next=/admin/",
                           {"username": coordinator.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert client.get("/coordinator/").status_code == 302  # still signed out


def test_the_admin_is_reached_through_the_normal_sign_in(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/admin/").status_code == 200
