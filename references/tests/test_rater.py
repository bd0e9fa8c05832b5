"""The rater's pages: drafts, submitting once, declining, flagging, the emails."""
import re

import pytest
from django.test import Client
from django.urls import reverse

from endorsement.models import OutboundEmail
from references import services
from references.models import ReferenceRating

from .conftest import scores

pytestmark = pytest.mark.django_db


def opened(ask, n=1):
    ref, raw = ask(n)
    client = Client()
    client.post(reverse("references:link", args=[raw]), {"action": "start"})
    return ref, raw, client


def rate_url(ref):
    return reverse("references:rate", args=[ref.pk])


def test_the_form_shows_applicant_level_and_every_competency_area(ask, application):
    ref, _, client = opened(ask)
    body = client.get(rate_url(ref)).content.decode()
    assert "Ana Lopez" in body and "Level II" in body
    for area in services.areas_for(application):
        assert f'name="{area.key}"' in body and area.name.replace("&", "&amp;") in body
    assert body.count("<fieldset") >= len(services.areas_for(application))
    assert "Consistently demonstrates" in body and "Not enough information to rate" in body


def test_save_and_finish_later_keeps_a_draft(ask, application):
    ref, raw, client = opened(ask)
    data = scores(application)
    partial = {k: v for k, v in data.items() if k != "recommendation"}
    area = services.areas_for(application)[0].key
    partial.pop(services.areas_for(application)[1].key)
    response = client.post(rate_url(ref), {**partial, "action": "save"})
    assert response.status_code == 302
    ref.refresh_from_db()
    assert ref.status == "in_progress"
    rating = ReferenceRating.objects.get()
    assert not rating.is_final and rating.scores[area] == "3"
    # Coming back later through the link, in another browser: the answers are there.
    again = Client()
    landing = again.get(reverse("references:link", args=[raw]))
    assert b"Continue the rating" in landing.content
    again.post(reverse("references:link", args=[raw]), {"action": "start"})
    body = again.get(rate_url(ref)).content.decode()
    assert "Secret remark 7781" in body
    assert re.search(rf'name="{area}" value="3"[^>]*checked', body)


def test_submit_needs_every_area_and_a_recommendation(ask, application):
    ref, _, client = opened(ask)
    data = scores(application)
    data.pop("recommendation")
    first = services.areas_for(application)[0]
    data.pop(first.key)
    response = client.post(rate_url(ref), {**data, "action": "submit"})
    assert response.status_code == 200
    body = response.content.decode()
    assert f"Choose a rating for {first.name}".replace("&", "&amp;") in body
    assert "Choose your overall recommendation." in body
    assert not ReferenceRating.objects.filter(submitted_at__isnull=False).exists()


def test_submitting_is_final_and_mails_rater_and_applicant(ask, application, applicant):
    ref, _, client = opened(ask)
    response = client.post(rate_url(ref), {**scores(application), "action": "submit"})
    assert response.url == reverse("references:done")
    ref.refresh_from_db()
    assert ref.status == "submitted" and ref.submitted_at
    templates = dict(OutboundEmail.objects.values_list("to", "template").exclude(
        template="references_request"))
    assert templates == {ref.rater_email: "references_thanks", applicant.email:
                         "references_arrived"}


def test_two_tabs_submitting_give_one_rating_and_a_friendly_page(ask, application):
    ref, raw, tab1 = opened(ask)
    tab2 = Client()
    tab2.post(reverse("references:link", args=[raw]), {"action": "start"})
    first = tab1.post(rate_url(ref), {**scores(application), "action": "submit"})
    second = tab2.post(rate_url(ref), {**scores(application, "1"), "action": "submit"})
    assert first.status_code == 302
    assert second.status_code == 410 and b"already been submitted" in second.content
    assert b"Ana" not in second.content
    assert ReferenceRating.objects.count() == 1
    assert set(ReferenceRating.objects.get().scores.values()) == {"3"}


def test_a_service_level_double_submit_raises(ask, application):
    ref, _ = ask()
    services.open_link(ref)
    services.submit_rating(ref, scores(application))
    with pytest.raises(services.RequestStateError):
        services.submit_rating(ref, scores(application, "1"))
    with pytest.raises(services.RequestStateError):
        services.save_draft(ref, scores(application, "1"))
    assert ReferenceRating.objects.count() == 1


@pytest.mark.parametrize(("na", "flagged"), [(5, False), (6, True), (8, True)])
def test_many_not_enough_information_answers_are_flagged(ask, application, coordinator, na,
                                                         flagged, settings):
    settings.COORDINATOR_EMAIL = "office@example.org"
    ref, _, client = opened(ask)
    client.post(rate_url(ref), {**scores(application, na=na), "action": "submit"})
    rating = ReferenceRating.objects.get()
    assert rating.not_enough_info_count == na and rating.flagged is flagged
    sent = set(OutboundEmail.objects.filter(template="references_flagged")
               .values_list("to", flat=True))
    assert sent == ({coordinator.email, "office@example.org"} if flagged else set())


def test_declining_takes_a_reason_and_tells_applicant_and_coordinator(ask, applicant,
                                                                      coordinator):
    ref, raw, client = opened(ask)
    url = reverse("references:decline", args=[ref.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and b"Tell us briefly why" in response.content
    response = client.post(url, {"reason": "I left the program"})
    assert response.url == reverse("references:declined")
    ref.refresh_from_db()
    assert ref.status == "declined" and ref.decline_reason == "I left the program"
    sent = set(OutboundEmail.objects.filter(template="references_declined")
               .values_list("to", flat=True))
    assert sent == {applicant.email, coordinator.email}
    assert "I left the program" not in OutboundEmail.objects.get(to=applicant.email).body_text


def test_decline_button_on_the_landing_page_goes_to_the_reason(ask):
    ref, raw = ask()
    client = Client()
    response = client.post(reverse("references:link", args=[raw]), {"action": "decline"})
    assert response.url == reverse("references:decline", args=[ref.pk])


def test_emails_have_text_and_html(ask, application):
    ref, _, client = opened(ask)
    client.post(rate_url(ref), {**scores(application, na=7), "action": "submit"})
    for mail in OutboundEmail.objects.all():
        assert mail.body_text.strip() and "<p>" in mail.body_html, mail.template


def test_email_contexts_survive_json(ask, application):
    """A worker receives mail contexts as JSON: no model objects may hide in them."""
    import json

    from references import notices

    ref, _ = ask()
    json.dumps(notices._context(ref, link="x", url="y", for_coordinator=True))
