"""Rater links: guessing, tampering, reuse, expiry, resend and extend."""
import hashlib
import secrets
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from references import services, tokens
from references.models import ReferenceRequest

from .conftest import scores, token_for

pytestmark = pytest.mark.django_db


def link(token):
    return reverse("references:link", args=[token])


def start(client, token):
    return client.post(link(token), {"action": "start"})


def test_token_is_long_random_and_stored_only_hashed(ask):
    ref, raw = ask()
    assert len(raw) == 43 and tokens.is_well_formed(raw)  # 32 bytes = 256 bits
    ref.refresh_from_db()
    assert ref.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    stored = " ".join(str(v) for v in ReferenceRequest.objects.values().get().values())
    assert raw not in stored


def test_get_shows_who_asks_and_changes_nothing(client, ask):
    ref, raw = ask()
    response = client.get(link(raw))
    assert response.status_code == 200
    assert "Ana Lopez asks you to rate them for Level II" in response.content.decode()
    ref.refresh_from_db()
    assert ref.status == "requested" and ref.opened_at is None


def test_post_starts_a_session_and_later_pages_carry_no_token(client, ask):
    ref, raw = ask()
    response = start(client, raw)
    assert response.status_code == 302
    assert raw not in response.url and response.url == reverse("references:rate", args=[ref.pk])
    assert client.get(response.url).status_code == 200
    ref.refresh_from_db()
    assert ref.status == "opened" and ref.opened_at


def test_a_guessed_token_is_unknown(client, ask):
    ask()
    response = client.get(link(secrets.token_urlsafe(32)))
    assert response.status_code == 404
    assert b"We do not recognise this link" in response.content
    assert client.post(link(secrets.token_urlsafe(32)), {"action": "start"}).status_code == 404


@pytest.mark.parametrize("bad", ["abc", "x" * 42, "x" * 44, "a.b" * 15])
def test_a_malformed_token_gets_its_own_page(client, bad):
    response = client.get(link(bad))
    assert response.status_code == 404
    assert b"This link looks incomplete" in response.content


def test_a_tampered_token_does_not_work(client, ask):
    _, raw = ask()
    tampered = raw[:-1] + ("A" if raw[-1] != "A" else "B")
    assert client.get(link(tampered)).status_code == 404


def test_rating_pages_need_the_session_from_the_link(client, ask):
    ref, _ = ask()
    response = client.get(reverse("references:rate", args=[ref.pk]))
    assert response.status_code == 410
    assert b"Please open your link again" in response.content
    assert b"Ana" not in response.content


def test_an_expired_link_gets_a_friendly_410(client, ask):
    ref, raw = ask()
    ReferenceRequest.objects.filter(pk=ref.pk).update(
        token_expires_at=timezone.now() - timedelta(seconds=1))
    for response in (client.get(link(raw)), start(client, raw)):
        assert response.status_code == 410
        assert b"This link has expired" in response.content
        assert b"Ana" not in response.content


def test_expiry_also_closes_an_open_session(client, ask):
    ref, raw = ask()
    start(client, raw)
    ReferenceRequest.objects.filter(pk=ref.pk).update(
        token_expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(reverse("references:rate", args=[ref.pk])).status_code == 410


def test_link_days_are_configurable(settings, ask):
    settings.REFERENCE_LINK_DAYS = 5
    ref, _ = ask()
    assert timedelta(days=4) < ref.token_expires_at - timezone.now() <= timedelta(days=5)


def test_a_used_link_shows_no_applicant_or_rating_data(client, ask, application):
    ref, raw = ask()
    start(client, raw)
    client.post(reverse("references:rate", args=[ref.pk]),
                {**scores(application), "action": "submit"})
    other = client.__class__()  # someone the link was forwarded to
    for response in (other.get(link(raw)), other.post(link(raw), {"action": "start"})):
        assert response.status_code == 410
        body = response.content.decode()
        assert "already been submitted" in body
        assert "Ana" not in body and "Lopez" not in body and "Secret remark" not in body


def test_resend_kills_the_old_link(client, ask, coordinator):
    ref, old = ask()
    services.resend_link(ref, coordinator)
    new = token_for(ref.rater_email)
    assert new != old
    response = client.get(link(old))
    assert response.status_code == 410 and b"A newer link was sent" in response.content
    assert client.get(link(new)).status_code == 200


def test_extend_revives_an_expired_link(client, ask, coordinator):
    ref, raw = ask()
    ReferenceRequest.objects.filter(pk=ref.pk).update(
        token_expires_at=timezone.now() - timedelta(days=1))
    assert services.expire_overdue() == 1
    assert client.get(link(raw)).status_code == 410
    services.extend_link(ref, coordinator)
    ref.refresh_from_db()
    assert ref.status == "requested" and ref.token_expires_at > timezone.now()
    assert client.get(link(raw)).status_code == 200


def test_a_declined_link_cannot_be_used_again(client, ask):
    ref, raw = ask()
    start(client, raw)
    client.post(reverse("references:decline", args=[ref.pk]), {"reason": "Too busy"})
    response = client.get(link(raw))
    assert response.status_code == 410 and b"declined" in response.content


def test_services_refuse_rater_actions_after_expiry(ask, application):
    ref, _ = ask()
    services.open_link(ref)
    ReferenceRequest.objects.filter(pk=ref.pk).update(
        token_expires_at=timezone.now() - timedelta(seconds=1))
    for action in (lambda: services.submit_rating(ref, scores(application)),
                   lambda: services.save_draft(ref, scores(application)),
                   lambda: services.decline(ref, "late")):
        with pytest.raises(services.RequestStateError):
            action()


def test_withdrawing_the_application_closes_its_rater_links(client, ask, application):
    from applicants.workflow import transition

    ref, raw = ask()
    start(client, raw)
    transition(application, "withdrawn", actor=application.applicant)
    for response in (client.get(link(raw)), client.get(reverse("references:rate", args=[ref.pk]))):
        assert response.status_code == 410
        assert b"The request was withdrawn" in response.content
        assert b"Ana" not in response.content
