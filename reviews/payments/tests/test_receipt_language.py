"""The receipt is printed in its payer's language."""
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.utils import timezone

from applicants.tests.factories import ApplicationFactory
from reviews.payments import services

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
@pytest.mark.parametrize(("language", "words"), [("en", "Received from"), ("es", "Recibido de")])
def test_the_receipt_follows_the_payers_language(coordinator, applicant, tmp_path, language,
                                                 words):
    applicant.language = language
    applicant.save(update_fields=["language"])
    payment = services.record_payment(ApplicationFactory(applicant=applicant),
                                      amount=Decimal("10"), method="check",
                                      received_on=timezone.localdate(), actor=coordinator)
    path = tmp_path / "receipt.pdf"
    path.write_bytes(services.render_receipt(payment))
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert words in " ".join(text.split())
    assert payment.receipt_number in text
