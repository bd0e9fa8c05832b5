"""The certificate: real WeasyPrint, text read back with poppler, made once per content."""
import datetime
import shutil
import subprocess

import pytest
from django.urls import reverse

from endorsement.credentials import certificates
from endorsement.credentials.models import Certificate, EndorsementStatus
from endorsement.credentials.tasks import render_certificate
from endorsement.models import AuditEvent

pytestmark = pytest.mark.django_db
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) is not installed")


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


@needs_poppler
def test_issuing_makes_a_one_page_certificate_with_everything_printed(
        endorse, applicant, settings):
    endorsement = endorse(applicant, issued_on=datetime.date(2026, 5, 4))
    certificate = Certificate.objects.get(endorsement=endorsement)
    path = certificate.file.path
    assert str(path).startswith(str(settings.MEDIA_ROOT))  # private storage, random name
    assert "certificates/" in certificate.file.name and endorsement.number not in path
    text = " ".join(pdf_text(path).split())
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "Pages: 1" in " ".join(info.split())
    assert "Ana Lopez" in text
    assert "Infant Family Specialist (IFS), IMH-E®" in text
    assert endorsement.number in text
    assert "May 4, 2026" in text and "December 31, 2027" in text
    assert settings.ASSOCIATION_NAME in text
    assert "Endorsement Coordinator" in text and "President" in text
    verify_path = reverse("credentials:verify_number", args=[endorsement.number])
    assert settings.SITE_URL + verify_path in text
    assert AuditEvent.objects.filter(action="endorsement.certificate_made",
                                     subject_id=endorsement.pk).count() == 1


@needs_poppler
def test_the_certificate_page_is_not_blank(endorse, applicant, tmp_path):
    endorsement = endorse(applicant)
    path = Certificate.objects.get(endorsement=endorsement).file.path
    subprocess.run(["pdftoppm", "-gray", "-r", "20", path, str(tmp_path / "page")],
                   check=True)
    image = next(tmp_path.glob("page*.pgm")).read_bytes()
    pixels = image.split(b"\n", 3)[3]  # after P5, size and max value
    dark = sum(1 for value in pixels if value < 128)
    assert dark > len(pixels) * 0.01


def test_running_the_task_twice_makes_one_certificate(endorsement_without_certificate):
    endorsement = endorsement_without_certificate
    first = render_certificate.delay(endorsement.pk).get()
    assert render_certificate.delay(endorsement.pk).get() is None
    assert list(Certificate.objects.filter(endorsement=endorsement)
                .values_list("pk", flat=True)) == [first]


def test_a_claim_held_by_another_worker_is_left_alone_and_a_dead_one_taken_over(
        endorsement_without_certificate):
    from django.utils import timezone

    endorsement = endorsement_without_certificate
    content = certificates.content_of(endorsement)
    version = certificates.content_version(content)
    claim = Certificate.objects.create(endorsement=endorsement, content_version=version,
                                       holder_name="x", claimed_at=timezone.now())
    assert certificates.make_certificate(endorsement.pk) is None  # another worker is on it
    Certificate.objects.filter(pk=claim.pk).update(
        claimed_at=timezone.now() - certificates.STALE_CLAIM * 2)
    made = certificates.make_certificate(endorsement.pk)
    assert made.pk == claim.pk and made.file
    assert Certificate.objects.filter(endorsement=endorsement).count() == 1


def test_a_new_name_or_new_dates_make_a_new_certificate_a_status_change_does_not(
        endorse, applicant, django_capture_on_commit_callbacks):
    endorsement = endorse(applicant)
    with django_capture_on_commit_callbacks(execute=True):
        applicant.last_name = "Lopez-Reyes"
        applicant.save()
    assert Certificate.objects.filter(endorsement=endorsement).count() == 2
    assert certificates.current_certificate(endorsement).holder_name == "Ana Lopez-Reyes"
    with django_capture_on_commit_callbacks(execute=True):
        endorsement.valid_through = datetime.date(endorsement.valid_through.year + 1, 12, 31)
        endorsement.save()
    assert Certificate.objects.filter(endorsement=endorsement).count() == 3
    with django_capture_on_commit_callbacks(execute=True):
        endorsement.status = EndorsementStatus.INACTIVE
        endorsement.save(update_fields=["status"])
        applicant.save(update_fields=["last_login"])
    assert Certificate.objects.filter(endorsement=endorsement).count() == 3


def test_the_task_returns_quietly_for_a_missing_endorsement():
    assert render_certificate.delay(987654).get() is None


@pytest.fixture
def endorsement_without_certificate(applicant, coordinator):
    """Recorded without running the after-commit task."""
    from endorsement.credentials.services import record_endorsement

    return record_endorsement(holder=applicant, program="IMH-E", category="II",
                              issued_on=datetime.date.today(), rules_edition="massaimh-2015",
                              actor=coordinator)


def test_the_profile_name_is_the_certificates_name_and_renaming_there_remakes_it(
        endorse, applicant, django_capture_on_commit_callbacks):
    from applicants.models import ApplicantProfile

    profile = ApplicantProfile.objects.create(
        user=applicant, full_name="Ana María Lopez", phone="1", address="1 Main St",
        city="Boston", postal_code="02110", work_setting="other", region="central",
        languages="English")
    endorsement = endorse(applicant)
    assert certificates.current_certificate(endorsement).holder_name == "Ana María Lopez"
    with django_capture_on_commit_callbacks(execute=True):
        profile.full_name = "Ana María Lopez-Reyes"
        profile.save()
    assert certificates.current_certificate(endorsement).holder_name == "Ana María Lopez-Reyes"
    with django_capture_on_commit_callbacks(execute=True):
        profile.phone = "2"
        profile.save()  # the name did not change: no new certificate
    assert Certificate.objects.filter(endorsement=endorsement).count() == 2


def test_a_failed_render_releases_its_claim_and_the_sweep_makes_it_later(
        endorsement_without_certificate, settings):
    from django.utils import timezone

    from endorsement.credentials.models import Endorsement
    from endorsement.credentials.tasks import remake_missing_certificates

    endorsement = endorsement_without_certificate
    settings.ASSOCIATION_LOGO = "/nonexistent/logo.svg"  # a missing logo is left out, not fatal
    broken = settings.TEMPLATES[0]["DIRS"]
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": []}]  # the template cannot be found
    with pytest.raises(Exception):  # noqa: B017 - whatever the renderer raises
        certificates.make_certificate(endorsement.pk)
    assert not Certificate.objects.filter(endorsement=endorsement).exists()
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": broken}]
    Endorsement.objects.filter(pk=endorsement.pk).update(
        created_at=timezone.now() - certificates.STALE_CLAIM * 2)
    assert remake_missing_certificates.delay().get() == 1
    assert Certificate.objects.filter(endorsement=endorsement).exclude(file="").count() == 1
    assert remake_missing_certificates.delay().get() == 0
