import pytest
from django.core.management import call_command

from endorsement.credentials.models import Certificate, Endorsement, RegistryListing

pytestmark = pytest.mark.django_db


def test_the_demo_applicant_holds_an_endorsement_with_a_certificate_once(
        django_capture_on_commit_callbacks, capsys):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    endorsement = Endorsement.objects.get(holder__email="applicant@demo.test")
    assert endorsement.credential_name == "Infant Family Associate (IFA), IMH-E®"
    assert Certificate.objects.filter(endorsement=endorsement).exclude(file="").count() == 1
    assert RegistryListing.objects.filter(holder=endorsement.holder).exists()
    endorsements, certificates = Endorsement.objects.count(), Certificate.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    # A second run adds no Endorsement® and renders no certificate again.
    assert Endorsement.objects.count() == endorsements
    assert Certificate.objects.count() == certificates == endorsements
