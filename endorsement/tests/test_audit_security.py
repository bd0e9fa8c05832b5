"""Audit findings on the core: every way in goes through the second factor."""
import pytest

from endorsement.testing.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_admin_login_cannot_skip_the_second_factor(client, coordinator):
    """Django admin's own login form signs in with a password only; it must not be a way
    around allauth's TOTP step for staff."""
    response = client.post("/admin/login/?next=/admin/",
                           {"username": coordinator.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert client.get("/coordinator/").status_code == 302  # still signed out


def test_the_admin_is_reached_through_the_normal_sign_in(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/admin/").status_code == 200


def test_plain_text_mail_is_not_html_escaped_and_html_mail_is():
    from endorsement.mail import queue_mail

    email = queue_mail("reviews_message", "ana@example.org", {
        "name": "Ana O'Neil", "category": "Level II", "url_path": "/apply/1/",
        "body": "Bring <b>both</b> transcripts & the fee"})
    assert "Dear Ana O'Neil," in email.body_text
    assert "Bring <b>both</b> transcripts & the fee" in email.body_text
    assert "&#x27;" not in email.body_text and "&amp;" not in email.body_text
    assert "Ana O&#x27;Neil" in email.body_html
    assert "Bring &lt;b&gt;both&lt;/b&gt; transcripts &amp; the fee" in email.body_html
    assert "<b>" not in email.body_html


def test_html_mail_built_from_the_text_template_still_escapes():
    """references_declined.html includes references_declined.txt: user text in it must
    stay escaped in the HTML part."""
    from endorsement.mail import queue_mail

    email = queue_mail("references_declined", "ana@example.org", {
        "rater_name": "<script>alert(1)</script> O'Hara", "applicant_name": "Ana",
        "level": "Level II", "program": "IMH-E", "expires_on": "2026-12-01",
        "url": "http://127.0.0.1:8000/references/application/1/", "for_coordinator": False})
    assert "<script>alert(1)</script> O'Hara is not able" in email.body_text
    assert "<script>" not in email.body_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; O&#x27;Hara" in email.body_html


def test_subjects_read_as_typed():
    from endorsement.mail import queue_mail

    email = queue_mail("references_request", "rita@example.org", {
        "rater_name": "Rita", "applicant_name": "Ana O'Neil & Co", "level": "Level II",
        "program": "IMH-E", "expires_on": "2026-12-01", "link": "http://x/", "known_for": "1y"})
    assert "O'Neil & Co" in email.subject


def test_demo_logins_are_not_created_on_a_public_site(settings):
    """seed_demo's coordinator has a published password and TOTP secret: on a production
    site (https SITE_URL) that would be a way in for anyone who read the README."""
    from django.core.management import CommandError, call_command

    from endorsement.models import User

    settings.HTTPS = True
    settings.SITE_URL = "https://endorse.example.org"
    with pytest.raises(CommandError, match="refuses to run on a site served over https"):
        call_command("seed_demo")
    assert not User.objects.filter(email="coordinator@demo.test").exists()
    call_command("seed_demo", "--on-public-site", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert User.objects.filter(email="coordinator@demo.test").exists()


def test_the_admin_is_404_for_signed_in_people_who_are_not_staff(client, applicant):
    client.force_login(applicant)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 404
    assert client.post("/admin/login/", {"username": applicant.email,
                                         "password": PASSWORD}).status_code == 404


def test_a_database_password_with_special_characters_is_percent_decoded(monkeypatch):
    """Random passwords often contain @ / : #; in a URL they are percent-encoded, and the
    driver must get the password itself, not its encoding."""
    from pathlib import Path

    from endorsement import config

    monkeypatch.setenv("DATABASE_URL", "postgres://app%2Bro:p%40ss%2Fw%3Ard%23@db:5432/endorse")
    database = config.database("DATABASE_URL", Path("default.sqlite3"))
    assert database["USER"] == "app+ro"
    assert database["PASSWORD"] == "p@ss/w:rd#"
    assert (database["HOST"], database["PORT"], database["NAME"]) == ("db", "5432", "endorse")


def test_the_outbox_keeps_no_working_link_once_the_email_has_left(
        applicant, django_capture_on_commit_callbacks):
    """Rater links are stored hashed; the outbox row held the raw link for good, so the
    table or a backup gave access to ratings (and password resets) without the email."""
    from django.core import mail as django_mail

    from applicants.models import Application
    from endorsement.models import OutboundEmail
    from references import services
    from references.tests.conftest import LINK_RE, RATER
    from references.tokens import hash_token

    application = Application.objects.create(applicant=applicant, program="IMH-E",
                                             category="II")
    with django_capture_on_commit_callbacks(execute=True):
        ref = services.request_reference(application, applicant, **RATER)
    [message] = django_mail.outbox
    raw = LINK_RE.search(message.body).group(1)
    assert hash_token(raw) == ref.token_hash, "the rater's email has the working link"
    row = OutboundEmail.objects.get(to=RATER["rater_email"])
    assert row.status == "sent"
    assert raw not in row.body_text and raw not in row.body_html
    assert "/references/r/[removed-after-sending]/" in row.body_text


def test_a_password_reset_link_is_not_kept_in_the_outbox(client, applicant,
                                                         django_capture_on_commit_callbacks):
    from django.core import mail as django_mail

    from endorsement.models import OutboundEmail

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": applicant.email})
    [message] = django_mail.outbox
    assert "/accounts/password/reset/key/" in message.body
    row = OutboundEmail.objects.get(to=applicant.email)
    assert "/accounts/password/reset/key/[removed-after-sending]/" in row.body_text
    key = message.body.split("/accounts/password/reset/key/")[1].split("/")[0]
    assert key not in row.body_text + row.body_html


def test_queued_emails_keep_their_link_until_sent(applicant):
    from applicants.models import Application
    from endorsement.models import OutboundEmail
    from references import services
    from references.tests.conftest import RATER

    application = Application.objects.create(applicant=applicant, program="IMH-E",
                                             category="II")
    services.request_reference(application, applicant, **RATER)
    row = OutboundEmail.objects.get(to=RATER["rater_email"])
    assert row.status == "queued" and "[removed-after-sending]" not in row.body_text


def test_the_embedded_secret_key_file_is_never_readable_by_others(tmp_path, monkeypatch):
    """Checked at creation, before any later chmod could narrow it."""
    import os
    import stat
    from pathlib import Path

    from endorsement import config

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("SECRET_KEY_FILE", raising=False)
    monkeypatch.setattr(Path, "chmod", lambda self, mode: None)
    old_umask = os.umask(0o022)
    try:
        key = config.secret_key(embedded=True, var_dir=tmp_path)
    finally:
        os.umask(old_umask)
    stored = tmp_path / "secret_key"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert len(key) >= 50 and config.secret_key(embedded=True, var_dir=tmp_path) == key
