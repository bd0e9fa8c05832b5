"""The language switch in a browser: on the landing page (before sign-in) and on a rater's
page (kept on the reference request). axe on every page; the html lang follows the choice."""
import pytest
from django.urls import reverse

from endorsement.testing.browser import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_language_switch_on_the_landing_page_and_a_rater_page(page, live_server, applicant):
    from applicants.models import Application
    from references import services
    from references.models import ReferenceRequest
    from references.tests.conftest import RATER, token_for

    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/")
    assert page.get_attribute("html", "lang") == "en"
    assert_accessible(page, "landing, English")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Keyboard: the switch is reachable and works with Enter.
    switch = page.get_by_role("button", name="Español")
    switch.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("html[lang='es']")
    assert page.get_by_role("form", name="Idioma").is_visible()
    assert_accessible(page, "landing, Spanish")
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang='en']")

    application = Application.objects.create(applicant=applicant, program="IMH-E",
                                             category="II")
    ref = services.request_reference(application, applicant, **RATER, language="es")
    page.goto(live_server.url + reverse("references:link", args=[token_for(ref.rater_email)]))
    assert page.get_attribute("html", "lang") == "es"
    assert_accessible(page, "rater link, Spanish")
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang='en']")
    assert ReferenceRequest.objects.get(pk=ref.pk).language == "en"
    assert_accessible(page, "rater link, English")
