"""Returned for revision, in a browser: read the message, change a row, submit again."""
import pytest
from playwright.sync_api import expect

from applicants.models import CoordinatorMessage
from applicants.tests import journey as j
from applicants.tests.factories import ApplicationFactory, complete
from applicants.workflow import transition
from endorsement.testing.browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_returned_application_is_revised_and_resubmitted(page, live_server, applicant,
                                                         coordinator):
    application = complete(ApplicationFactory(applicant=applicant, category="I"))
    transition(application, "submitted", actor=applicant)
    note = "Please give the full title of your first training."
    CoordinatorMessage.objects.create(application=application, author=coordinator, body=note)
    transition(application, "returned", actor=coordinator, note=note)

    sign_in(page, live_server, applicant)
    page.goto(f"{live_server.url}/apply/{application.pk}/submitted/")
    j.check(page, "returned, read-only view")
    expect(page.get_by_text("Returned for revision").first).to_be_visible()
    page.get_by_role("link", name="Go to your application").click()
    j.check(page, "returned, task list")
    expect(page.locator("#coordinator-messages ~ .card")).to_contain_text(note)

    j.open_section(page, "Training")
    page.get_by_role("link", name="Edit").first.click()
    j.check(page, "edit training")
    page.get_by_label("Title").fill("Infant mental health workshop: attachment and loss")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".rows strong").first).to_contain_text("attachment and loss")
    j.back_to_tasks(page)
    j.submit(page)
    expect(page.locator(".timeline li")).to_have_count(4)  # started, submitted, returned, again
    application.refresh_from_db()
    assert application.status == "submitted"
    titles = [t["title"] for t in application.snapshot["answers"]["training"]]
    assert "Infant mental health workshop: attachment and loss" in titles
