"""Level II, in a browser: finder -> every section -> submit, with axe on every page."""
import pytest
from playwright.sync_api import expect

from applicants.models import Application
from applicants.tests import journey as j
from endorsement.models import OutboundEmail
from endorsement.testing.browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_level_ii_from_finder_to_submission(page, live_server, applicant, tmp_path):
    sign_in(page, live_server, applicant)
    j.answer_finder(page, live_server, [
        "Babies and toddlers", "I work directly with parents (or caregivers)",
        "Prevention or early intervention"])
    expect(page.get_by_role("heading", name="Our suggestion")).to_be_visible()
    expect(page.locator("#recommendation ~ p strong, .card strong").first).to_have_text(
        "Level II: Infant Family Specialist (IFS)")
    page.get_by_role("button", name="Start an application for Level II").click()
    j.check(page, "task list, new")
    j.task_list_at_360(page)
    application = Application.objects.get(applicant=applicant)
    assert (application.program, application.category) == ("IMH-E", "II")
    # Sections that do not apply to Level II are not shown.
    expect(page.get_by_role("link", name="Leadership", exact=True)).to_have_count(0)

    j.fill_profile(page, "Ana Lopez")
    j.add_degree(page, "bachelor", "BSW", 6, tmp_path)
    j.add_training(page, ["Attachment basics", "Home visiting and relationships"], 15)
    j.add_job(page, "Supporting families with babies", "Home visitor", 4)

    j.open_section(page, "Reflective supervision/consultation")
    page.get_by_role("link", name="Add a regular series of sessions").click()
    j.check(page, "rsc series")
    page.get_by_label("Date of the first session").fill(j.iso(400))
    page.get_by_label("Every how many weeks").fill("2")
    page.get_by_label("Number of sessions").fill("13")
    page.get_by_label("Hours of each session").fill("2")
    page.get_by_label("Individual", exact=True).check()
    page.get_by_label("Provider's name").fill("Dr. Rivera")
    page.get_by_label("Provider's Endorsement").select_option("III")
    page.get_by_label("Provider's highest degree").select_option("master")
    page.get_by_role("button", name="Add the sessions").click()
    expect(page.get_by_text("13 sessions were added.")).to_be_visible()
    j.check(page, "rsc list")
    j.back_to_tasks(page)

    j.finish_and_submit(page, "Ana Lopez", (
        "About you", "Education", "Training", "Work experience",
        "Reflective supervision/consultation", "Code of Ethics and Agreement",
        "Membership and fee"))

    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.snapshot["case"]["level"] == "II"
    assert len(application.snapshot["answers"]["rsc"]) == 13
    assert OutboundEmail.objects.filter(template="applicants_submitted",
                                        to=applicant.email).count() == 1
    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
