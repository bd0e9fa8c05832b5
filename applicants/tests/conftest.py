import pytest

from applicants.tests.factories import ApplicationFactory, complete


@pytest.fixture
def draft(applicant):
    return ApplicationFactory(applicant=applicant, category="II")


@pytest.fixture
def ready(applicant):
    return complete(ApplicationFactory(applicant=applicant, category="II"))
