"""Reviewer reviews and the decision, as services: who may review, the conflict declaration,
the review per competency area, the decision's checks and the Endorsement® it issues."""
import datetime

import pytest
from django.utils import timezone

from applicants.models import Status
from applicants.workflow import TransitionError, transition
from endorsement.credentials.models import Endorsement
from endorsement.models import AuditEvent, OutboundEmail
from endorsement.testing.factories import ReviewerFactory
from reviews import reviewing, services
from reviews.models import Review
from reviews.services import ReviewError
from reviews.tests.helpers import endorsed_reviewers, in_review

pytestmark = pytest.mark.django_db


def all_met(application, met=True):
    return {a.key: {"met": met, "comment": f"about {a.key}"}
            for a in reviewing.areas_for(application)}


def reviewed(application, coordinator, recommendation="endorse", n=2):
    reviewers = endorsed_reviewers(n)
    for reviewer in reviewers:
        assignment = services.assign_reviewer(application, reviewer, actor=coordinator)
        reviewing.declare_conflict(assignment, conflict=False, note="", actor=reviewer)
        reviewing.submit_review(assignment, areas=all_met(application),
                                recommendation=recommendation, reasons="Some reasons",
                                actor=reviewer)
    return reviewers


def test_only_reviewers_endorsed_at_the_level_or_higher_are_offered(applicant, coordinator):
    application = in_review(applicant, coordinator, category="III", eligible=False)
    mentor, specialist = ReviewerFactory(endorsed="IV-C"), ReviewerFactory(endorsed="III")
    family = ReviewerFactory(endorsed="II")
    paper_only = ReviewerFactory()
    lapsed = ReviewerFactory(endorsed="IV-P")
    Endorsement.objects.filter(holder=lapsed).update(
        valid_through=timezone.localdate() - datetime.timedelta(days=1))
    assert set(reviewing.assignable_reviewers(application)) == {mentor, specialist}
    services.assign_reviewer(application, mentor, actor=coordinator)
    assert set(reviewing.assignable_reviewers(application)) == {specialist}
    for refused in (family, paper_only, lapsed):
        with pytest.raises(ReviewError, match="current Endorsement"):
            services.assign_reviewer(application, refused, actor=coordinator)


def test_a_reviewer_is_never_offered_their_own_application(coordinator):
    reviewer = ReviewerFactory(endorsed="IV-C")
    application = in_review(reviewer, coordinator, eligible=False)
    assert reviewer not in reviewing.assignable_reviewers(application)
    with pytest.raises(ReviewError, match="own application"):
        services.assign_reviewer(application, reviewer, actor=coordinator)


def test_a_conflict_is_declared_once_with_what_it_is(applicant, coordinator):
    application = in_review(applicant, coordinator, eligible=False)
    reviewer, other = endorsed_reviewers(2)
    assignment = services.assign_reviewer(application, reviewer, actor=coordinator)
    with pytest.raises(ReviewError, match="what the conflict is"):
        reviewing.declare_conflict(assignment, conflict=True, note=" ", actor=reviewer)
    with pytest.raises(ReviewError, match="Only the assigned reviewer"):
        reviewing.declare_conflict(assignment, conflict=False, note="", actor=other)
    reviewing.declare_conflict(assignment, conflict=True, note="I supervise her", actor=reviewer)
    with pytest.raises(ReviewError, match="already declared"):
        reviewing.declare_conflict(assignment, conflict=False, note="", actor=reviewer)
    assert AuditEvent.objects.filter(action="application.reviewer_conflict").count() == 1
    with pytest.raises(ReviewError, match="no conflict"):
        reviewing.submit_review(assignment, areas=all_met(application),
                                recommendation="endorse", reasons="", actor=reviewer)
    # Anyone who declared a conflict is not offered again.
    assert reviewer not in reviewing.assignable_reviewers(application)
    assert not reviewer.has_perm("applicants.view_application", application)


def test_a_review_judges_every_area_and_gives_reasons_to_defer(applicant, coordinator):
    application = in_review(applicant, coordinator, eligible=False)
    (reviewer,) = endorsed_reviewers(1)
    assignment = services.assign_reviewer(application, reviewer, actor=coordinator)
    reviewing.declare_conflict(assignment, conflict=False, note="", actor=reviewer)
    assert reviewer.has_perm("applicants.view_application", application)
    partial = dict(list(all_met(application).items())[:2])
    with pytest.raises(ReviewError, match="every competency area"):
        reviewing.submit_review(assignment, areas=partial, recommendation="endorse",
                                reasons="", actor=reviewer)
    with pytest.raises(ReviewError, match="reasons"):
        reviewing.submit_review(assignment, areas=all_met(application), recommendation="defer",
                                reasons="", actor=reviewer)
    review = reviewing.submit_review(assignment, areas=all_met(application, met=False),
                                     recommendation="defer", reasons="More RSC", actor=reviewer)
    assert review.version == 1 and review.submitted_at
    assert set(review.areas) == {a.key for a in reviewing.areas_for(application)}
    with pytest.raises(ReviewError, match="already submitted"):
        reviewing.submit_review(assignment, areas=all_met(application), recommendation="endorse",
                                reasons="", actor=reviewer)
    assert Review.objects.get().recommendation == "defer"


def test_endorsing_waits_for_the_reviews_then_issues_the_endorsement(applicant, coordinator):
    application = in_review(applicant, coordinator)
    with pytest.raises(TransitionError, match="2 reviews are needed"):
        transition(application, "endorsed", actor=coordinator)
    reviewed(application, coordinator, n=1)
    with pytest.raises(TransitionError, match="1 submitted"):
        transition(application, "endorsed", actor=coordinator)
    assert not Endorsement.objects.filter(application=application).exists()
    reviewed(application, coordinator, n=1)
    transition(application, "endorsed", actor=coordinator, note="Well done")
    endorsement = Endorsement.objects.get(application=application)
    today = timezone.localdate()
    assert endorsement.holder == applicant and endorsement.category == "II"
    assert endorsement.valid_through == datetime.date(today.year, 12, 31)
    assert endorsement.rules_edition == application.rules_edition
    mail = OutboundEmail.objects.get(template="reviews_endorsed")
    assert mail.to == applicant.email and endorsement.number in mail.body_text
    assert endorsement.number in mail.body_html


def test_the_number_of_reviews_and_the_validity_are_settings(applicant, coordinator, settings):
    settings.REVIEWS_REQUIRED = 1
    settings.ENDORSEMENT_VALID_THROUGH = "2"
    application = in_review(applicant, coordinator)
    reviewed(application, coordinator, n=1)
    transition(application, "endorsed", actor=coordinator)
    endorsement = Endorsement.objects.get(application=application)
    assert endorsement.valid_through == endorsement.issued_on.replace(
        year=endorsement.issued_on.year + 2) - datetime.timedelta(days=1)


def test_an_ineligible_application_cannot_be_endorsed_whatever_the_reviews(applicant,
                                                                          coordinator):
    application = in_review(applicant, coordinator, eligible=False)
    reviewed(application, coordinator)
    with pytest.raises(TransitionError, match="reference ratings are not complete"):
        transition(application, "endorsed", actor=coordinator)
    application.refresh_from_db()
    assert application.status == "in_review"
    assert not Endorsement.objects.filter(application=application).exists()


def test_fee_unpaid_is_a_reason_the_rules_give(applicant, coordinator):
    application = in_review(applicant, coordinator)
    services.record_fee(application, paid=False, actor=coordinator)
    reviewed(application, coordinator)
    with pytest.raises(TransitionError, match="rules do not allow"):
        transition(application, "endorsed", actor=coordinator)


def test_approving_to_sit_the_exam_waits_for_the_reviews(applicant, coordinator):
    application = in_review(applicant, coordinator, category="III", eligible=False)
    with pytest.raises(TransitionError, match="reviews are needed"):
        transition(application, "approved_for_exam", actor=coordinator)
    reviewed(application, coordinator, recommendation="exam")
    transition(application, "approved_for_exam", actor=coordinator)
    assert application.status == Status.APPROVED_FOR_EXAM


def test_after_a_deferral_the_new_version_needs_new_reviews(applicant, coordinator):
    application = in_review(applicant, coordinator)
    reviewers = reviewed(application, coordinator, recommendation="defer")
    transition(application, "deferred", actor=coordinator, note="Add RSC hours")
    transition(application, "submitted", actor=applicant)
    transition(application, "in_review", actor=coordinator)
    assert reviewing.submitted_reviews(application).count() == 0
    with pytest.raises(TransitionError, match="0 submitted"):
        transition(application, "endorsed", actor=coordinator)
    for reviewer in reviewers:
        assignment = application.review_assignments.get(reviewer=reviewer)
        reviewing.submit_review(assignment, areas=all_met(application),
                                recommendation="endorse", reasons="", actor=reviewer)
    transition(application, "endorsed", actor=coordinator)
    assert Review.objects.filter(version=2).count() == 2


def test_what_changed_between_two_versions(applicant, coordinator):
    application = in_review(applicant, coordinator)
    transition(application, "deferred", actor=coordinator, note="Rename")
    application.training.filter(pk=application.training.first().pk).update(title="Renamed")
    transition(application, "submitted", actor=applicant)
    first, second = application.versions.all()
    rows = reviewing.changes(first, second)
    assert [row["after"] for row in rows] == ["Renamed"]
    assert rows[0]["field"].startswith("Training › #")
