"""The certificate is printed in its holder's language; the credential keeps its published
English name, with a rendering beside it for a reader in another language."""
import datetime
import shutil
import subprocess

import pytest
from django.utils import translation

from endorsement.credentials import certificates, names
from endorsement.credentials.models import Certificate
from endorsement.i18n import set_account_language

pytestmark = pytest.mark.django_db
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) is not installed")


def pdf_text(certificate) -> str:
    out = subprocess.run(["pdftotext", "-layout", certificate.file.path, "-"], check=True,
                         capture_output=True, text=True).stdout
    return " ".join(out.split())


def newest(endorsement) -> Certificate:
    return certificates.current_certificate(endorsement)


@needs_poppler
def test_a_spanish_holders_certificate_is_printed_in_spanish(endorse, applicant):
    applicant.language = "es"
    applicant.save(update_fields=["language"])
    endorsement = endorse(applicant, issued_on=datetime.date(2026, 5, 4))
    text = pdf_text(newest(endorsement))
    assert "Se certifica que" in text and "This certifies that" not in text
    assert "Infant Family Specialist (IFS), IMH-E®" in text  # the published name stays
    assert "31 de diciembre de 2027" in text  # the date in Spanish too
    assert certificates.content_of(endorsement)["language"] == "es"


@needs_poppler
def test_changing_language_makes_the_certificate_again_in_the_new_one(
        endorse, applicant, django_capture_on_commit_callbacks):
    endorsement = endorse(applicant)
    assert "This certifies that" in pdf_text(newest(endorsement))
    with django_capture_on_commit_callbacks(execute=True):
        assert set_account_language(applicant, "es")
    assert Certificate.objects.filter(endorsement=endorsement).exclude(file="").count() == 2
    assert "Se certifica que" in pdf_text(newest(endorsement))
    with django_capture_on_commit_callbacks(execute=True):
        assert not set_account_language(applicant, "es")  # no change: nothing made
    assert Certificate.objects.filter(endorsement=endorsement).count() == 2


def test_the_credential_name_is_published_english_with_a_rendering_beside(monkeypatch):
    assert names.credential_name("IMH-E", "II") == "Infant Family Specialist (IFS), IMH-E®"
    with translation.override("es"):
        # Without a rendering in the catalog, the published name alone.
        monkeypatch.setitem(names.RENDERINGS, "Infant Family Specialist",
                            "Infant Family Specialist")
        assert names.credential_name("IMH-E", "II") == "Infant Family Specialist (IFS), IMH-E®"
        monkeypatch.setitem(names.RENDERINGS, "Infant Family Specialist",
                            "Especialista en familia e infancia")
        assert names.credential_name("IMH-E", "II") == (
            "Infant Family Specialist (IFS), IMH-E® (Especialista en familia e infancia)")
        assert names.title_with_rendering("Infant Family Specialist") == (
            "Infant Family Specialist (Especialista en familia e infancia)")
        lazy_name = names.credential_name_lazy("IMH-E", "II")
    monkeypatch.undo()
    assert str(lazy_name) == "Infant Family Specialist (IFS), IMH-E®"  # printed in English
