"""Journeys: the written examination of a Level III candidate, in a browser.

The coordinator sets up a sitting and enrols the approved candidate, records part 1 (a score of
101 % is refused), two reviewers score the vignettes blind (their pages never show the name),
and the candidate reads the result on their application. Then the whole tail: reviews recommend
the exam, the candidate passes it, the coordinator endorses. Axe runs on the pages visited."""
import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applicants.models import Application, Status
from applicants.tests.factories import ApplicationFactory, complete
from endorsement.credentials.models import Endorsement
from endorsement.models import OutboundEmail
from endorsement.testing.browser import assert_accessible, sign_in
from endorsement.testing.factories import ReviewerFactory
from reviews import reviewing
from reviews import services as review_services
from reviews.exams.models import ExamEnrolment, ExamSitting
from reviews.tests.helpers import in_review

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_level_iii_candidate_sits_the_exam_and_is_scored_blind(page, live_server, browser,
                                                                 coordinator, applicant):
    application = complete(ApplicationFactory(applicant=applicant, category="III"))
    Application.objects.filter(pk=application.pk).update(
        status=Status.APPROVED_FOR_EXAM, submitted_at=timezone.now())
    scorers = [ReviewerFactory(first_name="Sky", last_name="Reed"),
               ReviewerFactory(first_name="Lou", last_name="Park")]
    name = applicant.display_name  # "Ana Lopez"

    # The coordinator sets up a sitting.
    sign_in(page, live_server, coordinator)
    page.goto(live_server.url + "/coordinator/")
    page.get_by_role("link", name="Exams").click()
    assert_accessible(page, "sittings (none yet)")
    page.get_by_role("link", name="Set up a sitting").click()
    assert_accessible(page, "new sitting form")
    when = timezone.localtime() + dt.timedelta(days=30)
    page.get_by_label("Program").select_option("IMH-E")
    page.get_by_label("Date and time").fill(when.strftime("%Y-%m-%dT09:30"))
    page.get_by_label("In person").check()
    page.get_by_label("Place").fill("MassAIMH office, 1 Main Street, Worcester")
    page.get_by_label("Seats").fill("0")
    page.get_by_role("button", name="Save the sitting").click()
    expect(page.get_by_text("Ensure this value is greater than or equal to 1.")).to_be_visible()
    assert_accessible(page, "sitting form with an error")
    expect(page.get_by_label("Place")).to_have_value("MassAIMH office, 1 Main Street, Worcester")
    page.get_by_label("Seats").fill("12")
    page.get_by_role("button", name="Save the sitting").click()
    expect(page.get_by_text("The sitting is set up.")).to_be_visible()
    assert_accessible(page, "sitting page")

    # ...and enrols the approved Level III candidate.
    page.get_by_label("Candidate", exact=False).and_(page.locator("select")).select_option(
        label=f"{name} – Level III – Mental Health Specialist")
    page.get_by_role("button", name="Enrol").click()
    expect(page.get_by_text(f"{name} is enrolled, with candidate code C-")).to_be_visible()
    assert_accessible(page, "sitting with a candidate")
    enrolment = ExamEnrolment.objects.get()
    code = enrolment.candidate_code
    application.refresh_from_db()
    assert application.status == Status.EXAM

    # The sitting takes place.
    ExamSitting.objects.update(starts_at=timezone.now() - dt.timedelta(hours=3))

    page.get_by_role("link", name=name).click()
    assert_accessible(page, "candidate's examination page")
    page.get_by_label("Multiple-choice score (percent)").fill("101")
    page.get_by_role("button", name="Record part 1").click()
    expect(page.get_by_text("it cannot be more than 100")).to_be_visible()
    assert_accessible(page, "part 1 refused")
    page.get_by_label("Multiple-choice score (percent)").fill("86")
    page.get_by_role("button", name="Record part 1").click()
    expect(page.get_by_text("Part 1 is recorded: 86%, passed.")).to_be_visible()
    page.get_by_label("The candidate's vignette answers").fill(
        "Vignette 1: I would first wonder with the mother about her baby's cues...")
    page.get_by_role("button", name="Save the answers").click()
    expect(page.get_by_text("The vignette answers are saved")).to_be_visible()
    for scorer in scorers:
        page.get_by_label("Add a scorer").select_option(
            label=f"{scorer.display_name} ({scorer.email})")
        page.get_by_role("button", name="Add the scorer").click()
        expect(page.get_by_text(f"{scorer.display_name} will score")).to_be_visible()
    assert_accessible(page, "candidate with two scorers")

    # Two reviewers score the vignettes blind.
    for scorer, score in zip(scorers, ("90", "84"), strict=True):
        scorer_page = browser.new_page()
        sign_in(scorer_page, live_server, scorer)
        scorer_page.goto(live_server.url + "/coordinator/assigned/")
        scorer_page.get_by_role("link", name="Vignettes to score").click()
        assert_accessible(scorer_page, "scorer's list")
        for secret in (applicant.first_name, applicant.last_name, applicant.email):
            assert secret not in scorer_page.content()
        scorer_page.get_by_role("link", name=code).click()
        assert_accessible(scorer_page, "blind script")
        expect(scorer_page.get_by_text("I would first wonder with the mother")).to_be_visible()
        for secret in (applicant.first_name, applicant.last_name, applicant.email):
            assert secret not in scorer_page.content()
        scorer_page.get_by_label("Score (percent)").fill(score)
        scorer_page.get_by_role("button", name="Submit my score").click()
        expect(scorer_page.get_by_text(f"Your score for {code} is recorded.")).to_be_visible()
        assert applicant.last_name not in scorer_page.content()
        assert_accessible(scorer_page, "scorer's list after scoring")
        scorer_page.close()

    application.refresh_from_db()
    assert application.status == Status.AWAITING_DECISION
    assert OutboundEmail.objects.filter(template="exams_result", to=applicant.email).exists()

    # The candidate sees the result on their application.
    candidate = browser.new_page()
    sign_in(candidate, live_server, applicant)
    candidate.goto(f"{live_server.url}/apply/{application.pk}/submitted/")
    result = candidate.locator(".exam-result")
    expect(result).to_contain_text("You passed the written examination.")
    expect(result).to_contain_text("86%")
    assert code not in candidate.content()
    assert_accessible(candidate, "candidate's application with the result")
    candidate.set_viewport_size({"width": 360, "height": 740})
    assert_accessible(candidate, "the result at 360 px")


def test_level_iii_reviewed_examined_blind_and_endorsed(page, live_server, browser, coordinator,
                                                        applicant):
    """The tail of the Level III journey: two reviews recommend the exam, the coordinator
    approves it, the candidate sits it and is scored blind, the coordinator endorses and the
    applicant sees the Endorsement® number."""
    application = in_review(applicant, coordinator, category="III")
    for reviewer in (ReviewerFactory(endorsed="IV-C"), ReviewerFactory(endorsed="III")):
        assignment = review_services.assign_reviewer(application, reviewer, actor=coordinator)
        reviewing.declare_conflict(assignment, conflict=False, note="", actor=reviewer)
        reviewing.submit_review(
            assignment, actor=reviewer, recommendation="exam", reasons="",
            areas={a.key: {"met": True, "comment": ""} for a in reviewing.areas_for(application)})
    scorers = [ReviewerFactory(first_name="Sky", last_name="Reed"),
               ReviewerFactory(first_name="Lou", last_name="Park")]
    sitting = ExamSitting.objects.create(
        program="IMH-E", starts_at=timezone.now() + dt.timedelta(days=20), mode="online",
        place="Video call", capacity=5)

    sign_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/coordinator/applications/{application.pk}/decide/")
    page.get_by_role("button", name="Approve to sit the exam").click()
    expect(page.get_by_text("Approved to sit the exam").first).to_be_visible()
    assert_accessible(page, "approved to sit the exam")

    page.goto(f"{live_server.url}/coordinator/exams/sittings/{sitting.pk}/")
    page.get_by_label("Candidate", exact=False).and_(page.locator("select")).select_option(
        label=f"{applicant.display_name} – Level III – Mental Health Specialist")
    page.get_by_role("button", name="Enrol").click()
    expect(page.get_by_text("is enrolled, with candidate code")).to_be_visible()
    ExamSitting.objects.update(starts_at=timezone.now() - dt.timedelta(hours=2))
    page.get_by_role("link", name=applicant.display_name).click()
    page.get_by_label("Multiple-choice score (percent)").fill("91")
    page.get_by_role("button", name="Record part 1").click()
    page.get_by_label("The candidate's vignette answers").fill("Vignette answers, no name.")
    page.get_by_role("button", name="Save the answers").click()
    for scorer in scorers:
        page.get_by_label("Add a scorer").select_option(
            label=f"{scorer.display_name} ({scorer.email})")
        page.get_by_role("button", name="Add the scorer").click()
    code = ExamEnrolment.objects.get().candidate_code
    for scorer in scorers:
        scorer_page = browser.new_page()
        sign_in(scorer_page, live_server, scorer)
        scorer_page.goto(f"{live_server.url}/coordinator/exams/scoring/")
        scorer_page.get_by_role("link", name=code).click()
        assert applicant.last_name not in scorer_page.content()
        scorer_page.get_by_label("Score (percent)").fill("88")
        scorer_page.get_by_role("button", name="Submit my score").click()
        expect(scorer_page.get_by_text(f"Your score for {code} is recorded.")).to_be_visible()
        scorer_page.close()

    page.goto(f"{live_server.url}/coordinator/applications/{application.pk}/decide/")
    assert_accessible(page, "decision page after the exam")
    page.get_by_role("button", name="Endorse", exact=True).click()
    expect(page.get_by_text("The decision is recorded: Endorsed.")).to_be_visible()
    endorsement = Endorsement.objects.get(application=application)

    applicant_page = browser.new_page()
    sign_in(applicant_page, live_server, applicant)
    applicant_page.goto(f"{live_server.url}/apply/{application.pk}/")
    expect(applicant_page.locator(".endorsement-number")).to_contain_text(endorsement.number)
    assert_accessible(applicant_page, "endorsed after the exam")
