"""A Celery worker killed mid-task: the email is sent later, and nobody is mailed twice.

The worker is killed (SIGKILL, its whole process group) while it is talking to a mail server
that never answers, i.e. after it claimed the email and before it could send it. A new
worker comes up; the sweeper finds the stale claim and sends the email, once, however many
times the job then runs. Needs REDIS_URL and a PostgreSQL DATABASE_URL (CI sets both)."""
import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid

import pytest
from django.db import connection
from django.utils import timezone

from endorsement import mail
from endorsement.models import OutboundEmail
from endorsement.tasks import send_email, send_queued_mail

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def silent_mail_server():
    """Accepts SMTP connections and never says a word (a hung mail server)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    held = []

    def serve():
        while True:
            try:
                held.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=serve, daemon=True).start()
    return server, held


def start_worker(queue, settings, **env):
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": (f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}"
                         f":{db['PORT'] or 5432}/{db['NAME']}"),
        **env,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "endorsement", "worker", "-Q", queue,
         "--concurrency=1", "--pool=prefork", "--without-gossip", "--without-mingle",
         "--loglevel=WARNING", "-n", f"{queue}-{uuid.uuid4().hex[:4]}@%h"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    return process


def wait_for(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_a_worker_killed_mid_send_mails_once_later(settings, tmp_path):
    if not settings.REDIS_URL or connection.vendor != "postgresql":
        pytest.skip("needs REDIS_URL and a PostgreSQL DATABASE_URL (CI sets both)")
    from endorsement.celery import app

    app.conf.task_always_eager = False
    app.conf.result_backend = settings.REDIS_URL
    queue = f"test-kill-{uuid.uuid4().hex[:8]}"
    server, held = silent_mail_server()
    email = mail.queue_rendered(to="rater@example.org", subject="Please rate Ana",
                                body_text="Your link", body_html="", template="x")
    hung = start_worker(queue, settings, EMAIL_HOST="127.0.0.1",
                        EMAIL_PORT=str(server.getsockname()[1]), EMAIL_USE_TLS="false")
    healthy = None
    try:
        send_email.apply_async((email.pk,), queue=queue)
        assert wait_for(lambda: held and OutboundEmail.objects.get(pk=email.pk).status
                        == OutboundEmail.Status.SENDING), "the worker claimed the email"
        os.killpg(hung.pid, signal.SIGKILL)  # the worker and its pool, mid-task
        hung.wait(timeout=10)
        assert OutboundEmail.objects.get(pk=email.pk).status == OutboundEmail.Status.SENDING

        mail_dir = tmp_path / "mail"
        healthy = start_worker(queue, settings, EMAIL_HOST="", MAIL_DIR=str(mail_dir))
        # Fifteen minutes later the claim is stale: the sweeper's next run picks it up.
        OutboundEmail.objects.filter(pk=email.pk).update(
            claimed_at=timezone.now() - mail.STALE_CLAIM - dt.timedelta(minutes=1))
        for _ in range(3):  # the job may run again and again: one email
            send_queued_mail.apply_async(queue=queue).get(timeout=30)
        send_email.apply_async((email.pk,), queue=queue).get(timeout=30)
        email.refresh_from_db()
        assert email.status == OutboundEmail.Status.SENT
        assert len(list(mail_dir.glob("*.log"))) == 1, "nobody is mailed twice"
    finally:
        for process in (hung, healthy):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=15)
        server.close()
        app.conf.task_always_eager = True
