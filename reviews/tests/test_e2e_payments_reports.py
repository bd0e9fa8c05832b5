"""In a browser: the coordinator records a partial and a full payment and the applicant
downloads the receipt; the coordinator opens the reports (a chart and its table) and imports a
CSV after a dry run. Axe on every page."""
import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from applicants.tests.factories import ApplicationFactory, ProfileFactory, complete
from applicants.workflow import transition
from endorsement.credentials.models import Endorsement
from endorsement.testing.browser import assert_accessible, sign_in
from reviews.payments import services

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
CSV = ("email,first_name,last_name,endorsement_number,program,category,issued_on,"
       "valid_through\r\nold@example.org,Olga,Ward,OLD-7,IMH-E,II,2019-05-01,2030-12-31\r\n")


def test_payments_receipt_reports_and_import(page, live_server, applicant, coordinator):
    services.save_fee(fee=None, category="", kind="processing", amount=Decimal("150.00"),
                      effective_on=dt.date(2020, 1, 1), actor=coordinator)
    services.save_instructions("Mail a check to MassAIMH, PO Box 1.", actor=coordinator,
                               seen="")
    ProfileFactory(user=applicant)
    application = complete(ApplicationFactory(applicant=applicant, category="II"))
    transition(application, "submitted", actor=applicant)

    sign_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/coordinator/applications/{application.pk}/")
    page.get_by_role("link", name="Payments", exact=True).click()
    assert_accessible(page, "payments page")
    page.get_by_label("Amount (US$)").fill("12,50")
    page.get_by_role("button", name="Record the payment").click()
    expect(page.get_by_text("point before the cents")).to_be_visible()
    assert_accessible(page, "payment form with an error")
    page.get_by_label("Amount (US$)").fill("50")
    page.get_by_label("Reference (check number, transfer, purchase order)").fill("Check 101")
    page.get_by_role("button", name="Record the payment").click()
    expect(page.locator("#fee-status")).to_have_text("Not paid in full")
    page.get_by_label("Amount (US$)").fill("100.00")
    page.get_by_label("Method").select_option("bank_transfer")
    page.get_by_role("button", name="Record the payment").click()
    expect(page.locator("#fee-status")).to_have_text("Paid in full")
    expect(page.locator("tr.payment-row")).to_have_count(2)
    assert_accessible(page, "payments recorded")
    _narrow(page, "payments at 360px")

    page.get_by_role("button", name="Association").click()
    page.get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Funder reports")
    expect(page.locator("svg.report-chart").first).to_be_visible()
    expect(page.locator("#table-by-state")).to_contain_text("Submitted")
    assert_accessible(page, "reports")
    _narrow(page, "reports at 360px")
    page.get_by_role("link", name="Printable page").click()
    assert_accessible(page, "printable reports")

    page.get_by_role("button", name="Association").click()
    page.get_by_role("link", name="Import").click()
    page.get_by_label("CSV file from the old system").set_input_files(
        files=[{"name": "old.csv", "mimeType": "text/csv", "buffer": CSV.encode()}])
    page.get_by_role("button", name="Check the file (dry run)").click()
    expect(page.locator("#import-counts")).to_have_text("1 to create, 0 to update, 0 refused.")
    assert_accessible(page, "dry run")
    _narrow(page, "dry run at 360px")
    assert not Endorsement.objects.filter(number="OLD-7").exists()
    page.get_by_role("button", name="Import 1 row").click()
    expect(page.locator("#import-state")).to_have_text("Imported")
    assert_accessible(page, "imported")
    assert Endorsement.objects.filter(number="OLD-7").exists()

    page.context.clear_cookies()
    sign_in(page, live_server, applicant)
    page.goto(f"{live_server.url}/apply/{application.pk}/")
    expect(page.get_by_text("Your fees are paid. Thank you.")).to_be_visible()
    assert_accessible(page, "applicant's application with receipts")
    with page.expect_download() as download:
        page.get_by_role("link", name="Receipt R-").first.click()
    assert download.value.suggested_filename.startswith("receipt-R-")


def _narrow(page, context):
    page.set_viewport_size({"width": 360, "height": 800})
    assert_accessible(page, context)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, context
    page.set_viewport_size({"width": 1280, "height": 900})
