"""In a browser: a holder downloads the certificate and joins the registry; a member of the
public verifies the number and finds the holder in the registry. Axe on every page."""
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from endorsement.testing.browser import assert_accessible, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def at_360(page, name):
    page.set_viewport_size({"width": 360, "height": 800})
    assert_accessible(page, f"{name} at 360px")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
    page.set_viewport_size({"width": 1280, "height": 900})


def test_holder_downloads_and_joins_the_registry_public_verifies_and_finds_them(
        page, live_server, applicant, endorse, tmp_path):
    endorsement = endorse(applicant)

    # The holder: their page, the certificate, the registry choice.
    sign_in(page, live_server, applicant)
    page.goto(f"{live_server.url}/home/")
    page.get_by_role("link", name="My Endorsements®").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My Endorsements®")
    expect(page.get_by_text("Infant Family Specialist (IFS), IMH-E®")).to_be_visible()
    assert_accessible(page, "my endorsements")
    at_360(page, "my endorsements")
    with page.expect_download() as info:
        page.get_by_role("link", name=f"Download the certificate for {endorsement.number}").click()
    download = info.value
    assert download.suggested_filename == f"{endorsement.number}.pdf"
    saved = tmp_path / "certificate.pdf"
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(saved), "-"], capture_output=True,
                              text=True).stdout
        assert "Ana Lopez" in text and endorsement.number in text

    expect(page.get_by_label("Name shown in the registry")).to_have_value("Ana Lopez")
    page.get_by_label("Name shown in the registry").fill("")
    page.get_by_label("Region shown in the registry").select_option("central")
    page.get_by_role("button", name="List me in the registry").click()  # no name: kept, told
    expect(page.get_by_text("This field is required.")).to_be_visible()
    expect(page.get_by_label("Region shown in the registry")).to_have_value("central")
    assert_accessible(page, "registry choice with an error")
    page.get_by_label("Name shown in the registry").fill("Ana Lopez")
    page.get_by_role("button", name="List me in the registry").click()
    expect(page.get_by_text("You are listed in the public registry while")).to_be_visible()
    expect(page.locator("#registry-state")).to_contain_text("region: Central")
    assert_accessible(page, "my endorsements, listed")

    # A member of the public: no account.
    page.context.clear_cookies()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Verify an Endorsement®").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify an Endorsement®")
    assert_accessible(page, "verify, empty")
    page.get_by_label("Endorsement® number").fill(endorsement.number.lower())
    page.get_by_label("Endorsement® number").press("Enter")
    expect(page.locator("#verification-status")).to_have_text("Valid")
    expect(page.get_by_text("Ana Lopez")).to_be_visible()
    expect(page.get_by_text("not a license")).to_be_visible()
    assert_accessible(page, "verify, result")
    at_360(page, "verify, result")

    page.get_by_label("Endorsement® number").fill("MASSAIMH-2026-99999")
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_text("We found no Endorsement® with that number.")).to_be_visible()
    assert_accessible(page, "verify, unknown number")

    page.get_by_role("link", name="Search the public registry of endorsed professionals").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Registry of endorsed professionals")
    assert_accessible(page, "registry")
    page.get_by_label("Name").fill("lopez")
    page.get_by_label("Region").select_option("central")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#registry-total")).to_have_text("1 professional listed")
    expect(page.get_by_role("heading", name="Ana Lopez")).to_be_visible()
    assert_accessible(page, "registry, found")
    at_360(page, "registry, found")

    # The QR code's link opens the same verification.
    page.goto(f"{live_server.url}/verify/{endorsement.number}/")
    expect(page.locator("#verification-status")).to_have_text("Valid")
    assert_accessible(page, "verify from the QR code")

    # The holder leaves the registry; the public no longer finds them.
    sign_in(page, live_server, applicant)
    page.goto(f"{live_server.url}/endorsements/")
    page.get_by_role("button", name="Remove me from the registry").click()
    expect(page.get_by_text("You are no longer listed in the public registry.")).to_be_visible()
    assert_accessible(page, "my endorsements, left the registry")
    page.goto(f"{live_server.url}/registry/?name=lopez")
    expect(page.locator("#registry-total")).to_have_text("0 professionals listed")
    assert_accessible(page, "registry, empty")
