import pytest
from django.core.management import call_command

from applicants.models import Application, ApplicationEvent, CoordinatorMessage

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (Application.objects.count(), ApplicationEvent.objects.count(),
              CoordinatorMessage.objects.count())
    statuses = dict(Application.objects.values_list("category", "status")
                    .filter(applicant__email="jo@demo.test"))
    assert statuses == {"I": "returned"}
    assert set(Application.objects.values_list("status", flat=True)) >= {
        "draft", "submitted", "returned"}
    assert counts[0] >= 5
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Application.objects.count(), ApplicationEvent.objects.count(),
            CoordinatorMessage.objects.count()) == counts
