"""Every word of the rater's pages, the applicant's References section, the coordinator's
reference pages and the reference emails goes through the catalog (issue 15): rendered in
pseudo-Spanish (each message bracketed, endorsement.testing.pseudo), nothing English is left
outside the brackets but what people typed and the Guidelines' own area names."""
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from endorsement.mail import _context, render_text
from endorsement.models import User
from endorsement.testing.pseudo import pseudo_spanish, unmarked_words
from references import notices, services
from references.models import ReferenceRequest

from .conftest import scores

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish(monkeypatch, applicant, coordinator):
    User.objects.filter(pk__in=[applicant.pk, coordinator.pk]).update(language="es")
    applicant.language = coordinator.language = "es"
    with pseudo_spanish(monkeypatch):
        yield


def data_of(application, *refs) -> list[str]:
    """What people typed or the published Guidelines hold: never translated. (The level and
    program names come from the applicants app, which owns their translation.)"""
    areas = services.areas_for(application)
    return [application.applicant.display_name, application.applicant.email, "Ana Lopez",
            settings.ASSOCIATION_NAME, settings.ASSOCIATION_SHORT_NAME, "3 years",
            "Secret remark 7781", "example.org", "example",
            str(application.get_category_display()), str(application.get_program_display()),
            *[a.name for a in areas], *[i for a in areas for i in a.items],
            *[v for r in refs for v in (r.rater_name, r.rater_email)]]


def assert_all_marked(response_or_html, allowed):
    html = (response_or_html if isinstance(response_or_html, str)
            else response_or_html.content.decode())
    assert sorted(unmarked_words(html, allowed)) == []


def test_the_raters_pages_are_all_translatable(ask, application, spanish):
    ref, raw = ask(language="es")
    allowed = data_of(application, ref)
    rater = Client()
    link = rater.get(reverse("references:link", args=[raw]))
    assert link.status_code == 200 and 'lang="es"' in link.content.decode()
    assert_all_marked(link, allowed)
    rater.post(reverse("references:link", args=[raw]), {"action": "start"})
    rate_url = reverse("references:rate", args=[ref.pk])
    assert_all_marked(rater.get(rate_url), allowed)
    # A submit with nothing chosen: the errors are translatable too.
    invalid = rater.post(rate_url, {"action": "submit"})
    assert invalid.status_code == 200
    assert_all_marked(invalid, allowed)
    saved = rater.post(rate_url, {**scores(application), "action": "save"}, follow=True)
    assert_all_marked(saved, allowed)
    assert_all_marked(rater.get(reverse("references:decline", args=[ref.pk])), allowed)
    done = rater.post(rate_url, {**scores(application), "action": "submit"}, follow=True)
    assert_all_marked(done, allowed)
    assert_all_marked(rater.get(reverse("references:declined")), allowed)
    # The link once used, and a link nobody sent.
    assert_all_marked(rater.get(reverse("references:link", args=[raw])), allowed)
    stranger = Client(HTTP_ACCEPT_LANGUAGE="es")
    assert_all_marked(stranger.get(reverse("references:link", args=["x" * 43])), allowed)


def test_the_applicants_references_pages_are_all_translatable(client, applicant, application,
                                                              ask, spanish):
    first, _ = ask()
    second, _ = ask(2)
    services.decline(second, "Too busy")
    allowed = data_of(application, first, second)
    client.force_login(applicant)
    section = client.get(reverse("references:section", args=[application.pk]))
    assert section.status_code == 200
    assert_all_marked(section, allowed)
    # A form sent back with errors.
    refused = client.post(reverse("references:section", args=[application.pk]),
                          {"rater_name": "", "rater_email": "applicant@example.org"})
    assert_all_marked(refused, allowed)
    assert_all_marked(client.get(reverse("references:correct",
                                         args=[application.pk, first.pk])), allowed)
    assert_all_marked(client.get(reverse("references:replace",
                                         args=[application.pk, second.pk])), allowed)


def test_the_coordinators_reference_pages_are_all_translatable(coordinator_client, application,
                                                               ask, spanish):
    from references.models import RaterVetting

    submitted, raw = ask(rater_endorsement="II")
    rater = Client()
    rater.post(reverse("references:link", args=[raw]), {"action": "start"})
    rater.post(reverse("references:rate", args=[submitted.pk]),
               {**scores(application, na=3), "action": "submit"})
    vetted, _ = ask(2)
    RaterVetting.objects.create(request=vetted, call_date="2026-01-05", outcome="accepted",
                                has_guidelines_copy=True, familiar=True)
    allowed = data_of(application, submitted, vetted) + ["Cora Ward"]
    page = coordinator_client.get(reverse("references:coordinator_application",
                                          args=[application.pk]))
    assert page.status_code == 200 and "Secret remark 7781" in page.content.decode()
    assert_all_marked(page, allowed)
    for show in ("flagged", "declined", "verify", "expiring"):
        overview = coordinator_client.get(reverse("references:coordinator_overview"),
                                          {"show": show})
        assert_all_marked(overview, allowed)
    assert_all_marked(coordinator_client.get(reverse("references:vet", args=[vetted.pk])),
                      allowed)
    extended = coordinator_client.post(reverse("references:extend", args=[vetted.pk]),
                                       follow=True)
    assert_all_marked(extended, allowed)


REFERENCE_EMAILS = [
    ("references_request", {"link": "https://x.test/r/abc/", "known_for": "3 years"}),
    ("references_request", {"link": "https://x.test/r/abc/", "resent": True,
                            "known_for": "3 years"}),
    ("references_reminder", {"link": "https://x.test/r/abc/"}),
    ("references_reminder", {"link": "https://x.test/r/abc/", "final": True}),
    ("references_thanks", {}),
    ("references_arrived", {"section_url": "https://x.test/s/", "not_counted": ""}),
    ("references_flagged", {"count": 3, "url": "https://x.test/c/"}),
    ("references_declined", {"url": "https://x.test/s/", "for_coordinator": False}),
    ("references_declined", {"url": "https://x.test/c/", "for_coordinator": True}),
    ("references_expired", {"url": "https://x.test/s/", "for_coordinator": False}),
    ("references_expired", {"url": "https://x.test/c/", "for_coordinator": True}),
    ("references_set_aside", {"url": "https://x.test/s/", "reason": "Please ask again"}),
]


@pytest.mark.parametrize(("template", "extra"), REFERENCE_EMAILS)
def test_every_reference_email_is_translatable(ask, application, template, extra, spanish):
    from django.template.loader import render_to_string

    ref, _ = ask()
    ref = ReferenceRequest.objects.select_related("application__applicant").get(pk=ref.pk)
    context = _context({**notices._context(ref), **extra})
    allowed = data_of(application, ref) + ["https://x.test/r/abc/", "https://x.test/s/",
                                           "https://x.test/c/", "Please ask again", "IMH-E"]
    for part in (f"emails/{template}_subject.txt", f"emails/{template}.txt"):
        assert unmarked_words(render_text(part, context), allowed) == set(), part
    assert unmarked_words(render_to_string(f"emails/{template}.html", context),
                          allowed) == set()
