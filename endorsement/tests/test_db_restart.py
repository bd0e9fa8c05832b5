"""PostgreSQL restarted: requests recover without restarting the app.

A restart ends every server connection; here the app's own connection is ended the same way
(pg_terminate_backend: the shared test server stays up for everyone else). The request goes
through the real WSGI handler, as under gunicorn, so Django's per-request connection checks
(CONN_HEALTH_CHECKS) run. Needs DATABASE_URL=postgres://... (CI)."""
import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test.client import RequestFactory

pytestmark = pytest.mark.django_db(transaction=True)


def get(handler, path, cookie):
    environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET",
                                             HTTP_COOKIE=f"sessionid={cookie}")
    status = []
    body = b"".join(handler(environ, lambda s, h, *a: status.append(s)))
    return int(status[0].split()[0]), body


def test_requests_recover_after_the_database_restarts(applicant, settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    import psycopg

    settings.ALLOWED_HOSTS = ["testserver"]
    store = SessionStore()
    store.update({SESSION_KEY: str(applicant.pk), HASH_SESSION_KEY:
                  applicant.get_session_auth_hash(),
                  BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend"})
    store.create()
    handler = WSGIHandler()
    assert get(handler, "/apply/", store.session_key)[0] == 200
    assert connection.connection is not None, "the connection is kept between requests"

    pid = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])

    status, body = get(handler, "/apply/", store.session_key)
    assert status == 200, body[:500]
    assert connection.connection.info.backend_pid != pid
