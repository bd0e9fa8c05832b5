"""The rater's language: chosen by the applicant (their own by default), used for the request
email and the rater's pages, changeable by the rater, shown to the coordinator."""
import re

import pytest
from django.test import Client
from django.urls import reverse

from endorsement.models import AuditEvent, OutboundEmail, User
from references.models import ReferenceRequest

from .conftest import RATER

pytestmark = pytest.mark.django_db

FORM = {**RATER, "waiver": "on"}
LANG_ATTR = re.compile(r'<html lang="([^"]+)"')


def lang_of(response) -> str:
    return LANG_ATTR.search(response.content.decode()).group(1)


def section(application):
    return reverse("references:section", args=[application.pk])


def spanish(user):
    User.objects.filter(pk=user.pk).update(language="es")
    user.refresh_from_db()
    return user


def test_the_form_offers_the_applicants_language_for_the_rater(client, applicant, application):
    spanish(applicant)
    client.force_login(applicant)
    body = client.get(section(application)).content.decode()
    assert re.search(r'<option value="es" selected>Español</option>', body)


def test_the_rater_gets_the_request_email_in_the_language_chosen(client, applicant,
                                                                 application):
    client.force_login(applicant)               # an English-speaking applicant ...
    response = client.post(section(application), {**FORM, "language": "es"})
    assert response.status_code == 302
    ref = ReferenceRequest.objects.get()
    assert ref.language == "es"                 # ... asks a Spanish-speaking rater
    mail = OutboundEmail.objects.get(to="rita@example.org")
    assert mail.subject.endswith("Ana Lopez le pide una evaluación de referencia")
    assert mail.body_text.startswith("Estimado/a Rita Rater:")
    assert "Abra su enlace personal:" in mail.body_text and "/references/r/" in mail.body_text
    assert re.search(r"funciona hasta el \d{1,2} de [a-z]+ de \d{4}", mail.body_text)
    assert "Solo la coordinación del Endorsement®" in mail.body_text
    assert '<html lang="es">' in mail.body_html and "Abrir la evaluación" in mail.body_html


def test_without_a_choice_the_rater_gets_the_applicants_language(ask, applicant):
    spanish(applicant)
    ref, _ = ask()
    assert ref.language == "es"
    assert OutboundEmail.objects.get(to=ref.rater_email).subject.endswith(
        "le pide una evaluación de referencia")
    english, _ = ask(2, language="en")
    assert english.language == "en"
    assert OutboundEmail.objects.get(to=english.rater_email).subject.endswith(
        "asks you for a reference rating")


def test_an_unknown_language_on_the_form_is_refused_and_keeps_the_values(client, applicant,
                                                                        application):
    client.force_login(applicant)
    response = client.post(section(application), {**FORM, "language": "xx"})
    assert response.status_code == 200
    assert not ReferenceRequest.objects.exists()
    assert 'value="Rita Rater"' in response.content.decode()


def test_the_raters_pages_speak_the_raters_language_and_the_rater_can_change_it(ask):
    ref, raw = ask(language="es")
    rater = Client(HTTP_ACCEPT_LANGUAGE="en-US")
    link = rater.get(reverse("references:link", args=[raw]))
    assert link.status_code == 200 and lang_of(link) == "es"
    switch_url = reverse("references:language", args=[ref.pk])
    assert f'action="{switch_url}"' in link.content.decode()
    rater.post(reverse("references:link", args=[raw]), {"action": "start"})
    rate_url = reverse("references:rate", args=[ref.pk])
    page = rater.get(rate_url)
    assert lang_of(page) == "es" and "Idioma:" in page.content.decode()

    response = rater.post(switch_url, {"language": "en", "next": rate_url})
    assert response.status_code == 302 and response["Location"] == rate_url
    ref.refresh_from_db()
    assert ref.language == "en"
    assert AuditEvent.objects.filter(action="reference.language_changed",
                                     subject_id=ref.pk).exists()
    assert lang_of(rater.get(rate_url)) == "en"


def test_before_opening_the_link_the_rater_switches_with_the_token(ask):
    ref, raw = ask(language="en")
    rater = Client()
    link_url = reverse("references:link", args=[raw])
    response = rater.post(reverse("references:language", args=[ref.pk]),
                          {"language": "es", "token": raw, "next": link_url})
    assert response.status_code == 302
    ref.refresh_from_db()
    assert ref.language == "es"
    assert lang_of(rater.get(link_url)) == "es"


def test_only_the_rater_may_change_the_raters_language(ask, client, applicant):
    ref, raw = ask(language="en")
    other, _ = ask(2, language="en")
    url = reverse("references:language", args=[ref.pk])
    assert Client().post(url, {"language": "es"}).status_code == 404
    assert Client().post(url, {"language": "es", "token": "x" * 43}).status_code == 404
    # The token of another rater's request does not open this one.
    assert Client().post(url, {"language": "es", "token": _token(other)}).status_code == 404
    client.force_login(applicant)
    assert client.post(url, {"language": "es"}).status_code == 404
    assert client.get(url).status_code == 405
    ref.refresh_from_db()
    assert ref.language == "en"


def _token(ref):
    from .conftest import token_for

    return token_for(ref.rater_email)


def test_an_unknown_language_from_the_rater_changes_nothing(ask):
    ref, raw = ask(language="es")
    rater = Client()
    rater.post(reverse("references:link", args=[raw]), {"action": "start"})
    response = rater.post(reverse("references:language", args=[ref.pk]),
                          {"language": "pt-BR", "next": "https://evil.example/"})
    assert response.status_code == 302 and "evil" not in response["Location"]
    ref.refresh_from_db()
    assert ref.language == "es"


def test_the_coordinator_sees_the_raters_and_the_applicants_language(
        ask, coordinator_client, applicant, application):
    spanish(applicant)
    ask(language="es")
    ask(2, language="en")
    body = coordinator_client.get(
        reverse("references:coordinator_application", args=[application.pk])).content.decode()
    assert body.count('data-language="es"') == 1 and body.count('data-language="en"') == 1
    assert '<span lang="es">Español</span>' in body
    page = coordinator_client.get(reverse("reviews:application", args=[application.pk]))
    assert page.status_code == 200
    assert 'data-language="es">Español</span>' in page.content.decode()


def test_the_thanks_page_after_rating_stays_in_the_raters_language(ask, application):
    from .conftest import scores

    ref, raw = ask(language="es")
    rater = Client(HTTP_ACCEPT_LANGUAGE="en-US")
    rater.post(reverse("references:link", args=[raw]), {"action": "start"})
    response = rater.post(reverse("references:rate", args=[ref.pk]),
                          {**scores(application), "action": "submit"})
    assert response.status_code == 302
    assert lang_of(rater.get(response["Location"])) == "es"
    thanks = OutboundEmail.objects.get(to=ref.rater_email, template="references_thanks")
    assert '<html lang="es">' in thanks.body_html     # the rater's language, not English
