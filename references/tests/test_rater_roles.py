"""Item 1 of issue 11: raters the level allows, and a way out of every dead end."""
import pytest
from django.urls import reverse

from applicants.models import Application, SavedForm
from endorsement.models import AuditEvent, OutboundEmail
from references import services, tokens
from references.models import ReferenceRequest

from .conftest import RATER, token_for

pytestmark = pytest.mark.django_db

FORM = {**RATER, "waiver": "on"}


def section(application):
    return reverse("references:section", args=[application.pk])


def role_options(body: str) -> set[str]:
    import re

    select = body[body.index('name="role"'):]
    select = select[:select.index("</select>")]
    return set(re.findall(r'<option value="([a-z_]+)"', select))


def test_level_ii_offers_only_the_roles_its_places_accept(client, applicant, application):
    client.force_login(applicant)
    offered = role_options(client.get(section(application)).content.decode())
    assert offered == {"supervisor", "teacher", "consultant", "rsc_provider", "colleague"}
    assert "service_recipient" not in offered


def test_level_i_accepts_a_parent_or_person_served(client, applicant):
    app = Application.objects.create(applicant=applicant, program="IMH-E", category="I")
    client.force_login(applicant)
    assert "service_recipient" in role_options(client.get(section(app)).content.decode())


def test_a_role_the_level_does_not_accept_is_refused(client, applicant, application):
    client.force_login(applicant)
    response = client.post(section(application), {**FORM, "role": "service_recipient"})
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not ReferenceRequest.objects.exists()
    with pytest.raises(services.RaterNotAllowed):
        services.request_reference(application, applicant,
                                   **{**RATER, "role": "service_recipient"})


def test_a_rater_who_would_fill_no_place_is_refused_with_what_is_still_needed(
        client, applicant, application, ask):
    ask(1, role="supervisor")
    ask(2, role="supervisor")  # the third place also takes a supervisor
    client.force_login(applicant)
    response = client.post(section(application), {
        **FORM, "rater_email": "third@example.org", "rater_name": "Third Supervisor"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "would not count" in body
    assert "the person who provides your reflective supervision/consultation" in body
    assert ReferenceRequest.objects.count() == 2
    # The form kept what was typed.
    assert 'value="third@example.org"' in body and 'value="Third Supervisor"' in body


def test_the_same_person_under_two_addresses_is_refused(applicant, application, ask):
    ask(1, rater_name="María José O'Neill-García")
    with pytest.raises(services.RaterNotAllowed, match="already asked María José"):
        ask(2, rater_name="  María José   O'Neill-García ", rater_email="mj@other.example")


def test_a_rating_that_fills_no_place_says_why_and_can_be_replaced(
        client, applicant, application, ask):
    first, _ = ask(1, role="colleague")
    second, _ = ask(2, role="supervisor")
    # An older request (made before the roles were limited) in a role Level II does not take.
    ReferenceRequest.objects.filter(pk=first.pk).update(role="service_recipient",
                                                        status="submitted")
    client.force_login(applicant)
    body = client.get(section(application)).content.decode()
    assert "This rating does not count toward your level." in body
    assert "is not one this level accepts" in body
    replace = reverse("references:replace", args=[application.pk, first.pk])
    assert replace in body
    response = client.post(replace, {**FORM, "role": "rsc_provider",
                                     "rater_email": "reed@example.org",
                                     "rater_name": "Reed Provider"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == "replaced"
    assert ReferenceRequest.objects.get(rater_email="reed@example.org").replaces == first


def test_a_pending_rater_can_be_corrected_and_the_old_link_closes(
        client, applicant, application, ask):
    ref, raw = ask(1, rater_email="rosa@exmaple.org")
    client.force_login(applicant)
    url = reverse("references:correct", args=[application.pk, ref.pk])
    body = client.get(url).content.decode()
    assert 'value="rosa@exmaple.org"' in body
    response = client.post(url, {"rater_name": "Rosa Supervisor",
                                 "rater_email": "Rosa@Example.org"})
    assert response.status_code == 302
    ref.refresh_from_db()
    assert ref.rater_email == "rosa@example.org" and ref.status == "requested"
    assert tokens.lookup(raw).outcome == tokens.WITHDRAWN
    new_raw = token_for("rosa@example.org")
    assert tokens.lookup(new_raw).request == ref
    assert OutboundEmail.objects.filter(to="rosa@example.org",
                                        template="references_request").count() == 1
    assert AuditEvent.objects.filter(action="reference.corrected").exists()


def test_correcting_refuses_bad_input_and_keeps_it(client, applicant, application, ask):
    ref, _ = ask(1)
    other, _ = ask(2)
    client.force_login(applicant)
    url = reverse("references:correct", args=[application.pk, ref.pk])
    for email, message in [("rosa@example", "Enter a valid email address."),
                           ("applicant@example.org", "A rater must be someone else"),
                           (other.rater_email, "You have already asked")]:
        response = client.post(url, {"rater_name": "Rosa", "rater_email": email})
        assert response.status_code == 200, email
        body = response.content.decode()
        assert message in body and f'value="{email}"' in body
    ref.refresh_from_db()
    assert ref.rater_email == "rater1@example.org"


def test_a_rater_who_started_cannot_be_corrected_but_can_be_replaced(
        client, applicant, application, ask, other_applicant):
    ref, raw = ask(1)
    services.open_link(ref)
    services.save_draft(ref, {})
    client.force_login(applicant)
    assert client.get(reverse("references:correct",
                              args=[application.pk, ref.pk])).status_code == 404
    replace = reverse("references:replace", args=[application.pk, ref.pk])
    assert client.get(replace).status_code == 200
    client.force_login(other_applicant)
    assert client.get(replace).status_code == 404
    assert client.get(reverse("references:correct",
                              args=[application.pk, ref.pk])).status_code == 404


def test_withdraw_and_replace_a_pending_rater_closes_the_old_link(
        client, applicant, application, ask):
    ref, raw = ask(1)
    client.force_login(applicant)
    response = client.post(reverse("references:replace", args=[application.pk, ref.pk]),
                           {**FORM, "rater_email": "new@example.org", "rater_name": "New One"})
    assert response.status_code == 302
    assert tokens.lookup(raw).outcome == tokens.WITHDRAWN


def test_the_same_ask_form_posted_twice_asks_once(client, applicant, application):
    client.force_login(applicant)
    data = {**FORM, "form_token": "t" * 22}
    assert client.post(section(application), data).status_code == 302
    response = client.post(section(application), data, follow=True)
    assert "nothing was added twice" in response.content.decode()
    assert ReferenceRequest.objects.count() == 1
    assert SavedForm.objects.count() == 1
    assert OutboundEmail.objects.filter(template="references_request").count() == 1


def test_a_named_rater_endorsement_waits_for_the_coordinator(client, applicant, application,
                                                             ask):
    ref, _ = ask(1, rater_endorsement="III")
    client.force_login(applicant)
    body = client.get(section(application)).content.decode()
    assert "Endorsement® Level III: waiting for the coordinator to confirm" in body
    ReferenceRequest.objects.filter(pk=ref.pk).update(endorsement_verified=True)
    body = client.get(section(application)).content.decode()
    assert "Endorsement® Level III: confirmed by the coordinator" in body


def test_the_checklist_says_an_unconfirmed_endorsement_waits_for_the_coordinator(
        applicant, application, ask):
    from applicants.case import build_case
    from endorsement.guidelines import evaluate

    for n, level in ((1, "III"), (2, ""), (3, "")):
        ref, _ = ask(n, rater_endorsement=level)
        ReferenceRequest.objects.filter(pk=ref.pk).update(status="submitted")
    [row] = [r for r in evaluate(build_case(application))["requirements"]
             if r["id"] == "references"]
    assert "waiting for the coordinator to confirm" in row["detail"]
    assert "none is" not in row["detail"]


def test_the_applicant_hears_at_once_when_a_rating_fills_no_place(applicant, application, ask):
    from .conftest import scores

    ref, _ = ask(1, role="colleague")
    ReferenceRequest.objects.filter(pk=ref.pk).update(role="service_recipient")
    ref.refresh_from_db()
    services.open_link(ref)
    services.submit_rating(ref, scores(application))
    mail = OutboundEmail.objects.get(template="references_arrived")
    assert "This rating does not count toward your level" in mail.body_text
    assert "is not one this level accepts" in mail.body_text
    assert "/references/application/" in mail.body_html


def test_the_waiver_follows_the_one_signing_rule(client, applicant, application):
    from applicants.models import ApplicantProfile

    ApplicantProfile.objects.create(user=applicant, full_name="María José O'Neill-García")
    client.force_login(applicant)
    response = client.post(section(application), {**FORM, "waiver_name": "Ana Lopez"})
    assert "Type your name as in “About you”: María José O&#x27;Neill-García." in (
        response.content.decode())
    assert not ReferenceRequest.objects.exists()
    response = client.post(section(application),
                           {**FORM, "waiver_name": "  maría josé   O'NEILL-garcía "})
    assert response.status_code == 302
    assert ReferenceRequest.objects.get().waiver_signed_name == "María José O'Neill-García"


def test_the_flagged_rating_email_names_the_applicant(applicant, application, ask,
                                                       coordinator):
    from .conftest import scores

    ref, _ = ask(1)
    services.open_link(ref)
    services.submit_rating(ref, scores(application, na=8))
    mail = OutboundEmail.objects.filter(template="references_flagged").first()
    assert mail is not None and "Ana Lopez" in mail.subject
    assert "areas without enough information" in mail.subject
