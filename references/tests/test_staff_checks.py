"""The coordinator's rater actions cannot go wrong quietly: vetting agrees with its checks,
verification keeps what the applicant said, a flagged rating can be set aside, stale forms
are refused."""
from datetime import date, timedelta

import pytest
from django.urls import reverse

from endorsement.models import OutboundEmail
from references import services
from references.models import RaterVetting, ReferenceRequest

from .conftest import scores

pytestmark = pytest.mark.django_db


def vet_url(ref):
    return reverse("references:vet", args=[ref.pk])


def test_vetting_must_agree_with_its_checks_and_not_be_in_the_future(
        client, coordinator, ask):
    ref, _ = ask(1, role="colleague")
    client.force_login(coordinator)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    response = client.post(vet_url(ref), {"call_date": tomorrow, "has_guidelines_copy": "on",
                                          "familiar": "on", "outcome": "accepted",
                                          "note": "typed note"}, follow=True)
    text = response.content.decode()
    assert "has not come yet" in text
    assert response.context["form"]["note"].value() == "typed note", "nothing typed is lost"
    response = client.post(vet_url(ref), {"call_date": date.today().isoformat(),
                                          "familiar": "on", "outcome": "accepted"},
                           follow=True)
    assert "tick both checks" in response.content.decode()
    assert not RaterVetting.objects.exists()
    # The service holds the same rule for any caller
    with pytest.raises(services.VettingError):
        services.vet_rater(ref, coordinator, call_date=date.today(), has_guidelines_copy=False,
                           familiar=True, outcome="accepted")
    # "Not accepted" whatever the checks is fine
    services.vet_rater(ref, coordinator, call_date=date.today(), has_guidelines_copy=True,
                       familiar=True, outcome="not_accepted")
    assert RaterVetting.objects.count() == 1


def test_verifying_keeps_what_the_applicant_said_beside_what_was_found(
        client, coordinator, ask, application):
    ref, _ = ask(1, rater_endorsement="II")
    client.force_login(coordinator)
    client.post(reverse("references:verify", args=[ref.pk]),
                {"level": "III", "number": "MA-123", "source": "MassAIMH registry"})
    ref.refresh_from_db()
    assert (ref.rater_endorsement, ref.verified_level, ref.verified_number,
            ref.verification_source, ref.verified_by) == (
        "II", "III", "MA-123", "MassAIMH registry", coordinator)
    assert services.references_for_case(application)[0]["rater_level"] == "III"
    page = client.get(reverse("references:coordinator_application", args=[application.pk]))
    text = page.content.decode()
    assert "differs from what the applicant named" in text and "MassAIMH registry" in text


def test_a_flagged_rating_can_be_set_aside_and_the_applicant_asked_for_another(
        client, coordinator, ask, application, applicant):
    ref, _ = ask(1)
    services.open_link(ref)
    services.submit_rating(ref, scores(application, na=6))
    plain, _ = ask(2)
    services.open_link(plain)
    services.submit_rating(plain, scores(application))
    client.force_login(coordinator)
    with pytest.raises(services.RequestStateError):
        services.set_aside(plain, coordinator)
    client.post(reverse("references:set_aside", args=[ref.pk]),
                {"reason": "Please ask your supervisor."})
    ref.refresh_from_db()
    assert ref.status == "set_aside"
    assert services.references_for_case(application)[0]["status"] == "declined"
    assert services.section_status(application) == "needs_attention"
    email = OutboundEmail.objects.filter(template="references_set_aside").get()
    assert email.to == applicant.email and "Please ask your supervisor." in email.body_text
    assert email.about_id == application.pk
    # The applicant sees it and replaces it like a declined rater, even while in review
    type(application).objects.filter(pk=application.pk).update(status="in_review")
    application.refresh_from_db()
    client.force_login(applicant)
    section = client.get(reverse("references:section", args=[application.pk]))
    assert "Does not count" in section.content.decode()
    assert reverse("references:replace", args=[application.pk, ref.pk]) in (
        section.content.decode())
    new = services.replace(ref, applicant, rater_name="New Rater",
                           rater_email="new@example.org", role="supervisor",
                           known_for="2 years", waiver_name="Ana Lopez")
    assert ReferenceRequest.objects.get(pk=ref.pk).status == "replaced" and new.replaces == ref


def test_a_stale_rater_form_is_refused(client, coordinator, ask, application):
    ref, _ = ask(1, rater_endorsement="III")
    client.force_login(coordinator)
    page = client.get(reverse("references:coordinator_application", args=[application.pk]))
    seen = page.context["entries"][0]["version"]
    services.verify_endorsement(ref, coordinator, level="III", source="registry")  # colleague
    response = client.post(reverse("references:verify", args=[ref.pk]),
                           {"verified": "no", "version": seen}, follow=True)
    ref.refresh_from_db()
    assert ref.endorsement_verified, "the colleague's verification is not undone"
    assert "out of date" in response.content.decode()
    response = client.post(vet_url(ref), {"call_date": date.today().isoformat(),
                                          "outcome": "not_accepted", "note": "kept",
                                          "version": seen}, follow=True)
    assert response.context["form"]["note"].value() == "kept"
    assert not RaterVetting.objects.exists()


@pytest.mark.parametrize("who", ["applicant", "reviewer", "advisor"])
def test_setting_aside_is_404_to_everyone_else(client, request, who, ask, application):
    ref, _ = ask(1)
    services.open_link(ref)
    services.submit_rating(ref, scores(application, na=7))
    client.force_login(request.getfixturevalue(who))
    assert client.post(reverse("references:set_aside", args=[ref.pk])).status_code == 404
    ref.refresh_from_db()
    assert ref.status == "submitted"
