"""Every word of the Endorsement® records, renewals, people, exams and reviews emails, of the
certificate and of the receipt goes through the catalog (issue 15): rendered in pseudo-Spanish
(every message bracketed, endorsement.testing.pseudo), nothing English is left outside the
brackets but the values given."""
import datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template.loader import render_to_string

from endorsement.testing.pseudo import pseudo_spanish, unmarked_words

EMAILS = sorted({p.name.removesuffix("_subject.txt").removesuffix(".txt").removesuffix(".html")
                 for p in (Path(settings.BASE_DIR) / "templates" / "emails").iterdir()
                 if p.name.split("_")[0] in ("credentials", "renewals", "exams", "people",
                                             "reviews")})
DATA = [settings.ASSOCIATION_NAME, settings.ASSOCIATION_SHORT_NAME, "Ana Lopez", "example.org",
        "Infant Family Specialist (IFS), IMH-E®", "MASSAIMH-2026-00042"]


def context(flag: bool) -> dict:
    """Values for every variable these templates use; ``flag`` takes each optional branch."""
    day = datetime.date(2026, 12, 31)
    return {
        "holder_name": "Ana Lopez", "name": "Ana Lopez", "applicant": "Ana Lopez",
        "reviewer": "Ana Lopez", "inviter": "Ana Lopez",
        "credential": "Infant Family Specialist (IFS), IMH-E®", "number": "MASSAIMH-2026-00042",
        "category": "II", "program": "IMH-E", "role": "II", "recommendation": "II",
        "mode": "II", "place": "example.org", "code": "II", "body": "Ana Lopez",
        "valid_through": day, "due_on": day, "starts_at": datetime.datetime(2026, 12, 31, 9),
        "assigned_on": day, "date": "2026", "year": 2026, "days": 7, "days_before": 7,
        "requirements": ["Ana Lopez"], "renewed": [{"credential": "Ana Lopez", "number": "II",
                                                     "valid_through": day}],
        "message": "Ana Lopez", "return_message": "Ana Lopez",
        "passed": flag, "part1_score": 90, "part1_passed": flag, "part2_passed": flag,
        "claim": flag, "coordinator_email": "coordinator@example.org" if flag else "",
        "url": "https://example.org/x", "url_path": "/x", "site_url": "https://example.org",
        "mine_url": "https://example.org/x", "apply_url": "https://example.org/x",
        "renewal_url": "https://example.org/x", "association_name": settings.ASSOCIATION_NAME,
    }


@pytest.mark.parametrize("flag", [True, False])
@pytest.mark.parametrize("template", EMAILS)
def test_every_word_of_the_email_goes_through_the_catalog(template, flag, monkeypatch):
    with pseudo_spanish(monkeypatch):
        for part in (f"emails/{template}_subject.txt", f"emails/{template}.txt",
                     f"emails/{template}.html"):
            text = render_to_string(part, context(flag))
            left = unmarked_words(text.replace("https://example.org/x", " "), DATA)
            assert not left, f"{part}: {', '.join(sorted(left))}"


def test_every_word_of_the_certificate_goes_through_the_catalog(monkeypatch):
    with pseudo_spanish(monkeypatch):
        html = render_to_string("credentials/certificate.html", {
            **context(True), "association": settings.ASSOCIATION_NAME,
            "issued_on": datetime.date(2026, 5, 4), "verify_url": "https://example.org/x",
            "association_short_name": settings.ASSOCIATION_SHORT_NAME})
    assert '<html lang="es">' in html
    assert not unmarked_words(html.replace("https://example.org/x", " "), DATA)


@pytest.mark.parametrize("kind", ["payment", "refund"])
def test_every_word_of_the_receipt_goes_through_the_catalog(monkeypatch, kind):
    payment = SimpleNamespace(
        kind=kind, receipt_number="R-000001", amount=Decimal("50"), reference="1001",
        received_on=datetime.date(2026, 5, 4), application=None,
        renewal=SimpleNamespace(year=2026), get_purpose_display=lambda: "II",
        get_method_display=lambda: "II")
    with pseudo_spanish(monkeypatch):
        html = render_to_string("payments/receipt.html", {
            "payment": payment, "association": settings.ASSOCIATION_NAME,
            "payer_name": "Ana Lopez"})
    assert '<html lang="es">' in html
    assert not unmarked_words(html.replace("R-000001", " "), DATA)
