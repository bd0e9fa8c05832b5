import pytest

from applicants.tests.factories import ApplicationFactory, complete


@pytest.fixture
def draft(applicant):
    return ApplicationFactory(applicant=applicant, category="II")


@pytest.fixture
def ready(applicant):
    return complete(ApplicationFactory(applicant=applicant, category="II"))


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Factories set a password for every user; a fast hasher keeps these tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
