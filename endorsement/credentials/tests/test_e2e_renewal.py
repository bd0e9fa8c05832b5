"""In a browser: the holder logs training in their evidence log, opens the renewal, sees what
is missing, completes it, signs and submits; the coordinator records the fee and approves; the
holder sees the new valid-through date and certificate. Axe on every page."""
import datetime as dt

import pytest
from django.apps import apps
from playwright.sync_api import expect

from endorsement.credentials.models import Certificate, Endorsement
from endorsement.testing.browser import assert_accessible, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_holder_renews_online_and_the_coordinator_approves(page, live_server, applicant,
                                                           coordinator, endorse, settings):
    settings.RENEWAL_WINDOW_DAYS = 400  # open whatever today's date
    year = dt.date.today().year
    endorsement = endorse(applicant, issued_on=dt.date(year - 1, 3, 1))
    assert endorsement.valid_through == dt.date(year, 12, 31)
    today = dt.date.today()

    sign_in(page, live_server, applicant)
    page.goto(f"{live_server.url}/endorsements/")
    page.get_by_role("link", name="Renew online and keep my evidence log").click()
    assert_accessible(page, "renewal not started")
    page.get_by_role("button", name="Start my renewal").click()
    expect(page.locator("#checklist-summary")).to_have_text("Still missing:")
    expect(page.locator("#missing")).to_contain_text("0 of 15 hours")
    assert_accessible(page, "renewal with what is missing")

    page.get_by_role("link", name="Add a training").click()
    assert_accessible(page, "add a training")
    page.get_by_role("button", name="Save").click()  # nothing filled in
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page, "training form with errors")
    page.get_by_label("Title").fill("Attachment across the first years")
    page.get_by_label("Who offered it").fill("MassAIMH")
    page.get_by_label("Date (or last day)").fill(today.isoformat())
    page.get_by_label("Clock hours").fill("15")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved in your evidence log.")).to_be_visible()
    expect(page.locator("#log-training")).to_contain_text("Attachment across the first years")

    for i in range(8):
        page.get_by_role("link", name="Add an RSC session").click()
        if i == 0:
            assert_accessible(page, "add an RSC session")
        page.get_by_label("Date of the session").fill((today - dt.timedelta(days=i)).isoformat())
        page.locator("#id_hours").fill("1.5")
        page.get_by_label("Group").check()
        page.get_by_label("Provider's name").fill("Dr. Maria Rivera")
        page.get_by_label("Provider's Endorsement®").select_option("IV-C")
        page.get_by_label("Provider's highest degree").select_option("master")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text("Saved in your evidence log.")).to_be_visible()
    expect(page.locator("#missing")).to_contain_text("Membership")

    page.get_by_label("Membership number").fill("M-2041")
    page.get_by_label("Membership paid through").fill(f"{year + 1}-12-31")
    page.get_by_role("button", name="Save these details").click()
    expect(page.locator("#checklist-summary")).to_have_text(
        "Everything the renewal asks is there.")
    assert_accessible(page, "renewal complete")
    page.set_viewport_size({"width": 360, "height": 800})
    assert_accessible(page, "renewal at 360px")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_label("I have read the Code of Ethics again and agree to follow it").check()
    page.get_by_label("No licensing or certification board has sanctioned me").check()
    page.get_by_label("Your full name, typed as your signature").fill("Ana Lopez")
    page.get_by_role("button", name="Submit my renewal").click()
    expect(page.get_by_text("Your renewal is submitted.")).to_be_visible()
    assert_accessible(page, "renewal submitted")

    page.context.clear_cookies()
    sign_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/coordinator/renewals/")
    expect(page.locator("#renewal-total")).to_have_text("1 renewal")
    assert_accessible(page, "renewal queue")
    page.get_by_role("link", name=f"Ana Lopez, renewal {year}").click()
    assert_accessible(page, "renewal detail")
    page.set_viewport_size({"width": 360, "height": 800})
    assert_accessible(page, "renewal detail at 360px")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 1280, "height": 900})
    # The fee is paid by payments, recorded on the renewal's page: part, then the rest.
    expect(page.get_by_role("button", name="Approve the renewal")).to_be_disabled()
    panel = page.locator("#renewal-payments")
    panel.get_by_label("Amount (US$)").fill("20")
    panel.get_by_label("Method").select_option("check")
    panel.get_by_label("Reference (check number, transfer, purchase order)").fill("Check 101")
    panel.get_by_role("button", name="Record the payment").click()
    expect(page.get_by_text("of $20.00 is recorded.")).to_be_visible()
    expect(page.locator("#renewal-balance")).to_have_text("$30.00")
    expect(page.get_by_role("button", name="Approve the renewal")).to_be_disabled()
    # Every payment of the renewal on its own page; a wrong amount keeps every value.
    renewal_id = apps.get_model("renewals", "Renewal").objects.get().pk
    page.goto(f"{live_server.url}/payments/renewals/{renewal_id}/")
    expect(page.locator(".payment-row")).to_have_count(1)
    page.get_by_label("Amount (US$)").fill("12,50")
    page.get_by_label("Reference (check number, transfer, purchase order)").fill("Check 102")
    page.get_by_role("button", name="Record the payment").click()
    expect(page.get_by_text("not 12,50").first).to_be_visible()
    expect(page.get_by_label("Reference (check number, transfer, purchase order)")
           ).to_have_value("Check 102")
    assert_accessible(page, "renewal payments with an error")
    page.set_viewport_size({"width": 360, "height": 800})
    assert_accessible(page, "renewal payments at 360px")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name=f"Renewal {year}: Ana Lopez").click()
    panel.get_by_label("Amount (US$)").fill("30")
    panel.get_by_label("Method").select_option("bank_transfer")
    panel.get_by_role("button", name="Record the payment").click()
    expect(page.locator("#renewal-balance")).to_have_text("$0.00")
    expect(page.get_by_text("The fee is paid in full.")).to_be_visible()
    assert_accessible(page, "renewal fee paid")
    page.get_by_role("button", name="Approve the renewal").click()
    expect(page.get_by_text("The renewal is approved")).to_be_visible()
    expect(page.locator("#renewal-endorsements")).to_contain_text(
        f"valid through December 31, {year + 1}")
    assert_accessible(page, "renewal approved")
    assert Endorsement.objects.get().valid_through == dt.date(year + 1, 12, 31)
    assert Certificate.objects.filter(endorsement=endorsement).exclude(file="").count() == 2

    page.context.clear_cookies()
    sign_in(page, live_server, applicant)
    page.goto(f"{live_server.url}/endorsements/")
    expect(page.get_by_text(f"valid through December 31, {year + 1}")).to_be_visible()
    expect(page.get_by_role("link", name=f"Download the certificate for {endorsement.number}")
           ).to_be_visible()
    assert_accessible(page, "my Endorsements® after renewal")
    page.goto(f"{live_server.url}/endorsements/renewal/")
    expect(page.locator("#renewal-payments")).to_contain_text("Your renewal fee is paid.")
    expect(page.locator("#renewal-payments .renewal-payment")).to_have_count(2)
    assert_accessible(page, "my renewal with its receipts")


def test_the_coordinator_returns_a_renewal_and_the_holder_submits_it_again(
        page, live_server, applicant, coordinator, endorse, settings):
    from applicants.models import EvidenceLog, RscSession, TrainingEntry
    from endorsement.renewals import services

    settings.RENEWAL_WINDOW_DAYS = 400
    year = dt.date.today().year
    endorse(applicant, issued_on=dt.date(year - 1, 3, 1))
    log = EvidenceLog.of(applicant)
    TrainingEntry.objects.create(log=log, title="Attachment", sponsor="MassAIMH",
                                 date=dt.date(year, 1, 10), hours=15)
    for month in range(1, 9):
        RscSession.objects.create(log=log, date=dt.date(year, month, 5), hours=1.5,
                                  format="group", provider_name="Dr. Rivera",
                                  provider_level="IV-C", provider_degree="master")
    renewal = services.open_renewal(applicant)
    services.save_details(renewal.pk, actor=applicant, membership_number="M-1",
                          membership_expires=dt.date(year + 1, 12, 31), provides_rsc=False)
    services.submit_renewal(renewal.pk, actor=applicant, typed_name="Ana Lopez",
                            code_of_ethics=True, no_sanction=True)

    sign_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/coordinator/renewals/{renewal.pk}/")
    page.get_by_role("button", name="Return it to the holder").click()  # no message
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page, "return form with an error")
    page.get_by_label("What the holder must change").fill("Please add the sponsor's city.")
    page.get_by_role("button", name="Return it to the holder").click()
    expect(page.get_by_text("The renewal is returned to the holder")).to_be_visible()
    assert_accessible(page, "renewal returned")

    page.context.clear_cookies()
    sign_in(page, live_server, applicant)
    page.goto(f"{live_server.url}/endorsements/renewal/")
    expect(page.get_by_text("Please add the sponsor's city.")).to_be_visible()
    assert_accessible(page, "returned renewal")
    page.get_by_role("link", name="Change Attachment").click()
    page.get_by_label("Who offered it").fill("MassAIMH, Worcester")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#log-training")).to_contain_text("MassAIMH, Worcester")
    page.get_by_label("I have read the Code of Ethics again and agree to follow it").check()
    page.get_by_label("No licensing or certification board has sanctioned me").check()
    page.get_by_label("Your full name, typed as your signature").fill("ana lopez")
    page.get_by_role("button", name="Submit my renewal").click()
    expect(page.get_by_text("Your renewal is submitted.")).to_be_visible()
