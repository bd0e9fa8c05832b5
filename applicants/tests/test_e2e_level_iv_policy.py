"""Level IV-Policy, in a browser: finder -> every section (with Leadership) -> submit."""
import pytest
from playwright.sync_api import expect

from applicants.models import Application
from applicants.tests import journey as j
from endorsement.testing.browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_level_iv_policy_from_finder_to_submission(page, live_server, applicant, tmp_path):
    sign_in(page, live_server, applicant)
    j.answer_finder(page, live_server, [
        "Young children, 3 up to 6 years", "I work in policy or advocacy"])
    expect(page.get_by_role("heading", name="Our suggestion")).to_be_visible()
    expect(page.get_by_text("Policy and advocacy leaders fit")).to_be_visible()
    page.get_by_role("button", name="Start an application for Level IV-P").click()
    j.check(page, "task list, new")
    application = Application.objects.get(applicant=applicant)
    assert (application.program, application.category) == ("ECMH-E", "IV-P")
    # IV-P has Leadership and no RSC section.
    expect(page.get_by_role("link", name="Leadership", exact=True)).to_have_count(1)
    expect(page.get_by_role("link", name="Reflective supervision/consultation",
                            exact=True)).to_have_count(0)
    j.task_list_at_360(page)

    j.fill_profile(page, "Ana Lopez")
    j.add_degree(page, "master", "MPP", 8, tmp_path)
    # Halfway: the submit page says exactly what is missing, with links to the sections.
    page.get_by_role("link", name="Check your answers and submit").click()
    j.check(page, "check your answers, with blockers")
    blockers = page.locator(".blockers")
    expect(blockers).to_contain_text("more needed")
    expect(blockers.get_by_role("link", name="Leadership")).to_be_visible()
    expect(page.get_by_role("button", name="Submit my application")).to_have_count(0)
    blockers.get_by_role("link").first.click()
    j.back_to_tasks(page)
    j.add_training(page, ["Policy for infant mental health"], 30)
    j.add_job(page, "Leading policy work", "Policy director", 5, focus=False, families=None)
    assert application.work.get().families_served == 0

    j.open_section(page, "Leadership")
    page.get_by_role("link", name="Add a leadership activity").click()
    j.check(page, "add leadership")
    page.get_by_label("Describe the leadership activity").fill(
        "I chair the state early childhood mental health policy group.")
    page.get_by_label("State", exact=True).check()
    page.get_by_label("Serve on regional, state or national policy-making groups").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The leadership activity was saved.")).to_be_visible()
    j.check(page, "leadership list")
    j.back_to_tasks(page)

    j.finish_and_submit(page, "Ana Lopez", (
        "About you", "Education", "Training", "Work experience", "Leadership",
        "Code of Ethics and Agreement", "Membership and fee"))

    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.snapshot["case"]["track"] == "policy"
    assert application.snapshot["answers"]["leadership"][0]["scope"] == "state"
