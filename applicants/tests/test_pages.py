"""The finder, the home page and the task list, through the Django test client."""
import pytest
from django.urls import reverse

from applicants.models import Application
from applicants.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_finder_recommends_and_explains(client, applicant):
    client.force_login(applicant)
    response = client.get(reverse("applicants:finder"), {
        "degree": "master", "age_group": "young_children", "role": "direct_dyads",
        "dyad_support": "treatment"})
    html = response.content.decode()
    assert "Early Childhood Mental Health Specialist (ECMHS)" in html
    assert "You provide treatment to parents and children together" in html
    assert 'name="category" value="III"' in html and 'value="ECMH-E"' in html


def test_finder_asks_only_what_applies(client, applicant):
    client.force_login(applicant)
    html = client.get(reverse("applicants:finder"), {"age_group": "infants"}).content.decode()
    assert 'name="role"' in html and 'name="dyad_support"' not in html
    assert "Our suggestion" not in html


def test_people_who_do_not_fit_are_sent_to_the_coordinator(client, applicant):
    client.force_login(applicant)
    html = client.get(reverse("applicants:finder"),
                      {"degree": "none", "age_group": "infants", "role": "none"}).content.decode()
    assert "contact the Endorsement Coordinator" in html
    assert "Start an application for Level" not in html


def test_start_creates_one_draft_per_category(client, applicant):
    client.force_login(applicant)
    for _ in range(2):
        response = client.post(reverse("applicants:start"),
                               {"program": "IMH-E", "category": "IV-RF"})
    application = Application.objects.get()
    assert response["Location"] == reverse("applicants:application",
                                           kwargs={"pk": application.pk})
    assert (application.category, application.status) == ("IV-RF", "draft")
    assert client.post(reverse("applicants:start"),
                       {"program": "IMH-E", "category": "V"}).status_code == 404


def test_home_continues_where_you_left_off(client, draft):
    client.force_login(draft.applicant)
    client.post(reverse("applicants:membership", kwargs={"pk": draft.pk}),
                {"membership_number": "M-1", "membership_expires": "2027-06-30"})
    html = client.get(reverse("applicants:home")).content.decode()
    # Membership is complete now: "continue" leads to the next section that is not (issue 11).
    assert "you last worked on <strong>Membership and fee</strong>" in html
    assert "Continue with Membership and fee" not in html
    assert "Continue with About you" in html
    html = client.get(reverse("applicants:application", kwargs={"pk": draft.pk})).content.decode()
    assert "Continue where you left off: About you" in html


def test_returned_application_shows_the_coordinators_message(client, applicant, coordinator):
    from applicants.models import CoordinatorMessage

    application = ApplicationFactory(applicant=applicant, status="returned")
    CoordinatorMessage.objects.create(application=application, author=coordinator,
                                      body="Please add the official transcript.")
    client.force_login(applicant)
    html = client.get(reverse("applicants:application",
                              kwargs={"pk": application.pk})).content.decode()
    assert "returned your application" in html
    assert "Please add the official transcript." in html


def test_snapshot_dates_read_like_dates():
    import datetime as dt

    from applicants.templatetags.applicants_tags import day

    assert day("2023-11-23") == "November 23, 2023"
    assert day(dt.date(2023, 11, 23)) == "November 23, 2023"
    assert day("2026-11-22T06:53:59.178Z").startswith("November 22, 2026, 1:53")
    assert day("") == "" and day(None) == ""
