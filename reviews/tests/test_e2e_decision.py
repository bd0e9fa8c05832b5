"""Journeys to the decision: a Level II application (no exam) is deferred, amended and
resubmitted, reviewed by two reviewers who declared no conflict, and endorsed; the applicant
sees the Endorsement® number. And an ineligible application cannot be endorsed."""
import re

import pytest
from playwright.sync_api import expect

from applicants.models import Status
from applicants.tests import journey as j
from endorsement.credentials.models import Endorsement
from endorsement.testing.browser import assert_accessible, sign_in
from endorsement.testing.factories import ReviewerFactory
from reviews import reviewing, services
from reviews.tests.helpers import in_review

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def coordinator_opens(page, live_server, application, what):
    page.goto(f"{live_server.url}/coordinator/applications/{application.pk}/")
    assert_accessible(page, f"coordinator application page, {what}")


def review_in_browser(page, live_server, reviewer, application, recommendation, other=None):
    sign_in(page, live_server, reviewer)
    page.goto(live_server.url + "/coordinator/assigned/")
    assert_accessible(page, "reviewer's list")
    page.get_by_role("link", name=application.applicant.display_name).click()
    expect(page.get_by_role("heading", name="First: any conflict of interest?")).to_be_visible()
    assert_accessible(page, "conflict declaration")
    page.get_by_label("No: I can review this application fairly").check()
    page.get_by_role("button", name="Save my declaration").click()
    expect(page.get_by_role("heading", name="Reference ratings")).to_be_visible()
    expect(page.get_by_text("Rater 0 comment")).to_be_visible()
    assert_accessible(page, "review form")
    page.set_viewport_size({"width": 360, "height": 800})
    assert_accessible(page, "review form at 360px")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 1280, "height": 900})
    for area in reviewing.areas_for(application):
        page.locator(f"input[name=met_{area.key}][value=met]").check()
        page.locator(f"#id_comment_{area.key}").fill(f"{reviewer.first_name} saw {area.name}")
    page.get_by_label(recommendation, exact=True).check()
    page.get_by_role("button", name="Submit my review").click()
    expect(page.get_by_text("Your review is submitted")).to_be_visible()
    assert_accessible(page, "review submitted")
    if other is not None:  # the other review shows only now
        expect(page.get_by_role("heading", name=other.display_name)).to_be_visible()


def test_deferred_amended_reviewed_and_endorsed(page, live_server, browser, coordinator,
                                                applicant):
    application = in_review(applicant, coordinator, category="II")
    first = ReviewerFactory(first_name="Rae", last_name="Quinn", endorsed="IV-C")
    second = ReviewerFactory(first_name="Max", last_name="Hale", endorsed="III")

    # The coordinator defers, with reasons.
    sign_in(page, live_server, coordinator)
    coordinator_opens(page, live_server, application, "in review")
    page.get_by_role("link", name="The decision: endorse, defer, do not endorse").click()
    assert_accessible(page, "decision page")
    page.get_by_role("button", name="Defer, with reasons").click()
    expect(page.get_by_role("alert")).to_contain_text("Write the reasons")
    assert_accessible(page, "decision refused without reasons")
    page.get_by_label("Reasons").fill("Please describe your RSC with the new supervisor.")
    page.get_by_role("button", name="Defer, with reasons").click()
    expect(page.get_by_text("The decision is recorded: Deferred.")).to_be_visible()
    assert_accessible(page, "after deferring")

    # The applicant reads the reasons, amends and submits again.
    applicant_page = browser.new_page()
    sign_in(applicant_page, live_server, applicant)
    applicant_page.goto(f"{live_server.url}/apply/")
    expect(applicant_page.get_by_text("The decision was deferred").first).to_be_visible()
    j.check(applicant_page, "home, deferred")
    applicant_page.goto(f"{live_server.url}/apply/{application.pk}/")
    j.check(applicant_page, "deferred, task list")
    j.open_section(applicant_page, "Training")
    applicant_page.get_by_role("link", name="Edit").first.click()
    applicant_page.get_by_label("Title").fill("Reflective supervision with my new supervisor")
    applicant_page.get_by_role("button", name="Save").click()
    j.back_to_tasks(applicant_page)
    j.submit(applicant_page)

    # The coordinator sees what changed, starts the review and assigns two reviewers.
    coordinator_opens(page, live_server, application, "resubmitted")
    page.get_by_role("link", name="Submitted versions and what changed").click()
    page.get_by_role("button", name="Show what changed").click()
    expect(page.locator("table.changes")).to_contain_text(
        "Reflective supervision with my new supervisor")
    assert_accessible(page, "what changed")
    coordinator_opens(page, live_server, application, "resubmitted")
    page.get_by_role("button", name="Start the review").click()
    for reviewer in (first, second):
        page.get_by_label("Add a reviewer").select_option(
            label=f"{reviewer.display_name} ({reviewer.email})")
        page.get_by_role("button", name="Assign").click()
        expect(page.get_by_text(f"{reviewer.display_name} can now see")).to_be_visible()

    # Two reviewers declare no conflict and review.
    review_in_browser(browser.new_page(), live_server, first, application, "Endorse")
    review_in_browser(browser.new_page(), live_server, second, application, "Endorse",
                      other=first)

    # The coordinator reads them side by side and endorses.
    coordinator_opens(page, live_server, application, "reviewed")
    page.get_by_role("link", name="The reviews side by side").click()
    expect(page.locator("table.side-by-side")).to_contain_text("Max saw")
    assert_accessible(page, "reviews side by side")
    page.get_by_role("link", name="Go to the decision").click()
    page.get_by_role("button", name="Endorse", exact=True).click()
    expect(page.get_by_text("The decision is recorded: Endorsed.")).to_be_visible()
    endorsement = Endorsement.objects.get(application=application)

    # The applicant sees the number.
    applicant_page.goto(f"{live_server.url}/apply/{application.pk}/")
    expect(applicant_page.locator(".endorsement-number")).to_contain_text(endorsement.number)
    expect(applicant_page.get_by_text("Congratulations: you are endorsed.")).to_be_visible()
    j.check(applicant_page, "endorsed")
    assert re.fullmatch(r"[A-Z]+-\d{4}-\d{5}", endorsement.number)


def test_an_ineligible_application_cannot_be_endorsed(page, live_server, coordinator,
                                                      applicant):
    application = in_review(applicant, coordinator, category="II")
    services.record_fee(application, paid=False, actor=coordinator)
    for reviewer in (ReviewerFactory(endorsed="IV-C"), ReviewerFactory(endorsed="IV-P")):
        assignment = services.assign_reviewer(application, reviewer, actor=coordinator)
        reviewing.declare_conflict(assignment, conflict=False, note="", actor=reviewer)
        reviewing.submit_review(
            assignment, actor=reviewer, recommendation="endorse", reasons="",
            areas={a.key: {"met": True, "comment": ""} for a in reviewing.areas_for(application)})

    sign_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/coordinator/applications/{application.pk}/decide/")
    expect(page.locator("#why-endorsed")).to_contain_text("rules do not allow")
    assert_accessible(page, "decision page, not eligible")
    page.get_by_role("button", name="Endorse", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("rules do not allow endorsing")
    assert_accessible(page, "endorsing refused")
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    assert not Endorsement.objects.filter(application=application).exists()
