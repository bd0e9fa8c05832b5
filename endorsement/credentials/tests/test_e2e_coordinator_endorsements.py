"""In a browser: the coordinator finds an Endorsement®, records an approved renewal (a new
certificate), puts it on leave with a reason, and verification shows it. Axe on every page."""
import datetime

import pytest
from playwright.sync_api import expect

from endorsement.credentials.models import Certificate, Endorsement
from endorsement.testing.browser import assert_accessible, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_renews_and_marks_inactive_public_sees_it(page, live_server, applicant,
                                                               coordinator, endorse):
    endorsement = endorse(applicant, issued_on=datetime.date(2025, 3, 1))
    sign_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/coordinator/")
    page.get_by_role("link", name="Endorsements®").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Endorsements®")
    assert_accessible(page, "coordinator endorsements")
    page.get_by_label("Number, name or email").fill("lopez")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#endorsement-total")).to_have_text("1 Endorsement®")
    page.get_by_role("link", name=endorsement.number).click()
    assert_accessible(page, "endorsement detail")
    page.set_viewport_size({"width": 360, "height": 800})
    assert_accessible(page, "endorsement detail at 360px")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 1280, "height": 900})

    expect(page.get_by_text("will then be valid through December 31, 2027")).to_be_visible()
    page.get_by_role("button", name="Record the approved renewal").click()
    expect(page.get_by_text("The renewal is recorded")).to_be_visible()
    expect(page.get_by_text("December 31, 2027", exact=True)).to_be_visible()
    assert Certificate.objects.filter(endorsement=endorsement).exclude(file="").count() == 2
    assert_accessible(page, "endorsement renewed")

    page.get_by_label("New status").select_option("inactive")
    page.get_by_role("button", name="Change the status").click()  # no reason yet
    expect(page.get_by_text("This field is required.")).to_be_visible()
    assert_accessible(page, "status form with an error")
    page.get_by_label("Reason (kept in the history)").fill("On leave until September")
    page.get_by_role("button", name="Change the status").click()
    expect(page.get_by_text("The status is changed")).to_be_visible()
    expect(page.locator("#endorsement-status")).to_have_text("Inactive")
    expect(page.get_by_text("On leave until September")).to_be_visible()
    assert_accessible(page, "endorsement inactive")
    assert Endorsement.objects.get().status == "inactive"

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/verify/{endorsement.number}/")
    expect(page.locator("#verification-status")).to_have_text("Inactive")
    assert_accessible(page, "verification of an inactive Endorsement®")
