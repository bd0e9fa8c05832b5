"""Redis down is not an outage: sign-in works, actions answer at once, mail waits and leaves later.

Redis is "down" here as a port nothing listens on; the cache and the Celery broker both point
at it, as in production with REDIS_URL set.
"""
import datetime as dt
import logging
import time

import pytest
from django.core import mail as sent
from django.core.cache import caches
from django.utils import timezone

from applicants.tests.factories import ApplicationFactory
from endorsement.models import OutboundEmail
from endorsement.testing.clients import sign_in_client
from endorsement.testing.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
DEAD_REDIS = "redis://127.0.0.1:6399/0"


@pytest.fixture
def redis_down(settings):
    from endorsement.celery import app

    settings.CACHES = {"default": {"BACKEND": "endorsement.cache.ResilientRedisCache",
                                   "LOCATION": DEAD_REDIS}}
    saved = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = DEAD_REDIS, False
    app._pool = None
    app.amqp._producer_pool = None
    yield
    app.conf.broker_url, app.conf.task_always_eager = saved
    app._pool = None
    app.amqp._producer_pool = None


def test_sign_in_works_and_the_log_says_the_limiter_degraded(client, redis_down, caplog):
    user = UserFactory()
    with caplog.at_level(logging.WARNING, logger="endorsement.cache"):
        response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    assert "Redis cache unreachable" in caplog.text


def test_the_limiter_still_limits_while_redis_is_down(client, redis_down):
    UserFactory(email="target@example.org")
    for _ in range(6):
        response = client.post("/accounts/login/", {"login": "target@example.org",
                                                    "password": "wrong-guess"})
    assert b"Too many failed login attempts" in response.content
    caches["default"].clear()


def test_an_action_that_mails_answers_at_once_and_the_mail_waits(
        client, coordinator, redis_down, django_capture_on_commit_callbacks):
    application = ApplicationFactory(status="submitted")
    sign_in_client(client, coordinator)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/coordinator/applications/{application.pk}/message/",
                               {"body": "Please add your transcript."})
    assert time.monotonic() - started < 5
    assert response.status_code == 302, "the normal answer, not a 500 after saving"
    waiting = OutboundEmail.objects.get(to=application.applicant.email)
    assert waiting.status == OutboundEmail.Status.QUEUED
    # The person did not see an answer in time and pressed again: one message, one email.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(f"/coordinator/applications/{application.pk}/message/",
                            {"body": "Please add your transcript."})
    assert again.status_code == 302
    assert application.coordinator_messages.count() == 1
    assert OutboundEmail.objects.filter(to=application.applicant.email).count() == 1


def test_the_sweeper_sends_it_once_redis_is_back(client, coordinator, settings):
    """Redis back (tasks run again): the beat job sends what waited, exactly once."""
    from endorsement.tasks import send_queued_mail

    application = ApplicationFactory(status="submitted")
    sign_in_client(client, coordinator)
    client.post(f"/coordinator/applications/{application.pk}/message/",
                {"body": "Please add your transcript."})  # on_commit never runs in a test
    waiting = OutboundEmail.objects.get(to=application.applicant.email)
    OutboundEmail.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=10))
    send_queued_mail.delay()
    send_queued_mail.delay()  # the job running twice sends once
    waiting.refresh_from_db()
    assert waiting.status == OutboundEmail.Status.SENT
    assert [m.to for m in sent.outbox] == [[application.applicant.email]]
