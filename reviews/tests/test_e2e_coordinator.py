"""Journey: the coordinator works a submitted application; reviewer and applicant see it."""
import pytest

from applicants.models import Status
from applicants.tests.factories import ApplicationFactory, complete
from applicants.workflow import transition
from endorsement.testing.browser import assert_accessible, sign_in
from endorsement.testing.factories import ReviewerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_records_fee_assigns_a_reviewer_and_returns_for_revision(
    page, live_server, browser, coordinator, applicant
):
    application = complete(ApplicationFactory(applicant=applicant, category="II"))
    transition(application, Status.SUBMITTED, actor=applicant)
    reviewer = ReviewerFactory(first_name="Rae", last_name="Quinn", endorsed="IV-C")

    sign_in(page, live_server, coordinator)
    page.goto(live_server.url + "/coordinator/")
    assert_accessible(page, "coordinator queues")
    page.get_by_role("link", name=applicant.display_name).click()
    assert_accessible(page, "coordinator application page")

    page.get_by_label("The processing fee has been received").check()
    page.get_by_role("button", name="Save the fee status").click()
    assert page.get_by_text("The fee status is saved.").is_visible()

    page.get_by_label("Add a reviewer").select_option(label=f"Rae Quinn ({reviewer.email})")
    page.get_by_role("button", name="Assign").click()
    assert page.get_by_text("Rae Quinn can now see this application.").is_visible()

    page.get_by_role("button", name="Return to the applicant").click()
    assert page.get_by_text("This field is required.").is_visible()
    assert_accessible(page, "return form with an error")
    page.get_by_label("What should the applicant revise?").fill(
        "Please upload the official transcript for your bachelor's degree."
    )
    page.get_by_role("button", name="Return to the applicant").click()
    assert page.get_by_text("The application is returned").is_visible()
    assert page.get_by_text("Returned for revision").first.is_visible()
    assert_accessible(page, "application after return")

    reviewer_page = browser.new_page()
    sign_in(reviewer_page, live_server, reviewer)
    reviewer_page.goto(live_server.url + "/coordinator/assigned/")
    assert_accessible(reviewer_page, "reviewer's list")
    reviewer_page.get_by_role("link", name=applicant.display_name).click()
    assert reviewer_page.get_by_role("heading", level=1).is_visible()
    assert_accessible(reviewer_page, "application as the reviewer sees it")

    applicant_page = browser.new_page()
    sign_in(applicant_page, live_server, applicant)
    applicant_page.goto(live_server.url + f"/apply/{application.pk}/")
    assert applicant_page.get_by_text("Please upload the official transcript").first.is_visible()
    assert_accessible(applicant_page, "applicant's task list after return")
