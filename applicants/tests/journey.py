"""Steps shared by the browser journeys: each fills one section the way a person would."""
import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from applicants.tests.factories import PDF
from endorsement.testing.browser import assert_accessible


def iso(days_ago: int) -> str:
    return (timezone.localdate() - dt.timedelta(days=days_ago)).isoformat()


def check(page, name):
    assert_accessible(page, name)


def open_section(page, title):
    page.get_by_role("link", name=title, exact=True).first.click()
    check(page, title)


def back_to_tasks(page):
    page.get_by_role("link", name="Your application").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your application")


def answer_finder(page, live_server, answers):
    page.goto(f"{live_server.url}/apply/")
    check(page, "home")
    page.get_by_role("link", name="Find your category").click()
    check(page, "finder")
    page.get_by_label("A master's degree").check()  # the highest degree comes first
    page.get_by_role("button", name="Next").click()
    for label in answers:
        page.get_by_label(label).check()
        page.get_by_role("button", name="Next").click()
        check(page, f"finder after {label}")


def task_list_at_360(page):
    page.set_viewport_size({"width": 360, "height": 800})
    check(page, "task list at 360px")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 1280, "height": 900})


def fill_profile(page, name):
    open_section(page, "About you")
    page.get_by_label("Your full name").fill(name)
    page.get_by_label("Phone number").fill("617-555-0100")
    page.get_by_label("Street address").fill("1 Main Street")
    page.locator("#id_city").fill("Springfield")
    page.get_by_label("ZIP code").fill("01103")
    page.get_by_label("Where you work now").fill("Family Center")
    page.get_by_label("Work setting").select_option("home_visiting")
    page.get_by_label("Your region").select_option("western")
    page.get_by_label("Languages you work in").fill("English, Spanish")
    page.get_by_label("Prefer not to say").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Your details were saved.")).to_be_visible()
    check(page, "task list after profile")


def add_degree(page, kind, name, years_ago, tmp_path):
    open_section(page, "Education")
    page.get_by_role("link", name="Add a degree").click()
    check(page, "add degree")
    transcript = tmp_path / "my transcript.pdf"
    transcript.write_bytes(PDF)
    page.get_by_label("Kind of degree").select_option(kind)
    page.get_by_label("College, university").fill("UMass Amherst")
    page.get_by_label("Date awarded").fill(iso(365 * years_ago))
    page.get_by_label("Official transcript").set_input_files(str(transcript))
    # Forget the degree's name: the error shows next to it, and the file is kept.
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#id_name ~ .invalid-feedback, #error_1_id_name").first).to_be_visible()
    expect(page.get_by_text("File kept: my transcript.pdf")).to_be_visible()
    check(page, "degree form with an error")
    assert page.get_by_label("College, university").input_value() == "UMass Amherst"
    page.get_by_label("Name of the degree").fill(name)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The degree was saved.")).to_be_visible()
    expect(page.get_by_role("link", name="my transcript.pdf")).to_be_visible()
    check(page, "education list")
    back_to_tasks(page)


def add_training(page, titles, hours):
    open_section(page, "Training")
    for title in titles:
        page.get_by_role("link", name="Add a training").click()
        check(page, "add training")
        page.get_by_label("Title").fill(title)
        page.get_by_label("Who offered it").fill("MassAIMH")
        page.get_by_label("Date (or last day)").fill(iso(100))
        page.get_by_label("Clock hours").fill(str(hours))
        page.get_by_label("Theoretical Foundations").check()
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text("The training was saved.")).to_be_visible()
    check(page, "training list")
    back_to_tasks(page)


def add_job(page, kind_label, role, years, *, focus=True, families="15"):
    open_section(page, "Work experience")
    page.get_by_role("link", name="Add a job").click()
    check(page, "add job")
    page.get_by_label("Employer").fill("Family Center")
    page.get_by_label("Your role or job title").fill(role)
    page.get_by_label("Start date").fill(iso(365 * years))
    page.get_by_label("Hours you worked in a usual week").fill("40")
    page.get_by_label("Your main duties, in a few words").fill(f"{role}: the daily work")
    page.get_by_label(kind_label).check()
    if families is not None:
        page.get_by_label("How many families").fill(families)
    if focus:
        page.get_by_label("The main focus of my work").check()
        page.get_by_label("My work paid attention to the relationships").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The job was saved.")).to_be_visible()
    check(page, "work list")
    back_to_tasks(page)


def sign_agreements(page, name):
    open_section(page, "Code of Ethics and Agreement")
    # Both agreements sit in one form: an error on one keeps what was typed in the other.
    page.locator("#id_agreement-typed_name").fill("Typed but not sent")
    page.locator("#id_code_of_ethics-typed_name").fill("Someone Else")
    page.get_by_role("button", name="Sign the Code of Ethics").click()
    expect(page.get_by_text("Type your name exactly as in").last).to_be_visible()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("#id_agreement-typed_name")).to_have_value("Typed but not sent")
    check(page, "agreements with an error")
    for document in ("code_of_ethics", "agreement"):
        page.locator(f"#id_{document}-typed_name").fill(name.upper())
        page.locator(f"button[name=document][value={document}]").click()
        expect(page.get_by_text("You signed the")).to_be_visible()
    check(page, "agreements signed")
    back_to_tasks(page)


def fill_membership(page):
    open_section(page, "Membership and fee")
    page.get_by_label("MassAIMH membership number").fill("M-2026-001")
    page.get_by_label("Membership paid through").fill(iso(-200))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your membership was saved.")).to_be_visible()


def submit(page):
    page.get_by_role("link", name="Check your answers and submit").click()
    check(page, "check your answers")
    expect(page.get_by_text("Everything you need to do is done")).to_be_visible()
    page.get_by_role("button", name="Submit my application").click()
    expect(page.get_by_text("Your application has been submitted")).to_be_visible()
    check(page, "submitted")


def finish_and_submit(page, name, complete_sections):
    """Look at References, sign, add membership, see every section complete, then submit."""
    open_section(page, "References")
    page.go_back()
    sign_agreements(page, name)
    fill_membership(page)
    check(page, "task list, complete")
    for title in complete_sections:
        item = page.locator(".task-list li").filter(
            has=page.get_by_role("link", name=title, exact=True))
        expect(item.locator(".status")).to_have_text("Complete")
    task_list_at_360(page)
    submit(page)
