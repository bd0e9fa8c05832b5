"""Journey: the coordinator finds an application among many, writes an internal note and reads
the application's full history; then opens an email in the outbox."""
import pytest
from django.utils import timezone

from applicants.models import Application, Status
from endorsement.testing.browser import assert_accessible, sign_in
from endorsement.testing.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_searches_filters_pages_notes_and_reads_the_history(
    page, live_server, coordinator
):
    now = timezone.now()
    Application.objects.bulk_create([
        Application(applicant=UserFactory(first_name="Sam", last_name=f"Many{n:02d}"),
                    program="IMH-E", category="II", status=Status.SUBMITTED, submitted_at=now)
        for n in range(55)])
    wanted = Application.objects.create(
        applicant=UserFactory(first_name="Wilhelmina", last_name="Park",
                              email="w.park@example.org"),
        program="ECMH-E", category="III", status=Status.IN_REVIEW, submitted_at=now)

    sign_in(page, live_server, coordinator)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(live_server.url + "/coordinator/")
    assert page.get_by_text("55 applications").is_visible()
    assert_accessible(page, "queue, first page")

    page.get_by_role("link", name="Next").click()
    assert page.get_by_text("page 2 of 2").first.is_visible()
    assert_accessible(page, "queue, second page")

    page.get_by_label("Level and designation").select_option("III")
    page.get_by_role("button", name="Search").click()
    assert page.get_by_text("No application matches").is_visible()
    page.get_by_label("Queue", exact=True).select_option("all")
    page.get_by_role("button", name="Search").click()
    assert page.get_by_text("1 application", exact=True).is_visible()
    assert_accessible(page, "queue, filtered")

    page.get_by_role("link", name="Clear").click()
    page.get_by_label("Name, email or application number").fill("w.park@")
    page.get_by_label("Name, email or application number").press("Enter")
    assert page.get_by_text("1 application", exact=True).is_visible()
    page.get_by_role("link", name="Wilhelmina Park").click()
    assert page.get_by_role("heading", name="Wilhelmina Park", level=1).is_visible()
    assert_accessible(page, "application page")

    page.get_by_role("button", name="Save the note").click()
    assert page.get_by_text("This field is required.").first.is_visible()
    assert "/notes/" not in page.url, "a failed form leaves no URL that posts on reload"
    page.get_by_role("textbox", name="Internal note").fill(
        "Called her: the transcript is in the mail.")
    page.get_by_role("button", name="Save the note").click()
    assert page.get_by_text("The note is saved. Only staff can read it.").is_visible()
    assert_accessible(page, "application page with a note")

    page.get_by_role("link", name="Full history").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith(
        f"History of application {wanted.pk}")
    assert page.get_by_text("Called her: the transcript is in the mail.").is_visible()
    assert page.get_by_text("Internal note written").count() == 0
    assert_accessible(page, "history")

    page.goto(f"{live_server.url}/coordinator/applications/{wanted.pk}/")
    page.get_by_label("Message to the applicant").fill("Please send the transcript.")
    page.get_by_role("button", name="Send the message").click()
    page.get_by_role("link", name="Full history").click()
    page.get_by_role("link", name="Email to w.park@example.org").first.click()
    assert page.get_by_text("Please send the transcript.").first.is_visible()
    assert_accessible(page, "an email in the outbox")
    page.get_by_role("button", name="Send it again to w.park@example.org").click()
    assert page.get_by_text("A copy is queued for w.park@example.org.").is_visible()
    page.get_by_role("link", name="Outbox").first.click()
    assert_accessible(page, "outbox")
