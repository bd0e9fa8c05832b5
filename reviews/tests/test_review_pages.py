"""The reviewer's page, the reviews side by side, the decision, versions and hand entry:
each for its own people (404 to everyone else), forms that keep what was typed."""
import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from applicants.workflow import transition
from endorsement.credentials.models import Endorsement
from endorsement.testing.clients import sign_in_client
from endorsement.testing.factories import AdvisorFactory, ReviewerFactory, UserFactory
from reviews import reviewing, services
from reviews.tests.helpers import endorsed_reviewers, in_review

pytestmark = pytest.mark.django_db


def as_(user):
    return sign_in_client(Client(), user)


@pytest.fixture
def setup(applicant, coordinator):
    application = in_review(applicant, coordinator)
    application.advisor = AdvisorFactory()
    application.save()
    mine, undeclared = endorsed_reviewers(2)
    assignment = services.assign_reviewer(application, mine, actor=coordinator)
    reviewing.declare_conflict(assignment, conflict=False, note="", actor=mine)
    services.assign_reviewer(application, undeclared, actor=coordinator)
    return {"application": application, "assignment": assignment, "reviewer": mine,
            "undeclared": undeclared}


def review_post(application, **overrides):
    data = {f"met_{a.key}": "met" for a in reviewing.areas_for(application)}
    data.update({f"comment_{a.key}": f"Seen in {a.name}" for a in reviewing.areas_for(application)})
    data.update({"recommendation": "endorse", "reasons": ""})
    data.update(overrides)
    return data


def test_each_new_page_is_404_to_whoever_it_is_not_for(setup, applicant, other_applicant,
                                                       coordinator):
    application, assignment = setup["application"], setup["assignment"]
    stranger_reviewer = ReviewerFactory(endorsed="IV-C")
    review = reverse("reviews:review", args=[assignment.pk])
    declare = reverse("reviews:declare", args=[assignment.pk])
    side = reverse("reviews:reviews", args=[application.pk])
    decide = reverse("reviews:decide", args=[application.pk])
    versions = reverse("reviews:versions", args=[application.pk])
    version = reverse("reviews:version", args=[application.pk, 1])
    entry = reverse("reviews:endorsement_add")
    advisor = application.advisor
    refused = {
        review: [applicant, other_applicant, stranger_reviewer, setup["undeclared"], advisor,
                 coordinator],
        declare: [applicant, other_applicant, stranger_reviewer, advisor, coordinator],
        side: [applicant, other_applicant, setup["reviewer"], advisor],
        decide: [applicant, other_applicant, setup["reviewer"], advisor],
        versions: [applicant, other_applicant, stranger_reviewer, setup["undeclared"], advisor],
        version: [applicant, other_applicant, stranger_reviewer, setup["undeclared"], advisor],
        entry: [applicant, setup["reviewer"], advisor],
    }
    for url, people in refused.items():
        for person in people:
            client = as_(person)
            method = client.post if url == declare else client.get
            assert method(url).status_code == 404, (url, person.role)
    ok = {review: setup["reviewer"], side: coordinator, decide: coordinator,
          versions: setup["reviewer"], version: coordinator, entry: coordinator}
    for url, person in ok.items():
        assert as_(person).get(url).status_code == 200, url


def test_a_coordinator_does_not_decide_on_their_own_application(coordinator):
    boss = UserFactory(role="coordinator", is_staff=True)
    application = in_review(coordinator, boss, eligible=False)
    client = as_(coordinator)
    for name in ("reviews:reviews", "reviews:decide", "reviews:versions"):
        assert client.get(reverse(name, args=[application.pk])).status_code == 404


def test_the_reviewer_declares_then_reviews_and_then_sees_the_others(setup, coordinator):
    application = setup["application"]
    other = ReviewerFactory(endorsed="IV-C")
    other_assignment = services.assign_reviewer(application, other, actor=coordinator)
    client = as_(other)
    url = reverse("reviews:review", args=[other_assignment.pk])
    page = client.get(url)
    assert page.context["conflict_form"] and b"Rater 0 comment" not in page.content
    response = client.post(reverse("reviews:declare", args=[other_assignment.pk]),
                           {"conflict": "yes", "note": ""})
    assert response.status_code == 200 and response.context["conflict_form"].errors["note"]
    client.post(reverse("reviews:declare", args=[other_assignment.pk]), {"conflict": "no"})
    page = client.get(url)
    assert b"Rater 0 comment" in page.content  # the reference ratings
    assert page.context["others"] is None

    # The first reviewer submits; the second still cannot see it before their own.
    first = as_(setup["reviewer"])
    first.post(reverse("reviews:review", args=[setup["assignment"].pk]),
               review_post(application))
    assert client.get(url).context["others"] is None

    bad = review_post(application, recommendation="defer", reasons="")
    bad["comment_reflection"] = "Kept comment 5521"
    response = client.post(url, bad)
    assert response.status_code == 200 and response.context["form"].errors["reasons"]
    assert b"Kept comment 5521" in response.content
    response = client.post(url, review_post(application, recommendation="defer",
                                            reasons="Needs more RSC"))
    assert response.status_code == 302
    page = client.get(url)
    assert [r.assignment.reviewer for r in page.context["others"]] == [setup["reviewer"]]
    assert page.context["form"] is None
    side = as_(coordinator).get(reverse("reviews:reviews", args=[application.pk]))
    assert len(side.context["reviews"]) == 2 and b"Needs more RSC" in side.content


def test_the_decision_page_says_why_endorsing_is_refused_and_keeps_the_reasons(setup,
                                                                               coordinator):
    application = setup["application"]
    client = as_(coordinator)
    url = reverse("reviews:decide", args=[application.pk])
    page = client.get(url)
    refusals = {m["move"].target: m["refusal"] for m in page.context["moves"]}
    assert "reviews are needed" in refusals["endorsed"]
    response = client.post(url, {"to_status": "endorsed", "note": "Typed note 8812"})
    assert response.status_code == 200
    assert "reviews are needed" in " ".join(response.context["form"].non_field_errors())
    assert b"Typed note 8812" in response.content
    response = client.post(url, {"to_status": "deferred", "note": ""})
    assert "reasons" in " ".join(response.context["form"].non_field_errors())
    response = client.post(url, {"to_status": "withdrawn", "note": "x"})
    assert response.status_code == 200
    response = client.post(url, {"to_status": "deferred", "note": "Add the RSC log"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "deferred"


def test_versions_and_what_changed(setup, coordinator, applicant):
    application = setup["application"]
    transition(application, "deferred", actor=coordinator, note="Rename a training")
    application.training.filter(pk=application.training.first().pk).update(title="New title 77")
    transition(application, "submitted", actor=applicant)
    client = as_(coordinator)
    url = reverse("reviews:versions", args=[application.pk])
    page = client.get(url, {"a": "1", "b": "2"})
    assert b"New title 77" in page.content and page.context["page"].paginator.count == 2
    assert client.get(url, {"a": "x", "b": "\x00"}).status_code == 200
    assert client.get(reverse("reviews:version", args=[application.pk, 9])).status_code == 404
    assert b"New title 77" not in client.get(
        reverse("reviews:version", args=[application.pk, 1])).content


@pytest.mark.parametrize("count", [1, 4])
def test_the_versions_list_reads_a_constant_number_of_queries(
        coordinator, applicant, django_assert_num_queries, count):
    from applicants.models import SubmissionVersion

    application = in_review(applicant, coordinator, eligible=False)
    for n in range(2, count + 1):
        SubmissionVersion.objects.create(application=application, number=n,
                                         submitted_at=timezone.now(), snapshot={})
    client = as_(coordinator)
    with django_assert_num_queries(6):
        client.get(reverse("reviews:versions", args=[application.pk]))


def test_a_coordinator_enters_an_endorsement_by_hand(coordinator):
    person = ReviewerFactory(email="paper@example.org")
    client = as_(coordinator)
    url = reverse("reviews:endorsement_add")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    bad = {"email": "PAPER@example.org", "program": "IMH-E", "category": "IV-C",
           "issued_on": tomorrow.isoformat(), "valid_through": "2020-01-01"}
    response = client.post(url, bad)
    assert response.status_code == 200 and response.context["form"].errors["issued_on"]
    assert b"PAPER@example.org" in response.content
    assert client.post(url, {**bad, "email": "nobody@example.org"}).context["form"].errors[
        "email"]
    good = {**bad, "issued_on": "2019-05-01", "valid_through": "2099-12-31"}
    assert client.post(url, good).status_code == 302
    endorsement = Endorsement.objects.get(holder=person)
    assert endorsement.entered_by == coordinator and endorsement.application is None
    assert not endorsement.ers
    ers_holder = ReviewerFactory(email="ers@example.org")
    client.post(url, {**good, "email": "ers@example.org", "category": "II", "ers": "on"})
    assert Endorsement.objects.get(holder=ers_holder).ers  # Virginia's add-on, kept
    # Now a Level III application can be given to them.
    application = in_review(UserFactory(), coordinator, category="III", eligible=False)
    assert person in reviewing.assignable_reviewers(application)


def test_two_coordinators_deciding_at_once_one_wins_the_other_is_told(setup, coordinator):
    application = setup["application"]
    colleague = UserFactory(role="coordinator", is_staff=True)
    url = reverse("reviews:decide", args=[application.pk])
    first, second = as_(coordinator), as_(colleague)
    assert first.post(url, {"to_status": "deferred", "note": "Add the log"}).status_code == 302
    response = second.post(url, {"to_status": "not_endorsed", "note": "Typed by the second"})
    assert response.status_code == 200
    assert "cannot be moved" in " ".join(response.context["form"].non_field_errors())
    assert b"Typed by the second" in response.content
    application.refresh_from_db()
    assert application.status == "deferred"
    assert list(application.events.values_list("to_status", flat=True))[-1] == "deferred"


def test_a_reviewer_no_longer_assigned_gets_404(setup, coordinator):
    assignment = setup["assignment"]
    client = as_(setup["reviewer"])
    url = reverse("reviews:review", args=[assignment.pk])
    assert client.get(url).status_code == 200
    services.unassign_reviewer(assignment, actor=coordinator)
    assert client.get(url).status_code == 404
    assert client.post(url, review_post(setup["application"])).status_code == 404
