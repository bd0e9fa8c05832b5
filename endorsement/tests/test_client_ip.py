"""Behind the proxy, rate limits key on the real visitor: an abuser does not lock out everyone."""
import pytest
from django.core.cache import cache
from django.test import RequestFactory

from endorsement.clientip import client_ip
from endorsement.testing.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.2"
ABUSER, GOOD = "203.0.113.5", "198.51.100.7"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"


def fail_sign_in(client, n, **headers):
    return client.post("/accounts/login/", {"login": f"nobody{n}@example.org",
                                            "password": "wrong-guess"}, **headers)


def test_only_the_abuser_is_limited_behind_the_proxy(client, behind_proxy):
    user = UserFactory(email="good@example.org")
    for n in range(12):  # "10/m/ip": failed sign-ins from one address
        response = fail_sign_in(client, n, REMOTE_ADDR=PROXY,
                                HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, {ABUSER}")
    assert b"Too many failed login attempts" in response.content
    good = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD},
                       REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=GOOD)
    assert good.status_code == 302, "another visitor behind the same proxy signs in"
    assert "_auth_user_id" in client.session


def test_a_forged_header_without_a_proxy_changes_nothing(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(12):
        response = fail_sign_in(client, n, REMOTE_ADDR=ABUSER,
                                HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert b"Too many failed login attempts" in response.content


def test_a_burst_of_reset_requests_limits_the_sender_only(client, behind_proxy):
    UserFactory(email="victim@example.org")
    answers = [client.post("/accounts/password/reset/", {"email": f"p{n}@example.org"},
                           REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ABUSER).status_code
               for n in range(25)]  # "20/m/ip"
    assert 429 in answers
    other = client.post("/accounts/password/reset/", {"email": "victim@example.org"},
                        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=GOOD)
    assert other.status_code == 302


@pytest.mark.parametrize(("count", "header", "remote", "value", "expected"), [
    (0, "X-Forwarded-For", "192.0.2.1", "203.0.113.9", "192.0.2.1"),   # no proxy: ignored
    (1, "X-Forwarded-For", PROXY, "203.0.113.9", "203.0.113.9"),
    (1, "X-Forwarded-For", PROXY, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # longer chain
    (2, "X-Forwarded-For", PROXY, "6.6.6.6, 203.0.113.9, 10.0.0.3", "203.0.113.9"),
    (2, "X-Forwarded-For", PROXY, "203.0.113.9", "203.0.113.9"),  # shorter: no 500
    (1, "X-Forwarded-For", PROXY, "", PROXY),
    (1, "X-Forwarded-For", PROXY, "not-an-address", PROXY),
    (1, "X-Forwarded-For", PROXY, "203.0.113.9:4431", "203.0.113.9"),
    (1, "X-Forwarded-For", PROXY, "[2001:DB8::1]:443", "2001:db8::1"),
    (1, "X-Real-IP", PROXY, "203.0.113.9", "203.0.113.9"),
])
def test_the_client_address(settings, count, header, remote, value, expected):
    settings.TRUSTED_PROXY_COUNT, settings.CLIENT_IP_HEADER = count, header
    meta = {"REMOTE_ADDR": remote}
    if value:
        meta["HTTP_" + header.upper().replace("-", "_")] = value
    assert client_ip(RequestFactory().get("/", **meta)) == expected


@pytest.mark.parametrize(("env", "named"), [
    ({"TRUSTED_PROXY_COUNT": "1"}, "TRUSTED_PROXY_COUNT"),           # but not BEHIND_PROXY
    ({"BEHIND_PROXY": "true", "TRUSTED_PROXY_COUNT": "0"}, "TRUSTED_PROXY_COUNT"),
    ({"BEHIND_PROXY": "true", "TRUSTED_PROXY_COUNT": "two"}, "TRUSTED_PROXY_COUNT"),
    ({"CLIENT_IP_HEADER": "X Forwarded: For"}, "CLIENT_IP_HEADER"),
])
def test_proxy_settings_are_checked_at_start_up(env, named, tmp_path):
    from endorsement.tests.test_config import manage

    result = manage("check", VAR_DIR=str(tmp_path), **env)
    assert result.returncode == 2
    assert result.stderr.startswith(f"Configuration error: {named}:"), result.stderr


def test_a_burst_of_sign_ups_limits_the_sender_only(client, behind_proxy):
    def sign_up(n, address):
        return client.post("/accounts/signup/", {
            "email": f"new{n}@example.org", "password1": "short", "password2": "short"},
            REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address).status_code

    answers = [sign_up(n, ABUSER) for n in range(25)]  # "20/m/ip"
    assert 429 in answers
    assert sign_up(99, GOOD) == 200, "someone else behind the proxy gets the form"
