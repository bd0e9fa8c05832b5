"""The applicant's References section: asking, errors, who may ask, replacing, privacy."""
import pytest
from django.urls import reverse

from applicants.models import Application
from endorsement.models import OutboundEmail
from references import services
from references.models import ReferenceRequest

from .conftest import RATER, scores

pytestmark = pytest.mark.django_db

FORM = {**RATER, "waiver": "on"}


def section(application):
    return reverse("references:section", args=[application.pk])


def test_asking_a_rater_emails_a_personal_link(client, applicant, application):
    client.force_login(applicant)
    response = client.post(section(application), FORM)
    assert response.status_code == 302
    ref = ReferenceRequest.objects.get()
    assert ref.waiver_signed_name == "Ana Lopez" and ref.waiver_signed_at
    mail = OutboundEmail.objects.get(to="rita@example.org")
    assert mail.template == "references_request"
    assert "/references/r/" in mail.body_text and "/references/r/" in mail.body_html
    assert "Ana Lopez" in mail.subject


def test_the_section_names_the_slots_in_plain_words(client, applicant, application):
    client.force_login(applicant)
    body = client.get(section(application)).content.decode()
    assert "the person who provides your reflective supervision/consultation" in body
    assert "must hold an Endorsement® at Level II, III or IV" in body


@pytest.mark.parametrize(("field", "value", "message"), [
    ("rater_email", "rita@example", "Enter a valid email address."),
    ("rater_email", "applicant@example.org", "A rater must be someone else, not you."),
    ("waiver", "", "Tick the box to sign the waiver"),
    ("waiver_name", " ", "Type your full name to sign the waiver."),
    ("role", "", "This field is required."),
])
def test_bad_input_is_shown_next_to_the_field(client, applicant, application, field, value,
                                              message):
    client.force_login(applicant)
    data = {**FORM, field: value}
    if not value:
        data.pop(field)
    response = client.post(section(application), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert f'id="id_{field}"' in body and "is-invalid" in body
    assert not ReferenceRequest.objects.exists()


def test_strangers_and_other_roles_get_404(client, other_applicant, coordinator, application):
    for user in (other_applicant, coordinator):
        client.force_login(user)
        assert client.get(section(application)).status_code == 404
        assert client.post(section(application), FORM).status_code == 404
    assert not ReferenceRequest.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, application):
    assert client.get(section(application)).status_code == 302


@pytest.mark.parametrize(("status", "may_ask"), [
    ("draft", True), ("returned", True), ("submitted", True),
    ("in_review", False), ("endorsed", False), ("withdrawn", False),
])
def test_only_editable_or_waiting_applications_can_ask(client, applicant, application, status,
                                                       may_ask):
    Application.objects.filter(pk=application.pk).update(status=status)
    client.force_login(applicant)
    response = client.post(section(application), FORM)
    assert response.status_code == (302 if may_ask else 404)


def test_at_most_three_raters_at_a_time(client, applicant, application, ask):
    for n in range(3):
        ask(n)
    client.force_login(applicant)
    assert client.post(section(application), FORM).status_code == 404


def test_replacing_a_rater_who_declined(client, applicant, application, ask):
    ref, raw = ask()
    services.decline(ref, "No time")
    client.force_login(applicant)
    url = reverse("references:replace", args=[application.pk, ref.pk])
    response = client.post(url, {**FORM, "rater_email": "new@example.org"})
    assert response.status_code == 302
    ref.refresh_from_db()
    assert ref.status == "replaced"
    new = ReferenceRequest.objects.get(rater_email="new@example.org")
    assert new.replaces == ref and new.status == "requested"
    assert services.section_status(application) == "in_progress"
    # A rating that counts cannot be "replaced".
    new.status = "submitted"
    new.save(update_fields=["status"])
    url = reverse("references:replace", args=[application.pk, new.pk])
    assert client.post(url, FORM).status_code == 404


def test_a_stranger_cannot_replace(client, other_applicant, application, ask):
    ref, _ = ask()
    services.decline(ref, "No")
    client.force_login(other_applicant)
    url = reverse("references:replace", args=[application.pk, ref.pk])
    assert client.post(url, FORM).status_code == 404


def test_no_rating_content_reaches_the_applicant(client, applicant, application, ask,
                                                 coordinator):
    ref, raw = ask(1)
    declined, _ = ask(2)
    rater = client.__class__()
    rater.post(reverse("references:link", args=[raw]), {"action": "start"})
    rater.post(reverse("references:rate", args=[ref.pk]),
               {**scores(application, value="1", na=6), "action": "submit"})
    services.decline(declined, "Secret reason 5150")
    client.force_login(applicant)
    urls = [section(application),
            reverse("references:replace", args=[application.pk, declined.pk]),
            reverse("applicants:home"),
            reverse("applicants:application", args=[application.pk]),
            reverse("applicants:review", args=[application.pk])]
    pages = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages.append(response.content.decode())
    mails = OutboundEmail.objects.filter(to=applicant.email)
    assert {m.template for m in mails} == {"references_arrived", "references_declined"}
    texts = pages + [m.subject + m.body_text + m.body_html for m in mails]
    for text in texts:
        for secret in ("Secret remark 7781", "Secret reason 5150", "Not yet demonstrated",
                       "Not enough information", "recommend this applicant", "Flagged"):
            assert secret not in text


def test_section_status_follows_the_requests(application, ask):
    assert services.section_status(application) == "not_started"
    a, _ = ask(1, role="supervisor", rater_endorsement="II")
    b, _ = ask(2, role="rsc_provider")
    c, _ = ask(3, role="colleague")
    assert services.section_status(application) == "in_progress"
    for ref in (a, b, c):
        services.open_link(ref)
        services.submit_rating(ref, scores(application))
    # No endorsed rater is verified yet: the slots are filled but the rule is not met.
    assert services.section_status(application) == "in_progress"
    services.verify_endorsement(a, None)
    assert services.section_status(application) == "complete"
    assert services.references_for_case(application)[0] == {
        "role": "supervisor", "rater_level": "II", "vetted": False, "status": "submitted"}


def test_a_declined_request_needs_attention_until_replaced(application, ask, applicant):
    ref, _ = ask(1)
    services.decline(ref, "no")
    assert services.section_status(application) == "needs_attention"
    services.replace(ref, applicant, **{**RATER, "rater_email": "x@example.org"})
    assert services.section_status(application) == "in_progress"
    assert [r["status"] for r in services.references_for_case(application)] == ["pending"]


@pytest.mark.parametrize("count", [1, 3])
def test_section_page_query_count(client, applicant, application, ask, count,
                                  django_assert_num_queries):
    for n in range(count):
        ask(n)
    client.force_login(applicant)
    with django_assert_num_queries(4):  # session, user, application, its requests
        assert client.get(section(application)).status_code == 200
