"""The mail outbox: written in the caller's transaction, text + HTML, sent once, retried."""
import smtplib

import pytest
from django.core import mail as django_mail
from django.db import transaction

from endorsement import mail
from endorsement.models import OutboundEmail
from endorsement.testing.clients import sign_in_client

pytestmark = pytest.mark.django_db


def queue_welcome(to="ana@example.org"):
    return mail.queue_rendered(
        to=to, subject="Welcome", body_text="Hello Ana", body_html="<p>Hello Ana</p>",
        template="welcome",
    )


def test_mail_is_sent_only_after_the_change_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_welcome()
        assert len(django_mail.outbox) == 0, "nothing leaves before commit"
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert email.attempts == 1
    sent = django_mail.outbox[0]
    assert sent.to == ["ana@example.org"]
    assert sent.body == "Hello Ana"
    assert sent.alternatives[0][1] == "text/html"


def test_a_rolled_back_change_mails_no_one(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                queue_welcome()
                raise RuntimeError("the change failed")
        except RuntimeError:
            pass
    assert OutboundEmail.objects.count() == 0
    assert django_mail.outbox == []


def test_delivering_twice_sends_once():
    email = queue_welcome()
    assert mail.deliver(email.pk) is True
    assert mail.deliver(email.pk) is False
    assert len(django_mail.outbox) == 1


def test_a_passing_smtp_failure_is_kept_for_retry(monkeypatch):
    email = queue_welcome()

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("connection closed")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    with pytest.raises(mail.RetryableMailError):
        mail.deliver(email.pk)
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.QUEUED
    assert "connection closed" in email.last_error
    monkeypatch.undo()
    assert mail.deliver(email.pk) is True
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == ("sent", 2, "")


def test_a_refused_recipient_fails_for_good(monkeypatch):
    email = queue_welcome()

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({"ana@example.org": (550, b"no such user")})

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    assert mail.deliver(email.pk) is False
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.FAILED
    assert "no such user" in email.last_error


def test_queue_mail_renders_subject_text_and_html_from_templates():
    email = mail.queue_mail("test_notice", "ana@example.org", {"name": "Ana"})
    assert email.subject.endswith("A notice for Ana")
    assert "Ana" in email.body_text
    assert "<p>" in email.body_html and "Ana" in email.body_html


def test_the_sweeper_finds_mail_whose_task_was_lost(django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    from endorsement.tasks import send_queued_mail

    email = queue_welcome()
    OutboundEmail.objects.filter(pk=email.pk).update(
        created_at=timezone.now() - timedelta(minutes=10)
    )
    assert send_queued_mail.apply().get() == 1
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT


def test_the_coordinator_sees_the_outbox_and_others_get_404(client, coordinator, applicant):
    queue_welcome("someone@example.org")
    client.force_login(applicant)
    assert client.get("/outbox/").status_code == 404
    sign_in_client(client, coordinator)
    response = client.get("/outbox/")
    assert response.status_code == 200
    assert b"someone@example.org" in response.content


def test_outbox_page_uses_constant_queries(client, coordinator, django_assert_num_queries):
    client.force_login(coordinator)
    client.get("/outbox/")  # warm the session and the TOTP check
    for count in (1, 50):
        OutboundEmail.objects.all().delete()
        for n in range(count):
            queue_welcome(f"p{n}@example.org")
        # session, user, the total, the page's ids, its rows
        with django_assert_num_queries(5):
            assert client.get("/outbox/").status_code == 200


def test_a_coordinator_who_applied_does_not_read_mail_about_their_own_application(
        client, coordinator, applicant):
    """Who reviews their application (the reviewers' assignment emails) is not theirs to
    know: the outbox lists, opens and resends none of the emails about it sent to others;
    emails sent to them, and emails about other applications, stay."""
    from applicants.tests.factories import ApplicationFactory

    own = ApplicationFactory(applicant=coordinator)
    other = ApplicationFactory(applicant=applicant)
    to_reviewer = OutboundEmail.objects.create(
        to="reviewer@example.org", subject="Please review Cora Ward", template="reviews_assigned",
        body_text="x", about_type="applicants.application", about_id=own.pk)
    to_them = OutboundEmail.objects.create(
        to=coordinator.email, subject="Your application was returned",
        template="applicants_returned", body_text="x", about_type="applicants.application",
        about_id=own.pk)
    about_other = OutboundEmail.objects.create(
        to="reviewer@example.org", subject="Please review Ana Lopez", template="reviews_assigned",
        body_text="x", about_type="applicants.application", about_id=other.pk)
    sign_in_client(client, coordinator)
    page = client.get("/outbox/").content.decode()
    assert "Please review Cora Ward" not in page
    assert "Your application was returned" in page and "Please review Ana Lopez" in page
    assert client.get(f"/outbox/{to_reviewer.pk}/").status_code == 404
    assert client.post(f"/outbox/{to_reviewer.pk}/resend/").status_code == 404
    assert client.get(f"/outbox/{to_them.pk}/").status_code == 200
    assert client.get(f"/outbox/{about_other.pk}/").status_code == 200
