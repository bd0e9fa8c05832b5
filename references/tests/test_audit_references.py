"""Audit findings on references: bad input, double submits, the rater's session."""
import pytest
from django.test import Client
from django.urls import reverse

from endorsement.models import OutboundEmail
from references import services
from references.models import ReferenceRequest

from .conftest import RATER, scores, token_for

pytestmark = pytest.mark.django_db

FORM = {**RATER, "waiver": "on"}


def section(application):
    return reverse("references:section", args=[application.pk])


def test_an_email_too_long_for_the_column_gets_a_message_not_a_500(client, applicant,
                                                                    application):
    """Django's form EmailField accepts 320 characters; the column holds 254 (PostgreSQL
    would raise DataError on save)."""
    email = "a" * 60 + "@" + ("b" * 60 + ".") * 4 + "org"
    assert 254 < len(email) <= 320
    client.force_login(applicant)
    response = client.post(section(application), {**FORM, "rater_email": email})
    assert response.status_code == 200
    assert "Ensure this value has at most 254 characters" in response.content.decode()
    assert not ReferenceRequest.objects.exists()


def test_a_double_clicked_send_asks_the_rater_once(client, applicant, application):
    client.force_login(applicant)
    assert client.post(section(application), FORM).status_code == 302
    response = client.post(section(application), FORM)
    assert response.status_code == 200
    assert "You have already asked rita@example.org" in response.content.decode()
    assert ReferenceRequest.objects.count() == 1
    assert OutboundEmail.objects.filter(to="rita@example.org").count() == 1


def test_the_same_person_cannot_fill_two_slots(client, applicant, application):
    """Three requests to one address would let one person give all three ratings."""
    client.force_login(applicant)
    client.post(section(application), FORM)
    response = client.post(section(application), {
        **FORM, "rater_email": "RITA@Example.org", "role": "colleague"})
    assert response.status_code == 200
    assert "Each rating must come from a different person" in response.content.decode()
    assert ReferenceRequest.objects.count() == 1


def test_the_service_holds_the_rules_when_two_requests_race(applicant, application, ask):
    """The view's count is read before the lock; the service re-checks under it."""
    for n in range(3):
        ask(n)
    with pytest.raises(services.RaterNotAllowed):
        services.request_reference(application, applicant,
                                   **{**RATER, "rater_email": "fourth@example.org"})
    with pytest.raises(services.RaterNotAllowed):
        ask(1)
    assert ReferenceRequest.objects.count() == 3


def test_a_declined_rater_can_be_replaced_by_the_same_person_only_through_replace(
        client, applicant, application, ask):
    ref, _ = ask(1)
    services.decline(ref, "busy this month")
    client.force_login(applicant)
    response = client.post(section(application), {**FORM, "rater_email": ref.rater_email})
    assert "already asked" in response.content.decode()
    url = reverse("references:replace", args=[application.pk, ref.pk])
    assert client.post(url, {**FORM, "rater_email": ref.rater_email}).status_code == 302
    ref.refresh_from_db()
    assert ref.status == "replaced"
    assert ReferenceRequest.objects.exclude(status="replaced").get().rater_email == ref.rater_email


def test_replacing_with_someone_already_asked_is_refused_and_nothing_changes(
        client, applicant, application, ask):
    declined, _ = ask(1)
    other, _ = ask(2)
    services.decline(declined, "no")
    client.force_login(applicant)
    url = reverse("references:replace", args=[application.pk, declined.pk])
    response = client.post(url, {**FORM, "rater_email": other.rater_email})
    assert response.status_code == 200
    assert "already asked" in response.content.decode()
    declined.refresh_from_db()
    assert declined.status == "declined"
    assert ReferenceRequest.objects.count() == 2


def start(client, raw):
    return client.post(reverse("references:link", args=[raw]), {"action": "start"})


def rate_url(ref):
    return reverse("references:rate", args=[ref.pk])


def test_opening_the_link_gives_the_browser_a_new_session_key(ask, settings):
    """Session fixation: a session key planted in the rater's browser before they open
    their link must not become a key to their rating."""
    ref, raw = ask()
    rater = Client()
    session = rater.session
    session["planted"] = True
    session.save()
    planted_key = session.session_key
    assert start(rater, raw).status_code == 302
    assert rater.session.session_key != planted_key
    assert rater.get(rate_url(ref)).status_code == 200
    attacker = Client()
    attacker.cookies[settings.SESSION_COOKIE_NAME] = planted_key
    response = attacker.get(rate_url(ref))
    assert response.status_code == 410
    assert b"Ana" not in response.content


def test_a_resent_link_also_ends_sessions_opened_with_the_old_one(ask, coordinator,
                                                                  application):
    """"A new link was emailed; the old one no longer works" holds for a browser that had
    already opened the old link (it may have reached the wrong person)."""
    ref, raw = ask()
    old_browser = Client()
    start(old_browser, raw)
    services.resend_link(ref, coordinator)
    for response in (old_browser.get(rate_url(ref)),
                     old_browser.post(rate_url(ref), {**scores(application),
                                                      "action": "submit"})):
        assert response.status_code == 410
        assert b"A newer link was sent" in response.content
    ref.refresh_from_db()
    assert ref.status == "opened"
    new_browser = Client()
    start(new_browser, token_for(ref.rater_email))
    assert new_browser.get(rate_url(ref)).status_code == 200


def test_a_reminder_does_not_end_the_rater_s_session(ask, application):
    from datetime import timedelta

    from django.utils import timezone

    ref, raw = ask()
    browser = Client()
    start(browser, raw)
    assert services.send_reminders(now=timezone.now() + timedelta(days=8)) == 1
    assert browser.get(rate_url(ref)).status_code == 200
    response = browser.post(rate_url(ref), {**scores(application), "action": "submit"})
    assert response.url == reverse("references:done")


def test_a_browser_keeps_several_opened_requests(ask):
    refs = [ask(n) for n in range(3)]
    browser = Client()
    for _ref, raw in refs:
        start(browser, raw)
    for ref, _raw in refs:
        assert browser.get(rate_url(ref)).status_code == 200


@pytest.fixture
def withdrawn_with_pending(ask, application):
    from applicants.workflow import transition

    refs = [ask(n)[0] for n in (1, 2)]
    transition(application, "withdrawn", actor=application.applicant)
    return refs


def test_no_reminders_for_a_withdrawn_application(withdrawn_with_pending):
    from datetime import timedelta

    from django.utils import timezone

    assert services.send_reminders(now=timezone.now() + timedelta(days=8)) == 0
    assert not OutboundEmail.objects.filter(template="references_reminder").exists()


def test_no_expiry_notices_for_a_withdrawn_application(withdrawn_with_pending):
    from datetime import timedelta

    from django.utils import timezone

    assert services.expire_overdue(now=timezone.now() + timedelta(days=31)) == 0
    assert not OutboundEmail.objects.filter(template="references_expired").exists()


def test_the_coordinator_cannot_resend_or_extend_for_a_withdrawn_application(
        client, coordinator, withdrawn_with_pending):
    ref = withdrawn_with_pending[0]
    for action in (services.resend_link, services.extend_link):
        with pytest.raises(services.RequestStateError):
            action(ref, coordinator)
    client.force_login(coordinator)
    response = client.post(reverse("references:resend", args=[ref.pk]), follow=True)
    assert response.status_code == 200
    assert OutboundEmail.objects.filter(to=ref.rater_email).count() == 1  # the invitation


def test_rater_actions_are_refused_by_the_services_after_withdrawal(application, ask):
    from applicants.workflow import transition

    ref, _ = ask()
    services.open_link(ref)
    transition(application, "withdrawn", actor=application.applicant)
    for action in (lambda: services.submit_rating(ref, scores(application)),
                   lambda: services.save_draft(ref, scores(application)),
                   lambda: services.decline(ref, "no longer needed")):
        with pytest.raises(services.RequestStateError):
            action()


def test_an_applicant_cannot_name_another_address_of_their_own_as_rater(client, applicant,
                                                                        application):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=applicant, email="ana.work@example.org", verified=True)
    client.force_login(applicant)
    response = client.post(section(application), {**FORM, "rater_email": "Ana.Work@example.org"})
    assert response.status_code == 200
    assert "A rater must be someone else, not you." in response.content.decode()
    assert not ReferenceRequest.objects.exists()
