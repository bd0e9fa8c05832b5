"""Journey: the coordinator links an Endorsement Advisor, who then reads the application."""
import pytest
from playwright.sync_api import expect

from applicants.models import Status
from applicants.tests.factories import ApplicationFactory, complete
from applicants.workflow import transition
from endorsement.testing.browser import assert_accessible, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_advisor_linked_by_the_coordinator_reads_the_application(
    page, live_server, browser, coordinator, applicant, advisor
):
    application = complete(ApplicationFactory(applicant=applicant, category="II"))
    transition(application, Status.SUBMITTED, actor=applicant)

    sign_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/coordinator/applications/{application.pk}/")
    page.get_by_label("Endorsement Advisor").select_option(
        label=f"{advisor.display_name} ({advisor.email})")
    page.get_by_role("button", name="Save the advisor").click()
    linked = page.get_by_text(f"{advisor.display_name} can now read this application.")
    expect(linked).to_be_visible()
    assert_accessible(page, "application page with an advisor")

    advisor_page = browser.new_page()
    sign_in(advisor_page, live_server, advisor)
    advisor_page.goto(live_server.url + "/home/")
    expect(advisor_page.get_by_role("heading", level=1)).to_have_text("Applicants you advise")
    assert_accessible(advisor_page, "advisor's list")
    advisor_page.get_by_role("link", name=applicant.display_name).click()
    expect(advisor_page.get_by_text("Family Specialist").first).to_be_visible()
    assert_accessible(advisor_page, "application as the advisor reads it")
    assert advisor_page.get_by_role("button", name="Submit").count() == 0
    response = advisor_page.goto(f"{live_server.url}/apply/{application.pk}/about-you/")
    assert response.status == 404
