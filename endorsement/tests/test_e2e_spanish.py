"""Journey in Spanish: a browser asking for es-MX signs up, confirms the email, answers the
category finder, saves "About you", asks a rater in Spanish, and the rater opens the form, all
in Spanish: every page says lang="es", passes axe, and shows none of the site's own English.

Selectors use ids and form structure, not English words, so the test reads the page as a
Spanish speaker would."""
import os
import re

import pytest
from django.core import mail as django_mail
from playwright.sync_api import expect

from endorsement.testing.browser import assert_accessible
from endorsement.testing.english import english_left, typed_values

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAME = "María José Rivera"


def spanish_page(page, where):
    """lang=es, axe, and no English of the site's own on the page."""
    assert page.get_attribute("html", "lang") == "es", where
    assert_accessible(page, where)
    left = english_left(page.content(), typed_values())
    if os.environ.get("SPANISH_JOURNEY_ONLY_STEPS"):  # to debug the steps alone
        return
    assert not left, f"{where}: English left: {left[:10]}"


def assert_spanish_subject(subject):
    if not os.environ.get("SPANISH_JOURNEY_ONLY_STEPS"):
        assert not english_left(f"<p>{subject}</p>"), subject


def submit(page):
    page.locator("main form button[type=submit]").last.click()


@pytest.fixture
def spanish_browser(browser, live_server):
    context = browser.new_context(locale="es-MX", extra_http_headers={
        "Accept-Language": "es-MX,es;q=0.9"})
    yield context.new_page()
    context.close()


def test_a_spanish_speaker_signs_up_applies_and_a_rater_rates_in_spanish(
        spanish_browser, live_server):
    from applicants.models import Application
    from endorsement.models import User
    from references.models import ReferenceRequest

    page = spanish_browser
    page.goto(live_server.url + "/")
    spanish_page(page, "landing")
    page.locator("main a[href='/accounts/signup/']").first.click()
    spanish_page(page, "sign-up")
    page.locator("#id_name").fill(NAME)
    page.locator("#id_email").fill("maria.rivera@example.org")
    page.locator("#id_password1").fill("una-frase-bastante-larga")
    page.locator("#id_password2").fill("una-frase-bastante-larga")
    submit(page)
    page.wait_for_url("**/confirm-email/**")
    spanish_page(page, "verification sent")
    person = User.objects.get(email="maria.rivera@example.org")
    assert person.language == "es", "the language of sign-up is kept on the account"

    [sent] = [m for m in django_mail.outbox if m.to == ["maria.rivera@example.org"]]
    assert_spanish_subject(sent.subject)
    link = re.search(r"(https?://\S+/accounts/confirm-email/\S+/)", sent.body).group(1)
    page.goto(live_server.url + link[link.index("/accounts/"):])
    spanish_page(page, "confirm email")
    submit(page)
    page.wait_for_url("**/apply/")
    spanish_page(page, "applicant home")

    # The category finder: a home visitor with a master's degree, working with parent and child.
    page.goto(live_server.url + "/apply/find-your-category/")
    spanish_page(page, "finder")
    for answer in ("#q-degree-master", "#q-age_group-infants", "#q-role-direct_dyads",
                   "#q-dyad_support-prevention"):
        page.locator(answer).check()
        page.locator("main form button[type=submit]").first.click()
        spanish_page(page, f"finder after {answer}")
    page.locator("form:has(input[name=program]) button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/apply/\d+/$"))
    spanish_page(page, "task list")
    application = Application.objects.get(applicant=person)
    assert application.category == "II"

    # "About you", saved; the message and the task list in Spanish.
    page.goto(f"{live_server.url}/apply/{application.pk}/about-you/")
    spanish_page(page, "about you")
    page.locator("#id_full_name").fill(NAME)
    page.locator("#id_phone").fill("617-555-0100")
    page.locator("#id_address").fill("Calle Principal 1")
    page.locator("#id_city").fill("Lawrence")
    page.locator("#id_postal_code").fill("01840")
    page.locator("#id_employer").fill("Centro Familiar")
    page.locator("#id_work_setting").select_option("home_visiting")
    page.locator("#id_region").select_option("northeast")
    page.locator("#id_languages").fill("español, inglés")
    submit(page)
    expect(page.locator(".alert-success").first).to_be_visible()
    spanish_page(page, "task list after about you")

    # A rater asked in Spanish.
    page.goto(f"{live_server.url}/references/application/{application.pk}/")
    spanish_page(page, "references section")
    page.locator("#id_rater_name").fill("Rosa Supervisora")
    page.locator("#id_rater_email").fill("rosa@example.org")
    page.locator("#id_role").select_option("supervisor")
    page.locator("#id_known_for").fill("4 años")
    page.locator("#id_language").select_option("es")
    page.locator("#id_waiver").check()
    page.locator("#id_waiver_name").fill(NAME)
    submit(page)
    expect(page.locator(".alert-success").first).to_be_visible()
    spanish_page(page, "references after asking")
    request = ReferenceRequest.objects.get(rater_email="rosa@example.org")
    assert request.language == "es"

    [ask] = [m for m in django_mail.outbox if m.to == ["rosa@example.org"]]
    assert_spanish_subject(ask.subject)
    rater_link = re.search(r"https?://\S+(/references/r/\S+/)", ask.body).group(1)

    rater = page.context.browser.new_context(locale="en-US")  # the link decides, not the browser
    rater_page = rater.new_page()
    rater_page.goto(live_server.url + rater_link)
    spanish_page(rater_page, "rater link")
    rater_page.locator("button[name=action][value=start]").click()
    rater_page.wait_for_url(re.compile(r".*/references/rate/\d+/$"))
    spanish_page(rater_page, "rating form")
    rater.close()
