"""Browser journeys for issue 16 (consultation): a facilitator's roll on a phone credits three
members' RSC logs at once; an applicant finds a provider, sends a request, and sees the
provider's contact once the provider accepts. axe-core on every page."""
import pytest
from playwright.sync_api import expect

from applicants.models import RscSession
from applicants.tests.factories import ApplicationFactory
from endorsement.testing.browser import assert_accessible, sign_in
from endorsement.testing.factories import UserFactory

from .helpers import facilitator, group, listing, past_session

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_roll_on_a_phone_credits_three_members(page, live_server):
    fac = facilitator(email="faye@example.org")
    members = [UserFactory(first_name=name, last_name="Member", email=f"{name}@example.org")
               for name in ("Ana", "Ben", "Cai")]
    absent = UserFactory(first_name="Dee", last_name="Away", email="dee@example.org")
    g = group(fac, members=[*members, absent], name="Central RSC circle")
    session = past_session(g, hours="1.5")
    application = ApplicationFactory(applicant=members[0], category="II")

    page.set_viewport_size({"width": 360, "height": 780})
    sign_in(page, live_server, fac)
    page.goto(f"{live_server.url}/consultation/{g.pk}/")
    assert_accessible(page, "group page, facilitator")
    page.get_by_role("link", name="Take the roll").first.click()
    assert_accessible(page, "roll")
    for person in members:
        page.get_by_label(f"{person.first_name} Member").check()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the roll scrolls sideways at 360 px ({width})"
    page.get_by_role("button", name="Save the roll").click()
    expect(page.get_by_text("3 present, 1 absent")).to_be_visible()
    assert_accessible(page, "roll saved")
    assert RscSession.objects.filter(source=session.source).count() == 3

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, members[0])
    page.goto(f"{live_server.url}/apply/{application.pk}/rsc/")
    assert_accessible(page, "member's RSC section")
    expect(page.get_by_text("Confirmed by Faye Cilitator")).to_be_visible()
    expect(page.locator(".rows li").first.get_by_role("link", name="Edit")).to_have_count(0)


def test_applicant_finds_a_provider_and_sees_the_contact_once_accepted(page, live_server):
    provider = facilitator(email="pia@example.org")
    listing(provider, contact_email="pia.office@example.org", languages="English, Portuguese")
    other = facilitator(email="otto@example.org")
    listing(other, regions=",western,", languages="English")
    applicant = UserFactory(first_name="Ana", last_name="Lopez", email="ana@example.org")

    sign_in(page, live_server, applicant)
    page.goto(f"{live_server.url}/home/")
    page.get_by_role("link", name="Find RSC").first.click()
    assert_accessible(page, "directory")
    page.get_by_role("combobox", name="Region").select_option("central")
    page.get_by_role("searchbox", name="Language").fill("Portuguese")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#directory-total")).to_have_text("1 provider found")
    assert_accessible(page, "directory, filtered")
    expect(page.get_by_text("pia.office@example.org")).to_have_count(0)
    page.get_by_role("link", name="Send a request").click()
    assert_accessible(page, "send a request")
    page.get_by_label("Your message").fill("I am a home visitor looking for monthly RSC.")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator("#provider-requests")).to_contain_text("Waiting for an answer")
    assert_accessible(page, "my requests")
    expect(page.get_by_text("pia.office@example.org")).to_have_count(0)

    page.context.clear_cookies()
    sign_in(page, live_server, provider)
    page.goto(f"{live_server.url}/rsc-providers/requests/")
    assert_accessible(page, "provider's requests")
    expect(page.get_by_text("ana@example.org")).to_have_count(0)
    page.get_by_role("button", name="Accept and share contacts").click()
    expect(page.locator(".contact")).to_contain_text("ana@example.org")
    assert_accessible(page, "accepted")

    page.context.clear_cookies()
    sign_in(page, live_server, applicant)
    page.goto(f"{live_server.url}/rsc-providers/requests/")
    expect(page.locator(".contact")).to_contain_text("pia.office@example.org")
    assert_accessible(page, "applicant sees the contact")


def test_coordinator_creates_a_group_places_people_and_reads_the_grant_page(page, live_server,
                                                                           coordinator):
    from ..models import GroupMember
    from ..services import request_seat

    fac = facilitator(email="faye@example.org")
    sign_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/coordinator/consultation/")
    assert_accessible(page, "coordinator's groups")
    page.get_by_role("link", name="Create a group").click()
    assert_accessible(page, "create a group")
    page.get_by_label("Name").fill("Southeast circle")
    page.get_by_label("Facilitator").select_option(str(fac.pk))
    page.get_by_label("Region").select_option("southeast")
    page.get_by_label("Format").select_option("online")
    page.get_by_label("Seats").fill("1")
    page.get_by_role("button", name="Create the group").click()
    assert_accessible(page, "the group, coordinator")
    group_id = int(page.url.rstrip("/").split("/")[-1])
    from ..models import ConsultationGroup

    g = ConsultationGroup.objects.get(pk=group_id)
    with_access = request_seat(g, person=UserFactory(first_name="Has", last_name="Access"),
                               other_access=True)
    request_seat(g, person=UserFactory(first_name="No", last_name="Access"),
                 other_access=False)
    page.reload()
    expect(page.locator("#requests li").first).to_contain_text("No Access")
    page.get_by_role("button", name="Place No Access").click()
    expect(page.locator("#members")).to_contain_text("No Access")
    page.get_by_role("button", name="Place Has Access").click()
    expect(page.get_by_text("Southeast circle is full")).to_be_visible()
    assert_accessible(page, "group full")
    assert GroupMember.objects.filter(group=g).count() == 1
    with_access.refresh_from_db()
    assert with_access.status == "pending"
    # A second seat: the coordinator changes the group, then places the person waiting.
    page.get_by_role("link", name="Change the group").click()
    assert_accessible(page, "change the group")
    page.get_by_label("Seats").fill("2")
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_text("Southeast circle is saved.")).to_be_visible()
    page.get_by_role("button", name="Place Has Access").click()
    expect(page.locator("#members")).to_contain_text("Has Access")
    assert GroupMember.objects.filter(group=g).count() == 2
    page.goto(f"{live_server.url}/coordinator/reports/grant/")
    assert_accessible(page, "grant report")
