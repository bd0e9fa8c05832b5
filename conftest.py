"""Fixtures shared by every app's tests: one user per role, and Chromium for browser tests."""
import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM is still used
# synchronously there, which is safe in tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


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
    page.set_default_timeout(10_000)
    return page


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Keep uploads and mail of each test in its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
