"""Journey (issue 16): a partner publishes a training with one seat; two applicants sign up,
the second to the waiting list; the first cancels and the second is promoted; the trainer
takes the roll on a 360 px phone; the training appears confirmed in the attendee's training
section and the checklist counts its hours. axe on every page."""
import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applicants.case import checklist
from applicants.models import TrainingEntry
from applicants.tests.factories import ApplicationFactory
from endorsement.testing.browser import assert_accessible, sign_in
from endorsement.testing.factories import UserFactory

from ..models import Signup, Training
from .helpers import partner_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def as_person(page, live_server, user):
    page.context.clear_cookies()
    sign_in(page, live_server, user)


def test_publish_sign_up_wait_promote_roll_and_credit(page, live_server):
    trainer = partner_user("trainer@example.org", "Family Institute", first_name="Tia",
                           last_name="Trainer")
    first = UserFactory(email="first@example.org", first_name="Fay", last_name="First")
    second = UserFactory(email="second@example.org", first_name="Sol", last_name="Second")
    application = ApplicationFactory(applicant=second, category="II")

    # The partner publishes a training with one seat.
    sign_in(page, live_server, trainer)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Trainings I run").first.click()
    assert_accessible(page, "trainings I run")
    page.get_by_role("link", name="Publish a training").click()
    assert_accessible(page, "publish a training")
    day = timezone.localdate() + dt.timedelta(days=5)
    page.get_by_label("Title").fill("Attachment in the first year")
    page.get_by_label("Starts").fill(f"{day.isoformat()}T09:00")
    page.get_by_label("Ends").fill(f"{day.isoformat()}T17:00")
    page.get_by_label("Clock hours").fill("12")
    page.get_by_label("In person").check()
    page.get_by_label("Where").fill("1 Main Street, Worcester")
    page.get_by_label("Region").select_option("central")
    page.locator("#id_language").select_option("en")
    page.get_by_label("Theoretical Foundations").check()
    page.get_by_label("Seats").fill("1")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("The training is on the calendar.")).to_be_visible()
    assert_accessible(page, "sign-ups")
    training = Training.objects.get()
    assert training.capacity == 1 and timezone.localtime(training.starts_at).hour == 9

    # Anyone browses the calendar; the first applicant takes the seat.
    as_person(page, live_server, first)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Trainings", exact=True).click()
    assert_accessible(page, "calendar")
    page.get_by_label("Region").select_option("central")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("link", name="Attachment in the first year").click()
    assert_accessible(page, "training page")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("You are signed up.")).to_be_visible()
    assert_accessible(page, "signed up")

    # The second goes to the waiting list.
    as_person(page, live_server, second)
    page.goto(f"{live_server.url}/trainings/{training.pk}/")
    page.get_by_role("button", name="Join the waiting list").click()
    expect(page.get_by_text("You are number 1 on the waiting list.")).to_be_visible()
    assert_accessible(page, "waiting list")

    # The first cancels: the second gets the seat.
    as_person(page, live_server, first)
    page.goto(f"{live_server.url}/trainings/{training.pk}/")
    page.get_by_role("button", name="Cancel my sign-up").click()
    expect(page.get_by_text("Your sign-up is cancelled.")).to_be_visible()
    assert Signup.objects.get(user=second).status == "booked"
    as_person(page, live_server, second)
    page.goto(f"{live_server.url}/trainings/mine/")
    assert_accessible(page, "my trainings")
    expect(page.locator("li", has_text="Attachment in the first year")).to_contain_text(
        "Signed up")

    # The day comes; the trainer takes the roll on a phone.
    Training.objects.filter(pk=training.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=1),
        ends_at=timezone.now() + dt.timedelta(hours=7))
    as_person(page, live_server, trainer)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/partner/trainings/{training.pk}/")
    page.get_by_role("link", name="Take the roll").click()
    assert_accessible(page, "roll at 360px")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_label("Sol Second").check()
    page.get_by_role("button", name="Save the roll").click()
    expect(page.get_by_text("Roll saved: 1 present, 0 absent.")).to_be_visible()
    assert_accessible(page, "roll saved at 360px")
    # Someone came without signing up: the trainer adds them by their account's address.
    UserFactory(first_name="Wanda", last_name="Walkin", email="wanda@example.org")
    page.goto(f"{live_server.url}/partner/trainings/{training.pk}/roll/")
    page.get_by_label("Their email address").fill("wanda@example.org")
    page.get_by_role("button", name="Add them as present").click()
    expect(page.get_by_label("Wanda Walkin")).to_be_checked()
    assert_accessible(page, "walk-in added at 360px")
    assert TrainingEntry.objects.filter(log__user__email="wanda@example.org").count() == 1
    page.set_viewport_size({"width": 1280, "height": 900})
    row = TrainingEntry.objects.get(log__user=second)
    assert row.confirmed_by == "Family Institute" and row.hours == 12

    # The attendee's training section shows it confirmed; the checklist counts its hours.
    as_person(page, live_server, second)
    page.goto(f"{live_server.url}/apply/{application.pk}/")
    assert_accessible(page, "task list")
    detail = {r["id"]: r for r in checklist(application)["requirements"]}["training"]["detail"]
    assert "12" in detail
    expect(page.get_by_text(detail).first).to_be_visible()
    page.get_by_role("link", name="Training", exact=True).first.click()
    assert_accessible(page, "training section")
    expect(page.locator(".rows li", has_text="Attachment in the first year")).to_contain_text(
        "Confirmed by Family Institute")
    expect(page.get_by_role("link", name="Edit Attachment in the first year")).to_have_count(0)
    page.goto(f"{live_server.url}/trainings/mine/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Certificate of attendance").click()
    assert download.value.suggested_filename == f"attendance-{training.pk}.pdf"
