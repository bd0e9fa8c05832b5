"""The whole reference journey in a browser: ask three raters, two rate, one declines, the
applicant asks someone else, the coordinator reads the ratings. axe on every page."""
from pathlib import Path

import pytest
from django.urls import reverse

from endorsement.testing.browser import assert_accessible, sign_in
from references import services
from references.models import ReferenceRating, ReferenceRequest

from .conftest import token_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RATERS = [
    ("Rosa Supervisor", "rosa@example.org", "supervisor", "II"),
    ("Reed Provider", "reed@example.org", "rsc_provider", ""),
    ("Cole League", "cole@example.org", "colleague", ""),
]


SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
SHOTS.mkdir(parents=True, exist_ok=True)


def fits_360(page) -> bool:
    """Nothing wider than a 360 px phone screen (no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def ask_rater(page, name, email, role, endorsement):
    page.get_by_label("Rater's full name").fill(name)
    page.get_by_label("Rater's email address").fill(email)
    page.get_by_label("How does this person know your work?").select_option(role)
    page.get_by_label("How long have you known each other?").fill("4 years")
    if endorsement:
        page.get_by_label("The rater's Endorsement®", exact=True).select_option(endorsement)
        page.get_by_label("The rater's Endorsement® number (if you know it)").fill("MA-123")
    page.locator("#id_waiver").check()
    page.get_by_label("Type your full name to sign").fill("Ana Lopez")
    page.get_by_role("button", name="Send the request").click()


def rate_all(page, application, value="4"):
    for area in services.areas_for(application):
        page.locator(f"input[name='{area.key}'][value='{value}']").check()
    page.get_by_label("I recommend this applicant", exact=True).check()
    page.get_by_label("Comments").fill("Private comment 4242 about the applicant")


def test_reference_journey(page, browser, live_server, applicant, coordinator):
    from applicants.models import Application

    application = Application.objects.create(applicant=applicant, program="IMH-E", category="II")
    section = live_server.url + reverse("references:section", args=[application.pk])

    # The applicant asks three raters (after fixing a mistyped address).
    sign_in(page, live_server, applicant)
    page.goto(section)
    assert_accessible(page, "references section, empty")
    assert page.get_by_text("the person who provides your reflective supervision").count()
    ask_rater(page, "Rosa Supervisor", "rosa@example", "supervisor", "II")
    assert page.locator("#id_rater_email").get_attribute("aria-invalid") == "true"
    assert page.get_by_text("Enter a valid email address.", exact=True).is_visible()
    assert_accessible(page, "references section with an error")
    page.get_by_label("Rater's email address").fill("rosa@example.org")
    page.locator("#id_waiver").check()
    page.get_by_role("button", name="Send the request").click()
    page.get_by_text("We emailed Rosa Supervisor").wait_for()
    for rater in RATERS[1:]:
        ask_rater(page, *rater)
        page.get_by_text(f"We emailed {rater[0]}").wait_for()
    assert ReferenceRequest.objects.filter(application=application).count() == 3
    assert_accessible(page, "references section, three raters")
    page.set_viewport_size({"width": 360, "height": 740})
    assert fits_360(page)
    page.screenshot(path=str(SHOTS / "references-section-360.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})

    # Each rater opens the emailed link in a browser of their own.
    rater_pages = []
    for _name, email, _role, _level in RATERS:
        context = browser.new_context(viewport={"width": 360, "height": 740})
        rater_page = context.new_page()
        rater_page.set_default_timeout(10_000)
        rater_page.goto(live_server.url + reverse("references:link", args=[token_for(email)]))
        rater_page.get_by_text("Ana Lopez asks you to rate them for").wait_for()
        assert fits_360(rater_page)
        rater_pages.append(rater_page)
    assert_accessible(rater_pages[0], "rater landing page")

    # Rater 1 saves a draft, comes back through the link and submits.
    first = rater_pages[0]
    first.get_by_role("button", name="Start the rating").click()
    assert_accessible(first, "rating form")
    assert fits_360(first)
    first.screenshot(path=str(SHOTS / "rating-form-360.png"), full_page=True)
    rate_all(first, application)
    first.get_by_role("button", name="Save and finish later").click()
    first.get_by_text("Your answers are saved").wait_for()
    first.goto(live_server.url + reverse("references:link", args=[token_for("rosa@example.org")]))
    first.get_by_role("button", name="Continue the rating").click()
    first.get_by_role("button", name="Submit the rating").click()
    first.get_by_text("Thank you: your rating is submitted").wait_for()
    assert_accessible(first, "rating submitted")

    # Rater 2 uses the keyboard, forgets an area first (error next to it), then submits.
    second = rater_pages[1]
    second.get_by_role("button", name="Start the rating").focus()
    second.keyboard.press("Enter")
    first_radio = second.locator("input[type=radio]").first
    first_radio.focus()
    second.keyboard.press("Space")
    second.keyboard.press("ArrowDown")
    assert second.locator("input[type=radio]").nth(1).is_checked()
    rate_all(second, application, value="3")
    first_area = services.areas_for(application)[0]
    second.locator(f"input[name='{first_area.key}']:checked").evaluate("e => e.checked = false")
    second.get_by_role("button", name="Submit the rating").click()
    second.get_by_text(f"Choose a rating for {first_area.name}.", exact=True).wait_for()
    assert_accessible(second, "rating form with an error")
    second.locator(f"input[name='{first_area.key}'][value='na']").check()
    second.get_by_role("button", name="Submit the rating").click()
    second.get_by_text("Thank you: your rating is submitted").wait_for()

    # Rater 3 declines with a reason.
    third = rater_pages[2]
    third.get_by_role("button", name="Decline").click()
    assert_accessible(third, "decline form")
    third.get_by_role("button", name="Decline").click()
    third.get_by_text("Tell us briefly why you are declining.", exact=True).wait_for()
    third.get_by_label("Why are you declining?").fill("I have not worked with her recently.")
    third.get_by_role("button", name="Decline").click()
    third.get_by_text("Thank you for letting us know").wait_for()
    assert_accessible(third, "declined")

    # The used link shows a generic page, no applicant data.
    first.goto(live_server.url + reverse("references:link", args=[token_for("rosa@example.org")]))
    first.get_by_text("This rating has already been submitted").wait_for()
    assert "Ana" not in first.content()
    assert_accessible(first, "used link")
    assert ReferenceRating.objects.filter(submitted_at__isnull=False).count() == 2

    # The applicant sees statuses only, and replaces the rater who declined.
    page.goto(section)
    body = page.content()
    assert "Private comment 4242" not in body and "Consistently" not in body
    assert page.locator(".status[data-status='submitted']").count() == 2
    page.get_by_role("link", name="Ask someone else instead of Cole League").click()
    assert_accessible(page, "replace a rater")
    page.get_by_label("Rater's full name").fill("Carla Colleague")
    page.get_by_label("Rater's email address").fill("carla@example.org")
    page.get_by_label("How does this person know your work?").select_option("colleague")
    page.get_by_label("How long have you known each other?").fill("2 years")
    page.locator("#id_waiver").check()
    page.get_by_label("Type your full name to sign").fill("Ana Lopez")
    page.get_by_role("button", name="Send the request").click()
    page.get_by_text("We emailed Carla Colleague").wait_for()
    assert "Cole League" not in page.content()
    assert ReferenceRequest.objects.get(rater_email="cole@example.org").status == "replaced"

    # The coordinator reads the ratings.
    coordinator_context = browser.new_context()
    coord = coordinator_context.new_page()
    coord.set_default_timeout(10_000)
    sign_in(coord, live_server, coordinator)
    coord.goto(live_server.url + reverse("references:coordinator_application",
                                         args=[application.pk]))
    coord.get_by_text("Private comment 4242 about the applicant").first.wait_for()
    assert coord.locator("table.rating-content").count() == 2
    assert coord.get_by_text("I have not worked with her recently.").is_visible()
    assert_accessible(coord, "coordinator ratings page")
    coord.get_by_role("link", name="Record a vetting call with Reed Provider").click()
    assert_accessible(coord, "vetting form")
    coord.get_by_label("Date of the call").fill("2026-11-20")
    coord.get_by_label("Has a copy of the Competency Guidelines").check()
    coord.get_by_label("Familiar enough with the Guidelines to rate").check()
    coord.get_by_label("Outcome").select_option("accepted")
    coord.get_by_role("button", name="Record the call").click()
    coord.get_by_text("The call with Reed Provider is recorded.").wait_for()
    assert ReferenceRequest.objects.get(rater_email="reed@example.org").vetted
    coord.get_by_role("link", name="References needing attention").click()
    coord.get_by_role("link", name="Raters' Endorsement® to verify").click()
    coord.get_by_role("heading", name="Raters' Endorsement® to verify").wait_for()
    assert_accessible(coord, "coordinator overview")
