"""The applicants area in two languages: no bare English left in its templates, submission
records kept in English, the agreements signed in English with a translation beside."""
import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from applicants.forms import past_date
from applicants.templatetags.applicants_tags import label
from applicants.tests.factories import ApplicationFactory, complete
from applicants.views.pages import agreement_text, agreement_translation
from applicants.workflow import transition

TEMPLATES = Path(settings.BASE_DIR) / "templates"
AREA = [*sorted((TEMPLATES / "applicants").rglob("*.*")),
        *sorted((TEMPLATES / "includes").glob("*.html")),
        *sorted((TEMPLATES / "emails").glob("applicants_*"))]
WORDS = re.compile(r"[A-Za-z]{2,}")


def bare_text(source: str) -> list[str]:
    """Words a template shows outside {% translate %} / {% blocktranslate %}."""
    text = re.sub(r"(?s)\{% *blocktrans(late)?\b.*?\{% *endblocktrans(late)? *%\}", " ", source)
    text = re.sub(r"(?s)\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", " ", text)
    text = re.sub(r"(?s)<[^>]*>", " ", text)   # tags, with their attributes
    text = re.sub(r"[\w.-]*/[\w./-]*", " ", text)   # the path of a link: submitted/
    return WORDS.findall(re.sub(r"&\w+;", " ", text))


@pytest.mark.parametrize("path", AREA, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_bare_english_in_the_applicants_templates(path):
    assert bare_text(path.read_text(encoding="utf-8")) == []


def test_the_lint_sees_bare_text():
    assert bare_text("<p>Hello {{ name }}</p>{% translate 'Fine' %}") == ["Hello"]
    assert bare_text("{% blocktranslate %}Dear {{ name }}{% endblocktranslate %}") == []


@pytest.mark.django_db
def test_a_submission_is_recorded_in_english_whatever_the_language(applicant):
    application = complete(ApplicationFactory(applicant=applicant, category="II"))
    with translation.override("es"):
        transition(application, "submitted", actor=applicant)
    application.refresh_from_db()
    answers = application.snapshot["answers"]
    assert answers["category_label"] == "Level II – Family Specialist"
    assert all(isinstance(w["kind"], str) for w in answers["work"])
    assert {s["document"] for s in answers["signatures"]} == {"Code of Ethics",
                                                              "Endorsement® Agreement"}


def test_a_kept_label_is_shown_through_the_catalog_and_nothing_else_is_invented():
    assert label("") == "" and label(None) == ""
    assert label("Not a label of this site") == "Not a label of this site"
    with translation.override("en"):
        assert label("Code of Ethics") == "Code of Ethics"


@pytest.mark.django_db
def test_the_agreements_are_signed_in_english_and_shown_without_a_translation_in_english(
        applicant):
    application = complete(ApplicationFactory(applicant=applicant, category="II"))
    with translation.override("en"):
        assert agreement_translation("agreement") == ""
    english = agreement_text("code_of_ethics", "en")
    assert english.startswith("Code of Ethics for Endorsed Professionals, version ")
    assert "{%" not in english and "\n\n1. Relationships come first." in english
    with translation.override("es"):  # whatever the catalog holds, the signed text is English
        assert agreement_text("code_of_ethics", "en") == english
    client = Client()
    client.force_login(applicant)
    application.signatures.all().delete()
    body = client.get(reverse("applicants:agreements", args=[application.pk])).content.decode()
    assert "Sign the Code of Ethics" in body and "Sign the Endorsement® Agreement" in body
    assert "agreement-translation" not in body


def test_date_messages_are_whole_sentences_with_the_date_in_the_readers_words():
    from django import forms

    tomorrow = dt.date.today() + dt.timedelta(days=2)
    with translation.override("en"), pytest.raises(forms.ValidationError) as error:
        past_date(tomorrow, "start date")
    assert re.fullmatch(r"The start date cannot be in the future\. Enter a date on or before "
                        r"[A-Z][a-z]+ \d{1,2}, \d{4}\.", error.value.messages[0])
