"""Fixtures shared by every app's tests: one user per role, and Chromium for browser tests."""
import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM is still used
# synchronously there, which is safe in tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogs():
    """The Spanish catalog compiled (the .mo is not committed), as `make test` does."""
    from endorsement.testing.i18n import ensure_compiled

    ensure_compiled()


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in English: a Spanish page a test requested leaves the thread's
    language active, and code outside a request (emails, the engine) would follow it."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def applicant(db):
    from endorsement.testing.factories import UserFactory

    return UserFactory(email="applicant@example.org", first_name="Ana", last_name="Lopez")


@pytest.fixture
def other_applicant(db):
    from endorsement.testing.factories import UserFactory

    return UserFactory(email="stranger@example.org", first_name="Sam", last_name="Stone")


@pytest.fixture
def coordinator(db):
    from endorsement.testing.factories import CoordinatorFactory

    return CoordinatorFactory(email="coordinator@example.org", first_name="Cora", last_name="Ward")


@pytest.fixture
def coordinator_client(client, coordinator):
    """The test client signed in as the coordinator, second factor done."""
    from endorsement.testing.clients import sign_in_client

    return sign_in_client(client, coordinator)


@pytest.fixture
def reviewer(db):
    from endorsement.testing.factories import ReviewerFactory

    return ReviewerFactory(email="reviewer@example.org", first_name="Rae", last_name="Quinn")


@pytest.fixture
def advisor(db):
    from endorsement.testing.factories import AdvisorFactory

    return AdvisorFactory(email="advisor@example.org", first_name="Ada", last_name="Moss")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage",
        ],
    }


@pytest.fixture
def page(page):
    """Every browser journey also fails if a page breaks the Content-Security-Policy (an
    inline script or style: move it into static/)."""
    page.set_default_timeout(10_000)
    refused = []
    page.on("console", lambda m: refused.append(m.text)
            if "Content Security Policy" in m.text else None)
    yield page
    assert not refused, f"the Content-Security-Policy refused: {refused}"


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Each test gets its own uploads folder and cache; tasks run in-process unless a test
    asks for the real worker (fixture ``celery_worker``)."""
    from endorsement.celery import app

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()  # locmem caches of one name share their store: start each test empty
    # Factories hash a password for every user; a fast hasher keeps the suite quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


class RealWorker:
    """A `celery worker` process on Redis, reading the test database, on a queue of its own."""

    def __init__(self, queue: str, mail_dir):
        self.queue = queue
        self.mail_dir = mail_dir

    def run(self, task, *args, timeout: float = 20.0):
        """Send ``task`` to the worker and wait for its result."""
        return task.apply_async(args, queue=self.queue).get(timeout=timeout)


@pytest.fixture
def celery_worker(transactional_db, settings, tmp_path):
    """Start a real Celery worker against Redis and this test's PostgreSQL database."""
    import subprocess
    import sys
    import time
    import uuid

    from django.db import connection

    from endorsement.celery import app

    if not settings.REDIS_URL or connection.vendor != "postgresql":
        pytest.skip("needs REDIS_URL and a PostgreSQL DATABASE_URL (CI sets both)")
    db = connection.settings_dict
    queue = f"test-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "MAIL_DIR": str(mail_dir),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),  # files the worker writes, the test reads
        "EMAIL_HOST": "",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "endorsement", "worker", "-Q", queue,
         "--concurrency=2", "--pool=prefork", "--without-gossip", "--without-mingle",
         "--loglevel=WARNING", "-n", f"{queue}@%h"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    app.conf.task_always_eager = False
    app.conf.result_backend = settings.REDIS_URL
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode()[-2000:])
            if app.control.ping(destination=[f"{queue}@{os.uname().nodename}"], timeout=0.5):
                break
        else:
            raise RuntimeError("the Celery worker did not start within 30 s")
        yield RealWorker(queue, mail_dir)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        app.conf.task_always_eager = True
