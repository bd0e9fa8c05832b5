"""Headers in production: a strict Content-Security-Policy, a Permissions-Policy, no-store on
every signed-in and rater page."""
import json
import re
from pathlib import Path

import pytest

from endorsement.testing.clients import sign_in_client
from endorsement.tests.test_config import PRODUCTION, manage

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json
from django.conf import settings
from django.test import Client, override_settings
plain = {**settings.STORAGES, "staticfiles": {  # no collectstatic in a test
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=plain):
    r = Client().get("/", secure=True, HTTP_HOST="endorse.example.org")
print(json.dumps({"status": r.status_code, **{k: r.get(k, "") for k in (
    "Content-Security-Policy", "Permissions-Policy", "Cache-Control",
    "Strict-Transport-Security", "X-Frame-Options", "Referrer-Policy")}}))
"""


def test_a_production_settings_response_carries_the_headers(tmp_path):
    env = {**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"}
    result = manage("shell", "-c", PROBE, **env)
    assert result.returncode == 0, result.stderr
    headers = json.loads(result.stdout.strip().splitlines()[-1])
    assert headers["status"] == 200
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Frame-Options"] == "DENY"


def test_every_signed_in_page_is_no_store(client, applicant, coordinator):
    from applicants.tests.factories import ApplicationFactory

    application = ApplicationFactory(applicant=applicant)
    sign_in_client(client, applicant)
    for url in ("/apply/", f"/apply/{application.pk}/", f"/apply/{application.pk}/about-you/",
                "/accounts/email/"):
        assert "no-store" in client.get(url)["Cache-Control"], url
    sign_in_client(client, coordinator)
    for url in ("/coordinator/", "/outbox/", "/references/coordinator/"):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_every_rater_page_is_no_store(client):
    for url in ("/references/r/" + "x" * 43 + "/", "/references/rate/1/",
                "/references/rate/thanks/"):
        assert "no-store" in client.get(url)["Cache-Control"], url


PDF_TEMPLATES = ("credentials/certificate.html", "payments/receipt.html")


def test_no_template_has_inline_script_or_style():
    """Pages only (emails are not pages: mail clients need inline style; nor are the documents
    WeasyPrint renders to PDF, which no browser loads)."""
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        if "emails" in path.parts or "pdf" in path.parts or path.relative_to(
                ROOT / "templates").as_posix() in PDF_TEMPLATES:
            continue
        text = path.read_text()
        if re.search(r"<style|\sstyle=\"|\son[a-z]+=\"", text):
            offenders.append(str(path.relative_to(ROOT)))
        for match in re.finditer(r"<script(?![^>]*\bsrc=)([^>]*)>", text):
            if "application/json" not in match.group(1):
                offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, f"move inline script/style into static/: {sorted(set(offenders))}"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_pages_break_no_rule_of_the_policy_in_a_browser(page, live_server, coordinator):
    from endorsement.testing.browser import assert_accessible, sign_in

    violations = []
    page.on("console", lambda m: violations.append(m.text)
            if "Content Security Policy" in m.text else None)
    page.goto(live_server.url + "/accounts/login/")
    assert_accessible(page, "sign-in page")
    sign_in(page, live_server, coordinator)
    for path in ("/coordinator/", "/outbox/", "/references/coordinator/", "/accounts/2fa/"):
        page.goto(live_server.url + path)
    assert not violations, violations
