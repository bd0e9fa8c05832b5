"""Issue 11 in a browser: only the rater roles the level accepts, the dead-end exit (a rater
who would fill no place), correcting a mistyped address (the old link closes), at 1280 and
360 px with axe on every page."""
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from endorsement.testing.browser import assert_accessible, sign_in
from references.models import ReferenceRequest

from .conftest import token_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fits_360(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def check(page, name):
    assert_accessible(page, name)
    page.set_viewport_size({"width": 360, "height": 740})
    assert fits_360(page), name
    assert_accessible(page, f"{name} at 360 px")
    page.set_viewport_size({"width": 1280, "height": 800})


def ask(page, name, email, role):
    page.get_by_label("Rater's full name").fill(name)
    page.get_by_label("Rater's email address").fill(email)
    page.get_by_label("How does this person know your work?").select_option(role)
    page.get_by_label("How long have you known each other?").fill("4 years")
    page.locator("#id_waiver").check()
    page.get_by_label("Type your full name to sign").fill("Ana Lopez")
    page.get_by_role("button", name="Send the request").click()


def test_rater_roles_dead_end_and_correction(page, live_server, applicant):
    from applicants.models import Application

    application = Application.objects.create(applicant=applicant, program="IMH-E", category="II")
    section = live_server.url + reverse("references:section", args=[application.pk])
    sign_in(page, live_server, applicant)
    page.goto(section)
    check(page, "references section")
    options = page.locator("#id_role option").all_inner_texts()
    assert "A parent or other person I have served" not in options
    assert "A colleague" in options

    # Two supervisors fill the two places a supervisor can; a third would count for nothing.
    ask(page, "Sam Supervisor", "sam@exmaple.org", "supervisor")
    page.get_by_text("We emailed Sam Supervisor").wait_for()
    ask(page, "Tess Teacher", "tess@example.org", "teacher")
    page.get_by_text("We emailed Tess Teacher").wait_for()
    ask(page, "Una Third", "una@example.org", "supervisor")
    error = page.locator("#id_role").locator("xpath=..").locator(".invalid-feedback")
    expect(error).to_contain_text("this rating would not count")
    expect(error).to_contain_text("Still needed: the person who provides your reflective")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert page.get_by_label("Rater's email address").input_value() == "una@example.org"
    check(page, "a rater who would fill no place")
    page.get_by_label("How does this person know your work?").select_option("rsc_provider")
    page.locator("#id_waiver").check()
    page.get_by_role("button", name="Send the request").click()
    page.get_by_text("We emailed Una Third").wait_for()
    assert ReferenceRequest.objects.count() == 3

    # Sam's address was mistyped: correct it; the old link closes.
    sam = ReferenceRequest.objects.get(rater_name="Sam Supervisor")
    old_token = token_for("sam@exmaple.org")
    page.get_by_role("link", name="Correct the name or address of Sam Supervisor").click()
    check(page, "correct a rater")
    page.get_by_label("Rater's email address").fill("sam@example.org")
    page.get_by_role("button", name="Send the new link").click()
    expect(page.get_by_text("We emailed Sam Supervisor a new link at sam@example.org")
           ).to_be_visible()
    sam.refresh_from_db()
    assert sam.rater_email == "sam@example.org"
    page.goto(live_server.url + reverse("references:link", args=[old_token]))
    expect(page.get_by_role("heading", name="This rating is no longer needed")).to_be_visible()
    assert_accessible(page, "old link closed")
    new_token = token_for("sam@example.org")
    page.goto(live_server.url + reverse("references:link", args=[new_token]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ana Lopez asks you")
    assert_accessible(page, "new link")
    check(page, "rater's link page")
    page.get_by_role("button", name="Start the rating").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Reference rating for Ana Lopez")
    check(page, "rating page")
    page.get_by_role("button", name="Submit the rating").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    check(page, "rating page with the error summary")
    page.locator("[data-error-summary] a").first.click()
    assert page.evaluate("document.activeElement.type") == "radio"
    page.get_by_role("link", name="Decline instead").click()
    page.get_by_role("button", name="Decline").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    check(page, "decline page with the error summary")


def test_a_rating_that_fills_no_place_offers_to_ask_someone_else(page, live_server, applicant):
    from applicants.models import Application
    from references import services

    application = Application.objects.create(applicant=applicant, program="IMH-E", category="II")
    ref = services.request_reference(
        application, applicant, rater_name="Pat Parent", rater_email="pat@example.org",
        role="colleague", known_for="2 years", waiver_name="Ana Lopez")
    # Asked before the roles were limited: a parent's rating, which Level II does not take.
    ReferenceRequest.objects.filter(pk=ref.pk).update(role="service_recipient",
                                                      status="submitted")
    sign_in(page, live_server, applicant)
    page.goto(live_server.url + reverse("references:section", args=[application.pk]))
    expect(page.get_by_text("This rating does not count toward your level.")).to_be_visible()
    check(page, "a rating that fills no place")
    page.get_by_role("link", name="Ask someone else instead of Pat Parent").click()
    check(page, "replace a rating that fills no place")
    page.get_by_label("Rater's full name").fill("Reed Provider")
    page.get_by_label("Rater's email address").fill("reed@example.org")
    page.get_by_label("How does this person know your work?").select_option("rsc_provider")
    page.get_by_label("How long have you known each other?").fill("3 years")
    page.locator("#id_waiver").check()
    page.get_by_label("Type your full name to sign").fill("Ana Lopez")
    page.get_by_role("button", name="Send the request").click()
    page.get_by_text("We emailed Reed Provider").wait_for()
    expect(page.get_by_text("This rating does not count toward your level.")).to_have_count(0)
    ref.refresh_from_db()
    assert ref.status == "replaced"
