"""Issue 11 in a browser: Back then Save leaves one row; About you saved part-filled and
resumed; after submitting, what is outstanding and the way to the references page. axe on
every page, at 1280 and 360 px."""
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from applicants.models import ApplicantProfile, TrainingEntry
from applicants.tests.factories import ApplicationFactory, complete
from applicants.workflow import transition
from endorsement.testing.browser import assert_accessible, sign_in
from references import services

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def check(page, name):
    assert_accessible(page, name)
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
    assert_accessible(page, f"{name} at 360 px")
    page.set_viewport_size({"width": 1280, "height": 800})


def test_back_then_save_leaves_one_row(page, live_server, applicant):
    application = ApplicationFactory(applicant=applicant, category="II")
    sign_in(page, live_server, applicant)
    page.goto(live_server.url + reverse("applicants:training_add", args=[application.pk]))
    check(page, "add training")
    page.get_by_label("Title").fill("Attachment and loss")
    page.get_by_label("Who offered it").fill("MassAIMH")
    page.get_by_label("Date (or last day)").fill("2024-03-01")
    page.get_by_label("Clock hours").fill("6")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The training was saved.")).to_be_visible()
    page.go_back()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("nothing was added twice")).to_be_visible()
    check(page, "training list after a re-post")
    assert TrainingEntry.objects.filter(application=application).count() == 1


def test_about_you_saved_part_filled_then_finished(page, live_server, applicant):
    application = ApplicationFactory(applicant=applicant, category="II")
    sign_in(page, live_server, applicant)
    url = live_server.url + reverse("applicants:profile", args=[application.pk])
    page.goto(url)
    check(page, "about you")
    page.get_by_label("Phone number").fill("555-0100")
    page.get_by_role("button", name="Save and finish later").click()
    expect(page.get_by_text("The questions still empty are waiting for you")).to_be_visible()
    page.goto(url)
    expect(page.get_by_label("Phone number")).to_have_value("555-0100")
    page.locator("#id_address").fill("1 Main St")
    page.locator("#id_city").fill("Worcester")
    page.locator("#id_postal_code").fill("01608")
    page.locator("#id_languages").fill("English, Spanish")
    page.locator("#id_work_setting").select_option("home_visiting")
    page.locator("#id_region").select_option("central")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Your details were saved.")).to_be_visible()
    assert ApplicantProfile.objects.get(user=applicant).is_complete


def test_after_submit_the_outstanding_list_leads_to_the_references(page, live_server,
                                                                    applicant):
    application = complete(ApplicationFactory(applicant=applicant, category="II"))
    transition(application, "submitted", actor=applicant)
    ref = services.request_reference(
        application, applicant, rater_name="Rosa Supervisor", rater_email="rosa@example.org",
        role="supervisor", known_for="2 years", waiver_name="Ana Lopez")
    services.decline(ref, "No time")
    sign_in(page, live_server, applicant)
    page.goto(live_server.url + reverse("applicants:application", args=[application.pk]))
    expect(page.get_by_role("heading", name="Still outstanding")).to_be_visible()
    expect(page.get_by_text("Rosa Supervisor declined to rate you.")).to_be_visible()
    check(page, "submitted, outstanding")
    page.locator("#outstanding").get_by_role("link", name="Ask someone else").first.click()
    check(page, "references after submit")
    page.get_by_role("link", name="Ask someone else instead of Rosa Supervisor").click()
    check(page, "replace a rater who declined")


def test_error_summary_gets_focus_and_leaving_with_changes_warns(page, live_server, applicant):
    application = ApplicationFactory(applicant=applicant, category="II")
    sign_in(page, live_server, applicant)
    page.goto(live_server.url + reverse("applicants:training_add", args=[application.pk]))
    page.get_by_label("Title").click()
    page.get_by_label("Title").fill("Half typed")
    page.get_by_role("button", name="Save").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page.get_by_label("Title")).to_have_value("Half typed")
    check(page, "training with an error summary")
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id").startswith("id_")

    # Changed and not saved: leaving asks first (the browser's own dialog), staying keeps it.
    page.get_by_label("Who offered it").type("MassAIMH")
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.get_by_role("link", name="Back without saving").click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    expect(page.get_by_label("Who offered it")).to_have_value("MassAIMH")


def test_the_finder_says_what_is_missing_and_what_the_category_requires(page, live_server,
                                                                         applicant):
    sign_in(page, live_server, applicant)
    page.goto(live_server.url + reverse("applicants:finder"))
    check(page, "finder")
    page.get_by_role("button", name="Next").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(page.get_by_text("Choose one answer, then press Next.")).to_be_visible()
    check(page, "finder, nothing answered")
    page.get_by_label("A bachelor's degree").check()
    page.get_by_role("button", name="Next").click()
    expect(page.locator("[data-error-summary]")).to_have_count(0)
    page.get_by_label("Babies and toddlers, birth to 3 years").check()
    page.get_by_role("button", name="Next").click()
    expect(page.locator("[data-error-summary]")).to_have_count(0)
    page.get_by_label("I work directly with parents (or caregivers) and their children").check()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Prevention or early intervention").check()
    page.get_by_role("button", name="Next").click()
    requires = page.locator("ul.requires")
    expect(requires).to_contain_text("Training: at least 30 clock hours")
    expect(requires).to_contain_text("Reflective supervision/consultation: 24 hours")
    check(page, "finder, recommendation with requirements")


def test_a_row_is_added_with_the_keyboard_alone(page, live_server, applicant):
    application = ApplicationFactory(applicant=applicant, category="II")
    sign_in(page, live_server, applicant)
    page.goto(live_server.url + reverse("applicants:training_add", args=[application.pk]))
    for _ in range(40):  # Tab from the top of the page to the first question
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_title":
            break
    assert page.evaluate("document.activeElement.id") == "id_title"
    page.keyboard.type("Keyboard training")
    page.keyboard.press("Enter")  # submits: the error summary takes focus
    expect(page.locator("[data-error-summary]")).to_be_focused()
    page.keyboard.press("Tab")  # the first link of the summary
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_sponsor"
    page.keyboard.type("MassAIMH")
    page.keyboard.press("Tab")
    page.keyboard.type("03012024")  # the date field takes digits in the page's order
    for _ in range(5):  # past the date's own parts to the hours
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_hours":
            break
    page.keyboard.type("3")
    assert page.locator("#id_hours").input_value() == "3"
    page.keyboard.press("Enter")
    expect(page.get_by_text("The training was saved.")).to_be_visible()
    assert TrainingEntry.objects.get(application=application).title == "Keyboard training"
